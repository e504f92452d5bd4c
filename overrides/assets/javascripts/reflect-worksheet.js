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
  var FORMAT = "reflect-worksheet"; // the export file
  var STORE_FORMAT = "reflect-worksheet-store"; // the localStorage record
  var FORMAT_VERSION = 1;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var MAX_TEXT = 100000;
  var SAVE_DELAY = 400;

  R.onPage(function () {
    var root = document.getElementById("reflect-worksheet");
    var data = R.readData(root, "reflect-set-data");
    if (!root || !data || !Array.isArray(data.sections)) return null;
    var sheet = new Worksheet(root, data);
    return function () {
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
    if (!storage) throw new Error("localStorage is not available");
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
    try {
      var record = JSON.parse(raw);
      if (!record || record.format !== STORE_FORMAT || typeof record.answers !== "object" || !record.answers) {
        return { ok: true, record: null, raw: raw, corrupt: true };
      }
      return { ok: true, record: record, raw: raw };
    } catch (error) {
      return { ok: true, record: null, raw: raw, corrupt: true };
    }
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

  /* --- answers --------------------------------------------------------------------------- */

  function blank(answer) {
    return !answer || ((answer.text || "") === "" && (answer.rating === null || answer.rating === undefined));
  }

  function same(a, b) {
    if (blank(a) && blank(b)) return true;
    if (blank(a) || blank(b)) return false;
    return (a.text || "") === (b.text || "") && (a.rating === undefined ? null : a.rating) === (b.rating === undefined ? null : b.rating);
  }

  function copyAnswers(answers) {
    var out = {};
    Object.keys(answers || {}).forEach(function (id) {
      var a = answers[id];
      if (blank(a)) return;
      out[id] = { text: a.text || "", rating: a.rating === undefined ? null : a.rating };
      if (a.question) out[id].question = a.question;
    });
    return out;
  }

  function countAnswers(answers) {
    return Object.keys(answers).filter(function (id) {
      return !blank(answers[id]);
    }).length;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* --- the worksheet ------------------------------------------------------------------------ */

  function Worksheet(root, data) {
    var self = this;
    this.root = root;
    this.data = data;
    this.questions = [];
    this.byId = {};
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
    this.answers = {};
    this.base = {};
    this.baseRevision = 0;
    this.failure = null; // reason the last save failed, or null
    this.conflict = null; // {record, ids} while waiting for a choice
    this.fields = {};
    this.timer = null;
    this.listeners = [];
    this.persistAsked = false;

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

    var title = el("h2", { id: "reflect-worksheet-title", text: "Your answers" });
    var privacy = el("div", { class: "reflect-privacy" }, [
      el("p", {}, [
        el("strong", { text: "Your answers stay on this device." }),
        " They are saved in this browser as you type and are never sent anywhere. " +
          "Anyone who uses this browser on this device can see them. To keep a copy, or to move " +
          "them to another device, export them; to restore them, import the JSON file.",
      ]),
      el("p", {
        text:
          "Under each question below there is a box for your " +
          (data.response_label || "answer").toLowerCase() +
          " and the rating scale: " +
          ((data.scale && data.scale.label) || "") +
          "",
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
    this.fileInput.addEventListener("change", function () {
      var file = self.fileInput.files && self.fileInput.files[0];
      self.fileInput.value = "";
      if (file) self.importFile(file);
    });

    var toolbar = el("div", { class: "reflect-toolbar", role: "group", "aria-label": "Worksheet actions" }, [
      R.button("Export JSON", function () {
        self.exportJSON();
      }, { "data-action": "export-json" }),
      R.button("Export CSV", function () {
        self.exportCSV();
      }, { "data-action": "export-csv" }),
      R.button("Export Markdown", function () {
        self.exportMarkdown();
      }, { "data-action": "export-markdown" }),
      R.button("Import JSON", function () {
        self.fileInput.click();
      }, { "data-action": "import" }),
      R.button("Print", function () {
        self.flush();
        window.print();
      }, { "data-action": "print" }),
      R.button("Clear all answers", function () {
        self.clearAll();
      }, { "data-action": "clear", class: "reflect-button reflect-button--danger" }),
    ]);

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
    root.appendChild(toolbar);
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
      var heading = document.getElementById("q-" + item.q.id);
      if (heading && root.parentNode && heading !== root) {
        var place = insertionPoint(heading);
        place.parent.insertBefore(block, place.before);
      } else {
        if (!fallback) {
          fallback = el("div", { class: "reflect-fallback-questions" });
          root.appendChild(fallback);
        }
        fallback.appendChild(el("h3", { text: item.q.number + ". " + item.q.text }));
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
    var which = "question " + q.number;
    var radios = [];
    var options = [{ value: "", label: "Not rated yet" }].concat(
      this.scale.map(function (o) {
        return { value: String(o.value), label: o.value + ". " + o.label };
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
          (this.data.scale && this.data.scale.label) || "Rating",
          el("span", { class: "reflect-vh", text: " (" + which + ")" }),
        ]),
        el("ul", { class: "reflect-options reflect-options--inline" }, optionNodes),
      ]),
      el("div", { class: "reflect-field" }, [
        el("label", { for: textId }, [
          this.data.response_label || "Your answer",
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
        kept
          ? "The answers saved in this browser could not be read. They have been kept aside unchanged; the worksheet starts empty."
          : "The answers saved in this browser could not be read. The worksheet starts empty."
      );
      if (!kept) this.baseRevision = -1; // do not write over it
    }
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
          "Your " +
            plural(countAnswers(this.answers), "answer", "answers") +
            " from version " +
            (older.record.content_version || "unknown") +
            " of this question set have been brought into this version." +
            (retired
              ? " " + plural(retired, "answer is", "answers are") + " to questions no longer in the set: they are kept below and in your exports."
              : "")
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
      this.setStatus("Not saved yet: choose which answers to keep (see the message above).");
      return false;
    }
    if (this.baseRevision < 0) {
      this.setStatus("Not saved: the answers already in this browser could not be read, and are not overwritten.");
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
      format: STORE_FORMAT,
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
    if (changed.length) this.renderRetired();
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
        "Updated with " + plural(changed.length, "answer", "answers") + " changed in another tab or window."
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
    this.status.say(
      choice === "theirs"
        ? "Kept the answers from the other tab or window."
        : "Kept the answers in this tab; they are saved now."
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
        ? "All your answers are saved in this browser on this device."
        : "No answers yet. What you type is saved in this browser on this device."
    );
    this.root.setAttribute("data-saved-revision", String(this.baseRevision));
  };

  Worksheet.prototype.fail = function (reason) {
    var first = this.failure !== reason;
    this.failure = reason;
    if (first) this.renderAlerts();
    this.setStatus("Not saved in this browser: your answers are kept on this page only. Export them to keep them.");
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
      (this.data.title || "") + ": answers printed on " + R.today() + " (content version " + (this.data.content_version || "") + ").";
    this.root.setAttribute("data-ready", "true");
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
      ((this.data.scale && this.data.scale.label) || "Rating") +
      " " +
      (answer.rating === null || answer.rating === undefined ? "Not rated." : this.ratingLabel(answer.rating));
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
    box.appendChild(el("h3", { id: "reflect-retired-title", text: "Answers to questions no longer in this set" }));
    box.appendChild(
      el("p", {
        text:
          "These questions were removed or replaced in a later version of this question set. Your answers " +
          "to them are kept here, in this browser, and in every export. Clearing all answers removes them too.",
      })
    );
    var list = el("dl", { class: "reflect-retired__list" });
    ids.forEach(function (id) {
      var answer = self.answers[id];
      list.appendChild(el("dt", { text: answer.question || "Question " + id }));
      var parts = [];
      if (answer.rating !== null && answer.rating !== undefined) parts.push(el("p", { text: "Rating: " + self.ratingLabel(answer.rating) }));
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
      var reasons = {
        full: "The storage this browser gives this site is full.",
        blocked: "This browser is not letting this page store anything (it may be in a private mode, or storage may be turned off).",
        unverified: "A check after saving found that this browser did not keep your answers as they were written.",
      };
      box.appendChild(
        el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "storage", "data-reason": this.failure }, [
          el("p", {}, [el("strong", { text: "Your answers are not being saved in this browser." }), " " + reasons[this.failure]]),
          el("p", {
            text:
              "Nothing is lost: your answers are kept on this page while it stays open. Export them before you close or reload this page.",
          }),
          el("div", { class: "reflect-toolbar" }, [
            R.button("Export JSON now", function () {
              self.exportJSON();
            }, { "data-action": "banner-export-json", class: "reflect-button reflect-button--primary" }),
            R.button("Try saving again", function () {
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
          R.button("Dismiss", function () {
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
      var name = item ? "Question " + item.q.number : (self.answers[id] && self.answers[id].question) || id;
      var detail = blank(theirs)
        ? "the other tab or window cleared it"
        : "the other tab or window has “" + truncate(theirs.text || "", 80) + "”" +
          (theirs.rating !== null && theirs.rating !== undefined ? " rated " + self.ratingLabel(theirs.rating) : "");
      return el("li", { "data-question": id }, [name + ": " + detail + "."]);
    });
    this.alerts.appendChild(
      el("div", { class: "reflect-banner reflect-banner--conflict", "data-banner": "conflict" }, [
        el("p", {}, [
          el("strong", { text: "These answers were also changed in another tab or window." }),
          " Nothing has been overwritten. Choose which version to keep:",
        ]),
        el("ul", {}, items),
        el("div", { class: "reflect-toolbar" }, [
          R.button("Keep the answers in this tab", function () {
            self.resolve("mine");
          }, { "data-action": "keep-mine", class: "reflect-button reflect-button--primary" }),
          R.button("Use the other tab’s answers", function () {
            self.resolve("theirs");
          }, { "data-action": "keep-theirs" }),
        ]),
      ])
    );
    this.setStatus("Not saved yet: choose which answers to keep (see the message above).");
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
    this.status.say("Exported " + plural(countAnswers(this.answers), "answer", "answers") + " as JSON.");
  };

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    // A spreadsheet must not run an answer as a formula.
    if (/^[=+@\t\r]/.test(text) || /^-[^\s]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

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
    var text =
      "\ufeff" +
      lines
        .map(function (cells) {
          return cells.map(csvCell).join(",");
        })
        .join("\r\n") +
      "\r\n";
    R.download(this.fileName("csv"), "text/csv;charset=utf-8", text);
    this.status.say("Exported the worksheet as CSV.");
  };

  Worksheet.prototype.exportMarkdown = function () {
    var self = this;
    this.flush();
    var out = [];
    var scaleLabel = (this.data.scale && this.data.scale.label) || "Rating";
    out.push("# " + this.data.title + ": answers", "");
    out.push(
      "Exported on " + R.today() + " from " + this.data.site + " (content version " + this.data.content_version + ").",
      ""
    );
    out.push("Rating scale: " + scaleLabel, "");
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
        out.push("## Answers to questions no longer in this set", "");
      }
      out.push("### " + (row.number === null ? "" : row.number + ". ") + (row.question || row.id), "");
      out.push("**Rating:** " + (row.rating === null ? "Not rated" : self.ratingLabel(row.rating)), "");
      out.push("**" + (self.data.response_label || "Answer") + ":**", "");
      if (row.text) {
        row.text.split(/\r?\n/).forEach(function (line) {
          out.push(line ? "> " + line : ">");
        });
      } else {
        out.push("*No answer yet.*");
      }
      out.push("");
    });
    R.download(this.fileName("md"), "text/markdown;charset=utf-8", out.join("\n"));
    this.status.say("Exported the worksheet as Markdown.");
  };

  /* --- import ----------------------------------------------------------------------------- */

  /* The answers in an exported file, or throws an Error whose message says what is wrong. */
  Worksheet.prototype.validate = function (object) {
    var self = this;
    if (!object || typeof object !== "object" || Array.isArray(object)) throw new Error("it is not a worksheet export.");
    if (object.format !== FORMAT) throw new Error("it is not a worksheet export from this site.");
    if (object.format_version !== FORMAT_VERSION) {
      throw new Error("it uses format version " + String(object.format_version) + ", which this page does not know.");
    }
    if (object.set !== this.data.set) {
      throw new Error(
        "it holds answers for another question set (“" + String(object.set_title || object.set) + "”), not for this one."
      );
    }
    if (!Array.isArray(object.answers)) throw new Error("it has no list of answers.");
    var answers = {};
    object.answers.forEach(function (entry, index) {
      var where = "answer " + (index + 1);
      if (!entry || typeof entry !== "object" || Array.isArray(entry)) throw new Error(where + " is not an answer.");
      if (typeof entry.id !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/.test(entry.id)) {
        throw new Error(where + " has no valid question id.");
      }
      if (Object.prototype.hasOwnProperty.call(answers, entry.id)) throw new Error("question " + entry.id + " is answered twice.");
      if (typeof entry.text !== "string") throw new Error(where + " has no answer text.");
      if (entry.text.length > MAX_TEXT) throw new Error(where + " is longer than " + MAX_TEXT + " characters.");
      var rating = entry.rating;
      if (rating !== null && rating !== undefined) {
        if (typeof rating !== "number" || !isFinite(rating) || Math.floor(rating) !== rating) {
          throw new Error(where + " has a rating that is not a whole number.");
        }
        if (self.byId[entry.id] && self.scaleValues.indexOf(rating) < 0) {
          throw new Error(where + " has the rating " + rating + ", which is not on this set's scale.");
        }
      } else {
        rating = null;
      }
      if (entry.question !== undefined && entry.question !== null && typeof entry.question !== "string") {
        throw new Error(where + " has a question that is not text.");
      }
      var answer = { text: entry.text, rating: rating };
      if (self.byId[entry.id]) answer.question = self.byId[entry.id].q.text;
      else if (entry.question) answer.question = entry.question;
      if (!blank(answer)) answers[entry.id] = answer;
    });
    return answers;
  };

  Worksheet.prototype.importFile = function (file) {
    var self = this;
    if (file.size > MAX_IMPORT_BYTES) {
      this.importError(file.name, "it is larger than " + MAX_IMPORT_BYTES / 1024 / 1024 + " MB.");
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var object;
      try {
        object = JSON.parse(String(reader.result).replace(/^\ufeff/, ""));
      } catch (error) {
        self.importError(file.name, "it is not valid JSON.");
        return;
      }
      var answers;
      try {
        answers = self.validate(object);
      } catch (error) {
        self.importError(file.name, error.message);
        return;
      }
      self.confirmImport(file.name, answers);
    };
    reader.onerror = function () {
      self.importError(file.name, "the file could not be read.");
    };
    reader.readAsText(file);
  };

  Worksheet.prototype.importError = function (name, reason) {
    var el = R.el;
    var self = this;
    var old = this.alerts.querySelector("[data-banner=import-error]");
    if (old) old.remove();
    this.alerts.appendChild(
      el("div", { class: "reflect-banner reflect-banner--error", "data-banner": "import-error" }, [
        el("p", {}, [
          el("strong", { text: "“" + name + "” was not imported" }),
          ": " + reason + " Nothing on this page was changed.",
        ]),
        R.button("Dismiss", function () {
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
      self.status.say("Imported " + plural(incoming, "answer", "answers") + " from “" + name + "”.");
    };
    if (!have) {
      apply();
      return;
    }
    R.confirm({
      title: "Replace your answers?",
      message:
        "This page has " +
        plural(have, "answer", "answers") +
        ". Importing “" +
        name +
        "” replaces all of them with the " +
        plural(incoming, "answer", "answers") +
        " in the file. Export your current answers first if you want to keep them.",
      confirm: "Replace my answers",
      cancel: "Cancel",
      danger: true,
      container: this.root,
    }).then(function (yes) {
      if (yes) apply();
      else self.status.say("Import cancelled. Nothing was changed.");
    });
  };

  /* --- clear ------------------------------------------------------------------------------ */

  Worksheet.prototype.clearAll = function () {
    var self = this;
    var have = countAnswers(this.answers);
    if (!have) {
      this.status.say("There are no answers to clear.");
      return;
    }
    R.confirm({
      title: "Clear all answers?",
      message:
        "This removes " +
        (have === 1 ? "your answer" : "all " + have + " answers") +
        " to this question set from this browser on this device. It cannot be undone. Export them first if you want to keep them.",
      confirm: "Clear all answers",
      cancel: "Cancel",
      danger: true,
      container: this.root,
    }).then(function (yes) {
      if (!yes) {
        self.status.say("Nothing was cleared.");
        return;
      }
      self.answers = {};
      self.noticeText = null;
      self.renderAll();
      self.schedule(true);
      self.status.say("All answers cleared.");
    });
  };
})();
