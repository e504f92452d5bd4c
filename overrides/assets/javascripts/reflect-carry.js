/* Reflect: answers given under an earlier content version, carried across to this one. Pure (no
 * DOM, no storage): loads in the browser (window.Reflect.carry) and under Node (module.exports,
 * with reflect-answers.js beside it) for unit tests.
 *
 * What the earlier version asked is known from the fingerprints the file or stored record
 * carries (`fingerprints`: {questions: {id: hash}, scale: hash}), else from the site's
 * recorded releases (`history`: {version: {questions, scale}}), else from the question words
 * saved with each answer. Per earlier answer:
 * - the same question (same id, same fingerprint): carried as it is;
 * - reworded (same id, other words): carried, marked for the person to confirm;
 * - replaced (its id named in a current question's `replaces`: renamed or split): carried to
 *   each replacing question, marked to confirm; several answered questions merged into one are
 *   not carried (which would be chosen?) but kept, like removed ones;
 * - removed: kept under its own id with its question's words, and listed — never dropped.
 * When the set's scale changed, a rating is not carried as a rating: it is kept beside the
 * answer (`carried.rating`), shown, and left out of every average until the person rates again.
 *
 * A carried answer holds {text, rating, question, carried: {from, status, rating}}: `from` the
 * earlier version, `status` "same", "reworded", "replaced" or "confirmed", `rating` the earlier
 * rating on another scale or null. */
(function (factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./reflect-answers.js"));
  else {
    var R = (window.Reflect = window.Reflect || {});
    R.carry = factory(R.answers);
  }
})(function (A) {
  "use strict";

  var TO_CONFIRM = ["reworded", "replaced"];

  function normalised(text) {
    var value = String(text || "");
    if (typeof value.normalize === "function") value = value.normalize("NFC");
    return value.split(/\s+/).filter(Boolean).join(" ");
  }

  function hashes(value) {
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  }

  /* What is known of the earlier version: {questions: {id: hash} or null, scale: hash or null}. */
  function earlier(old, history) {
    var own = hashes(old.fingerprints);
    var known = history && A.hasOwn(history, old.content_version) ? hashes(history[old.content_version]) : null;
    var questions = (own && hashes(own.questions)) || (known && hashes(known.questions)) || null;
    var scale = (own && typeof own.scale === "string" && own.scale) || (known && typeof known.scale === "string" && known.scale) || null;
    return { questions: questions, scale: scale };
  }

  /* Whether the earlier answers were rated on this scale (unknown: taken as the same). */
  function sameScale(sheet, old, prints) {
    var current = sheet.data.fingerprints && sheet.data.fingerprints.scale;
    if (prints.scale && current) return prints.scale === current;
    if (Array.isArray(old.scale) && old.scale.length) {
      if (old.scale.length !== sheet.scale.length) return false;
      return old.scale.every(function (option, index) {
        var now = sheet.scale[index];
        return option && option.value === now.value && normalised(option.label) === normalised(now.label);
      });
    }
    return true;
  }

  /* "same" or "reworded", for an earlier answer to a question the set still has. */
  function wording(sheet, id, answer, prints) {
    var q = sheet.byId[id].q;
    if (prints.questions && A.hasOwn(prints.questions, id) && q.fingerprint) {
      return prints.questions[id] === q.fingerprint ? "same" : "reworded";
    }
    if (answer.question) return normalised(answer.question) === normalised(q.text) ? "same" : "reworded";
    return "same";
  }

  /* Current questions replacing each earlier id that the set no longer has. */
  function replacers(sheet) {
    var table = Object.create(null);
    sheet.questions.forEach(function (item) {
      (item.q.replaces || []).forEach(function (gone) {
        if (sheet.byId[gone]) return;
        if (!table[gone]) table[gone] = [];
        table[gone].push(item.q.id);
      });
    });
    return table;
  }

  /* old: {content_version, answers: map, fingerprints?, scale?}; history: the site's releases.
   * {answers (for this version), report: {same, reworded, replaced: [{from, to}], rescaled,
   * removed: [earlier ids kept], merged: [{from: [ids], to}]}, rescaled: bool}. */
  function carry(sheet, old, history) {
    var version = String(old.content_version || "");
    var prints = earlier(old, history);
    var rescaled = !sameScale(sheet, old, prints);
    var replacing = replacers(sheet);
    var answers = A.emptyMap();
    var report = { same: [], reworded: [], replaced: [], rescaled: [], removed: [], merged: [] };
    var incoming = Object.create(null); // current id -> [{id, answer, status}]

    function arrive(to, from, answer, status) {
      if (!incoming[to]) incoming[to] = [];
      incoming[to].push({ id: from, answer: answer, status: status });
    }

    function keep(id, answer) {
      answers[id] = { text: answer.text || "", rating: answer.rating === undefined ? null : answer.rating };
      if (answer.question) answers[id].question = answer.question;
      report.removed.push(id);
    }

    Object.keys(old.answers || {}).forEach(function (id) {
      var answer = old.answers[id];
      if (A.blank(answer)) return;
      if (sheet.byId[id]) arrive(id, id, answer, wording(sheet, id, answer, prints));
      else if (replacing[id]) {
        replacing[id].forEach(function (to) {
          arrive(to, id, answer, "replaced");
        });
        report.replaced.push({ from: id, to: replacing[id].slice() });
      } else keep(id, answer);
    });

    sheet.questions.forEach(function (item) {
      var to = item.q.id;
      var sources = incoming[to];
      if (!sources) return;
      if (sources.length > 1) {
        report.merged.push({ from: sources.map(function (s) { return s.id; }), to: to });
        sources.forEach(function (s) {
          if (!A.hasOwn(answers, s.id)) keep(s.id, s.answer);
        });
        return;
      }
      var source = sources[0];
      var rating = source.answer.rating === undefined ? null : source.answer.rating;
      var next = { text: source.answer.text || "", rating: rating, question: item.q.text };
      var earlierRating = null;
      if (rescaled && rating !== null) {
        earlierRating = rating;
        next.rating = null;
        report.rescaled.push(to);
      }
      if (source.status === "same") report.same.push(to);
      else if (source.status === "reworded") report.reworded.push(to);
      if (source.status !== "same" || earlierRating !== null) {
        next.carried = { from: version, status: source.status, rating: earlierRating };
      }
      if (!A.blank(next) || earlierRating !== null) answers[to] = next;
    });
    return { answers: answers, report: report, rescaled: rescaled };
  }

  /* Whether an answer still waits for the person: to confirm its words, or to rate again. */
  function toConfirm(answer) {
    return !!(answer && answer.carried && TO_CONFIRM.indexOf(answer.carried.status) >= 0);
  }

  function earlierRating(answer) {
    return answer && answer.carried && typeof answer.carried.rating === "number" ? answer.carried.rating : null;
  }

  /* The answer once the person confirmed it: no longer marked (an earlier rating stays until rated). */
  function confirmed(answer) {
    var next = { text: answer.text || "", rating: answer.rating === undefined ? null : answer.rating };
    if (answer.question) next.question = answer.question;
    if (earlierRating(answer) !== null && next.rating === null) {
      next.carried = { from: answer.carried.from, status: "confirmed", rating: answer.carried.rating };
    }
    return next;
  }

  /* Why a question's ratings in two rounds cannot be compared: "reworded", "replaced",
   * "rescaled", or null when they can. */
  function incomparable(a, b) {
    var reasons = [a, b].map(function (answer) {
      if (!answer || !answer.carried) return null;
      if (earlierRating(answer) !== null) return "rescaled";
      return TO_CONFIRM.indexOf(answer.carried.status) >= 0 ? answer.carried.status : null;
    });
    return reasons[0] || reasons[1] || null;
  }

  return {
    normalised: normalised,
    earlier: earlier,
    sameScale: sameScale,
    carry: carry,
    toConfirm: toConfirm,
    earlierRating: earlierRating,
    confirmed: confirmed,
    incomparable: incomparable,
  };
});
