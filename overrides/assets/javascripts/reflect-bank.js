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
 * This file holds the bank's state and what a change of filters or of the address does. Its
 * views add their methods through R.bankParts: reflect-bank-filters.js (the filters panel),
 * reflect-bank-table.js (the table, its pages and print) and reflect-bank-guide.js ("Add to
 * my guide"); reflect-banked.js is the pure part (matching, counts, the fragment's state). */
(function () {
  "use strict";

  var R = window.Reflect;
  R.bankParts = R.bankParts || {};

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
    this.controls = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    this.counters = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    this.summaries = {};
    this.visible = [];
    this.byId = new Map(
      this.questions.map(function (item) {
        return [item.q.id, item];
      })
    );
    this.rowButtons = new Map();

    root.textContent = "";
    root.classList.add("reflect-panel");
    root.setAttribute("data-ready", "false");
    this.buildFilters();
    this.buildTable();
    this.buildGuide();
    this.questions.forEach(function (item) {
      self.decorate(item, item.row);
    });
    this.onStorage = function (event) {
      self.storageChanged(event);
    };
    window.addEventListener("storage", this.onStorage);
    this.renderGuide();
    this.buildPager();

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

  /* Show what the state matches: rows, counts, captions, the page, the fragment. */
  Bank.prototype.apply = function (fromState, keepAnchor) {
    var t = R.t;
    var B = R.banked;
    var self = this;
    var state = this.state;
    if (fromState) this.syncControls();
    var shown = 0;
    // The words once per change (not once per question): a long phrase stays cheap.
    var words = B.filterWords(state.words, R.words);
    var shownIds = [];
    this.questions.forEach(function (item) {
      var ok = B.matches(self.state, item, null, words);
      if (ok) shownIds.push(item.q.id);
      if (ok) shown += 1;
      if (item.row) item.row.hidden = !ok;
    });
    this.updateCounts(words);
    var total = this.questions.length;
    var filtered = shown !== total || B.activeFilters(this.state) > 0;
    this.live.textContent = filtered
      ? t("bank_showing", { shown: shown, count: total })
      : t("bank_showing_all", { count: total });
    this.visible = shownIds;
    this.describeFilters(filtered);
    if (this.pageSize) this.showPage();
    this.addAll.disabled = shown === 0;
    if (this.pageSize) this.addAll.textContent = t("bank_add_all_matching", { count: shown });
    this.empty.hidden = shown > 0;
    this.root.setAttribute("data-shown", String(shown));
    var fragment = R.encodeHashState(B.hashPairs(this.state, this.pageSize));
    // No filters and the address points at a question's row: leave that anchor alone.
    if (!keepAnchor && (fragment || R.readHashState())) R.writeHash(fragment);
  };

  Bank.prototype.readState = function () {
    var hash = R.readHashState();
    this.tooLong.hidden = !R.hashTooLong;
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

  Bank.prototype.destroy = function () {
    window.removeEventListener("hashchange", this.onHashChange);
    window.removeEventListener("storage", this.onStorage);
    window.removeEventListener("beforeprint", this.onBeforePrint);
    window.removeEventListener("afterprint", this.onAfterPrint);
  };

  // The views' methods: the filters panel, the table and its pages, "Add to my guide".
  Object.keys(R.bankParts).forEach(function (name) {
    Object.keys(R.bankParts[name]).forEach(function (method) {
      if (Object.prototype.hasOwnProperty.call(Bank.prototype, method)) throw new Error("Reflect: bank method twice: " + method);
      Bank.prototype[method] = R.bankParts[name][method];
    });
  });

  R.onPage(function () {
    var tool = R.findTool("reflect-bank-filters");
    if (!tool || !Array.isArray(tool.data.questions)) return null;
    var bank = new Bank(tool.root, tool.data);
    return function cleanup() {
      bank.destroy();
    };
  });
})();
