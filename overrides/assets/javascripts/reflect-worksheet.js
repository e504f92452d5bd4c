/* Reflect: the self-evaluation worksheet of a reflective question set — its state: loading,
 * editing, saving, merging another tab's changes and settling a conflict.
 *
 * Per question a free-text answer and the set's rating scale. Answers are saved in this
 * browser's localStorage as you type (namespaced by site, question set and content
 * version), every save is read back and checked, and nothing is ever sent anywhere.
 *
 * Never losing answers:
 * - a failed or unverified save (storage blocked, full, or not keeping what it was given)
 *   shows a banner; the answers stay in memory and can still be exported;
 * - every save carries a revision number: a tab only writes over the revision it last
 *   read. Changes made in another tab are merged in when they touch other questions, and
 *   when both changed the same question the person chooses which to keep;
 * - answers to questions that a later content version removed are kept and exported;
 * - an import or a clear only happens after a confirmation.
 *
 * The pure parts: reflect-answers.js (checks, merging, formats), reflect-sheet.js (rows,
 * export files, sentences), reflect-store.js (the stored record). The worksheet makes its
 * three views, each an object with its own state, and gives each only what it needs of the
 * worksheet (see viewsOf): the form (reflect-worksheet-form.js: the box, the fields under
 * each question, the print copy, answers to removed questions), the banners
 * (reflect-worksheet-alerts.js: failed saves, notices, the conflict question) and the bar
 * (reflect-worksheet-files.js: the toolbar, export, import, clear). The answers, the saved
 * revision, the failure and the conflict stay here. The results and group comparison
 * register in R.worksheetViews and are called with the sheet; they reach the bar through
 * sheet.toolbar and sheet.progress, the status through sheet.status and the fields through
 * sheet.form.
 */
(function () {
  "use strict";

  var R = window.Reflect;
  var A = R.answers;
  var S = R.sheet;
  var t = R.t;
  var SAVE_DELAY = 400;
  R.worksheetViews = R.worksheetViews || [];

  var blank = A.blank;
  var copyAnswers = A.copyAnswers;

  function Worksheet(root, data) {
    var self = this;
    var sheet = S.create(data);
    this.root = root;
    this.data = data;
    this.model = sheet; // the pure model (reflect-sheet.js)
    this.questions = sheet.questions;
    this.byId = sheet.byId;
    this.scale = sheet.scale;
    this.scaleValues = sheet.scaleValues;
    var keys = S.storageKeys(R.slug(data.site || document.title), data);
    this.prefix = keys.prefix;
    this.store = R.store.create(keys.prefix, keys.key, function () {
      return window.localStorage;
    });
    this.tab = Math.random().toString(36).slice(2, 10);
    this.answers = A.emptyMap();
    this.base = A.emptyMap();
    this.baseRevision = 0;
    this.failure = null; // reason the last save failed, or null
    this.conflict = null; // {record, ids} while waiting for a choice
    this.timer = null;
    this.listeners = [];
    this.persistAsked = false;
    this.changeListeners = []; // called after the answers change (progress, results)

    this.status = R.liveRegion(R.el("div"), "reflect-save-status");
    this.status.node.id = "reflect-worksheet-status";
    var views = this.viewsOf();
    this.alerts = new R.WorksheetAlerts(views.alerts);
    this.files = new R.WorksheetFiles(views.files);
    this.form = new R.WorksheetForm(views.form);
    this.toolbar = this.files.toolbar; // where the results and comparison add their buttons
    this.progress = this.files.progress;
    this.form.build([this.alerts.node, this.status.node, this.files.bar, this.files.input]);
    this.load();
    this.renderAll();

    this.listen(window, "storage", function (event) {
      if (event.key === self.store.key || event.key === null) self.onExternalChange();
    });
    this.listen(window, "pagehide", function () {
      self.flush();
    });
    this.listen(document, "visibilitychange", function () {
      if (document.visibilityState === "hidden") self.flush();
    });
    this.listen(window, "beforeunload", function (event) {
      self.flush();
      if (self.unsaved()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  /* What each view is given of the worksheet: the values it reads and the few things it
   * may ask the worksheet to do (never the worksheet itself). */
  Worksheet.prototype.viewsOf = function () {
    var self = this;
    var answers = function () {
      return self.answers;
    };
    var flush = function () {
      self.flush();
    };
    var say = function (text) {
      self.status.say(text);
    };
    return {
      form: {
        root: this.root,
        data: this.data,
        model: this.model,
        answers: answers,
        flush: flush,
        edit: function (id, field, value, now) {
          self.edit(id, field, value, now);
        },
        confirm: function (id) {
          self.confirmCarried(id);
        },
      },
      alerts: {
        model: this.model,
        answers: answers,
        failure: function () {
          return self.failure;
        },
        exportNow: function () {
          self.files.exportJSON();
        },
        retry: function () {
          self.save();
        },
        resolve: function (choice) {
          self.resolve(choice);
        },
        focus: function (action) {
          self.root.querySelector('[data-action="' + action + '"]').focus();
        },
      },
      files: {
        root: this.root,
        model: this.model,
        data: this.data,
        answers: answers,
        flush: flush,
        say: say,
        listen: function (target, type, handler) {
          self.listen(target, type, handler);
        },
        carryAcross: function (read) {
          return self.carryAcross(read);
        },
        replace: function (next, notice) {
          self.replace(next, notice);
        },
        importError: function (name, reason) {
          // No earlier "Imported …" message may stay on screen beside this one.
          self.setStatus(t("ws_status_import_failed", { name: name }));
          self.alerts.importError(name, reason);
        },
        clearImportError: function () {
          self.alerts.clearImportError();
        },
      },
    };
  };

  Worksheet.prototype.listen = function (target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
  };

  Worksheet.prototype.destroy = function () {
    this.flush();
    this.listeners.forEach(function (entry) {
      entry[0].removeEventListener(entry[1], entry[2]);
    });
    this.listeners = [];
  };

  /* Answers that exist only in memory right now. */
  Worksheet.prototype.unsaved = function () {
    return S.differs(this.answers, this.base);
  };

  Worksheet.prototype.ratingLabel = function (value) {
    return S.ratingLabel(this.model, value);
  };

  Worksheet.prototype.order = function (ids) {
    return S.order(this.model, ids);
  };

  /* What reflect-answers.js needs to know about this set to check a file. */
  Worksheet.prototype.context = function () {
    return S.context(this.model);
  };

  /* --- loading, editing, saving ------------------------------------------------------------- */

  Worksheet.prototype.load = function () {
    if (!this.store.available()) {
      this.fail("blocked");
      return;
    }
    var result = this.store.read();
    if (!result.ok) {
      this.fail(R.store.reasonOf(result.error));
      return;
    }
    if (result.corrupt) {
      // Never overwrite what we cannot read: keep it under another key, start afresh.
      var kept = this.store.setAside(result.raw);
      this.alerts.notice(kept ? t("ws_unreadable_kept") : t("ws_unreadable"));
      if (!kept) this.baseRevision = -1; // do not write over it
    }
    if (result.dropped && result.dropped.length) this.alerts.notice(S.droppedText(this.model, result.dropped, t));
    if (result.record) {
      this.answers = copyAnswers(result.record.answers);
      this.base = copyAnswers(result.record.answers);
      this.baseRevision = Number(result.record.revision) || 0;
    } else if (!result.corrupt) {
      var older = this.store.otherVersions()[0];
      if (older) {
        // Saved under another content version: carried across (reflect-carry.js), never dropped.
        var moved = this.carryAcross(older.record);
        this.answers = moved.answers;
        this.alerts.notice(S.carriedText(this.model, this.answers, moved.report, older.record.content_version, t));
        this.save();
      }
    }
    this.requestPersistence();
  };

  /* Answers given under another content version (a stored record, or a file as
   * reflect-answers.js read it) carried across to this one: {answers, report, rescaled}. */
  Worksheet.prototype.carryAcross = function (old) {
    return R.carry.carry(this.model, old, this.data.history || {});
  };

  Worksheet.prototype.requestPersistence = function () {
    if (this.persistAsked) return;
    this.persistAsked = true;
    var root = this.root;
    try {
      if (navigator.storage && typeof navigator.storage.persist === "function") {
        Promise.resolve(navigator.storage.persist()).then(
          function (granted) {
            root.setAttribute("data-persisted", granted ? "true" : "false");
          },
          function () {
            root.setAttribute("data-persisted", "false");
          }
        );
      }
    } catch (error) {
      root.setAttribute("data-persisted", "false");
    }
  };

  Worksheet.prototype.edit = function (id, field, value, now) {
    var next = S.edited(this.model, this.answers[id], id, field, value);
    if (next === null) delete this.answers[id];
    else this.answers[id] = next;
    this.form.renderEdited(id);
    this.schedule(now);
    this.notify();
  };

  /* Draw everything from the answers: fields, banners, status; then tell the listeners. */
  Worksheet.prototype.renderAll = function () {
    this.form.renderAll();
    this.alerts.render();
    if (!this.failure && !this.conflict) this.succeed();
    this.root.setAttribute("data-ready", "true");
    this.notify();
  };

  /* All the answers replaced (a file imported, or cleared); notice: the notice to show
   * (null: none; undefined: keep the one shown). Saved at once. */
  Worksheet.prototype.replace = function (answers, notice) {
    this.answers = answers;
    if (notice !== undefined) this.alerts.keepNotice(notice);
    this.renderAll();
    this.schedule(true);
  };

  /* The person confirms a carried answer: the flag goes, the answer stays (and its rating on
   * an earlier scale until rated again). */
  Worksheet.prototype.confirmCarried = function (id) {
    var answer = this.answers[id];
    if (!answer || !R.carry.toConfirm(answer)) return;
    this.answers[id] = R.carry.confirmed(answer);
    this.form.renderField(id);
    this.schedule(true);
    this.notify();
    this.status.say(t("ws_carried_confirmed", { number: this.byId[id].q.number }));
    this.form.focus(id);
  };

  Worksheet.prototype.notify = function () {
    var self = this;
    this.changeListeners.forEach(function (listener) {
      listener(self);
    });
  };

  Worksheet.prototype.schedule = function (now) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = null;
    if (now) {
      this.save();
      return;
    }
    this.timer = window.setTimeout(function () {
      self.timer = null;
      self.save();
    }, SAVE_DELAY);
  };

  Worksheet.prototype.flush = function () {
    if (this.timer) {
      window.clearTimeout(this.timer);
      this.timer = null;
      this.save();
    }
  };

  Worksheet.prototype.save = function () {
    if (this.conflict) {
      this.setStatus(t("ws_status_conflict"));
      return false;
    }
    if (this.baseRevision < 0) {
      this.setStatus(t("ws_status_unreadable"));
      return false;
    }
    if (!this.store.available()) return this.fail("blocked");
    var current = this.store.read();
    if (!current.ok) return this.fail(R.store.reasonOf(current.error));
    var storedRevision = current.record ? Number(current.record.revision) || 0 : 0;
    if (storedRevision !== this.baseRevision) {
      // Another tab or window saved since we last read: merge its changes first.
      if (!this.merge(current.record)) return false;
    }
    if (!this.unsaved()) {
      this.succeed();
      return true;
    }
    var record = A.makeRecord(this.data, this.answers, this.baseRevision + 1, this.tab, new Date().toISOString());
    var result = this.store.write(record);
    if (!result.ok) return this.fail(result.reason);
    this.base = copyAnswers(record.answers);
    this.baseRevision = record.revision;
    this.succeed();
    return true;
  };

  /* Bring in another tab's saved changes. False (and a question to the person) when both
   * changed the same question differently. Which questions changed and which clash is
   * reflect-answers.js's three-way merge; what changed is applied here, in place. */
  Worksheet.prototype.merge = function (record) {
    var self = this;
    var theirs = record ? copyAnswers(record.answers) : {};
    var merged = A.merge(this.base, theirs, this.answers);
    var changed = merged.changed;
    changed.forEach(function (id) {
      var other = theirs[id];
      if (blank(other)) delete self.answers[id];
      else {
        self.answers[id] = { text: other.text, rating: other.rating, question: other.question };
        if (other.carried) self.answers[id].carried = other.carried;
      }
    });
    changed.forEach(function (id) {
      self.form.renderField(id);
    });
    if (changed.length) {
      this.form.renderRetired();
      this.notify();
    }
    if (merged.clashes.length) {
      this.conflict = { record: record, theirs: theirs, ids: this.order(merged.clashes) };
      this.alerts.showConflict(this.conflict);
      this.setStatus(t("ws_status_conflict"));
      return false;
    }
    this.conflict = null;
    this.base = theirs;
    this.baseRevision = record ? Number(record.revision) || 0 : 0;
    if (changed.length) this.setStatus(t("ws_status_merged", { count: changed.length }));
    return true;
  };

  Worksheet.prototype.onExternalChange = function () {
    var result = this.store.read();
    if (!result.ok) return;
    var revision = result.record ? Number(result.record.revision) || 0 : 0;
    if (revision === this.baseRevision && !this.conflict) return;
    this.conflict = null;
    this.alerts.clearConflict();
    if (this.merge(result.record) && this.unsaved()) this.schedule(true);
  };

  /* Resolve a clash: keep this tab's answers ("mine") or take the other tab's ("theirs"). */
  Worksheet.prototype.resolve = function (choice) {
    var self = this;
    var conflict = this.conflict;
    if (!conflict) return;
    // Re-read in case yet another save happened while the question was on screen.
    var latest = this.store.read();
    var record = latest.ok && latest.record ? latest.record : conflict.record;
    var theirs = record ? copyAnswers(record.answers) : {};
    if (choice === "theirs") {
      conflict.ids.forEach(function (id) {
        if (blank(theirs[id])) delete self.answers[id];
        else self.answers[id] = theirs[id];
        self.form.renderField(id);
      });
    }
    this.conflict = null;
    this.alerts.clearConflict();
    // Everything the other tab saved is now known; what differs from it is ours to save.
    this.base = theirs;
    this.baseRevision = record ? Number(record.revision) || 0 : 0;
    this.form.renderRetired();
    this.save();
    this.notify();
    this.status.say(choice === "theirs" ? t("ws_kept_theirs") : t("ws_kept_mine"));
    this.form.focus(conflict.ids[0]);
  };

  Worksheet.prototype.succeed = function () {
    var hadFailure = this.failure;
    this.failure = null;
    if (hadFailure) this.alerts.render();
    this.setStatus(A.countAnswers(this.answers) ? t("ws_status_saved") : t("ws_status_empty"));
    this.root.setAttribute("data-saved-revision", String(this.baseRevision));
  };

  Worksheet.prototype.fail = function (reason) {
    var first = this.failure !== reason;
    this.failure = reason;
    if (first) this.alerts.render();
    this.setStatus(t("ws_status_failed"));
    return false;
  };

  Worksheet.prototype.setStatus = function (message) {
    if (this.status.node.textContent !== message) this.status.node.textContent = message;
  };

  /* A problem found in a file or a stored record, in words (the group comparison too). */
  R.problemText = function (error) {
    return S.problemText(error, t);
  };

  R.Worksheet = Worksheet;

  R.onPage(function () {
    var tool = R.findTool("reflect-worksheet");
    if (!tool || !Array.isArray(tool.data.sections)) return null;
    var sheet = new Worksheet(tool.root, tool.data);
    var cleanups = R.worksheetViews.map(function (view) {
      return view(sheet);
    });
    return function () {
      cleanups.forEach(function (fn) {
        if (typeof fn === "function") fn();
      });
      sheet.destroy();
    };
  });
})();
