/* Reflect: a worksheet as data — its questions in page order, progress, the rows it exports
 * and the export files themselves (JSON, CSV, Markdown; the results' Markdown and CSV), the
 * storage keys, and the sentences it says about answers. Pure (no DOM, no storage): loads in
 * the browser (window.Reflect.sheet) and under Node (module.exports, with reflect-answers.js
 * beside it) for unit tests.
 *
 * A sheet is what sheet.create(data) returns for the data the site generator gave the
 * worksheet: {data, questions: [{q, section, sectionNumber}], byId, scale, scaleValues}.
 * Words come from the catalogue through `t` (a translator as reflect-strings.js makes);
 * the column names of CSV files and the keys of JSON files are a format, not words. */
(function (factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./reflect-answers.js"));
  else {
    var R = (window.Reflect = window.Reflect || {});
    R.sheet = factory(R.answers);
  }
})(function (A) {
  "use strict";

  var blank = A.blank;

  function create(data) {
    var questions = [];
    var byId = Object.create(null); // no "constructor" or "__proto__" to trip over
    (data.sections || []).forEach(function (section, sectionIndex) {
      (section.questions || []).forEach(function (q) {
        var item = { q: q, section: section, sectionNumber: sectionIndex + 1 };
        questions.push(item);
        byId[q.id] = item;
      });
    });
    var scale = (data.scale && data.scale.options) || [];
    return {
      data: data,
      questions: questions,
      byId: byId,
      scale: scale,
      scaleValues: scale.map(function (o) {
        return o.value;
      }),
    };
  }

  /* Where this set's answers live in localStorage: one key per content version under a
   * prefix shared by the set's versions (site is already a slug). */
  function storageKeys(site, data) {
    var prefix = "reflect:" + site + ":worksheet:" + data.set + ":";
    return { prefix: prefix, key: prefix + (data.content_version || "unversioned") };
  }

  /* "3. Agree", or the bare value when the scale has no such option. */
  function ratingLabel(sheet, value) {
    if (value === null || value === undefined) return "";
    for (var i = 0; i < sheet.scale.length; i += 1) {
      if (sheet.scale[i].value === value) return sheet.scale[i].value + ". " + sheet.scale[i].label;
    }
    return String(value);
  }

  function scaleLabel(sheet, t) {
    return (sheet.data.scale && sheet.data.scale.label) || t("ws_rating");
  }

  /* Rated statements out of all of them. */
  function progress(sheet, answers) {
    var questions = sheet.questions.map(function (item) {
      return item.q;
    });
    return { rated: questions.length - A.unanswered(questions, answers).length, count: questions.length };
  }

  /* Ids of answers to questions the set no longer has, sorted. */
  function retiredIds(sheet, answers) {
    return Object.keys(answers)
      .filter(function (id) {
        return !sheet.byId[id] && !blank(answers[id]);
      })
      .sort();
  }

  /* ids in page order, then the ids of removed questions sorted. */
  function order(sheet, ids) {
    var current = sheet.questions
      .map(function (item) {
        return item.q.id;
      })
      .filter(function (id) {
        return ids.indexOf(id) >= 0;
      });
    var others = ids.filter(function (id) {
      return !sheet.byId[id];
    });
    others.sort();
    return current.concat(others);
  }

  /* The answer after one field changed (field "text" or "rating"), or null when blank. What
   * it carried from an earlier version stays: still to confirm until confirmed, and its
   * rating on the earlier scale until it is rated on this one. */
  function edited(sheet, current, id, field, value) {
    current = current || { text: "", rating: null };
    var next = { text: current.text || "", rating: current.rating === undefined ? null : current.rating };
    next[field] = value;
    if (sheet.byId[id]) next.question = sheet.byId[id].q.text;
    else if (current.question) next.question = current.question;
    if (current.carried) {
      var carried = { from: current.carried.from, status: current.carried.status, rating: current.carried.rating === undefined ? null : current.carried.rating };
      if (field === "rating" && value !== null) carried.rating = null; // rated on this scale
      var waiting = carried.status === "reworded" || carried.status === "replaced";
      if (waiting || carried.rating !== null) next.carried = carried;
    }
    return blank(next) ? null : next;
  }

  /* Whether answers differ from base (what was last saved). */
  function differs(answers, base) {
    var ids = Object.keys(answers).concat(Object.keys(base));
    return ids.some(function (id) {
      return !A.same(answers[id], base[id]);
    });
  }

  /* Every answer, current questions in page order, then answers to removed questions. */
  function rows(sheet, answers, includeBlank) {
    var out = [];
    sheet.questions.forEach(function (item) {
      var answer = answers[item.q.id];
      if (!includeBlank && blank(answer)) return;
      out.push({
        id: item.q.id,
        number: item.q.number,
        section: item.section.title,
        question: item.q.text,
        rating: answer && answer.rating !== undefined ? answer.rating : null,
        text: (answer && answer.text) || "",
        current: true,
        carried: (answer && answer.carried) || null,
      });
    });
    retiredIds(sheet, answers).forEach(function (id) {
      var answer = answers[id];
      out.push({
        id: id,
        number: null,
        section: null,
        question: answer.question || "",
        rating: answer.rating === undefined ? null : answer.rating,
        text: answer.text || "",
        current: false,
        carried: null,
      });
    });
    return out;
  }

  function fileName(sheet, kind, today, extension) {
    return sheet.data.set + "-" + kind + "-" + today + "." + extension;
  }

  /* The export file (format "reflect-worksheet"), as an object; now is an ISO time. */
  function exportObject(sheet, answers, now) {
    var data = sheet.data;
    return {
      format: A.FORMAT,
      format_version: A.FORMAT_VERSION,
      site: data.site,
      set: data.set,
      set_title: data.title,
      content_version: data.content_version,
      fingerprints: data.fingerprints || null,
      exported_at: now,
      scale: {
        label: (data.scale && data.scale.label) || "",
        options: sheet.scale.map(function (o) {
          return { value: o.value, label: o.label };
        }),
      },
      answers: rows(sheet, answers, false).map(function (row) {
        var entry = {
          id: row.id,
          number: row.number,
          section: row.section,
          question: row.question,
          rating: row.rating,
          rating_label: row.rating === null ? null : ratingLabel(sheet, row.rating),
          text: row.text,
          in_current_content: row.current,
        };
        if (row.carried) entry.carried = row.carried; // still to confirm, or an earlier rating on another scale
        return entry;
      }),
    };
  }

  function exportJSON(sheet, answers, now) {
    return JSON.stringify(exportObject(sheet, answers, now), null, 2) + "\n";
  }

  /* Every statement, answered or not, one row each. */
  function exportCSV(sheet, answers) {
    var data = sheet.data;
    var lines = [
      ["set", "content_version", "section", "number", "question_id", "question", "rating", "rating_label", "answer", "in_current_content"],
    ];
    rows(sheet, answers, true).forEach(function (row) {
      lines.push([
        data.set,
        data.content_version,
        row.section || "",
        row.number === null ? "" : row.number,
        row.id,
        row.question,
        row.rating === null ? "" : row.rating,
        row.rating === null ? "" : ratingLabel(sheet, row.rating),
        row.text,
        row.current ? "yes" : "no",
      ]);
    });
    return A.csv(lines);
  }

  function exportMarkdown(sheet, answers, t, today) {
    var data = sheet.data;
    var out = [];
    out.push("# " + t("ws_md_title", { title: data.title }), "");
    out.push(t("ws_md_exported", { date: today, site: data.site, version: data.content_version }), "");
    out.push(t("ws_md_scale", { scale: scaleLabel(sheet, t) }), "");
    sheet.scale.forEach(function (o) {
      out.push(o.value + ". " + o.label + (o.description ? ": " + o.description : ""));
    });
    out.push("");
    var section = null;
    rows(sheet, answers, true).forEach(function (row) {
      if (row.current && row.section !== section) {
        section = row.section;
        out.push("## " + sheet.byId[row.id].sectionNumber + ". " + section, "");
      }
      if (!row.current && section !== false) {
        section = false;
        out.push("## " + t("ws_retired_title"), "");
      }
      out.push("### " + (row.number === null ? "" : row.number + ". ") + (row.question || row.id), "");
      out.push("**" + t("ws_md_rating") + "** " + (row.rating === null ? t("ws_md_not_rated") : ratingLabel(sheet, row.rating)), "");
      out.push("**" + t("ws_md_response", { label: data.response_label || t("ws_answer") }) + "**", "");
      if (row.text) {
        row.text.split(/\r?\n/).forEach(function (line) {
          out.push(line ? "> " + line : ">");
        });
      } else {
        out.push("*" + t("ws_md_no_answer") + "*");
      }
      out.push("");
    });
    return out.join("\n");
  }

  /* The score rows of the results (sections, then overall) with the overall row named. */
  function scoreRows(scores, t) {
    return scores.sections.concat([Object.assign({}, scores.overall, { title: t("ws_overall") })]);
  }

  /* The results as Markdown: scores per section, then the draft plan
   * ([{number, text, rating (its label), links: [{text}]}]). */
  function resultsMarkdown(sheet, scores, plan, t, today) {
    var data = sheet.data;
    var out = ["# " + t("ws_results_title", { title: data.title }), ""];
    out.push(t("ws_md_exported", { date: today, site: data.site, version: data.content_version }), "");
    out.push("| " + t("ws_col_section") + " | " + t("ws_col_rated") + " | " + t("ws_col_mean") + " |", "| --- | --- | --- |");
    scoreRows(scores, t).forEach(function (row) {
      out.push("| " + row.title.replace(/\|/g, "\\|") + " | " + t("ws_rated_of", { rated: row.rated, count: row.total }) + " | " + (row.mean === null ? t("ws_not_rated_short") : row.mean) + " |");
    });
    out.push("", "## " + t("ws_plan_title"), "");
    plan.forEach(function (item, index) {
      out.push(index + 1 + ". **" + item.number + ". " + item.text + "** " + t("ws_rating_is", { rating: item.rating }));
      item.links.forEach(function (link) {
        out.push("    - " + link.text);
      });
    });
    return out.join("\n") + "\n";
  }

  function resultsCSV(sheet, scores, t) {
    var data = sheet.data;
    var lines = [["set", "content_version", "section", "rated", "questions", "mean"]];
    scoreRows(scores, t).forEach(function (row) {
      lines.push([data.set, data.content_version, row.title, row.rated, row.total, row.mean === null ? "" : row.mean]);
    });
    return A.csv(lines);
  }

  /* What reflect-answers.js needs to know about this set to check a file. */
  function context(sheet) {
    var questions = new Map();
    sheet.questions.forEach(function (item) {
      questions.set(item.q.id, item.q.text);
    });
    var data = sheet.data;
    return { site: data.site, set: data.set, content_version: data.content_version, questions: questions, scale: sheet.scaleValues };
  }

  function truncate(text, n) {
    text = String(text).replace(/\s+/g, " ");
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  /* "Question 3" for a current question, else the stored question text or the id. */
  function questionName(sheet, answers, id, t) {
    var item = sheet.byId[id];
    if (item) return t("ws_question_number", { number: item.q.number });
    return (answers[id] && answers[id].question) || id;
  }

  /* One line of the conflict question: what the other tab has for this statement. */
  function conflictLine(sheet, answers, id, theirs, t) {
    var detail = blank(theirs)
      ? t("ws_conflict_cleared")
      : theirs.rating !== null && theirs.rating !== undefined
        ? t("ws_conflict_has_rated", { text: truncate(theirs.text || "", 80), rating: ratingLabel(sheet, theirs.rating) })
        : t("ws_conflict_has", { text: truncate(theirs.text || "", 80) });
    return t("ws_conflict_item", { name: questionName(sheet, answers, id, t), detail: detail });
  }

  /* Stored answers that failed their checks ([{id, reason}]), in one sentence. */
  function droppedText(sheet, dropped, t) {
    var first = dropped[0];
    var item = sheet.byId[first.id];
    return t("ws_dropped", {
      count: dropped.length,
      first: item ? t("ws_question_number", { number: item.q.number }) : first.id,
      reason: t("ws_stored_" + first.reason),
    });
  }

  /* Answers brought in from another content version's record, in one sentence. */
  function broughtInText(sheet, answers, version, t) {
    var retired = retiredIds(sheet, answers).length;
    return (
      t("ws_brought_in", { count: A.countAnswers(answers), version: version || t("ws_unknown_version") }) +
      (retired ? " " + t("ws_brought_in_retired", { count: retired }) : "")
    );
  }

  /* Answers carried across from another content version (reflect-carry.js's report), in a few
   * sentences: how many came, how many wait to be confirmed, how many ratings were on an
   * earlier scale (not counted) or converted as the publisher declared, how many are kept
   * for removed questions. */
  function carriedText(sheet, answers, report, version, t) {
    var toConfirm = report.reworded.length + report.replaced.reduce(function (n, r) {
      return n + r.to.length;
    }, 0);
    var parts = [t("ws_brought_in", { count: A.countAnswers(answers), version: version || t("ws_unknown_version") })];
    if (toConfirm) parts.push(t("ws_carried_to_confirm", { count: toConfirm }));
    if (report.rescaled.length) parts.push(t("ws_carried_rescaled", { count: report.rescaled.length }));
    if (report.mapped.length) parts.push(t("ws_carried_mapped", { count: report.mapped.length }));
    var retired = retiredIds(sheet, answers).length;
    if (retired) parts.push(t("ws_brought_in_retired", { count: retired }));
    return parts.join(" ");
  }

  /* A rating given on an earlier version's scale, with that scale's words when the site's
   * releases record them ("2. Always"), else the bare value. */
  function earlierRatingLabel(sheet, answer) {
    var carried = answer && answer.carried;
    if (!carried || typeof carried.rating !== "number") return "";
    var history = sheet.data.history;
    var release = history && A.hasOwn(history, carried.from) ? history[carried.from] : null;
    var options = release && Array.isArray(release.scale_options) ? release.scale_options : [];
    for (var i = 0; i < options.length; i += 1) {
      if (options[i] && options[i].value === carried.rating) return carried.rating + ". " + options[i].label;
    }
    return String(carried.rating);
  }

  /* Current questions whose answers still wait: to be confirmed, or rated on this scale. */
  function waiting(sheet, answers) {
    var out = { confirm: [], rate: [] };
    sheet.questions.forEach(function (item) {
      var answer = A.hasOwn(answers, item.q.id) ? answers[item.q.id] : null;
      if (!answer || !answer.carried) return;
      if (answer.carried.status === "reworded" || answer.carried.status === "replaced") out.confirm.push(item.q.id);
      if (typeof answer.carried.rating === "number") out.rate.push(item.q.id);
    });
    return out;
  }

  /* A problem found in a file or a stored record (an Error from reflect-answers.js), in words. */
  function problemText(error, t) {
    if (error && error.key) return t("problem_" + error.key, error.values);
    return t("problem_unexpected");
  }

  return {
    create: create,
    storageKeys: storageKeys,
    ratingLabel: ratingLabel,
    scaleLabel: scaleLabel,
    progress: progress,
    retiredIds: retiredIds,
    order: order,
    edited: edited,
    differs: differs,
    rows: rows,
    fileName: fileName,
    exportObject: exportObject,
    exportJSON: exportJSON,
    exportCSV: exportCSV,
    exportMarkdown: exportMarkdown,
    resultsMarkdown: resultsMarkdown,
    resultsCSV: resultsCSV,
    context: context,
    truncate: truncate,
    questionName: questionName,
    conflictLine: conflictLine,
    droppedText: droppedText,
    broughtInText: broughtInText,
    carriedText: carriedText,
    earlierRatingLabel: earlierRatingLabel,
    waiting: waiting,
    problemText: problemText,
  };
});
