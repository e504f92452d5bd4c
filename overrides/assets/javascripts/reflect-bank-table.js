/* Reflect: the question bank's table — the filters in words (its caption and the printed
 * note), each row's column names, "add" button and printed prompts, and for a large bank
 * the pages (Previous / Next, rows drawn from the data) and printing every match. Methods of
 * the bank (see reflect-bank.js), added through R.bankParts. */
(function () {
  "use strict";

  var R = window.Reflect;
  R.bankParts = R.bankParts || {};

  R.bankParts.table = {
    /* Finds the page's table; puts the printed note before it. */
    buildTable: function () {
      var el = R.el;
      var table = document.querySelector("table.reflect-bank");
      var caption = table && table.querySelector(":scope > caption");
      this.table = table;
      this.caption = caption;
      this.originalCaption = caption ? caption.textContent : "";
      this.printNote = el("p", { class: "reflect-print-only reflect-print-note", id: "reflect-bank-print-note" });
      if (table && table.parentNode) table.parentNode.insertBefore(this.printNote, table);
      else this.root.appendChild(this.printNote);
      // On a narrow screen the rows stack: each cell shows its column's name (the page's own header).
      this.headers = table
        ? Array.prototype.map.call(table.querySelectorAll(":scope > thead th"), function (th) {
            return th.textContent;
          })
        : [];
      this.tbody = table && table.tBodies.length ? table.tBodies[0] : null;
    },

    /* The filters in words: the table's caption and the printed page. */
    describeFilters: function (filtered) {
      var t = R.t;
      var B = R.banked;
      var state = this.state;
      var known = this.known;
      var parts = [];
      if (state.audience.length) parts.push(t("bank_filter_audience", { names: B.names(known, "audience", state.audience).join(", ") }));
      if (state.owner.length) parts.push(t("bank_filter_owner", { names: B.names(known, "owner", state.owner).join(", ") }));
      var themes = B.names(known, "theme", state.theme).concat(B.names(known, "subtheme", state.subtheme));
      if (themes.length) parts.push(t("bank_filter_theme", { names: themes.join(", ") }));
      if (state.words.trim()) parts.push(t("bank_filter_words", { words: state.words.trim().slice(0, 200) }));
      var text = filtered ? t("bank_filtered_caption", { filters: parts.join("; ") || t("bank_no_filters"), shown: this.visible.length, count: this.questions.length }) : this.originalCaption;
      if (this.caption) this.caption.textContent = text;
      this.printNote.textContent = filtered ? text : t("bank_print_all", { count: this.questions.length });
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
        self.addQuestions([item.q.id]);
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
      if (this.pageSize && table) {
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
      this.state.page = this.paging.window(this.visible.length, this.pageSize, this.state.page + step).page;
      this.apply(false);
      // Reading starts again at the top of the new page.
      var target = this.caption || (this.tbody && this.tbody.querySelector("a"));
      if (target) target.focus();
    },

    showPage: function () {
      var t = R.t;
      var visible = this.visible;
      var at = this.paging.window(visible.length, this.pageSize, this.state.page);
      this.state.page = at.page;
      this.renderRows(visible.slice(at.start, at.end));
      this.pageText.textContent = t("bank_page_of", { page: at.page, pages: at.pages });
      this.pageStatus.textContent = at.end > at.start
        ? t("bank_page_status", { first: at.start + 1, last: at.end, count: visible.length })
        : "";
      this.previousButton.disabled = at.page <= 1;
      this.nextButton.disabled = at.page >= at.pages;
    },

    /* Rows drawn from the data: text only, never HTML. */
    renderRows: function (ids) {
      var el = R.el;
      var named = R.banked.named;
      var self = this;
      var tbody = this.tbody;
      var data = this.data;
      var known = this.known;
      if (!tbody) return;
      tbody.textContent = "";
      this.rowButtons.clear();
      var sections = Array.isArray(data.sections) ? data.sections : [];
      ids.forEach(function (id) {
        var item = self.byId.get(id);
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
      this.labelButtons();
    },

    /* Open the page that holds a question (clearing filters that hide it), at its row. */
    showQuestion: function (id) {
      if (this.visible.indexOf(id) < 0) {
        this.state = R.banked.emptyState();
        this.apply(true, true);
      }
      this.state.page = this.paging.pageOf(this.visible.indexOf(id), this.pageSize);
      this.apply(false, true);
      var row = document.getElementById("bank-" + id);
      if (row) row.scrollIntoView();
    },

    // Printing a paged bank prints every matching question, then the page comes back.
    beforePrint: function () {
      if (this.pageSize) this.renderRows(this.visible);
    },
    afterPrint: function () {
      if (this.pageSize) this.showPage();
    },
  };
})();
