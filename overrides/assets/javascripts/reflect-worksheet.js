/* Reflect: the self-evaluation worksheet of a reflective question set.
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
 */
(function () {
  "use strict";

  var R = window.Reflect;
  var A = R.answers; // the pure parts: checks, merging, formats (reflect-answers.js)
  var t = R.t;
  var FORMAT = A.FORMAT; // the export file
  var FORMAT_VERSION = A.FORMAT_VERSION;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var SAVE_DELAY = 400;
  // Views added by other scripts (results, group comparison): each is called with the sheet.
  R.worksheetViews = R.worksheetViews || [];

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

  /* --- storage ------------------------------------------------------------------------ */

  function isQuotaError(error) {
    return (
      !!error &&
      (error.name === "QuotaExceededError" ||
        error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
        error.code === 22 ||
        error.code === 1014)
    );
  }

  function Store(prefix, key) {
    this.prefix = prefix;
    this.key = key;
  }

  /* localStorage, or throws (some browsers throw on merely reading the property). */
  Store.prototype.storage = function () {
    var storage = window.localStorage;
    if (!storage) throw new Error("localStorage");
    return storage;
  };

  Store.prototype.available = function () {
    try {
      this.storage();
      return true;
    } catch (error) {
      return false;
    }
  };

  /* {ok, record (or null), raw, error} */
  Store.prototype.read = function (key) {
    var raw;
    try {
      raw = this.storage().getItem(key || this.key);
    } catch (error) {
      return { ok: false, error: error };
    }
    if (raw === null || raw === undefined) return { ok: true, record: null, raw: null };
    // Every field checked by type: answers that fail are left out and named in `dropped`.
    var read = A.readRecord(raw);
    if (read.corrupt) return { ok: true, record: null, raw: raw, corrupt: true };
    return { ok: true, record: read.record, raw: raw, dropped: read.dropped };
  };

  /* Write, then read back and compare. {ok, error, reason: "full"|"blocked"|"unverified"} */
  Store.prototype.write = function (record) {
    var text = JSON.stringify(record);
    try {
      var storage = this.storage();
      storage.setItem(this.key, text);
      var back = storage.getItem(this.key);
      if (back !== text) return { ok: false, reason: "unverified" };
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error, reason: isQuotaError(error) ? "full" : "blocked" };
    }
  };

  /* The same set's records under other content versions, newest first. */
  Store.prototype.otherVersions = function () {
    var found = [];
    try {
      var storage = this.storage();
      for (var i = 0; i < storage.length; i += 1) {
        var key = storage.key(i);
        if (!key || key === this.key || key.indexOf(this.prefix) !== 0) continue;
        if (key.slice(this.prefix.length).indexOf(":") >= 0) continue; // backups
        var result = this.read(key);
        if (result.ok && result.record) found.push({ key: key, record: result.record });
      }
    } catch (error) {
      return [];
    }
    found.sort(function (a, b) {
      return String(b.record.saved_at || "").localeCompare(String(a.record.saved_at || ""));
    });
    return found;
  };

  /* Keep an unreadable record under another key instead of ever overwriting it. */
  Store.prototype.setAside = function (raw) {
    try {
      this.storage().setItem(this.key + ":unreadable:" + Date.now(), raw);
      return true;
    } catch (error) {
      return false;
    }
  };

  /* --- answers (reflect-answers.js) -------------------------------------------------------- */

  var blank = A.blank;
  var same = A.same;
  var copyAnswers = A.copyAnswers;
  var countAnswers = A.countAnswers;

  /* --- the worksheet ------------------------------------------------------------------------ */

  function Worksheet(root, data) {
    var self = this;
    this.root = root;
    this.data = data;
    this.questions = [];
    this.byId = Object.create(null); // no "constructor" or "__proto__" to trip over
    data.sections.forEach(function (section, sectionIndex) {
      (section.questions || []).forEach(function (q) {
        var item = { q: q, section: section, sectionNumber: sectionIndex + 1 };
        self.questions.push(item);
        self.byId[q.id] = item;
      });
    });
    this.scale = (data.scale && data.scale.options) || [];
    this.scaleValues = this.scale.map(function (o) {
      return o.value;
    });
    var site = R.slug(data.site || document.title);
    this.prefix = "reflect:" + site + ":worksheet:" + data.set + ":";
    this.store = new Store(this.prefix, this.prefix + (data.content_version || "unversioned"));
    this.tab = Math.random().toString(36).slice(2, 10);
    this.answers = A.emptyMap();
    this.base = A.emptyMap();
    this.baseRevision = 0;
    this.failure = null; // reason the last save failed, or null
    this.conflict = null; // {record, ids} while waiting for a choice
    this.fields = {};
    this.timer = null;
    this.listeners = [];
    this.persistAsked = false;
    this.changeListeners = []; // called after the answers change (progress, results)

    this.build();
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
    var self = this;
    var ids = Object.keys(this.answers).concat(Object.keys(this.base));
    return ids.some(function (id) {
      return !same(self.answers[id], self.base[id]);
    });
  };

  /* --- building the page ------------------------------------------------------------------ */

  Worksheet.prototype.build = function () {
    var el = R.el;
    var self = this;
    var root = this.root;
    var data = this.data;
    root.textContent = "";
    root.classList.add("reflect-panel");
    root.setAttribute("data-ready", "false");

    var title = el("h2", { id: "reflect-worksheet-title", text: t("ws_title") });
    var privacy = el("div", { class: "reflect-privacy" }, [
      el("p", {}, [el("strong", { text: t("ws_privacy_lead") }), " " + t("ws_privacy")]),
      el("p", {
        text: t("ws_under_each", {
          response: (data.response_label || t("ws_answer")).toLowerCase(),
          scale: (data.scale && data.scale.label) || "",
        }),
      }),
    ]);
    this.alerts = el("div", { class: "reflect-alerts", role: "alert" });
    this.status = R.liveRegion(el("div"), "reflect-save-status");
    this.status.node.id = "reflect-worksheet-status";

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

    this.retired = el("section", {
      class: "reflect-retired",
      hidden: true,
      "aria-labelledby": "reflect-retired-title",
    });

    this.printHeader = el("p", { class: "reflect-print-only reflect-print-note" });

    root.appendChild(title);
    root.appendChild(privacy);
    root.appendChild(this.alerts);
    root.appendChild(this.status.node);
    // The bar sticks to the top of the screen. On a narrow screen its actions fold away
    // behind one line (a disclosure) so that the bar leaves room for the questions.
    var narrow = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches;
    var more = el("details", { class: "reflect-worksheet-more", open: !narrow }, [
      el("summary", { class: "reflect-worksheet-more__summary", text: t("ws_actions") }),
      toolbar,
    ]);
    root.appendChild(el("div", { class: "reflect-worksheet-bar" }, [this.progress, more]));
    if (window.matchMedia) {
      // Grown wide (a turned phone, a zoom-out): the actions show, as the summary is gone.
      this.listen(window, "resize", function () {
        if (!window.matchMedia("(max-width: 44.9375em)").matches) more.open = true;
      });
    }
    root.appendChild(this.fileInput);
    root.appendChild(this.retired);
    root.appendChild(this.printHeader);

    // Starting again on the same page (it should not happen): no second set of fields.
    document.querySelectorAll(".reflect-answer[data-question]").forEach(function (node) {
      node.remove();
    });
    // The answer fields go under each question on the page; a question the page does not
    // show (it should not happen) gets its fields inside the worksheet box instead.
    var fallback = null;
    this.questions.forEach(function (item) {
      var block = self.answerBlock(item);
      // Only a heading the page holds once (content could repeat an id).
      var headings = document.querySelectorAll('[id="q-' + item.q.id + '"]');
      var heading = headings.length === 1 ? headings[0] : null;
      if (heading && root.parentNode && heading !== root) {
        var place = insertionPoint(heading);
        place.parent.insertBefore(block, place.before);
      } else {
        if (!fallback) {
          fallback = el("div", { class: "reflect-fallback-questions" });
          root.appendChild(fallback);
        }
        fallback.appendChild(el("h3", { text: t("compose_numbered", { number: item.q.number, text: item.q.text }) }));
        fallback.appendChild(block);
      }
    });
  };

  /* After the question's own block: its source line, or just before the next heading. */
  function insertionPoint(heading) {
    var node = heading.nextElementSibling;
    while (node) {
      if (/^H[1-3]$/.test(node.tagName)) return { parent: heading.parentNode, before: node };
      if (node.classList && node.classList.contains("reflect-source")) {
        return { parent: heading.parentNode, before: node.nextSibling };
      }
      node = node.nextElementSibling;
    }
    return { parent: heading.parentNode, before: null };
  }

  Worksheet.prototype.answerBlock = function (item) {
    var el = R.el;
    var self = this;
    var q = item.q;
    var id = q.id;
    var which = t("ws_which", { number: q.number });
    var radios = [];
    var options = [{ value: "", label: t("ws_not_rated_yet") }].concat(
      this.scale.map(function (o) {
        return { value: String(o.value), label: t("ws_scale_option", { value: o.value, label: o.label }) };
      })
    );
    var optionNodes = options.map(function (option, index) {
      var inputId = "reflect-rating-" + id + "-" + (option.value || "none");
      var input = el("input", { type: "radio", name: "reflect-rating-" + id, id: inputId, value: option.value });
      input.addEventListener("change", function () {
        if (input.checked) self.edit(id, "rating", option.value === "" ? null : Number(option.value), true);
      });
      radios.push(input);
      return el("li", { class: "reflect-option" }, [input, el("label", { for: inputId, text: option.label })]);
    });
    var textId = "reflect-answer-" + id;
    var textarea = el("textarea", { id: textId, rows: "5", class: "reflect-input", spellcheck: "true" });
    textarea.addEventListener("input", function () {
      self.edit(id, "text", textarea.value, false);
    });
    textarea.addEventListener("blur", function () {
      self.flush();
    });
    var printRating = el("p", { class: "reflect-print-only reflect-print-rating" });
    var printText = el("div", { class: "reflect-print-only reflect-print-text" });
    var block = el("div", { class: "reflect-answer", id: "reflect-answer-block-" + id, "data-question": id }, [
      el("fieldset", { class: "reflect-answer__rating" }, [
        el("legend", {}, [
          (this.data.scale && this.data.scale.label) || t("ws_rating"),
          el("span", { class: "reflect-vh", text: " (" + which + ")" }),
        ]),
        el("ul", { class: "reflect-options reflect-options--inline" }, optionNodes),
      ]),
      el("div", { class: "reflect-field" }, [
        el("label", { for: textId }, [
          this.data.response_label || t("ws_your_answer"),
          el("span", { class: "reflect-vh", text: " (" + which + ")" }),
        ]),
        textarea,
      ]),
      printRating,
      printText,
    ]);
    this.fields[id] = { textarea: textarea, radios: radios, printRating: printRating, printText: printText };
    return block;
  };

  /* --- loading, editing, saving ------------------------------------------------------------- */

  Worksheet.prototype.load = function () {
    if (!this.store.available()) {
      this.fail("blocked");
      return;
    }
    var result = this.store.read();
    if (!result.ok) {
      this.fail(isQuotaError(result.error) ? "full" : "blocked");
      return;
    }
    if (result.corrupt) {
      // Never overwrite what we cannot read: keep it under another key, start afresh.
      var kept = this.store.setAside(result.raw);
      this.notice(
        kept ? t("ws_unreadable_kept") : t("ws_unreadable")
      );
      if (!kept) this.baseRevision = -1; // do not write over it
    }
    if (result.dropped && result.dropped.length) this.notice(this.droppedText(result.dropped));
    if (result.record) {
      this.answers = copyAnswers(result.record.answers);
      this.base = copyAnswers(result.record.answers);
      this.baseRevision = Number(result.record.revision) || 0;
    } else if (!result.corrupt) {
      var older = this.store.otherVersions()[0];
      if (older) {
        this.answers = copyAnswers(older.record.answers);
        var retired = this.retiredIds().length;
        this.notice(
          t("ws_brought_in", { count: countAnswers(this.answers), version: older.record.content_version || t("ws_unknown_version") }) +
            (retired ? " " + t("ws_brought_in_retired", { count: retired }) : "")
        );
        this.save();
      }
    }
    this.requestPersistence();
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
    var current = this.answers[id] || { text: "", rating: null };
    var next = { text: current.text || "", rating: current.rating === undefined ? null : current.rating };
    next[field] = value;
    if (this.byId[id]) next.question = this.byId[id].q.text;
    else if (current.question) next.question = current.question;
    if (blank(next)) delete this.answers[id];
    else this.answers[id] = next;
    this.renderPrint(id);
    this.schedule(now);
    this.notify();
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
    if (!current.ok) return this.fail(isQuotaError(current.error) ? "full" : "blocked");
    var storedRevision = current.record ? Number(current.record.revision) || 0 : 0;
    if (storedRevision !== this.baseRevision) {
      // Another tab or window saved since we last read: merge its changes first.
      if (!this.merge(current.record)) return false;
    }
    if (!this.unsaved()) {
      this.succeed();
      return true;
    }
    var record = {
      format: A.STORE_FORMAT,
      version: FORMAT_VERSION,
      site: this.data.site,
      set: this.data.set,
      content_version: this.data.content_version,
      revision: this.baseRevision + 1,
      saved_at: new Date().toISOString(),
      tab: this.tab,
      answers: copyAnswers(this.answers),
    };
    var result = this.store.write(record);
    if (!result.ok) return this.fail(result.reason);
    this.base = copyAnswers(record.answers);
    this.baseRevision = record.revision;
    this.succeed();
    return true;
  };

  /* Bring in another tab's saved changes. False (and a question to the person) when both
   * changed the same question differently. */
  Worksheet.prototype.merge = function (record) {
    var self = this;
    var theirs = record ? copyAnswers(record.answers) : {};
    var ids = {};
    [this.base, theirs, this.answers].forEach(function (set) {
      Object.keys(set).forEach(function (id) {
        ids[id] = true;
      });
    });
    var clashes = [];
    var changed = [];
    Object.keys(ids).forEach(function (id) {
      var before = self.base[id];
      var other = theirs[id];
      var mine = self.answers[id];
      var theyChanged = !same(before, other);
      var iChanged = !same(before, mine);
      if (theyChanged && iChanged && !same(other, mine)) clashes.push(id);
      else if (theyChanged && !iChanged) {
        if (blank(other)) delete self.answers[id];
        else self.answers[id] = { text: other.text, rating: other.rating, question: other.question };
        changed.push(id);
      }
    });
    changed.forEach(function (id) {
      self.renderField(id);
    });
    if (changed.length) {
      this.renderRetired();
      this.notify();
    }
    if (clashes.length) {
      this.conflict = { record: record, theirs: theirs, ids: this.order(clashes) };
      this.renderConflict();
      return false;
    }
    this.conflict = null;
    this.base = theirs;
    this.baseRevision = record ? Number(record.revision) || 0 : 0;
    if (changed.length) {
      this.setStatus(
        t("ws_status_merged", { count: changed.length })
      );
    }
    return true;
  };

  Worksheet.prototype.onExternalChange = function () {
    var result = this.store.read();
    if (!result.ok) return;
    var revision = result.record ? Number(result.record.revision) || 0 : 0;
    if (revision === this.baseRevision && !this.conflict) return;
    this.conflict = null;
    this.clearConflict();
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
        self.renderField(id);
      });
    }
    this.conflict = null;
    this.clearConflict();
    // Everything the other tab saved is now known; what differs from it is ours to save.
    this.base = theirs;
    this.baseRevision = record ? Number(record.revision) || 0 : 0;
    this.renderRetired();
    this.save();
    this.notify();
    this.status.say(
      choice === "theirs"
        ? t("ws_kept_theirs")
        : t("ws_kept_mine")
    );
    var first = this.fields[conflict.ids[0]];
    if (first) first.textarea.focus();
  };

  Worksheet.prototype.succeed = function () {
    var hadFailure = this.failure;
    this.failure = null;
    if (hadFailure) this.renderAlerts();
    this.setStatus(
      countAnswers(this.answers)
        ? t("ws_status_saved")
        : t("ws_status_empty")
    );
    this.root.setAttribute("data-saved-revision", String(this.baseRevision));
  };

  Worksheet.prototype.fail = function (reason) {
    var first = this.failure !== reason;
    this.failure = reason;
    if (first) this.renderAlerts();
    this.setStatus(t("ws_status_failed"));
    return false;
  };

  Worksheet.prototype.setStatus = function (message) {
    if (this.status.node.textContent !== message) this.status.node.textContent = message;
  };

  /* --- rendering ---------------------------------------------------------------------------- */

  Worksheet.prototype.order = function (ids) {
    var self = this;
    var current = this.questions
      .map(function (item) {
        return item.q.id;
      })
      .filter(function (id) {
        return ids.indexOf(id) >= 0;
      });
    var others = ids.filter(function (id) {
      return !self.byId[id];
    });
    others.sort();
    return current.concat(others);
  };

  Worksheet.prototype.retiredIds = function () {
    var self = this;
    return Object.keys(this.answers)
      .filter(function (id) {
        return !self.byId[id] && !blank(self.answers[id]);
      })
      .sort();
  };

  Worksheet.prototype.renderAll = function () {
    var self = this;
    this.questions.forEach(function (item) {
      self.renderField(item.q.id);
    });
    this.renderRetired();
    this.renderAlerts();
    if (!this.failure && !this.conflict) this.succeed();
    this.printHeader.textContent =
      t("ws_print_header", { title: this.data.title || "", date: R.today(), version: this.data.content_version || "" });
    this.root.setAttribute("data-ready", "true");
    this.notify();
  };

  Worksheet.prototype.renderField = function (id) {
    var field = this.fields[id];
    if (!field) return;
    var answer = this.answers[id] || { text: "", rating: null };
    if (field.textarea.value !== (answer.text || "")) field.textarea.value = answer.text || "";
    var rating = answer.rating === null || answer.rating === undefined ? "" : String(answer.rating);
    field.radios.forEach(function (radio) {
      radio.checked = radio.value === rating;
    });
    this.renderPrint(id);
  };

  Worksheet.prototype.ratingLabel = function (value) {
    if (value === null || value === undefined) return "";
    for (var i = 0; i < this.scale.length; i += 1) {
      if (this.scale[i].value === value) return this.scale[i].value + ". " + this.scale[i].label;
    }
    return String(value);
  };

  Worksheet.prototype.renderPrint = function (id) {
    var field = this.fields[id];
    if (!field) {
      this.renderRetired();
      return;
    }
    var answer = this.answers[id] || { text: "", rating: null };
    field.printRating.textContent =
      ((this.data.scale && this.data.scale.label) || t("ws_rating")) +
      " " +
      (answer.rating === null || answer.rating === undefined ? t("ws_not_rated") : this.ratingLabel(answer.rating));
    field.printText.textContent = answer.text || "";
    field.printText.classList.toggle("reflect-print-text--empty", !answer.text);
  };

  Worksheet.prototype.renderRetired = function () {
    var el = R.el;
    var self = this;
    var ids = this.retiredIds();
    var box = this.retired;
    box.textContent = "";
    box.hidden = ids.length === 0;
    if (!ids.length) return;
    box.appendChild(el("h3", { id: "reflect-retired-title", text: t("ws_retired_title") }));
    box.appendChild(el("p", { text: t("ws_retired_text") }));
    var list = el("dl", { class: "reflect-retired__list" });
    ids.forEach(function (id) {
      var answer = self.answers[id];
      list.appendChild(el("dt", { text: answer.question || t("ws_question_id", { id: id }) }));
      var parts = [];
      if (answer.rating !== null && answer.rating !== undefined) parts.push(el("p", { text: t("ws_rating_is", { rating: self.ratingLabel(answer.rating) }) }));
      if (answer.text) parts.push(el("p", { class: "reflect-retired__text", text: answer.text }));
      list.appendChild(el("dd", { "data-question": id }, parts));
    });
    box.appendChild(list);
  };

  Worksheet.prototype.notice = function (message) {
    this.noticeText = message;
    this.renderAlerts();
  };

  Worksheet.prototype.renderAlerts = function () {
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
  };

  Worksheet.prototype.clearConflict = function () {
    var old = this.alerts.querySelector(".reflect-banner--conflict");
    if (old) old.remove();
  };

  Worksheet.prototype.renderConflict = function () {
    var el = R.el;
    var self = this;
    this.clearConflict();
    var conflict = this.conflict;
    var items = conflict.ids.map(function (id) {
      var item = self.byId[id];
      var theirs = conflict.theirs[id];
      var name = item ? t("ws_question_number", { number: item.q.number }) : (self.answers[id] && self.answers[id].question) || id;
      var detail = blank(theirs)
        ? t("ws_conflict_cleared")
        : theirs.rating !== null && theirs.rating !== undefined
          ? t("ws_conflict_has_rated", { text: truncate(theirs.text || "", 80), rating: self.ratingLabel(theirs.rating) })
          : t("ws_conflict_has", { text: truncate(theirs.text || "", 80) });
      return el("li", { "data-question": id }, [t("ws_conflict_item", { name: name, detail: detail })]);
    });
    this.alerts.appendChild(
      el("div", { class: "reflect-banner reflect-banner--conflict", "data-banner": "conflict" }, [
        el("p", {}, [
          el("strong", { text: t("ws_conflict_lead") }),
          " " + t("ws_conflict_choose"),
        ]),
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
  };

  function truncate(text, n) {
    text = String(text).replace(/\s+/g, " ");
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  /* --- export ----------------------------------------------------------------------------- */

  /* Every answer, current questions in page order, then answers to removed questions. */
  Worksheet.prototype.rows = function (includeBlank) {
    var self = this;
    var rows = [];
    this.questions.forEach(function (item) {
      var answer = self.answers[item.q.id];
      if (!includeBlank && blank(answer)) return;
      rows.push({
        id: item.q.id,
        number: item.q.number,
        section: item.section.title,
        question: item.q.text,
        rating: answer && answer.rating !== undefined ? answer.rating : null,
        text: (answer && answer.text) || "",
        current: true,
      });
    });
    this.retiredIds().forEach(function (id) {
      var answer = self.answers[id];
      rows.push({
        id: id,
        number: null,
        section: null,
        question: answer.question || "",
        rating: answer.rating === undefined ? null : answer.rating,
        text: answer.text || "",
        current: false,
      });
    });
    return rows;
  };

  Worksheet.prototype.fileName = function (extension) {
    return this.data.set + "-answers-" + R.today() + "." + extension;
  };

  Worksheet.prototype.exportObject = function () {
    var self = this;
    return {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      site: this.data.site,
      set: this.data.set,
      set_title: this.data.title,
      content_version: this.data.content_version,
      exported_at: new Date().toISOString(),
      scale: {
        label: (this.data.scale && this.data.scale.label) || "",
        options: this.scale.map(function (o) {
          return { value: o.value, label: o.label };
        }),
      },
      answers: this.rows(false).map(function (row) {
        return {
          id: row.id,
          number: row.number,
          section: row.section,
          question: row.question,
          rating: row.rating,
          rating_label: row.rating === null ? null : self.ratingLabel(row.rating),
          text: row.text,
          in_current_content: row.current,
        };
      }),
    };
  };

  Worksheet.prototype.exportJSON = function () {
    this.flush();
    R.download(this.fileName("json"), "application/json", JSON.stringify(this.exportObject(), null, 2) + "\n");
    this.status.say(t("ws_exported_json", { count: countAnswers(this.answers) }));
  };

  Worksheet.prototype.exportCSV = function () {
    var self = this;
    this.flush();
    var lines = [
      ["set", "content_version", "section", "number", "question_id", "question", "rating", "rating_label", "answer", "in_current_content"],
    ];
    this.rows(true).forEach(function (row) {
      lines.push([
        self.data.set,
        self.data.content_version,
        row.section || "",
        row.number === null ? "" : row.number,
        row.id,
        row.question,
        row.rating === null ? "" : row.rating,
        row.rating === null ? "" : self.ratingLabel(row.rating),
        row.text,
        row.current ? "yes" : "no",
      ]);
    });
    R.download(this.fileName("csv"), "text/csv;charset=utf-8", A.csv(lines));
    this.status.say(t("ws_exported_csv"));
  };

  Worksheet.prototype.exportMarkdown = function () {
    var self = this;
    this.flush();
    var out = [];
    var scaleLabel = (this.data.scale && this.data.scale.label) || t("ws_rating");
    out.push("# " + t("ws_md_title", { title: this.data.title }), "");
    out.push(t("ws_md_exported", { date: R.today(), site: this.data.site, version: this.data.content_version }), "");
    out.push(t("ws_md_scale", { scale: scaleLabel }), "");
    this.scale.forEach(function (o) {
      out.push(o.value + ". " + o.label + (o.description ? ": " + o.description : ""));
    });
    out.push("");
    var section = null;
    this.rows(true).forEach(function (row) {
      if (row.current && row.section !== section) {
        section = row.section;
        var item = self.byId[row.id];
        out.push("## " + item.sectionNumber + ". " + section, "");
      }
      if (!row.current && section !== false) {
        section = false;
        out.push("## " + t("ws_retired_title"), "");
      }
      out.push("### " + (row.number === null ? "" : row.number + ". ") + (row.question || row.id), "");
      out.push("**" + t("ws_md_rating") + "** " + (row.rating === null ? t("ws_md_not_rated") : self.ratingLabel(row.rating)), "");
      out.push("**" + t("ws_md_response", { label: self.data.response_label || t("ws_answer") }) + "**", "");
      if (row.text) {
        row.text.split(/\r?\n/).forEach(function (line) {
          out.push(line ? "> " + line : ">");
        });
      } else {
        out.push("*" + t("ws_md_no_answer") + "*");
      }
      out.push("");
    });
    R.download(this.fileName("md"), "text/markdown;charset=utf-8", out.join("\n"));
    this.status.say(t("ws_exported_markdown"));
  };

  /* --- import ----------------------------------------------------------------------------- */

  /* What reflect-answers.js needs to know about this set to check a file. */
  Worksheet.prototype.context = function () {
    var questions = new Map();
    this.questions.forEach(function (item) {
      questions.set(item.q.id, item.q.text);
    });
    return { site: this.data.site, set: this.data.set, content_version: this.data.content_version, questions: questions, scale: this.scaleValues };
  };

  /* A problem found in a file or a stored record, in words. */
  R.problemText = function (error) {
    if (error && error.key) return t("problem_" + error.key, error.values);
    return t("problem_unexpected");
  };

  /* The answers in an exported file, or throws a problem (see reflect-answers.js). */
  Worksheet.prototype.validate = function (object) {
    return A.readExport(object, this.context()).answers;
  };

  Worksheet.prototype.droppedText = function (dropped) {
    var self = this;
    var first = dropped[0];
    var item = self.byId[first.id];
    return t("ws_dropped", {
      count: dropped.length,
      first: item ? t("ws_question_number", { number: item.q.number }) : first.id,
      reason: t("ws_stored_" + first.reason),
    });
  };

  Worksheet.prototype.importFile = function (file) {
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
      var answers;
      try {
        answers = self.validate(object);
      } catch (error) {
        self.importError(file.name, R.problemText(error));
        return;
      }
      self.confirmImport(file.name, answers);
    };
    reader.onerror = function () {
      self.importError(file.name, t("problem_unreadable"));
    };
    reader.readAsText(file);
  };

  Worksheet.prototype.importError = function (name, reason) {
    var el = R.el;
    var self = this;
    // No earlier "Imported …" message may stay on screen beside this one.
    this.setStatus(t("ws_status_import_failed", { name: name }));
    var old = this.alerts.querySelector("[data-banner=import-error]");
    if (old) old.remove();
    this.alerts.appendChild(
      el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "import-error" }, [
        el("p", {}, [
          el("strong", { text: t("ws_import_failed", { name: name }) }),
          " " + t("ws_import_failed_reason", { reason: reason }),
        ]),
        R.button(t("dismiss"), function () {
          var banner = self.alerts.querySelector("[data-banner=import-error]");
          if (banner) banner.remove();
          self.root.querySelector("[data-action=import]").focus();
        }, { "data-action": "dismiss-import-error" }),
      ])
    );
  };

  Worksheet.prototype.confirmImport = function (name, answers) {
    var self = this;
    var old = this.alerts.querySelector("[data-banner=import-error]");
    if (old) old.remove();
    var have = countAnswers(this.answers);
    var incoming = countAnswers(answers);
    var apply = function () {
      self.answers = answers;
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
  };

  /* --- clear ------------------------------------------------------------------------------ */

  Worksheet.prototype.clearAll = function () {
    var self = this;
    var have = countAnswers(this.answers);
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
  };
})();
