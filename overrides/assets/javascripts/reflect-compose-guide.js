/* Reflect: the composer's second panel — the guide being composed: the named guides kept
 * in this browser, its title, its questions in order (move up, move down, remove; Alt+Up
 * and Alt+Down on an item), print, export (files made by reflect-composed.js), the link
 * that carries it, and its print copy. Methods of the composer (see reflect-compose.js),
 * added through R.composerParts. */
(function () {
  "use strict";

  var R = window.Reflect;
  var C = R.composed;
  var t = R.t;
  R.composerParts = R.composerParts || {};

  function promptList(q, attrs) {
    if (!(q.prompts || []).length) return null;
    return R.el(
      "ul",
      attrs,
      q.prompts.map(function (p) {
        return R.el("li", { text: p });
      })
    );
  }

  R.composerParts.guide = {
    /* The guide panel and the print copy; sets the nodes the composer fills in. */
    buildGuide: function () {
      var el = R.el;
      var self = this;
      var guideSelect = (this.guideSelect = el("select", { id: "reflect-compose-guides", class: "reflect-input" }));
      guideSelect.addEventListener("change", function () {
        self.store = R.guides.open(self.store, guideSelect.value);
        self.openGuide();
        self.announce.say(t("compose_opened", { title: self.title() }));
      });
      this.guidesBox = el("div", { class: "reflect-compose-guides" }, [
        R.field(guideSelect, t("compose_your_guides")),
        el("div", { class: "reflect-toolbar" }, [
          R.button(t("compose_new_guide"), function () {
            self.store = R.guides.add(self.store, "", [], new Date().toISOString());
            self.saveStore();
            self.openGuide();
            self.titleInput.focus();
            self.announce.say(t("compose_new_started"));
          }, { "data-action": "new-guide" }),
        ]),
      ]);
      var titleInput = (this.titleInput = el("input", {
        type: "text",
        id: "reflect-compose-title",
        class: "reflect-input",
        autocomplete: "off",
        placeholder: t("compose_default_title"),
      }));
      titleInput.addEventListener("input", function () {
        self.state.title = titleInput.value;
        self.changed();
      });
      this.guideCount = el("p", { class: "reflect-count", id: "reflect-compose-count" });
      this.announce = R.liveRegion(el("div"), "reflect-vh");
      this.notice = el("div", { class: "reflect-alerts", role: "alert" });
      this.picked = el("ol", { class: "reflect-compose-picked", "aria-labelledby": "reflect-compose-guide-title" });
      this.emptyNote = el("p", { class: "reflect-empty", text: t("compose_empty") });
      var linkInput = (this.linkInput = el("input", {
        type: "text",
        id: "reflect-compose-link",
        class: "reflect-input",
        readonly: true,
        "aria-describedby": "reflect-compose-link-hint",
      }));
      linkInput.addEventListener("focus", function () {
        linkInput.select();
      });
      this.guideSection = el("section", { class: "reflect-panel reflect-compose-guide", "aria-labelledby": "reflect-compose-guide-title" }, [
        el("h2", { id: "reflect-compose-guide-title", text: t("compose_guide_title") }),
        this.notice,
        this.guidesBox,
        R.field(titleInput, t("compose_title_label")),
        this.guideCount,
        this.emptyNote,
        this.picked,
        el("div", { class: "reflect-toolbar", role: "group", "aria-label": t("compose_actions") }, [
          R.button(t("print"), function () {
            window.print();
          }, { "data-action": "print" }),
          R.button(t("export_markdown"), function () {
            self.exportMarkdown();
          }, { "data-action": "export-markdown" }),
          R.button(t("export_json"), function () {
            self.exportJSON();
          }, { "data-action": "export-json" }),
          R.button(t("compose_copy_link"), function () {
            R.copyText(linkInput.value, linkInput).then(function (ok) {
              self.announce.say(ok ? t("compose_link_copied") : t("compose_link_select"));
            });
          }, { "data-action": "copy-link" }),
          R.button(t("compose_start_again"), function () {
            self.startAgain();
          }, { "data-action": "start-again", class: "reflect-button reflect-button--danger" }),
        ]),
        el("div", { class: "reflect-field" }, [
          el("label", { for: linkInput.id, text: t("compose_link_label") }),
          el("p", { class: "reflect-hint", id: "reflect-compose-link-hint", text: t("compose_link_hint") }),
          linkInput,
        ]),
      ]);

      this.printTitle = el("h2", { class: "reflect-compose-print__title" });
      this.printList = el("ol", { class: "reflect-compose-print__list" });
      this.printCopy = el("div", { class: "reflect-print-only reflect-compose-print" }, [this.printTitle, this.printList]);
    },

    /* --- the guide's questions --------------------------------------------------------- */

    add: function (id) {
      if (this.state.ids.indexOf(id) >= 0 || !this.byId.has(id)) return;
      this.state.ids.push(id);
      this.changed();
      this.announce.say(t("compose_added", { position: this.state.ids.length, text: this.byId.get(id).text }));
    },

    remove: function (id, focusNext) {
      var index = this.state.ids.indexOf(id);
      if (index < 0) return;
      this.state.ids.splice(index, 1);
      this.changed();
      this.announce.say(t("compose_removed", { text: this.byId.get(id).text }) + " " + this.countText());
      if (focusNext) {
        var next = this.picked.children[Math.min(index, this.picked.children.length - 1)];
        if (next) next.querySelector("[data-action=remove]").focus();
        else this.titleInput.focus();
      }
    },

    move: function (id, by, action) {
      var result = C.moved(this.state.ids, id, by);
      if (!result) {
        this.announce.say(by < 0 ? t("compose_already_first") : t("compose_already_last"));
        return;
      }
      this.state.ids = result.ids;
      this.changed();
      var li = this.picked.querySelector('[data-question="' + id + '"]');
      if (li) li.querySelector('[data-action="' + action + '"]').focus();
      this.announce.say(t("compose_moved", { position: result.to + 1, count: this.state.ids.length }));
    },

    startAgain: function () {
      var self = this;
      if (!this.state.ids.length && !this.state.title) return;
      R.confirm({
        title: t("compose_start_again_title"),
        message: t("compose_start_again_message", { count: this.state.ids.length }),
        confirm: t("compose_start_again"),
        danger: true,
        container: this.root,
      }).then(function (yes) {
        if (!yes) return;
        self.state = { title: "", ids: [] };
        self.titleInput.value = "";
        self.changed();
        self.announce.say(t("compose_emptied"));
      });
    },

    countText: function () {
      return t("compose_count", { count: this.state.ids.length });
    },

    title: function () {
      return C.title(this.state, t);
    },

    /* --- drawing ----------------------------------------------------------------------- */

    render: function () {
      var self = this;
      var state = this.state;
      this.picked.textContent = "";
      state.ids.forEach(function (id, index) {
        self.picked.appendChild(self.pickedItem(self.byId.get(id), index));
      });
      var inGuide = new Set(state.ids);
      this.checkboxes.forEach(function (box, id) {
        box.checked = inGuide.has(id);
      });
      this.emptyNote.hidden = state.ids.length > 0;
      this.picked.hidden = state.ids.length === 0;
      this.guideCount.textContent = this.countText();
      if (this.titleInput.value !== state.title) this.titleInput.value = state.title;
      this.root.setAttribute("data-count", String(state.ids.length));
      this.root.setAttribute("data-guides", String(this.store.guides.length));
      this.renderGuideList();
      this.renderPrint();
    },

    renderGuideList: function () {
      var el = R.el;
      var guideSelect = this.guideSelect;
      guideSelect.textContent = "";
      this.store.guides.forEach(function (guide) {
        guideSelect.appendChild(
          el("option", {
            value: guide.id,
            text: t("compose_guide_option", { title: guide.title || t("compose_default_title"), count: guide.ids.length }),
          })
        );
      });
      guideSelect.value = this.store.open || "";
      this.guidesBox.hidden = this.store.guides.length < 2;
    },

    pickedItem: function (q, index) {
      var el = R.el;
      var self = this;
      var last = this.state.ids.length - 1;
      var label = " " + t("compose_item_label", { position: index + 1, text: C.shorten(q.text) });
      function action(name, text, handler, disabled) {
        var button = R.button(text, handler, {
          "data-action": name,
          class: "reflect-button reflect-button--small",
          "aria-disabled": disabled ? "true" : null,
        });
        button.appendChild(el("span", { class: "reflect-vh", text: label }));
        return button;
      }
      var li = el("li", { class: "reflect-compose-item", "data-question": q.id }, [
        el("div", { class: "reflect-compose-item__text" }, [
          el("p", { class: "reflect-compose-item__question", text: q.text }),
          promptList(q, { class: "reflect-compose-prompts" }),
          el("p", { class: "reflect-compose-item__from" }, [
            t("compose_from") + " ",
            el("a", { href: q.url, text: t("compose_from_link", { owner: q.owner_title, number: q.number }) }),
          ]),
        ]),
        el("div", { class: "reflect-toolbar reflect-compose-item__actions" }, [
          action("up", t("compose_move_up"), function () {
            self.move(q.id, -1, "up");
          }, index === 0),
          action("down", t("compose_move_down"), function () {
            self.move(q.id, 1, "down");
          }, index === last),
          action("remove", t("compose_remove"), function () {
            self.remove(q.id, true);
          }, false),
        ]),
      ]);
      // Keyboard shortcut on the item's buttons: Alt+Up / Alt+Down moves the question.
      li.addEventListener("keydown", function (event) {
        if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
        event.preventDefault();
        self.move(q.id, event.key === "ArrowUp" ? -1 : 1, event.key === "ArrowUp" ? "up" : "down");
      });
      return li;
    },

    renderPrint: function () {
      var el = R.el;
      var self = this;
      this.printTitle.textContent = this.title();
      this.printList.textContent = "";
      this.state.ids.forEach(function (id) {
        var q = self.byId.get(id);
        self.printList.appendChild(
          el("li", {}, [
            el("p", { class: "reflect-compose-print__question", text: q.text }),
            promptList(q, {}),
            el("div", { class: "reflect-compose-print__notes", "aria-hidden": "true" }),
          ])
        );
      });
    },

    /* --- exports ----------------------------------------------------------------------- */

    fileName: function (extension) {
      return R.slug(this.title()) + "." + extension;
    },

    exportJSON: function () {
      R.download(this.fileName("json"), "application/json", C.exportJSON(this.data, this.byId, this.state, t, this.linkInput.value));
      this.announce.say(t("compose_exported_json"));
    },

    exportMarkdown: function () {
      R.download(this.fileName("md"), "text/markdown;charset=utf-8", C.exportMarkdown(this.data, this.byId, this.state, t));
      this.announce.say(t("compose_exported_markdown"));
    },
  };
})();
