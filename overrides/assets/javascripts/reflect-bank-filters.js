/* Reflect: the question bank's filters panel — words, the audience, guide or set and theme
 * facets (tick boxes with counts), "Clear", and the counts shown. A view of its own
 * (R.BankFilters), made by the bank (see reflect-bank.js) and given only what it needs; it
 * keeps its controls and counters. reflect-banked.js decides what matches. */
(function () {
  "use strict";

  var R = window.Reflect;

  /* bank: what the panel reads from the bank and does with it —
   *   root: the bank's box (the panel is appended to it); data: the bank's data;
   *   known: its known values (R.banked.known); state(): the filter state now;
   *   set(state, fromState): show what a new state matches (fromState: also set the
   *   controls from it). */
  function BankFilters(bank) {
    this.bank = bank;
    this.controls = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    this.counters = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    this.summaries = {};
    this.build();
  }

  BankFilters.prototype = {
    constructor: BankFilters,

    /* The panel's heading, words field, facets, counts and hints, appended to the root. */
    build: function () {
      var el = R.el;
      var t = R.t;
      var bank = this.bank;
      var root = bank.root;
      var data = bank.data;
      var heading = el("h2", { id: "reflect-bank-filters-title", text: t("bank_filter_title") });
      var wordsInput = el("input", {
        type: "search",
        id: "reflect-bank-words",
        class: "reflect-input",
        autocomplete: "off",
        spellcheck: "false",
        "aria-describedby": "reflect-bank-words-hint",
      });
      this.wordsInput = wordsInput;
      var form = el("form", { class: "reflect-filters", "aria-labelledby": heading.id, role: "search" }, [
        el("div", { class: "reflect-field" }, [
          el("label", { for: wordsInput.id, text: t("bank_words") }),
          el("p", {
            id: "reflect-bank-words-hint",
            class: "reflect-hint",
            text: t("bank_words_hint"),
          }),
          wordsInput,
        ]),
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });

      form.appendChild(
        this.facet("audience", t("bank_audience"), (data.audiences || []).map(function (a) {
          return { id: a.id, label: a.name };
        }))
      );
      form.appendChild(
        this.facet("owner", t("bank_owner"), (data.owners || []).map(function (o) {
          return { id: o.id, label: o.title };
        }))
      );
      form.appendChild(this.themeFacet());

      this.live = el("p", { class: "reflect-count", role: "status", id: "reflect-bank-count" });
      this.empty = el("p", {
        class: "reflect-empty",
        hidden: true,
        text: t("bank_none"),
      });
      var clearButton = R.button(t("bank_clear"), function () {
        bank.set(R.banked.emptyState(), true);
        wordsInput.focus();
      });
      var shareHint = el("p", {
        class: "reflect-hint",
        text: t("bank_share_hint"),
      });
      form.appendChild(el("div", { class: "reflect-toolbar" }, [clearButton]));
      root.appendChild(heading);
      root.appendChild(form);
      root.appendChild(this.live);
      root.appendChild(this.empty);
      root.appendChild(shareHint);
      this.tooLong = el("p", { class: "reflect-banner reflect-banner--info", hidden: true, role: "status", text: t("hash_too_long") });
      root.insertBefore(this.tooLong, form);

      wordsInput.addEventListener("input", function () {
        bank.set(Object.assign({}, bank.state(), { words: wordsInput.value, page: 1 }), false);
      });
    },

    checkbox: function (kind, option, parent) {
      var el = R.el;
      var bank = this.bank;
      var id = "reflect-bank-" + kind + "-" + option.id;
      var input = el("input", { type: "checkbox", id: id, value: option.id, "data-kind": kind });
      var count = el("span", { class: "reflect-option-count" });
      input.addEventListener("change", function () {
        var state = bank.state();
        var change = { page: 1 };
        change[kind] = R.banked.toggled(bank.known, state, kind, option.id, input.checked);
        bank.set(Object.assign({}, state, change), false);
      });
      this.controls[kind][option.id] = input;
      this.counters[kind][option.id] = count;
      return el("li", { class: "reflect-option" }, [
        input,
        el("label", { for: id }, [option.label + " ", count]),
        parent || null,
      ]);
    },

    facetBox: function (name, title, list) {
      var el = R.el;
      var summaryCount = el("span", { class: "reflect-facet__selected" });
      this.summaries[name] = summaryCount;
      return el("details", { class: "reflect-facet", "data-facet": name }, [
        el("summary", {}, [title + " ", summaryCount]),
        el("fieldset", {}, [el("legend", { class: "reflect-vh", text: title }), list]),
      ]);
    },

    facet: function (kind, title, options) {
      var self = this;
      var list = R.el(
        "ul",
        { class: "reflect-options" },
        options.map(function (option) {
          return self.checkbox(kind, option);
        })
      );
      return this.facetBox(kind, title, list);
    },

    themeFacet: function () {
      var el = R.el;
      var t = R.t;
      var self = this;
      var list = el(
        "ul",
        { class: "reflect-options" },
        (this.bank.data.themes || []).map(function (theme) {
          var subs = el(
            "ul",
            { class: "reflect-options reflect-options--nested", "aria-label": t("bank_subthemes_of", { theme: theme.label }) },
            (theme.subthemes || []).map(function (sub) {
              return self.checkbox("subtheme", sub);
            })
          );
          return self.checkbox("theme", theme, subs);
        })
      );
      return this.facetBox("theme", t("bank_theme"), list);
    },

    /* Each option's count and each facet's number ticked, for a state and its words;
     * items: the bank's questions as reflect-banked.js matches them. */
    showCounts: function (state, items, words) {
      var t = R.t;
      var B = R.banked;
      var self = this;
      var tally = B.counts(state, items, words);
      B.FACETS.forEach(function (name) {
        var kinds = name === "theme" ? ["theme", "subtheme"] : [name];
        kinds.forEach(function (kind) {
          Object.keys(self.counters[kind]).forEach(function (id) {
            var n = tally[kind][id] || 0;
            self.counters[kind][id].textContent = t("bank_option_count", { count: n });
          });
        });
        var selected = B.selected(state, name);
        self.summaries[name].textContent = selected ? t("bank_selected", { count: selected }) : "";
      });
    },

    /* The tick boxes, the words field and the open facets as a state says. */
    sync: function (state) {
      var self = this;
      R.banked.KINDS.forEach(function (kind) {
        Object.keys(self.controls[kind]).forEach(function (id) {
          self.controls[kind][id].checked = state[kind].indexOf(id) >= 0;
        });
      });
      if (this.wordsInput.value !== state.words) this.wordsInput.value = state.words;
      this.bank.root.querySelectorAll("details.reflect-facet").forEach(function (details) {
        var name = details.getAttribute("data-facet");
        if (R.banked.selected(state, name)) details.open = true;
      });
    },

    /* How many questions the filters show (of total), in words; the "none" note. */
    showShown: function (shown, total, filtered) {
      var t = R.t;
      this.live.textContent = filtered
        ? t("bank_showing", { shown: shown, count: total })
        : t("bank_showing_all", { count: total });
      this.empty.hidden = shown > 0;
    },

    /* The note that the address was too long to read whole. */
    showTooLong: function (tooLong) {
      this.tooLong.hidden = !tooLong;
    },
  };

  R.BankFilters = BankFilters;
})();
