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
 * answer (`carried.rating`), shown, and left out of every average until the person rates again
 * — unless the publisher declared how that version's ratings read on this scale
 * (`scale.earlier`: {version: {earlier value: value now}}), when it is carried as that value.
 * Questions the earlier version did not have (not replacing one it had) are listed as added.
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

  /* The publisher's mapping of an earlier version's ratings onto this scale ({"value": value}), or null. */
  function mapping(sheet, version) {
    var declared = sheet.data.scale && hashes(sheet.data.scale.earlier);
    return declared && A.hasOwn(declared, version) ? hashes(declared[version]) : null;
  }

  /* Current questions the earlier version did not have and that replace none of its questions
   * (known only from its fingerprints). */
  function added(sheet, prints) {
    if (!prints.questions) return [];
    return sheet.questions
      .filter(function (item) {
        if (A.hasOwn(prints.questions, item.q.id)) return false;
        return !(item.q.replaces || []).some(function (gone) {
          return A.hasOwn(prints.questions, gone);
        });
      })
      .map(function (item) {
        return item.q.id;
      });
  }

  /* old: {content_version, answers: map, fingerprints?, scale?}; history: the site's releases.
   * {answers (for this version), report: {same, reworded, replaced: [{from, to}], rescaled,
   * mapped, removed: [earlier ids kept], merged: [{from: [ids], to}], added}, rescaled: bool}. */
  function carry(sheet, old, history) {
    var version = String(old.content_version || "");
    var prints = earlier(old, history);
    var rescaled = !sameScale(sheet, old, prints);
    var declared = rescaled ? mapping(sheet, version) : null;
    var replacing = replacers(sheet);
    var answers = A.emptyMap();
    var report = { same: [], reworded: [], replaced: [], rescaled: [], mapped: [], removed: [], merged: [], added: added(sheet, prints) };
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
        var now = declared && A.hasOwn(declared, String(rating)) ? declared[String(rating)] : null;
        if (typeof now === "number" && sheet.scaleValues.indexOf(now) >= 0) {
          next.rating = now; // as the publisher declared: counted
          report.mapped.push(to);
        } else {
          earlierRating = rating;
          next.rating = null;
          report.rescaled.push(to);
        }
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
   * "rescaled", "added" (one round's version did not have it; give each round's carry report
   * as ra, rb), or null when they can. */
  function incomparable(a, b, ra, rb, id) {
    var reasons = [a, b].map(function (answer) {
      if (!answer || !answer.carried) return null;
      if (earlierRating(answer) !== null) return "rescaled";
      return TO_CONFIRM.indexOf(answer.carried.status) >= 0 ? answer.carried.status : null;
    });
    var why = reasons[0] || reasons[1] || null;
    if (!why && id !== undefined) {
      [ra, rb].forEach(function (report) {
        if (!why && report && Array.isArray(report.added) && report.added.indexOf(id) >= 0) why = "added";
      });
    }
    return why;
  }

  /* What carrying did, for the person, as counts: {carried, reworded, replaced, rescaled, mapped, removed}. */
  function counts(report) {
    return {
      carried: report.same.length,
      reworded: report.reworded.length,
      replaced: report.replaced.reduce(function (n, r) {
        return n + r.to.length;
      }, 0),
      rescaled: report.rescaled.length,
      mapped: report.mapped.length,
      removed: report.removed.length,
    };
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
    counts: counts,
    mapping: mapping,
    added: added,
  };
});
