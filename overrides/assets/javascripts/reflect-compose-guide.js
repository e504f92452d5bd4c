/* Reflect: the composer's second panel — the guide being composed: the named guides kept
 * in this browser, its title, its questions in order (move up, move down, remove; Alt+Up
 * and Alt+Down on an item), print, export (files made by reflect-composed.js), the link
 * that carries it, its notices and announcements, and its print copy. A view of its own
 * (R.ComposeGuide), made by the composer (see reflect-compose.js) and given only what it
 * needs; it keeps its fields, lists and live region. */
(function () {
  "use strict";

  var R = window.Reflect;
  var C = R.composed;
  var t = R.t;

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

  /* composer: what the panel reads from the composer and does with it —
   *   root: the composer's box (where a confirmation opens); data: the bank's data;
   *   byId: its questions by id; state(): the open guide {title, ids}; store(): the guides
   *   kept (reflect-guides.js); open(guideId): open a kept guide; newGuide(): start a new one;
   *   setTitle(title), setIds(ids): change the open guide; reset(): empty it. */
  function ComposeGuide(composer) {
    this.composer = composer;
    this.build();
  }

  ComposeGuide.prototype = {
    constructor: ComposeGuide,

    /* The guide panel (this.section), the live region (this.announce) and the print copy
     * (this.printCopy). */
    build: function () {
      var el = R.el;
      var self = this;
      var composer = this.composer;
      var guideSelect = (this.guideSelect = el("select", { id: "reflect-compose-guides", class: "reflect-input" }));
      guideSelect.addEventListener("change", function () {
        composer.open(guideSelect.value);
        self.announce.say(t("compose_opened", { title: self.title() }));
      });
      this.guidesBox = el("div", { class: "reflect-compose-guides" }, [
        R.field(guideSelect, t("compose_your_guides")),
        el("div", { class: "reflect-toolbar" }, [
          R.button(t("compose_new_guide"), function () {
            composer.newGuide();
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
        composer.setTitle(titleInput.value);
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
      this.section = el("section", { class: "reflect-panel reflect-compose-guide", "aria-labelledby": "reflect-compose-guide-title" }, [
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

    /* A notice above the guide (empty: none). */
    showNotice: function (text) {
      this.notice.textContent = "";
      if (text) this.notice.appendChild(R.el("p", { class: "reflect-banner reflect-banner--info", text: text }));
    },

    /* The link that carries the open guide. */
    showLink: function (url) {
      this.linkInput.value = url;
    },

    /* --- the guide's questions --------------------------------------------------------- */

    add: function (id) {
      var composer = this.composer;
      var ids = composer.state().ids;
      if (ids.indexOf(id) >= 0 || !composer.byId.has(id)) return;
      composer.setIds(ids.concat([id]));
      this.announce.say(t("compose_added", { position: ids.length + 1, text: composer.byId.get(id).text }));
    },

    remove: function (id, focusNext) {
      var composer = this.composer;
      var ids = composer.state().ids;
      var index = ids.indexOf(id);
      if (index < 0) return;
      composer.setIds(ids.slice(0, index).concat(ids.slice(index + 1)));
      this.announce.say(t("compose_removed", { text: composer.byId.get(id).text }) + " " + this.countText());
      if (focusNext) {
        var next = this.picked.children[Math.min(index, this.picked.children.length - 1)];
        if (next) next.querySelector("[data-action=remove]").focus();
        else this.titleInput.focus();
      }
    },

    move: function (id, by, action) {
      var result = C.moved(this.composer.state().ids, id, by);
      if (!result) {
        this.announce.say(by < 0 ? t("compose_already_first") : t("compose_already_last"));
        return;
      }
      this.composer.setIds(result.ids);
      var li = this.picked.querySelector('[data-question="' + id + '"]');
      if (li) li.querySelector('[data-action="' + action + '"]').focus();
      this.announce.say(t("compose_moved", { position: result.to + 1, count: result.ids.length }));
    },

    startAgain: function () {
      var self = this;
      var composer = this.composer;
      var state = composer.state();
      if (!state.ids.length && !state.title) return;
      R.confirm({
        title: t("compose_start_again_title"),
        message: t("compose_start_again_message", { count: state.ids.length }),
        confirm: t("compose_start_again"),
        danger: true,
        container: composer.root,
      }).then(function (yes) {
        if (!yes) return;
        composer.reset();
        self.announce.say(t("compose_emptied"));
      });
    },

    countText: function () {
      return t("compose_count", { count: this.composer.state().ids.length });
    },

    title: function () {
      return C.title(this.composer.state(), t);
    },

    /* --- drawing ----------------------------------------------------------------------- */

    /* The open guide, the list of guides kept and the print copy, as the composer holds them. */
    render: function () {
      var self = this;
      var byId = this.composer.byId;
      var state = this.composer.state();
      this.picked.textContent = "";
      state.ids.forEach(function (id, index) {
        self.picked.appendChild(self.pickedItem(byId.get(id), index));
      });
      this.emptyNote.hidden = state.ids.length > 0;
      this.picked.hidden = state.ids.length === 0;
      this.guideCount.textContent = this.countText();
      if (this.titleInput.value !== state.title) this.titleInput.value = state.title;
      this.renderGuideList();
      this.renderPrint();
    },

    renderGuideList: function () {
      var el = R.el;
      var guideSelect = this.guideSelect;
      var store = this.composer.store();
      guideSelect.textContent = "";
      store.guides.forEach(function (guide) {
        guideSelect.appendChild(
          el("option", {
            value: guide.id,
            text: t("compose_guide_option", { title: guide.title || t("compose_default_title"), count: guide.ids.length }),
          })
        );
      });
      guideSelect.value = store.open || "";
      this.guidesBox.hidden = store.guides.length < 2;
    },

    pickedItem: function (q, index) {
      var el = R.el;
      var self = this;
      var last = this.composer.state().ids.length - 1;
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
      var byId = this.composer.byId;
      this.printTitle.textContent = this.title();
      this.printList.textContent = "";
      this.composer.state().ids.forEach(function (id) {
        var q = byId.get(id);
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
      var composer = this.composer;
      R.download(this.fileName("json"), "application/json", C.exportJSON(composer.data, composer.byId, composer.state(), t, this.linkInput.value));
      this.announce.say(t("compose_exported_json"));
    },

    exportMarkdown: function () {
      var composer = this.composer;
      R.download(this.fileName("md"), "text/markdown;charset=utf-8", C.exportMarkdown(composer.data, composer.byId, composer.state(), t));
      this.announce.say(t("compose_exported_markdown"));
    },
  };

  R.ComposeGuide = ComposeGuide;
})();
