/* Reflect: a group's worksheets side by side. Several people fill in the same question set
 * on their own devices and export; a facilitator loads the files here, tags each with a
 * role, and sees per statement the spread of ratings, where the roles disagree most and the
 * notes side by side, or the change from a baseline round to a later one. Everything stays
 * in the browser. Pure (no DOM): loads in the browser (window.Reflect.compare) and under
 * Node (module.exports, with reflect-answers.js and reflect-carry.js beside it).
 *
 * A file exported under an earlier content version is carried across to this one first
 * (reflect-carry.js) when the context holds the sheet (`context.sheet`, and the site's
 * releases in `context.history`): its ratings on another scale are then left out of every
 * mean, and the round-over-time view says which statements cannot be compared. */
(function (factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./reflect-answers.js"), require("./reflect-carry.js"));
  } else {
    var R = (window.Reflect = window.Reflect || {});
    R.compare = factory(R.answers, R.carry);
  }
})(function (A, K) {
  "use strict";

  var FORMAT = "reflect-worksheet-comparison";
  var MAX_BYTES = 5 * 1024 * 1024;
  var MAX_FILES = 50;

  /* A short fingerprint of a file's text: the same file loaded twice is refused. */
  function fingerprint(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return text.length + ":" + hash.toString(16);
  }

  /* Check one exported file against the set (context as for answers.readExport) and the
   * files already loaded. {name, fingerprint, answers, retired, missing, content_version}
   * or throws a problem (key, values) naming what was wrong. */
  function readFile(name, text, context, loaded) {
    if (typeof text !== "string") throw A.problem("unreadable");
    if (text.length > MAX_BYTES) throw A.problem("too_large", { size: MAX_BYTES / 1024 / 1024 });
    if ((loaded || []).length >= MAX_FILES) throw A.problem("too_many_files", { count: MAX_FILES });
    text = text.replace(/^\ufeff/, "");
    var print = fingerprint(text);
    (loaded || []).forEach(function (file) {
      if (file.fingerprint === print) throw A.problem("same_file", { other: file.name });
    });
    var object;
    try {
      object = JSON.parse(text);
    } catch (error) {
      throw A.problem("not_json");
    }
    var read = A.readExport(object, context);
    var carried = null;
    var older = read.content_version !== "" && read.content_version !== context.content_version;
    if (older && context.sheet && K) {
      var moved = K.carry(context.sheet, read, context.history || {});
      read.answers = moved.answers;
      read.retired = moved.report.removed.length;
      carried = moved.report;
    }
    var missing = 0;
    context.questions.forEach(function (questionText, id) {
      if (!A.hasOwn(read.answers, id)) missing += 1;
    });
    return {
      name: name,
      fingerprint: print,
      answers: read.answers,
      retired: read.retired,
      missing: missing,
      content_version: read.content_version,
      older: older,
      carried: carried, // what carrying it across did (reflect-carry.js), or null
      role: "",
    };
  }

  function mean(values) {
    if (!values.length) return null;
    var sum = values.reduce(function (a, b) {
      return a + b;
    }, 0);
    return Math.round((sum / values.length) * 10) / 10;
  }

  /* Per question: every rating with its file and role, the spread, the mean per role, the
   * gap between the roles' means and the notes; ratings given on an earlier version's scale
   * (not mapped onto this one) are listed in `earlier` and left out of every figure.
   * questions: [{id, ...}]; files as read. */
  function combine(questions, files) {
    var rows = questions.map(function (q) {
      var ratings = [];
      var earlier = []; // ratings on an earlier version's scale: shown, never in the figures
      var notes = [];
      var byRole = new Map();
      files.forEach(function (file, index) {
        var answer = A.hasOwn(file.answers, q.id) ? file.answers[q.id] : null;
        if (!answer) return;
        if (K && K.earlierRating(answer) !== null) earlier.push({ file: index, role: file.role, rating: K.earlierRating(answer) });
        if (typeof answer.rating === "number") {
          ratings.push({ file: index, role: file.role, rating: answer.rating });
          var role = file.role || "";
          if (!byRole.has(role)) byRole.set(role, []);
          byRole.get(role).push(answer.rating);
        }
        if (answer.text) notes.push({ file: index, role: file.role, text: answer.text });
      });
      var values = ratings.map(function (r) {
        return r.rating;
      });
      var roles = [];
      byRole.forEach(function (list, role) {
        roles.push({ role: role, mean: mean(list), count: list.length });
      });
      var gap = null;
      if (roles.length > 1) {
        var means = roles.map(function (r) {
          return r.mean;
        });
        gap = Math.round((Math.max.apply(null, means) - Math.min.apply(null, means)) * 10) / 10;
      }
      return {
        id: q.id,
        ratings: ratings,
        earlier: earlier,
        min: values.length ? Math.min.apply(null, values) : null,
        max: values.length ? Math.max.apply(null, values) : null,
        spread: values.length ? Math.max.apply(null, values) - Math.min.apply(null, values) : null,
        mean: mean(values),
        roles: roles,
        gap: gap,
        notes: notes,
      };
    });
    return rows;
  }

  /* Rows where the roles disagree most (largest gap first; then the widest spread). */
  function disagreements(rows, limit) {
    return rows
      .filter(function (row) {
        return row.gap !== null && row.gap > 0;
      })
      .slice()
      .sort(function (a, b) {
        return b.gap - a.gap || b.spread - a.spread;
      })
      .slice(0, limit);
  }

  /* Baseline against a later round, per question: {id, before, after, change, incomparable}.
   * incomparable: why the two ratings cannot be compared ("reworded", "replaced",
   * "rescaled": the statement or its scale changed between the rounds' versions; "added": a
   * round's version did not have it), or null. */
  function rounds(questions, baseline, later) {
    return questions.map(function (q) {
      var first = A.hasOwn(baseline.answers, q.id) ? baseline.answers[q.id] : null;
      var second = A.hasOwn(later.answers, q.id) ? later.answers[q.id] : null;
      var a = first ? first.rating : null;
      var b = second ? second.rating : null;
      a = typeof a === "number" ? a : null;
      b = typeof b === "number" ? b : null;
      var why = K ? K.incomparable(first, second, baseline.carried, later.carried, q.id) : null;
      return { id: q.id, before: a, after: b, change: a !== null && b !== null && !why ? b - a : null, incomparable: why };
    });
  }

  /* The combined result as a file of its own. */
  function exportObject(context, questions, files, rows, now) {
    var byId = new Map(
      rows.map(function (row) {
        return [row.id, row];
      })
    );
    return {
      format: FORMAT,
      format_version: 1,
      site: context.site,
      set: context.set,
      content_version: context.content_version,
      made_at: now,
      files: files.map(function (file) {
        return { name: file.name, role: file.role, content_version: file.content_version, carried: file.carried };
      }),
      questions: questions.map(function (q) {
        var row = byId.get(q.id);
        return {
          id: q.id,
          number: q.number,
          question: q.text,
          ratings: row.ratings.map(function (r) {
            return { file: files[r.file].name, role: r.role, rating: r.rating };
          }),
          earlier_scale_ratings: row.earlier.map(function (r) {
            return { file: files[r.file].name, role: r.role, rating: r.rating };
          }),
          spread: row.spread,
          mean: row.mean,
          roles: row.roles,
          gap: row.gap,
          notes: row.notes.map(function (n) {
            return { file: files[n.file].name, role: n.role, text: n.text };
          }),
        };
      }),
    };
  }

  return {
    FORMAT: FORMAT,
    MAX_FILES: MAX_FILES,
    fingerprint: fingerprint,
    readFile: readFile,
    combine: combine,
    disagreements: disagreements,
    rounds: rounds,
    exportObject: exportObject,
  };
});
