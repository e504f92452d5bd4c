/* Reflect: filters for the question bank. The table is in the page (it works without
 * JavaScript); this adds filters by audience, guide or set, theme and subtheme (several at
 * once) and words, with counts, and keeps the filters in the URL fragment so that a
 * filtered view can be shared or bookmarked.
 *
 * A large bank is paged: the page holds only its first rows (data.page_size) and the data
 * carries what draws any row, so this shows one page of the matching questions at a time,
 * with Previous / Next, the page kept in the fragment with the filters. "Add all" adds every
 * matching question (every page), and printing prints every match.
 *
 * This file holds the bank's state (the filters, the questions they show) and what a change
 * of filters or of the address does. It makes its three views, each an object with its own
 * state, and gives each only what it needs of the bank (see viewsOf): the filters panel
 * (reflect-bank-filters.js), the table, its pages and print (reflect-bank-table.js) and "Add
 * to my guide" (reflect-bank-guide.js); reflect-banked.js is the pure part (matching,
 * counts, the fragment's state). */
(function () {
  "use strict";

  var R = window.Reflect;

  function Bank(root, data) {
    var self = this;
    var B = R.banked;
    this.root = root;
    this.data = data;
    this.paging = R.paging;
    // 0: not paged (nor when reflect-paging.js is missing: the page's own rows then stay).
    var pageSize = this.paging ? this.paging.pageSize(data.page_size, data.questions.length) : 0;
    this.pageSize = pageSize;
    this.questions = data.questions.map(function (q) {
      var rows = pageSize ? [] : document.querySelectorAll('tr[id="bank-' + q.id + '"]');
      return {
        q: q,
        row: rows.length === 1 ? rows[0] : null,
        haystack: R.normalise(B.haystackText(q)),
      };
    });
    this.known = B.known(data);
    this.state = B.emptyState();
    this.visible = []; // ids of the questions the filters show
    this.byId = new Map(
      this.questions.map(function (item) {
        return [item.q.id, item];
      })
    );

    root.textContent = "";
    root.classList.add("reflect-panel");
    root.setAttribute("data-ready", "false");
    var views = this.viewsOf();
    this.filters = new R.BankFilters(views.filters);
    this.table = new R.BankTable(views.table);
    this.guide = new R.BankGuide(views.guide);
    this.questions.forEach(function (item) {
      self.table.decorate(item, item.row);
    });
    this.onStorage = function (event) {
      self.guide.storageChanged(event);
    };
    window.addEventListener("storage", this.onStorage);
    this.guide.renderGuide();

    this.state = this.readState();
    this.apply(true);
    var opening = R.readHashState() ? "" : window.location.hash.slice(1);
    if (pageSize && opening.indexOf("bank-") === 0 && this.byId.has(opening.slice(5))) this.showQuestion(opening.slice(5));
    this.onHashChange = function () {
      self.hashChanged();
    };
    this.onBeforePrint = function () {
      self.beforePrint();
    };
    this.onAfterPrint = function () {
      self.afterPrint();
    };
    window.addEventListener("hashchange", this.onHashChange);
    window.addEventListener("beforeprint", this.onBeforePrint);
    window.addEventListener("afterprint", this.onAfterPrint);
    root.setAttribute("data-ready", "true");
  }

  /* What each view is given of the bank: the values it reads and the few things it may
   * ask the bank to do (never the bank itself). */
  Bank.prototype.viewsOf = function () {
    var self = this;
    var root = this.root;
    var data = this.data;
    return {
      filters: {
        root: root,
        data: data,
        known: this.known,
        state: function () {
          return self.state;
        },
        set: function (state, fromState) {
          self.state = state;
          self.apply(fromState);
        },
      },
      table: {
        root: root,
        data: data,
        known: this.known,
        byId: this.byId,
        pageSize: this.pageSize,
        paging: this.paging,
        add: function (ids) {
          self.guide.addQuestions(ids);
        },
        labelRows: function () {
          self.guide.labelButtons();
        },
        turn: function (step) {
          self.turn(step);
        },
      },
      guide: {
        root: root,
        data: data,
        byId: this.byId,
        visible: function () {
          return self.visible;
        },
        rowButtons: function () {
          return self.table.rowButtons;
        },
      },
    };
  };

  /* Show what the state matches: rows, counts, captions, the page, the fragment. */
  Bank.prototype.apply = function (fromState, keepAnchor) {
    var B = R.banked;
    var state = this.state;
    if (fromState) this.filters.sync(state);
    // The words once per change (not once per question): a long phrase stays cheap.
    var words = B.filterWords(state.words, R.words);
    var shownIds = [];
    this.questions.forEach(function (item) {
      var ok = B.matches(state, item, null, words);
      if (ok) shownIds.push(item.q.id);
      if (item.row) item.row.hidden = !ok;
    });
    var shown = shownIds.length;
    this.filters.showCounts(state, this.questions, words);
    var total = this.questions.length;
    var filtered = shown !== total || B.activeFilters(state) > 0;
    this.filters.showShown(shown, total, filtered);
    this.visible = shownIds;
    this.table.describeFilters(state, filtered, shown, total);
    if (this.pageSize) state.page = this.table.showPage(shownIds, state.page);
    this.guide.showMatching(shown, this.pageSize > 0);
    this.root.setAttribute("data-shown", String(shown));
    var fragment = R.encodeHashState(B.hashPairs(this.state, this.pageSize));
    // No filters and the address points at a question's row: leave that anchor alone.
    if (!keepAnchor && (fragment || R.readHashState())) R.writeHash(fragment);
  };

  Bank.prototype.readState = function () {
    var hash = R.readHashState();
    this.filters.showTooLong(R.hashTooLong);
    return R.banked.fromHash(this.known, hash, { list: R.hashList, text: R.hashText }, this.paging);
  };

  Bank.prototype.hashChanged = function () {
    if (R.ignoreNextHashChange) {
      R.ignoreNextHashChange = false;
      return;
    }
    if (!R.readHashState() && window.location.hash) {
      // An ordinary anchor: leave the filters, unless they hide the row it points at.
      var anchor;
      try {
        anchor = decodeURIComponent(window.location.hash.slice(1));
      } catch (error) {
        return;
      }
      var target = document.getElementById(anchor);
      if (!target && this.pageSize && anchor.indexOf("bank-") === 0 && this.byId.has(anchor.slice(5))) {
        this.showQuestion(anchor.slice(5));
        return;
      }
      if (target && target.closest && target.closest("tr[hidden]")) {
        this.state = R.banked.emptyState();
        this.apply(true);
        target.scrollIntoView();
      }
      return;
    }
    this.state = this.readState();
    this.apply(true);
  };

  /* Go that many pages on (within the pages there are). */
  Bank.prototype.turn = function (step) {
    this.state.page = this.paging.window(this.visible.length, this.pageSize, this.state.page + step).page;
    this.apply(false);
  };

  /* Open the page that holds a question (clearing filters that hide it), at its row. */
  Bank.prototype.showQuestion = function (id) {
    if (this.visible.indexOf(id) < 0) {
      this.state = R.banked.emptyState();
      this.apply(true, true);
    }
    this.state.page = this.paging.pageOf(this.visible.indexOf(id), this.pageSize);
    this.apply(false, true);
    var row = document.getElementById("bank-" + id);
    if (row) row.scrollIntoView();
  };

  // Printing a paged bank prints every matching question, then the page comes back.
  Bank.prototype.beforePrint = function () {
    if (this.pageSize) this.table.renderRows(this.visible);
  };

  Bank.prototype.afterPrint = function () {
    if (this.pageSize) this.state.page = this.table.showPage(this.visible, this.state.page);
  };

  Bank.prototype.destroy = function () {
    window.removeEventListener("hashchange", this.onHashChange);
    window.removeEventListener("storage", this.onStorage);
    window.removeEventListener("beforeprint", this.onBeforePrint);
    window.removeEventListener("afterprint", this.onAfterPrint);
  };

  R.onPage(function () {
    var tool = R.findTool("reflect-bank-filters");
    if (!tool || !Array.isArray(tool.data.questions)) return null;
    var bank = new Bank(tool.root, tool.data);
    return function cleanup() {
      bank.destroy();
    };
  });
})();
