/* Reflect: the worksheet's banners — a save that failed (with a way to export at once and
 * to retry), a notice about what was found in storage, a file that could not be imported,
 * and the question put when another tab changed the same statements. Methods of the
 * worksheet (see reflect-worksheet.js), added through R.worksheetParts. */
(function () {
  "use strict";

  var R = window.Reflect;
  var S = R.sheet;
  var t = R.t;
  R.worksheetParts = R.worksheetParts || {};

  R.worksheetParts.alerts = {
    notice: function (message) {
      this.noticeText = message;
      this.renderAlerts();
    },

    renderAlerts: function () {
      var el = R.el;
      var self = this;
      var box = this.alerts;
      // Keep the conflict question if it is on screen; rebuild the rest.
      Array.prototype.slice.call(box.children).forEach(function (child) {
        if (!child.classList.contains("reflect-banner--conflict")) child.remove();
      });
      if (this.failure) {
        var reasons = { full: t("ws_fail_full"), blocked: t("ws_fail_blocked"), unverified: t("ws_fail_unverified") };
        box.appendChild(
          el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "storage", "data-reason": this.failure }, [
            el("p", {}, [el("strong", { text: t("ws_fail_lead") }), " " + reasons[this.failure]]),
            el("p", { text: t("ws_fail_nothing_lost") }),
            el("div", { class: "reflect-toolbar" }, [
              R.button(t("ws_export_now"), function () {
                self.exportJSON();
              }, { "data-action": "banner-export-json", class: "reflect-button reflect-button--primary" }),
              R.button(t("ws_retry"), function () {
                self.save();
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
              self.noticeText = null;
              self.renderAlerts();
              self.root.querySelector("[data-action=export-json]").focus();
            }, { "data-action": "dismiss-notice" }),
          ])
        );
      }
    },

    clearConflict: function () {
      var old = this.alerts.querySelector(".reflect-banner--conflict");
      if (old) old.remove();
    },

    renderConflict: function () {
      var el = R.el;
      var self = this;
      this.clearConflict();
      var conflict = this.conflict;
      var items = conflict.ids.map(function (id) {
        return el("li", { "data-question": id }, [S.conflictLine(self.model, self.answers, id, conflict.theirs[id], t)]);
      });
      this.alerts.appendChild(
        el("div", { class: "reflect-banner reflect-banner--conflict", "data-banner": "conflict" }, [
          el("p", {}, [el("strong", { text: t("ws_conflict_lead") }), " " + t("ws_conflict_choose")]),
          el("ul", {}, items),
          el("div", { class: "reflect-toolbar" }, [
            R.button(t("ws_keep_mine"), function () {
              self.resolve("mine");
            }, { "data-action": "keep-mine", class: "reflect-button reflect-button--primary" }),
            R.button(t("ws_keep_theirs"), function () {
              self.resolve("theirs");
            }, { "data-action": "keep-theirs" }),
          ]),
        ])
      );
      this.setStatus(t("ws_status_conflict"));
    },

    /* A file that could not be imported: its name and why, until dismissed or replaced. */
    importError: function (name, reason) {
      var el = R.el;
      var self = this;
      // No earlier "Imported …" message may stay on screen beside this one.
      this.setStatus(t("ws_status_import_failed", { name: name }));
      this.clearImportError();
      this.alerts.appendChild(
        el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "import-error" }, [
          el("p", {}, [
            el("strong", { text: t("ws_import_failed", { name: name }) }),
            " " + t("ws_import_failed_reason", { reason: reason }),
          ]),
          R.button(t("dismiss"), function () {
            self.clearImportError();
            self.root.querySelector("[data-action=import]").focus();
          }, { "data-action": "dismiss-import-error" }),
        ])
      );
    },

    clearImportError: function () {
      var old = this.alerts.querySelector("[data-banner=import-error]");
      if (old) old.remove();
    },
  };
})();
