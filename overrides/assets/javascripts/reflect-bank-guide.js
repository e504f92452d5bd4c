/* Reflect: the question bank's "Add to my guide" — the guide open in the composer (kept in
 * this browser by reflect-guides.js's rules), each row's button saying whether its question
 * is in it, "Add all" matching and the link to the composer. A view of its own
 * (R.BankGuide), made by the bank (see reflect-bank.js) and given only what it needs; it
 * keeps the guides' storage keys and its status, announcements and "Add all". */
(function () {
  "use strict";

  var R = window.Reflect;

  /* bank: what "Add to my guide" reads from the bank —
   *   root: the bank's box (the group is appended to it); data: the bank's data;
   *   byId: its items by question id; visible(): the ids the filters show;
   *   rowButtons(): the drawn rows' "add" buttons by question id. */
  function BankGuide(bank) {
    this.bank = bank;
    this.build();
  }

  BankGuide.prototype = {
    constructor: BankGuide,

    /* The guide's status, "Add all" and the composer's link, appended to the root. */
    build: function () {
      var el = R.el;
      var t = R.t;
      var self = this;
      var data = this.bank.data;
      this.guidesKey = "reflect:" + R.slug(data.site || document.title) + ":compose:guides";
      this.draftKey = "reflect:" + R.slug(data.site || document.title) + ":compose:draft";
      this.guideStatus = el("p", { class: "reflect-count", id: "reflect-bank-guide-status" });
      this.guideSay = R.liveRegion(el("div"), "reflect-vh");
      this.addAll = R.button(t("bank_add_all"), function () {
        self.addQuestions(self.bank.visible());
      }, { "data-action": "add-all", class: "reflect-button reflect-button--primary" });
      var composeLink = el("a", { href: R.banked.composePage(data), class: "reflect-button", "data-action": "open-composer", text: t("bank_open_composer") });
      this.bank.root.appendChild(
        el("div", { class: "reflect-bank-guide", role: "group", "aria-label": t("bank_guide_group") }, [
          this.guideStatus,
          el("div", { class: "reflect-toolbar" }, [this.addAll, composeLink]),
          this.guideSay.node,
        ])
      );
    },

    readGuides: function () {
      var byId = this.bank.byId;
      var raw = null;
      try {
        raw = window.localStorage.getItem(this.guidesKey) || window.localStorage.getItem(this.draftKey);
      } catch (error) {
        raw = null;
      }
      return R.guides.read(raw || "null", function (id) {
        return byId.has(id);
      });
    },

    writeGuides: function (store) {
      try {
        window.localStorage.setItem(this.guidesKey, JSON.stringify(store));
        return true;
      } catch (error) {
        return false;
      }
    },

    renderGuide: function () {
      var t = R.t;
      var store = this.readGuides();
      var guide = R.guides.find(store, store.open);
      var have = new Set(guide ? guide.ids : []);
      var title = guide ? guide.title || t("compose_default_title") : t("compose_default_title");
      this.guideStatus.textContent = guide
        ? t("bank_guide_status", { title: title, count: guide.ids.length })
        : t("bank_guide_none");
      this.labelButtons(have);
    },

    labelButtons: function (have) {
      var el = R.el;
      var t = R.t;
      var byId = this.bank.byId;
      if (!have) {
        var store = this.readGuides();
        var guide = R.guides.find(store, store.open);
        have = new Set(guide ? guide.ids : []);
      }
      this.bank.rowButtons().forEach(function (button, id) {
        var inGuide = have.has(id);
        button.textContent = "";
        button.appendChild(document.createTextNode(inGuide ? t("bank_in_guide") : t("bank_add")));
        button.appendChild(el("span", { class: "reflect-vh", text: ": " + R.banked.shortText(byId.get(id).q.text) }));
        button.setAttribute("aria-disabled", inGuide ? "true" : "false");
      });
    },

    addQuestions: function (ids) {
      var t = R.t;
      var store = this.readGuides();
      var result = R.guides.addQuestions(store, ids, new Date().toISOString());
      if (!this.writeGuides(result.store)) {
        this.guideSay.say(t("bank_guide_not_saved"));
        return;
      }
      this.renderGuide();
      var guide = R.guides.find(result.store, result.store.open);
      this.guideSay.say(
        result.added
          ? t("bank_added", { count: result.added, title: guide.title || t("compose_default_title"), total: guide.ids.length })
          : t("bank_added_none")
      );
    },

    /* "Add all" for shown questions matching (paged: it says how many). */
    showMatching: function (shown, paged) {
      this.addAll.disabled = shown === 0;
      if (paged) this.addAll.textContent = R.t("bank_add_all_matching", { count: shown });
    },

    /* Another tab (or the composer) changed the guides. */
    storageChanged: function (event) {
      if (event.key === this.guidesKey || event.key === null) this.renderGuide();
    },
  };

  R.BankGuide = BankGuide;
})();
