/* Reflect: the worksheet's bar and what its actions do with files — progress beside the
 * actions (folded behind one line on a narrow screen), export as JSON, CSV or Markdown
 * (made by reflect-sheet.js), print, import an exported file (checked by
 * reflect-answers.js, applied only after a confirmation when it would replace answers) and
 * clear. A view of its own (R.WorksheetFiles), made by the worksheet (see
 * reflect-worksheet.js) and given only what it needs; it keeps the bar, its toolbar, the
 * progress line and the hidden file chooser. The results and comparison views add their
 * buttons to this toolbar. */
(function () {
  "use strict";

  var R = window.Reflect;
  var A = R.answers;
  var S = R.sheet;
  var t = R.t;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var NARROW = "(max-width: 44.9375em)";

  /* sheet: what the bar reads from the worksheet and does with it —
   *   root: the worksheet's box (where a confirmation opens); model: the set's model
   *   (reflect-sheet.js); data: the set's data (its content version); answers(): the answers now;
   *   flush(): save what waits to be saved; listen(target, type, handler): an event listener
   *   removed with the worksheet; say(text): the status line;
   *   carryAcross(read): answers of another content version carried to this one;
   *   replace(answers, notice): the answers replaced (notice: the one to show, null for none,
   *   undefined to keep the one shown); importError(name, reason), clearImportError(). */
  function WorksheetFiles(sheet) {
    this.sheet = sheet;
    this.build();
  }

  /* The sticky bar: progress and the actions. Sets this.bar, this.progress, this.toolbar
   * and this.input (the hidden file chooser, placed in the box by the form). */
  WorksheetFiles.prototype.build = function () {
    var el = R.el;
    var self = this;
    var sheet = this.sheet;
    var input = el("input", {
      type: "file",
      accept: ".json,application/json",
      hidden: true,
      id: "reflect-worksheet-file",
      tabindex: "-1",
    });
    input.setAttribute("aria-label", t("ws_import"));
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      input.value = "";
      if (file) self.importFile(file);
    });
    this.input = input;

    // Opens the chooser by mouse, Space and Enter (see R.fileButton for Chromium's quirk).
    var importButton = R.fileButton(t("ws_import"), input, { "data-action": "import" });
    this.progress = el("p", { class: "reflect-progress", id: "reflect-worksheet-progress", "aria-live": "polite" });
    this.toolbar = el("div", { class: "reflect-toolbar reflect-worksheet-toolbar", role: "group", "aria-label": t("ws_actions") }, [
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
        sheet.flush();
        window.print();
      }, { "data-action": "print" }),
      R.button(t("ws_clear"), function () {
        self.clearAll();
      }, { "data-action": "clear", class: "reflect-button reflect-button--danger" }),
    ]);

    // The bar sticks to the top of the screen. On a narrow screen its actions fold away
    // behind one line (a disclosure) so that the bar leaves room for the questions.
    var narrow = window.matchMedia && window.matchMedia(NARROW).matches;
    var more = el("details", { class: "reflect-worksheet-more", open: !narrow }, [
      el("summary", { class: "reflect-worksheet-more__summary", text: t("ws_actions") }),
      this.toolbar,
    ]);
    if (window.matchMedia) {
      // Grown wide (a turned phone, a zoom-out): the actions show, as the summary is gone.
      sheet.listen(window, "resize", function () {
        if (!window.matchMedia(NARROW).matches) more.open = true;
      });
    }
    this.bar = el("div", { class: "reflect-worksheet-bar" }, [this.progress, more]);
  };

  /* --- export --------------------------------------------------------------------------- */

  WorksheetFiles.prototype.fileName = function (extension) {
    return S.fileName(this.sheet.model, "answers", R.today(), extension);
  };

  WorksheetFiles.prototype.exportJSON = function () {
    var sheet = this.sheet;
    sheet.flush();
    var answers = sheet.answers();
    R.download(this.fileName("json"), "application/json", S.exportJSON(sheet.model, answers, new Date().toISOString()));
    sheet.say(t("ws_exported_json", { count: A.countAnswers(answers) }));
  };

  WorksheetFiles.prototype.exportCSV = function () {
    var sheet = this.sheet;
    sheet.flush();
    R.download(this.fileName("csv"), "text/csv;charset=utf-8", S.exportCSV(sheet.model, sheet.answers()));
    sheet.say(t("ws_exported_csv"));
  };

  WorksheetFiles.prototype.exportMarkdown = function () {
    var sheet = this.sheet;
    sheet.flush();
    R.download(this.fileName("md"), "text/markdown;charset=utf-8", S.exportMarkdown(sheet.model, sheet.answers(), t, R.today()));
    sheet.say(t("ws_exported_markdown"));
  };

  /* --- import --------------------------------------------------------------------------- */

  /* The answers in an exported file, carried across when it was saved under another
   * content version: {answers, report (or null), version}; or throws a problem (see
   * reflect-answers.js: a file of another set or another site is refused). */
  WorksheetFiles.prototype.validate = function (object) {
    var sheet = this.sheet;
    var read = A.readExport(object, S.context(sheet.model));
    if (read.content_version === "" || read.content_version === sheet.data.content_version) {
      return { answers: read.answers, report: null, version: read.content_version };
    }
    var moved = sheet.carryAcross(read);
    return { answers: moved.answers, report: moved.report, version: read.content_version };
  };

  WorksheetFiles.prototype.importFile = function (file) {
    var self = this;
    var sheet = this.sheet;
    if (file.size > MAX_IMPORT_BYTES) {
      sheet.importError(file.name, t("problem_too_large", { size: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var object;
      try {
        object = JSON.parse(String(reader.result).replace(/^\ufeff/, ""));
      } catch (error) {
        sheet.importError(file.name, t("problem_not_json"));
        return;
      }
      var read;
      try {
        read = self.validate(object);
      } catch (error) {
        sheet.importError(file.name, R.problemText(error));
        return;
      }
      self.confirmImport(file.name, read.answers, read.report, read.version);
    };
    reader.onerror = function () {
      sheet.importError(file.name, t("problem_unreadable"));
    };
    reader.readAsText(file);
  };

  /* Apply a file's answers (after asking, when it would replace some); report: what
   * carrying them across from the file's content version did, or null. */
  WorksheetFiles.prototype.confirmImport = function (name, answers, report, version) {
    var sheet = this.sheet;
    sheet.clearImportError();
    var have = A.countAnswers(sheet.answers());
    var incoming = A.countAnswers(answers);
    var apply = function () {
      sheet.replace(answers, report ? S.carriedText(sheet.model, answers, report, version, t) : undefined);
      sheet.say(t("ws_imported", { count: incoming, name: name }));
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
      container: sheet.root,
    }).then(function (yes) {
      if (yes) apply();
      else sheet.say(t("ws_import_cancelled"));
    });
  };

  /* --- clear ---------------------------------------------------------------------------- */

  WorksheetFiles.prototype.clearAll = function () {
    var sheet = this.sheet;
    var have = A.countAnswers(sheet.answers());
    if (!have) {
      sheet.say(t("ws_nothing_to_clear"));
      return;
    }
    R.confirm({
      title: t("ws_clear_title"),
      message: t("ws_clear_message", { count: have }),
      confirm: t("ws_clear"),
      cancel: t("cancel"),
      danger: true,
      container: sheet.root,
    }).then(function (yes) {
      if (!yes) {
        sheet.say(t("ws_nothing_cleared"));
        return;
      }
      sheet.replace(A.emptyMap(), null);
      sheet.say(t("ws_cleared"));
    });
  };

  R.WorksheetFiles = WorksheetFiles;
})();
