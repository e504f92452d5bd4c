/* Reflect: the question bank's table — the filters in words (its caption and the printed
 * note), each row's column names, "add" button and printed prompts, and for a large bank
 * the pages (Previous / Next, rows drawn from the data) and printing every match. A view of
 * its own (R.BankTable), made by the bank (see reflect-bank.js) and given only what it
 * needs; it keeps the table's nodes, the pager and each drawn row's "add" button. */
(function () {
  "use strict";

  var R = window.Reflect;

  /* bank: what the table reads from the bank and does with it —
   *   root: the bank's box (the printed note goes there when the page has no table);
   *   data: the bank's data; known: its known values (R.banked.known); byId: its items by
   *   question id; pageSize: questions a page (0: not paged); paging: reflect-paging.js
   *   (when paged); add(ids): add questions to the guide; labelRows(): label the rows' "add"
   *   buttons; turn(step): go that many pages on. */
  function BankTable(bank) {
    this.bank = bank;
    this.rowButtons = new Map(); // question id -> its row's "add" button
    this.build();
    this.buildPager();
  }

  BankTable.prototype = {
    constructor: BankTable,

    /* Finds the page's table; puts the printed note before it. */
    build: function () {
      var el = R.el;
      var table = document.querySelector("table.reflect-bank");
      var caption = table && table.querySelector(":scope > caption");
      this.table = table;
      this.caption = caption;
      this.originalCaption = caption ? caption.textContent : "";
      this.printNote = el("p", { class: "reflect-print-only reflect-print-note", id: "reflect-bank-print-note" });
      if (table && table.parentNode) table.parentNode.insertBefore(this.printNote, table);
      else this.bank.root.appendChild(this.printNote);
      // On a narrow screen the rows stack: each cell shows its column's name (the page's own header).
      this.headers = table
        ? Array.prototype.map.call(table.querySelectorAll(":scope > thead th"), function (th) {
            return th.textContent;
          })
        : [];
      this.tbody = table && table.tBodies.length ? table.tBodies[0] : null;
    },

    /* The filters of a state in words (shown of total questions match them): the table's
     * caption and the printed page. */
    describeFilters: function (state, filtered, shown, total) {
      var t = R.t;
      var B = R.banked;
      var known = this.bank.known;
      var parts = [];
      if (state.audience.length) parts.push(t("bank_filter_audience", { names: B.names(known, "audience", state.audience).join(", ") }));
      if (state.owner.length) parts.push(t("bank_filter_owner", { names: B.names(known, "owner", state.owner).join(", ") }));
      var themes = B.names(known, "theme", state.theme).concat(B.names(known, "subtheme", state.subtheme));
      if (themes.length) parts.push(t("bank_filter_theme", { names: themes.join(", ") }));
      if (state.words.trim()) parts.push(t("bank_filter_words", { words: state.words.trim().slice(0, 200) }));
      var text = filtered ? t("bank_filtered_caption", { filters: parts.join("; ") || t("bank_no_filters"), shown: shown, count: total }) : this.originalCaption;
      if (this.caption) this.caption.textContent = text;
      this.printNote.textContent = filtered ? text : t("bank_print_all", { count: total });
    },

    /* A row's column names (for narrow screens), its "add" button and its printed prompts. */
    decorate: function (item, row) {
      var el = R.el;
      var self = this;
      if (!row || !row.cells.length) return;
      var headers = this.headers;
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        if (index > 0 && headers[index]) cell.setAttribute("data-label", headers[index]);
      });
      var cell = row.cells[0];
      var button = R.button("", function () {
        self.bank.add([item.q.id]);
      }, { class: "reflect-button reflect-button--small reflect-bank-add", "data-action": "add", "data-question": item.q.id });
      cell.appendChild(button);
      if ((item.q.prompts || []).length) {
        cell.appendChild(
          el("ul", { class: "reflect-print-only reflect-bank-prompts" }, item.q.prompts.map(function (p) {
            return el("li", { text: p });
          }))
        );
      }
      this.rowButtons.set(item.q.id, button);
    },

    /* --- pages of a large bank ------------------------------------------------------------- */
    buildPager: function () {
      var el = R.el;
      var t = R.t;
      var self = this;
      this.pageText = el("span", { class: "reflect-pager__page" });
      this.previousButton = R.button(t("bank_previous"), function () {
        self.turn(-1);
      }, { "data-action": "previous-page" });
      this.nextButton = R.button(t("bank_next"), function () {
        self.turn(1);
      }, { "data-action": "next-page" });
      this.pageStatus = el("p", { class: "reflect-count", role: "status", id: "reflect-bank-page-status" });
      var table = this.table;
      if (this.bank.pageSize && table) {
        if (this.tbody) this.tbody.textContent = "";
        if (this.caption) this.caption.setAttribute("tabindex", "-1");
        var pager = el("nav", { class: "reflect-pager", "aria-label": t("bank_pager") }, [
          el("div", { class: "reflect-toolbar" }, [this.previousButton, this.pageText, this.nextButton]),
          this.pageStatus,
        ]);
        table.parentNode.insertBefore(pager, table.nextSibling);
      }
    },

    turn: function (step) {
      this.bank.turn(step);
      // Reading starts again at the top of the new page.
      var target = this.caption || (this.tbody && this.tbody.querySelector("a"));
      if (target) target.focus();
    },

    /* The rows of a page of the matching questions (visible: their ids); returns the page
     * shown (the one asked for, within the pages there are). */
    showPage: function (visible, page) {
      var t = R.t;
      var at = this.bank.paging.window(visible.length, this.bank.pageSize, page);
      this.renderRows(visible.slice(at.start, at.end));
      this.pageText.textContent = t("bank_page_of", { page: at.page, pages: at.pages });
      this.pageStatus.textContent = at.end > at.start
        ? t("bank_page_status", { first: at.start + 1, last: at.end, count: visible.length })
        : "";
      this.previousButton.disabled = at.page <= 1;
      this.nextButton.disabled = at.page >= at.pages;
      return at.page;
    },

    /* Rows drawn from the data: text only, never HTML. */
    renderRows: function (ids) {
      var el = R.el;
      var named = R.banked.named;
      var self = this;
      var tbody = this.tbody;
      var data = this.bank.data;
      var known = this.bank.known;
      if (!tbody) return;
      tbody.textContent = "";
      this.rowButtons.clear();
      var sections = Array.isArray(data.sections) ? data.sections : [];
      ids.forEach(function (id) {
        var item = self.bank.byId.get(id);
        var q = item.q;
        var subs = (q.subthemes || []).map(function (sid) {
          return named(known.subtheme, sid, "label");
        });
        var row = el("tr", {
          id: "bank-" + q.id,
          "data-audience": q.audience,
          "data-owner": q.owner,
          "data-themes": (q.themes || []).join(" "),
          "data-subthemes": (q.subthemes || []).join(" "),
        }, [
          el("td", {}, [el("a", { href: typeof q.u === "string" ? q.u : "#", text: String(q.n || "") + " " + q.text })]),
          el("td", { text: named(known.audience, q.audience, "name") }),
          el("td", { text: named(known.owner, q.owner, "title") }),
          el("td", { text: typeof sections[q.s] === "string" ? sections[q.s] : "" }),
          el("td", {}, subs.length ? [el("ul", {}, subs.map(function (s) {
            return el("li", { text: s });
          }))] : [String(data.none || "")]),
        ]);
        tbody.appendChild(row);
        self.decorate(item, row);
      });
      this.bank.labelRows();
    },
  };

  R.BankTable = BankTable;
})();
