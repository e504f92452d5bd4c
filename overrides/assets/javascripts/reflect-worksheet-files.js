/* Reflect: the worksheet's bar and what its actions do with files — progress beside the
 * actions (folded behind one line on a narrow screen), export as JSON, CSV or Markdown
 * (made by reflect-sheet.js), print, import an exported file (checked by
 * reflect-answers.js, applied only after a confirmation when it would replace answers) and
 * clear. Methods of the worksheet (see reflect-worksheet.js), added through
 * R.worksheetParts. The results and comparison views add their buttons to this toolbar. */
(function () {
  "use strict";

  var R = window.Reflect;
  var A = R.answers;
  var S = R.sheet;
  var t = R.t;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var NARROW = "(max-width: 44.9375em)";
  R.worksheetParts = R.worksheetParts || {};

  R.worksheetParts.files = {
    /* The sticky bar: progress and the actions. Sets this.progress, this.toolbar and
     * this.fileInput (the hidden file chooser, placed in the box by the form). */
    buildBar: function () {
      var el = R.el;
      var self = this;
      this.fileInput = el("input", {
        type: "file",
        accept: ".json,application/json",
        hidden: true,
        id: "reflect-worksheet-file",
        tabindex: "-1",
      });
      this.fileInput.setAttribute("aria-label", t("ws_import"));
      this.fileInput.addEventListener("change", function () {
        var file = self.fileInput.files && self.fileInput.files[0];
        self.fileInput.value = "";
        if (file) self.importFile(file);
      });

      // Opens the chooser by mouse, Space and Enter (see R.fileButton for Chromium's quirk).
      var importButton = R.fileButton(t("ws_import"), this.fileInput, { "data-action": "import" });
      this.progress = el("p", { class: "reflect-progress", id: "reflect-worksheet-progress", "aria-live": "polite" });
      var toolbar = el("div", { class: "reflect-toolbar reflect-worksheet-toolbar", role: "group", "aria-label": t("ws_actions") }, [
        R.button(t("export_json"), function () {
          self.exportJSON();
        }, { "data-action": "export-json" }),
        R.button(t("export_csv"), function () {
          self.exportCSV();
        }, { "data-action": "export-csv" }),
        R.button(t("export_markdown"), function () {
          self.exportMarkdown();
        }, { "data-action": "export-markdown" }),
        importButton,
        R.button(t("print"), function () {
          self.flush();
          window.print();
        }, { "data-action": "print" }),
        R.button(t("ws_clear"), function () {
          self.clearAll();
        }, { "data-action": "clear", class: "reflect-button reflect-button--danger" }),
      ]);
      this.toolbar = toolbar;

      // The bar sticks to the top of the screen. On a narrow screen its actions fold away
      // behind one line (a disclosure) so that the bar leaves room for the questions.
      var narrow = window.matchMedia && window.matchMedia(NARROW).matches;
      var more = el("details", { class: "reflect-worksheet-more", open: !narrow }, [
        el("summary", { class: "reflect-worksheet-more__summary", text: t("ws_actions") }),
        toolbar,
      ]);
      if (window.matchMedia) {
        // Grown wide (a turned phone, a zoom-out): the actions show, as the summary is gone.
        this.listen(window, "resize", function () {
          if (!window.matchMedia(NARROW).matches) more.open = true;
        });
      }
      return el("div", { class: "reflect-worksheet-bar" }, [this.progress, more]);
    },

    /* --- export ------------------------------------------------------------------------- */

    fileName: function (extension) {
      return S.fileName(this.model, "answers", R.today(), extension);
    },

    exportJSON: function () {
      this.flush();
      R.download(this.fileName("json"), "application/json", S.exportJSON(this.model, this.answers, new Date().toISOString()));
      this.status.say(t("ws_exported_json", { count: A.countAnswers(this.answers) }));
    },

    exportCSV: function () {
      this.flush();
      R.download(this.fileName("csv"), "text/csv;charset=utf-8", S.exportCSV(this.model, this.answers));
      this.status.say(t("ws_exported_csv"));
    },

    exportMarkdown: function () {
      this.flush();
      R.download(this.fileName("md"), "text/markdown;charset=utf-8", S.exportMarkdown(this.model, this.answers, t, R.today()));
      this.status.say(t("ws_exported_markdown"));
    },

    /* --- import ------------------------------------------------------------------------- */

    /* The answers in an exported file, carried across when it was saved under another
     * content version: {answers, report (or null), version}; or throws a problem (see
     * reflect-answers.js: a file of another set or another site is refused). */
    validate: function (object) {
      var read = A.readExport(object, this.context());
      if (read.content_version === "" || read.content_version === this.data.content_version) {
        return { answers: read.answers, report: null, version: read.content_version };
      }
      var moved = this.carryAcross(read);
      return { answers: moved.answers, report: moved.report, version: read.content_version };
    },

    importFile: function (file) {
      var self = this;
      if (file.size > MAX_IMPORT_BYTES) {
        this.importError(file.name, t("problem_too_large", { size: MAX_IMPORT_BYTES / 1024 / 1024 }));
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        var object;
        try {
          object = JSON.parse(String(reader.result).replace(/^\ufeff/, ""));
        } catch (error) {
          self.importError(file.name, t("problem_not_json"));
          return;
        }
        var read;
        try {
          read = self.validate(object);
        } catch (error) {
          self.importError(file.name, R.problemText(error));
          return;
        }
        self.confirmImport(file.name, read.answers, read.report, read.version);
      };
      reader.onerror = function () {
        self.importError(file.name, t("problem_unreadable"));
      };
      reader.readAsText(file);
    },

    /* Apply a file's answers (after asking, when it would replace some); report: what
     * carrying them across from the file's content version did, or null. */
    confirmImport: function (name, answers, report, version) {
      var self = this;
      this.clearImportError();
      var have = A.countAnswers(this.answers);
      var incoming = A.countAnswers(answers);
      var apply = function () {
        self.answers = answers;
        if (report) self.noticeText = S.carriedText(self.model, answers, report, version, t);
        self.renderAll();
        self.schedule(true);
        self.status.say(t("ws_imported", { count: incoming, name: name }));
      };
      if (!have) {
        apply();
        return;
      }
      R.confirm({
        title: t("ws_replace_title"),
        message: t("ws_replace_have", { count: have }) + " " + t("ws_replace_message", { name: name, count: incoming }),
        confirm: t("ws_replace_confirm"),
        cancel: t("cancel"),
        danger: true,
        container: this.root,
      }).then(function (yes) {
        if (yes) apply();
        else self.status.say(t("ws_import_cancelled"));
      });
    },

    /* --- clear -------------------------------------------------------------------------- */

    clearAll: function () {
      var self = this;
      var have = A.countAnswers(this.answers);
      if (!have) {
        this.status.say(t("ws_nothing_to_clear"));
        return;
      }
      R.confirm({
        title: t("ws_clear_title"),
        message: t("ws_clear_message", { count: have }),
        confirm: t("ws_clear"),
        cancel: t("cancel"),
        danger: true,
        container: this.root,
      }).then(function (yes) {
        if (!yes) {
          self.status.say(t("ws_nothing_cleared"));
          return;
        }
        self.answers = A.emptyMap();
        self.noticeText = null;
        self.renderAll();
        self.schedule(true);
        self.status.say(t("ws_cleared"));
      });
    },
  };
})();
