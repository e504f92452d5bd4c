/* Reflect: the question bank's filters panel — words, the audience, guide or set and theme
 * facets (tick boxes with counts), "Clear", and the counts shown. Methods of the bank (see
 * reflect-bank.js), added through R.bankParts; reflect-banked.js decides what matches. */
(function () {
  "use strict";

  var R = window.Reflect;
  R.bankParts = R.bankParts || {};

  R.bankParts.filters = {
    /* The panel's heading, words field, facets, counts and hints, appended to the root. */
    buildFilters: function () {
      var el = R.el;
      var t = R.t;
      var self = this;
      var root = this.root;
      var data = this.data;
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
        self.state = R.banked.emptyState();
        self.apply(true);
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
        self.state.words = wordsInput.value;
        self.state.page = 1;
        self.apply(false);
      });
    },

    checkbox: function (kind, option, parent) {
      var el = R.el;
      var self = this;
      var id = "reflect-bank-" + kind + "-" + option.id;
      var input = el("input", { type: "checkbox", id: id, value: option.id, "data-kind": kind });
      var count = el("span", { class: "reflect-option-count" });
      input.addEventListener("change", function () {
        self.state[kind] = R.banked.toggled(self.known, self.state, kind, option.id, input.checked);
        self.state.page = 1;
        self.apply(false);
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
        (this.data.themes || []).map(function (theme) {
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

    /* Each option's count and each facet's number ticked. */
    updateCounts: function (words) {
      var t = R.t;
      var B = R.banked;
      var self = this;
      var tally = B.counts(this.state, this.questions, words);
      B.FACETS.forEach(function (name) {
        var kinds = name === "theme" ? ["theme", "subtheme"] : [name];
        kinds.forEach(function (kind) {
          Object.keys(self.counters[kind]).forEach(function (id) {
            var n = tally[kind][id] || 0;
            self.counters[kind][id].textContent = t("bank_option_count", { count: n });
          });
        });
        var selected = B.selected(self.state, name);
        self.summaries[name].textContent = selected ? t("bank_selected", { count: selected }) : "";
      });
    },

    /* The tick boxes, the words field and the open facets as the state says. */
    syncControls: function () {
      var self = this;
      R.banked.KINDS.forEach(function (kind) {
        Object.keys(self.controls[kind]).forEach(function (id) {
          self.controls[kind][id].checked = self.state[kind].indexOf(id) >= 0;
        });
      });
      if (this.wordsInput.value !== this.state.words) this.wordsInput.value = this.state.words;
      this.root.querySelectorAll("details.reflect-facet").forEach(function (details) {
        var name = details.getAttribute("data-facet");
        if (R.banked.selected(self.state, name)) details.open = true;
      });
    },
  };
})();
