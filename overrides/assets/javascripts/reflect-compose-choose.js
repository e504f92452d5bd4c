/* Reflect: the composer's first panel — choose questions from the bank, filtered by
 * audience, theme, guide or set and words (reflect-composed.js decides what a filter
 * shows), one tick box per question, and "add all shown". A view of its own
 * (R.ComposeChoose), made by the composer (see reflect-compose.js) and given only what it
 * needs; it keeps its filters, tick boxes and the choices they show. */
(function () {
  "use strict";

  var R = window.Reflect;
  var C = R.composed;
  var t = R.t;

  /* composer: what the panel reads from the composer and does with it —
   *   data: the bank's data; ids(): the open guide's question ids;
   *   add(id), remove(id): a question ticked or unticked; addMany(ids): questions added
   *   at the end of the guide; say(text): announce it. */
  function ComposeChoose(composer) {
    var audiences = new Map();
    (composer.data.audiences || []).forEach(function (a) {
      audiences.set(a.id, a);
    });
    this.composer = composer;
    this.audiences = audiences;
    this.checkboxes = new Map();
    this.pickItems = [];
    this.groups = [];
    this.build();
  }

  ComposeChoose.prototype = {
    constructor: ComposeChoose,

    /* The choose panel (this.section) and the fields the filter reads. */
    build: function () {
      var el = R.el;
      var self = this;
      var data = this.composer.data;
      var ownerSelect = el("select", { id: "reflect-compose-owner", class: "reflect-input" }, [
        el("option", { value: "", text: t("compose_every_owner") }),
      ]);
      (data.audiences || []).forEach(function (audience) {
        var group = el("optgroup", { label: audience.name });
        C.ownersFor(data, audience.id).forEach(function (owner) {
          group.appendChild(el("option", { value: owner.id, text: owner.title }));
        });
        if (group.children.length) ownerSelect.appendChild(group);
      });
      var audienceSelect = el("select", { id: "reflect-compose-audience", class: "reflect-input" }, [
        el("option", { value: "", text: t("compose_every_audience") }),
      ].concat(
        (data.audiences || []).map(function (a) {
          return el("option", { value: a.id, text: a.name });
        })
      ));
      var themeSelect = el("select", { id: "reflect-compose-theme", class: "reflect-input" }, [
        el("option", { value: "", text: t("compose_every_theme") }),
      ]);
      (data.themes || []).forEach(function (theme) {
        var group = el("optgroup", { label: theme.label }, [
          el("option", { value: "theme:" + theme.id, text: t("compose_whole_theme", { theme: theme.label }) }),
        ]);
        (theme.subthemes || []).forEach(function (sub) {
          group.appendChild(el("option", { value: "subtheme:" + sub.id, text: sub.label }));
        });
        themeSelect.appendChild(group);
      });
      var wordsInput = el("input", {
        type: "search",
        id: "reflect-compose-words",
        class: "reflect-input",
        autocomplete: "off",
        spellcheck: "false",
      });
      this.filters = { owner: ownerSelect, audience: audienceSelect, theme: themeSelect, words: wordsInput };
      this.pickCount = el("p", { class: "reflect-count", role: "status", id: "reflect-compose-pick-count" });
      var pickList = el("div", { class: "reflect-compose-choices" });
      this.addShown = R.button(t("compose_add_shown"), function () {
        self.addAllShown();
      }, { "data-action": "add-shown" });
      this.section = el("section", { class: "reflect-panel reflect-compose-pick", "aria-labelledby": "reflect-compose-pick-title" }, [
        el("h2", { id: "reflect-compose-pick-title", text: t("compose_choose_title") }),
        el("p", { class: "reflect-hint", text: t("compose_choose_hint") }),
        el("div", { class: "reflect-filters reflect-filters--row" }, [
          R.field(audienceSelect, t("compose_audience")),
          R.field(themeSelect, t("compose_theme")),
          R.field(ownerSelect, t("compose_owner")),
          R.field(wordsInput, t("compose_words")),
        ]),
        this.pickCount,
        el("div", { class: "reflect-toolbar" }, [this.addShown]),
        pickList,
      ]);

      (data.owners || []).forEach(function (owner) {
        var questions = data.questions.filter(function (q) {
          return q.owner === owner.id;
        });
        if (!questions.length) return;
        pickList.appendChild(self.choiceGroup(owner, questions));
      });

      var filter = function () {
        self.filter();
      };
      [ownerSelect, audienceSelect, themeSelect].forEach(function (select) {
        select.addEventListener("change", filter);
      });
      wordsInput.addEventListener("input", filter);
    },

    /* One guide's or set's questions, each with a tick box and its prompts. */
    choiceGroup: function (owner, questions) {
      var el = R.el;
      var self = this;
      var headingId = "reflect-compose-owner-" + owner.id;
      var list = el("ul", { class: "reflect-options reflect-compose-choices__list", "aria-labelledby": headingId });
      questions.forEach(function (q) {
        var id = "reflect-pick-" + q.id;
        var box = el("input", { type: "checkbox", id: id, value: q.id });
        box.addEventListener("change", function () {
          if (box.checked) self.composer.add(q.id);
          else self.composer.remove(q.id);
        });
        self.checkboxes.set(q.id, box);
        var prompts = (q.prompts || []).length
          ? el(
              "ul",
              { class: "reflect-compose-prompts", "aria-label": t("compose_prompts") },
              q.prompts.map(function (p) {
                return el("li", { text: p });
              })
            )
          : null;
        var li = el("li", { class: "reflect-option reflect-compose-choice", "data-question": q.id }, [
          box,
          el("label", { for: id, text: t("compose_numbered", { number: q.number, text: q.text }) }),
          prompts,
        ]);
        self.pickItems.push({ q: q, li: li, haystack: R.normalise(C.haystackText(q)) });
        list.appendChild(li);
      });
      var audience = this.audiences.get(questions[0].audience);
      var group = el("div", { class: "reflect-compose-group", "data-owner": owner.id }, [
        el("h3", { id: headingId }, [
          owner.title,
          audience ? el("span", { class: "reflect-compose-group__audience", text: " " + t("compose_for_audience", { audience: audience.name }) }) : null,
        ]),
        list,
      ]);
      this.groups.push({ owner: owner.id, node: group });
      return group;
    },

    /* The choices the filters show, and how many. */
    filter: function () {
      var f = this.filters;
      var words = C.firstWords(R.words(C.wordsText(f.words.value)));
      var current = C.filter(f.owner.value, f.audience.value, f.theme.value, words);
      var shown = 0;
      this.pickItems.forEach(function (item) {
        var ok = C.matches(item.q, item.haystack, current);
        item.li.hidden = !ok;
        if (ok) shown += 1;
      });
      this.groups.forEach(function (group) {
        group.node.hidden = !group.node.querySelector("li.reflect-compose-choice:not([hidden])");
      });
      this.pickCount.textContent =
        shown === this.pickItems.length
          ? t("bank_showing_all", { count: shown })
          : t("bank_showing", { shown: shown, count: this.pickItems.length });
      this.addShown.disabled = shown === 0;
    },

    /* Tick the boxes of the questions in the guide (ids), and only those. */
    showChecked: function (ids) {
      var inGuide = new Set(ids);
      this.checkboxes.forEach(function (box, id) {
        box.checked = inGuide.has(id);
      });
    },

    addAllShown: function () {
      var composer = this.composer;
      var have = composer.ids();
      var ids = this.pickItems
        .filter(function (item) {
          return !item.li.hidden && have.indexOf(item.q.id) < 0;
        })
        .map(function (item) {
          return item.q.id;
        });
      if (!ids.length) {
        composer.say(t("bank_added_none"));
        return;
      }
      composer.addMany(ids);
      composer.say(t("compose_added_many", { count: ids.length }));
    },
  };

  R.ComposeChoose = ComposeChoose;
})();
