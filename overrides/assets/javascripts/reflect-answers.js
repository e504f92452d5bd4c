/* Reflect: a worksheet's answers as data — checking, copying, merging, the export and
 * storage formats, scores and the draft action plan. Pure (no DOM, no storage): loads in the
 * browser (window.Reflect.answers) and under Node (module.exports) for unit tests.
 *
 * Answers are maps from question id to {text, rating, question}, always objects without a
 * prototype, so that an id such as "constructor" or "__proto__" is just an id.
 * Problems are reported as Errors carrying a catalogue name (`key`) and its values, so that
 * the page can tell people in words what was wrong. */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).answers = api;
})(function () {
  "use strict";

  var FORMAT = "reflect-worksheet"; // the export file
  var STORE_FORMAT = "reflect-worksheet-store"; // the localStorage record
  var FORMAT_VERSION = 1;
  var MAX_TEXT = 100000;
  var MAX_ANSWERS = 10000;
  var ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
  var CARRIED = ["same", "reworded", "replaced", "confirmed"]; // a carried answer's status

  function hasOwn(object, key) {
    return object !== null && object !== undefined && Object.prototype.hasOwnProperty.call(object, key);
  }

  function emptyMap() {
    return Object.create(null);
  }

  function problem(key, values) {
    var error = new Error(key);
    error.key = key;
    error.values = values || {};
    return error;
  }

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function isRating(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value;
  }

  function blank(answer) {
    if (answer && answer.carried && typeof answer.carried.rating === "number") return false; // an earlier rating, kept
    return !answer || ((answer.text || "") === "" && (answer.rating === null || answer.rating === undefined));
  }

  function same(a, b) {
    if (blank(a) && blank(b)) return true;
    if (blank(a) || blank(b)) return false;
    var ra = a.rating === undefined ? null : a.rating;
    var rb = b.rating === undefined ? null : b.rating;
    return (a.text || "") === (b.text || "") && ra === rb && JSON.stringify(a.carried || null) === JSON.stringify(b.carried || null);
  }

  /* One answer checked field by field: {answer} or {reason: catalogue name}. */
  function checkAnswer(entry) {
    if (!isObject(entry)) return { reason: "not_an_answer" };
    var text = hasOwn(entry, "text") ? entry.text : "";
    if (text === null || text === undefined) text = "";
    if (typeof text !== "string") return { reason: "text_not_text" };
    if (text.length > MAX_TEXT) return { reason: "text_too_long" };
    var rating = hasOwn(entry, "rating") ? entry.rating : null;
    if (rating === undefined) rating = null;
    if (rating !== null && !isRating(rating)) return { reason: "rating_not_whole" };
    var question = hasOwn(entry, "question") ? entry.question : null;
    if (question !== null && question !== undefined && typeof question !== "string") return { reason: "question_not_text" };
    var answer = { text: text, rating: rating };
    if (question) answer.question = question;
    if (hasOwn(entry, "carried") && entry.carried !== null && entry.carried !== undefined) {
      var carried = checkCarried(entry.carried);
      if (!carried) return { reason: "carried_not_valid" };
      answer.carried = carried;
    }
    return { answer: answer };
  }

  /* What an answer carried from an earlier content version says of itself (reflect-carry.js),
   * checked field by field, or null. */
  function checkCarried(value) {
    if (!isObject(value)) return null;
    var from = value.from;
    var rating = hasOwn(value, "rating") ? value.rating : null;
    if (typeof from !== "string" || from.length > 200) return null;
    if (CARRIED.indexOf(value.status) < 0) return null;
    if (rating !== null && rating !== undefined && !isRating(rating)) return null;
    return { from: from, status: value.status, rating: rating === undefined ? null : rating };
  }

  /* A copy of answers without blanks. Entries that fail the checks are left out and listed
   * in `dropped` ([{id, reason}]), so that the page can say so. */
  function copyAnswers(answers, dropped) {
    var out = emptyMap();
    if (!isObject(answers)) return out;
    Object.keys(answers).forEach(function (id) {
      var checked = ID.test(id) ? checkAnswer(answers[id]) : { reason: "bad_id" };
      if (checked.reason) {
        if (dropped) dropped.push({ id: id, reason: checked.reason });
        return;
      }
      if (!blank(checked.answer)) out[id] = checked.answer;
    });
    return out;
  }

  function countAnswers(answers) {
    return Object.keys(answers || {}).filter(function (id) {
      return !blank(answers[id]);
    }).length;
  }

  /* A localStorage record read back: {record, dropped} with its answers checked, or
   * {corrupt: true} when it is not a record at all. */
  function readRecord(raw) {
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return { corrupt: true };
    }
    if (!isObject(parsed) || parsed.format !== STORE_FORMAT || !isObject(parsed.answers)) return { corrupt: true };
    var dropped = [];
    var record = {
      format: STORE_FORMAT,
      version: parsed.version,
      site: typeof parsed.site === "string" ? parsed.site : "",
      set: typeof parsed.set === "string" ? parsed.set : "",
      content_version: typeof parsed.content_version === "string" ? parsed.content_version : "",
      revision: isRating(parsed.revision) && parsed.revision >= 0 ? parsed.revision : 0,
      saved_at: typeof parsed.saved_at === "string" ? parsed.saved_at : "",
      tab: typeof parsed.tab === "string" ? parsed.tab : "",
      fingerprints: isObject(parsed.fingerprints) ? parsed.fingerprints : null,
      answers: copyAnswers(parsed.answers, dropped),
    };
    return { record: record, dropped: dropped };
  }

  function makeRecord(context, answers, revision, tab, now) {
    return {
      format: STORE_FORMAT,
      version: FORMAT_VERSION,
      site: context.site,
      set: context.set,
      content_version: context.content_version,
      revision: revision,
      saved_at: now,
      tab: tab,
      fingerprints: context.fingerprints || null,
      answers: copyAnswers(answers),
    };
  }

  /* Three-way merge of another tab's saved answers (theirs) into this tab's (mine), both
   * descended from base. {answers, changed: [ids taken from theirs], clashes: [ids]}. */
  function merge(base, theirs, mine) {
    var answers = copyAnswers(mine);
    var ids = new Set();
    [base, theirs, mine].forEach(function (set) {
      Object.keys(set || {}).forEach(function (id) {
        ids.add(id);
      });
    });
    var changed = [];
    var clashes = [];
    ids.forEach(function (id) {
      var before = base[id];
      var other = theirs[id];
      var own = mine[id];
      var theyChanged = !same(before, other);
      var iChanged = !same(before, own);
      if (theyChanged && iChanged && !same(other, own)) clashes.push(id);
      else if (theyChanged && !iChanged) {
        if (blank(other)) delete answers[id];
        else {
          answers[id] = { text: other.text || "", rating: other.rating === undefined ? null : other.rating, question: other.question };
          if (other.carried) answers[id].carried = other.carried;
        }
        changed.push(id);
      }
    });
    return { answers: answers, changed: changed, clashes: clashes };
  }

  /* The answers of an export file (already parsed JSON) for the set described by context
   * ({set, questions: Map id → text, scale: [values]}), or throws a problem. Answers to
   * questions the set no longer has are kept (with their question text) and counted. */
  function readExport(object, context) {
    if (!isObject(object)) throw problem("not_export");
    if (object.format !== FORMAT) throw problem("not_export");
    if (object.format_version !== FORMAT_VERSION) {
      throw problem("unknown_version", { version: String(object.format_version) });
    }
    if (context.site !== undefined && typeof object.site === "string" && object.site !== context.site) {
      throw problem("other_site", { site: object.site, here: context.site });
    }
    if (object.set !== context.set) {
      throw problem("other_set", { set: String(typeof object.set_title === "string" ? object.set_title : object.set) });
    }
    if (!Array.isArray(object.answers)) throw problem("no_answers");
    var version = typeof object.content_version === "string" ? object.content_version : "";
    var older = version !== "" && context.content_version !== undefined && version !== context.content_version;
    if (object.answers.length > MAX_ANSWERS) throw problem("too_many", { count: MAX_ANSWERS });
    var answers = emptyMap();
    var seen = new Set();
    var retired = 0;
    object.answers.forEach(function (entry, index) {
      var number = index + 1;
      if (!isObject(entry)) throw problem("entry_not_answer", { number: number });
      if (typeof entry.id !== "string" || !ID.test(entry.id)) throw problem("entry_bad_id", { number: number });
      if (seen.has(entry.id)) throw problem("entry_twice", { id: entry.id });
      seen.add(entry.id);
      if (typeof entry.text !== "string") throw problem("entry_text", { number: number });
      var checked = checkAnswer(entry);
      if (checked.reason) throw problem("entry_" + checked.reason, { number: number, max: MAX_TEXT });
      var answer = checked.answer;
      var current = context.questions.has(entry.id);
      // A file of an earlier version may use another scale: reflect-carry.js sorts that out.
      if (answer.rating !== null && current && !older && context.scale.indexOf(answer.rating) < 0) {
        throw problem("entry_rating_scale", { number: number, rating: answer.rating });
      }
      if (current && !answer.question) answer.question = context.questions.get(entry.id);
      if (!current) retired += 1;
      if (!blank(answer)) answers[entry.id] = answer;
    });
    var scale = isObject(object.scale) && Array.isArray(object.scale.options) ? object.scale.options.filter(isObject) : null;
    return {
      answers: answers,
      retired: retired,
      content_version: version,
      exported_at: typeof object.exported_at === "string" ? object.exported_at : "",
      fingerprints: isObject(object.fingerprints) ? object.fingerprints : null,
      scale: scale,
    };
  }

  /* A spreadsheet must not run an answer as a formula. */
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+@\t\r]/.test(text) || /^-[^\s]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csv(lines) {
    return (
      "\ufeff" +
      lines
        .map(function (cells) {
          return cells.map(csvCell).join(",");
        })
        .join("\r\n") +
      "\r\n"
    );
  }

  /* Scores per section and overall, on the scale's values. sections: [{id, title,
   * questions: [{id}]}]. Each: {id, title, total, rated, mean (or null), percent (0-100 of
   * the scale's range, or null)}. */
  function scores(sections, answers, scaleValues) {
    var low = Math.min.apply(null, scaleValues);
    var high = Math.max.apply(null, scaleValues);
    function summary(id, title, questions) {
      var sum = 0;
      var rated = 0;
      questions.forEach(function (q) {
        var answer = hasOwn(answers, q.id) ? answers[q.id] : null;
        if (answer && isRating(answer.rating)) {
          sum += answer.rating;
          rated += 1;
        }
      });
      var mean = rated ? sum / rated : null;
      var percent = mean === null || high === low ? null : Math.round(((mean - low) / (high - low)) * 100);
      return { id: id, title: title, total: questions.length, rated: rated, mean: mean === null ? null : Math.round(mean * 10) / 10, percent: percent };
    }
    var all = [];
    var parts = sections.map(function (section) {
      all = all.concat(section.questions || []);
      return summary(section.id, section.title, section.questions || []);
    });
    return { sections: parts, overall: summary("overall", "", all), low: low, high: high };
  }

  /* The rated statements, lowest rating first (page order among equals), at most `limit`. */
  function lowest(questions, answers, limit) {
    return questions
      .map(function (q, index) {
        var answer = hasOwn(answers, q.id) ? answers[q.id] : null;
        return { q: q, index: index, rating: answer && isRating(answer.rating) ? answer.rating : null };
      })
      .filter(function (item) {
        return item.rating !== null;
      })
      .sort(function (a, b) {
        return a.rating - b.rating || a.index - b.index;
      })
      .slice(0, limit)
      .map(function (item) {
        return { id: item.q.id, rating: item.rating };
      });
  }

  /* Ids of current questions without a rating or without text, in page order. */
  function unanswered(questions, answers) {
    return questions
      .filter(function (q) {
        var answer = hasOwn(answers, q.id) ? answers[q.id] : null;
        return !answer || answer.rating === null || answer.rating === undefined;
      })
      .map(function (q) {
        return q.id;
      });
  }

  return {
    FORMAT: FORMAT,
    STORE_FORMAT: STORE_FORMAT,
    FORMAT_VERSION: FORMAT_VERSION,
    MAX_TEXT: MAX_TEXT,
    ID: ID,
    hasOwn: hasOwn,
    emptyMap: emptyMap,
    problem: problem,
    blank: blank,
    same: same,
    checkAnswer: checkAnswer,
    checkCarried: checkCarried,
    copyAnswers: copyAnswers,
    countAnswers: countAnswers,
    readRecord: readRecord,
    makeRecord: makeRecord,
    merge: merge,
    readExport: readExport,
    csvCell: csvCell,
    csv: csv,
    scores: scores,
    lowest: lowest,
    unanswered: unanswered,
  };
});
