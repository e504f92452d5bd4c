/* Reflect: the worksheet's banners — a save that failed (with a way to export at once and
 * to retry), a notice about what was found in storage, a file that could not be imported,
 * and the question put when another tab changed the same statements. A view of its own
 * (R.WorksheetAlerts), made by the worksheet (see reflect-worksheet.js) and given only what
 * it needs; it keeps its box and the notice on screen. */
(function () {
  "use strict";

  var R = window.Reflect;
  var S = R.sheet;
  var t = R.t;

  /* sheet: what the banners read from the worksheet and do with it —
   *   model: the set's model (reflect-sheet.js); answers(): the answers now;
   *   failure(): why the last save failed, or null;
   *   exportNow(), retry(): the failed-save banner's buttons;
   *   resolve(choice): "mine" or "theirs", the conflict question's buttons;
   *   focus(action): move the focus to the worksheet's button of that data-action. */
  function WorksheetAlerts(sheet) {
    this.sheet = sheet;
    this.node = R.el("div", { class: "reflect-alerts", role: "alert" });
    this.noticeText = null;
  }

  /* Show a notice (null: none), now. */
  WorksheetAlerts.prototype.notice = function (message) {
    this.keepNotice(message);
    this.render();
  };

  /* The notice to show when the banners are next drawn. */
  WorksheetAlerts.prototype.keepNotice = function (message) {
    this.noticeText = message || null;
  };

  WorksheetAlerts.prototype.render = function () {
    var el = R.el;
    var self = this;
    var sheet = this.sheet;
    var box = this.node;
    var failure = sheet.failure();
    // Keep the conflict question if it is on screen; rebuild the rest.
    Array.prototype.slice.call(box.children).forEach(function (child) {
      if (!child.classList.contains("reflect-banner--conflict")) child.remove();
    });
    if (failure) {
      var reasons = { full: t("ws_fail_full"), blocked: t("ws_fail_blocked"), unverified: t("ws_fail_unverified") };
      box.appendChild(
        el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "storage", "data-reason": failure }, [
          el("p", {}, [el("strong", { text: t("ws_fail_lead") }), " " + reasons[failure]]),
          el("p", { text: t("ws_fail_nothing_lost") }),
          el("div", { class: "reflect-toolbar" }, [
            R.button(t("ws_export_now"), function () {
              sheet.exportNow();
            }, { "data-action": "banner-export-json", class: "reflect-button reflect-button--primary" }),
            R.button(t("ws_retry"), function () {
              sheet.retry();
            }, { "data-action": "retry" }),
          ]),
        ])
      );
    }
    if (this.noticeText) {
      box.appendChild(
        el("div", { class: "reflect-banner reflect-banner--info", "data-banner": "notice" }, [
          el("p", { text: this.noticeText }),
          R.button(t("dismiss"), function () {
            self.notice(null);
            sheet.focus("export-json");
          }, { "data-action": "dismiss-notice" }),
        ])
      );
    }
  };

  WorksheetAlerts.prototype.clearConflict = function () {
    var old = this.node.querySelector(".reflect-banner--conflict");
    if (old) old.remove();
  };

  /* The question put when both tabs changed the same questions: conflict {ids, theirs}. */
  WorksheetAlerts.prototype.showConflict = function (conflict) {
    var el = R.el;
    var sheet = this.sheet;
    this.clearConflict();
    var answers = sheet.answers();
    var items = conflict.ids.map(function (id) {
      return el("li", { "data-question": id }, [S.conflictLine(sheet.model, answers, id, conflict.theirs[id], t)]);
    });
    this.node.appendChild(
      el("div", { class: "reflect-banner reflect-banner--conflict", "data-banner": "conflict" }, [
        el("p", {}, [el("strong", { text: t("ws_conflict_lead") }), " " + t("ws_conflict_choose")]),
        el("ul", {}, items),
        el("div", { class: "reflect-toolbar" }, [
          R.button(t("ws_keep_mine"), function () {
            sheet.resolve("mine");
          }, { "data-action": "keep-mine", class: "reflect-button reflect-button--primary" }),
          R.button(t("ws_keep_theirs"), function () {
            sheet.resolve("theirs");
          }, { "data-action": "keep-theirs" }),
        ]),
      ])
    );
  };

  /* A file that could not be imported: its name and why, until dismissed or replaced. */
  WorksheetAlerts.prototype.importError = function (name, reason) {
    var el = R.el;
    var self = this;
    this.clearImportError();
    this.node.appendChild(
      el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "import-error" }, [
        el("p", {}, [
          el("strong", { text: t("ws_import_failed", { name: name }) }),
          " " + t("ws_import_failed_reason", { reason: reason }),
        ]),
        R.button(t("dismiss"), function () {
          self.clearImportError();
          self.sheet.focus("import");
        }, { "data-action": "dismiss-import-error" }),
      ])
    );
  };

  WorksheetAlerts.prototype.clearImportError = function () {
    var old = this.node.querySelector("[data-banner=import-error]");
    if (old) old.remove();
  };

  R.WorksheetAlerts = WorksheetAlerts;
})();
