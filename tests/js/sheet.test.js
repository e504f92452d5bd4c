"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../overrides/assets/javascripts/reflect-answers.js");
const S = require("../../overrides/assets/javascripts/reflect-sheet.js");
const strings = require("../../overrides/assets/javascripts/reflect-strings.js");

// A few of the catalogue's words, in the catalogue's shape (plurals as one/other).
const t = strings.create(
  {
    ws_rating: "Rating",
    ws_answer: "Answer",
    ws_md_title: "{title}: answers",
    ws_md_exported: "Exported on {date} from {site} (content version {version}).",
    ws_md_scale: "Rating scale: {scale}",
    ws_md_rating: "Rating:",
    ws_md_not_rated: "Not rated",
    ws_md_response: "{label}:",
    ws_md_no_answer: "No answer yet.",
    ws_retired_title: "Answers to questions no longer in this set",
    ws_overall: "Overall",
    ws_results_title: "Results: {title}",
    ws_col_section: "Section",
    ws_col_rated: "Rated",
    ws_col_mean: "Mean rating",
    ws_rated_of: "{rated} of {count}",
    ws_not_rated_short: "not rated",
    ws_plan_title: "Draft action plan",
    ws_rating_is: "Rating: {rating}",
    ws_question_number: "Question {number}",
    ws_conflict_cleared: "the other tab or window cleared it",
    ws_conflict_has: "the other tab or window has “{text}”",
    ws_conflict_has_rated: "the other tab or window has “{text}” rated {rating}",
    ws_conflict_item: "{name}: {detail}.",
    ws_dropped: { one: "{count} stored answer was left out ({first}: {reason}).", other: "{count} stored answers were left out ({first}: {reason})." },
    ws_stored_rating_not_whole: "its rating is not a whole number",
    ws_stored_bad_id: "its question id is not valid",
    ws_brought_in: { one: "{count} answer brought in from version {version}.", other: "{count} answers brought in from version {version}." },
    ws_brought_in_retired: { one: "{count} is for a question no longer here.", other: "{count} are for questions no longer here." },
    ws_unknown_version: "unknown",
    problem_other_set: "it holds answers for another question set (“{set}”), not for this one.",
    problem_entry_rating_scale: "answer {number} has the rating {rating}, which is not on this set's scale.",
    problem_unexpected: "it could not be read as a worksheet export.",
  },
  "en"
);

const data = {
  site: "Our site",
  set: "org",
  title: "Organisations",
  content_version: "2",
  response_label: "Evidence",
  scale: {
    label: "How far do you agree?",
    options: [
      { value: 1, label: "Disagree", description: "Not at all" },
      { value: 2, label: "Partly" },
      { value: 3, label: "Agree" },
    ],
  },
  sections: [
    { id: "a", title: "Leadership", questions: [{ id: "q1", number: 1, text: "We plan" }, { id: "constructor", number: 2, text: "We build" }] },
    { id: "b", title: "People | teams", questions: [{ id: "q3", number: 3, text: "We listen" }] },
  ],
};

function answers(entries) {
  const map = A.emptyMap();
  Object.keys(entries).forEach((id) => {
    map[id] = entries[id];
  });
  return map;
}

const sheet = S.create(data);

test("a sheet lists the questions in page order with their sections, ids without a prototype", () => {
  assert.deepEqual(sheet.questions.map((item) => [item.q.id, item.sectionNumber, item.section.title]), [
    ["q1", 1, "Leadership"],
    ["constructor", 1, "Leadership"],
    ["q3", 2, "People | teams"],
  ]);
  assert.equal(sheet.byId.constructor.q.text, "We build");
  assert.equal(sheet.byId.toString, undefined);
  assert.deepEqual(sheet.scaleValues, [1, 2, 3]);
  assert.deepEqual(S.create({ set: "x" }).questions, []);
});

test("storage keys: one record per content version under the set's prefix", () => {
  assert.deepEqual(S.storageKeys("our-site", data), { prefix: "reflect:our-site:worksheet:org:", key: "reflect:our-site:worksheet:org:2" });
  assert.equal(S.storageKeys("s", { set: "org" }).key, "reflect:s:worksheet:org:unversioned");
});

test("progress counts rated statements; a note without a rating is not rated", () => {
  assert.deepEqual(S.progress(sheet, answers({})), { rated: 0, count: 3 });
  const some = answers({ q1: { text: "", rating: 2 }, q3: { text: "a note", rating: null }, old: { text: "", rating: 1 } });
  assert.deepEqual(S.progress(sheet, some), { rated: 1, count: 3 });
  const unrated = A.unanswered(sheet.questions.map((item) => item.q), some);
  assert.deepEqual(unrated, ["constructor", "q3"]);
  assert.equal(S.progress(sheet, answers({ q1: { rating: 1 }, constructor: { rating: 3 }, q3: { rating: 0 } })).rated, 3);
});

test("rating labels: value and label from the scale, else the bare value", () => {
  assert.equal(S.ratingLabel(sheet, 3), "3. Agree");
  assert.equal(S.ratingLabel(sheet, 7), "7");
  assert.equal(S.ratingLabel(sheet, null), "");
  assert.equal(S.scaleLabel(sheet, t), "How far do you agree?");
  assert.equal(S.scaleLabel(S.create({ sections: [] }), t), "Rating");
});

test("answers to removed questions are listed sorted; ids ordered page first, then the rest sorted", () => {
  const some = answers({ zz: { text: "z", rating: null }, q1: { text: "x", rating: 1 }, aa: { text: "", rating: 2 }, gone: { text: "", rating: null } });
  assert.deepEqual(S.retiredIds(sheet, some), ["aa", "zz"]);
  assert.deepEqual(S.order(sheet, ["zz", "q3", "aa", "q1"]), ["q1", "q3", "aa", "zz"]);
});

test("an edit: the question text comes from the page, or stays as stored for a removed question", () => {
  assert.deepEqual(S.edited(sheet, undefined, "q1", "rating", 2), { text: "", rating: 2, question: "We plan" });
  assert.deepEqual(S.edited(sheet, { text: "x", rating: 1, question: "Old" }, "q1", "text", "y"), { text: "y", rating: 1, question: "We plan" });
  assert.deepEqual(S.edited(sheet, { text: "x", rating: 1, question: "Old" }, "old", "rating", null), { text: "x", rating: null, question: "Old" });
  assert.equal(S.edited(sheet, { text: "x", rating: null }, "q1", "text", ""), null);
  assert.equal(S.edited(sheet, { text: "", rating: 3 }, "q1", "rating", null), null);
});

test("unsaved answers: any difference from what was saved, blanks equal to nothing", () => {
  const saved = answers({ q1: { text: "a", rating: 1 } });
  assert.equal(S.differs(answers({ q1: { text: "a", rating: 1 } }), saved), false);
  assert.equal(S.differs(answers({ q1: { text: "a", rating: 2 } }), saved), true);
  assert.equal(S.differs(answers({}), saved), true);
  assert.equal(S.differs(answers({ q3: { text: "", rating: null } }), answers({})), false);
});

const filled = answers({
  q3: { text: "First line\n\nthird", rating: 3, question: "We listen" },
  q1: { text: "=SUM(A1)", rating: null, question: "We plan" },
  old: { text: "", rating: 9, question: "A question removed" },
});

test("rows: current questions in page order, then answers to removed ones", () => {
  const all = S.rows(sheet, filled, true);
  assert.deepEqual(all.map((row) => [row.id, row.number, row.section, row.rating, row.current]), [
    ["q1", 1, "Leadership", null, true],
    ["constructor", 2, "Leadership", null, true],
    ["q3", 3, "People | teams", 3, true],
    ["old", null, null, 9, false],
  ]);
  assert.deepEqual(S.rows(sheet, filled, false).map((row) => row.id), ["q1", "q3", "old"]);
});

test("the JSON export holds the answered statements and reads back as the same answers", () => {
  const object = S.exportObject(sheet, filled, "2026-01-02T03:04:05.000Z");
  assert.equal(object.format, "reflect-worksheet");
  assert.equal(object.format_version, 1);
  assert.deepEqual([object.site, object.set, object.set_title, object.content_version, object.exported_at], ["Our site", "org", "Organisations", "2", "2026-01-02T03:04:05.000Z"]);
  assert.deepEqual(object.scale, { label: "How far do you agree?", options: [{ value: 1, label: "Disagree" }, { value: 2, label: "Partly" }, { value: 3, label: "Agree" }] });
  assert.deepEqual(object.answers[1], {
    id: "q3", number: 3, section: "People | teams", question: "We listen", rating: 3, rating_label: "3. Agree", text: "First line\n\nthird", in_current_content: true,
  });
  assert.deepEqual(object.answers[2], {
    id: "old", number: null, section: null, question: "A question removed", rating: 9, rating_label: "9", text: "", in_current_content: false,
  });
  const text = S.exportJSON(sheet, filled, "2026-01-02T03:04:05.000Z");
  assert.ok(text.endsWith("}\n"));
  const back = A.readExport(JSON.parse(text), S.context(sheet));
  assert.equal(back.retired, 1);
  assert.deepEqual(Object.keys(back.answers), ["q1", "q3", "old"]);
  assert.deepEqual(back.answers.q3, { text: "First line\n\nthird", rating: 3, question: "We listen" });
});

test("import validation says why a file is refused, in the catalogue's words", () => {
  const object = S.exportObject(sheet, filled, "now");
  const reason = (changed) => {
    try {
      A.readExport(Object.assign({}, object, changed), S.context(sheet));
    } catch (error) {
      return S.problemText(error, t);
    }
    return null;
  };
  assert.equal(reason({}), null);
  assert.equal(reason({ set: "other", set_title: "Staff" }), "it holds answers for another question set (“Staff”), not for this one.");
  const offScale = object.answers.map((entry) => (entry.id === "q3" ? Object.assign({}, entry, { rating: 5 }) : entry));
  assert.equal(reason({ answers: offScale }), "answer 2 has the rating 5, which is not on this set's scale.");
  assert.equal(S.problemText(new Error("boom"), t), "it could not be read as a worksheet export.");
});

test("the CSV export: every statement, a BOM, CRLF, no formulas", () => {
  const text = S.exportCSV(sheet, filled);
  assert.ok(text.startsWith("\ufeff\"set\",\"content_version\",\"section\",\"number\",\"question_id\""));
  const lines = text.slice(1).split("\r\n");
  assert.equal(lines.length, 6); // header, 3 statements, 1 removed, the final empty string
  assert.equal(lines[5], "");
  assert.equal(lines[1], '"org","2","Leadership","1","q1","We plan","","","\'=SUM(A1)","yes"');
  assert.equal(lines[2], '"org","2","Leadership","2","constructor","We build","","","","yes"');
  assert.equal(lines[3], '"org","2","People | teams","3","q3","We listen","3","3. Agree","First line\n\nthird","yes"');
  assert.equal(lines[4], '"org","2","","","old","A question removed","9","9","","no"');
});

test("the Markdown export: scale, numbered sections, quoted answers, removed questions last", () => {
  const text = S.exportMarkdown(sheet, filled, t, "2026-01-02");
  assert.equal(
    text,
    [
      "# Organisations: answers", "",
      "Exported on 2026-01-02 from Our site (content version 2).", "",
      "Rating scale: How far do you agree?", "",
      "1. Disagree: Not at all", "2. Partly", "3. Agree", "",
      "## 1. Leadership", "",
      "### 1. We plan", "", "**Rating:** Not rated", "", "**Evidence:**", "", "> =SUM(A1)", "",
      "### 2. We build", "", "**Rating:** Not rated", "", "**Evidence:**", "", "*No answer yet.*", "",
      "## 2. People | teams", "",
      "### 3. We listen", "", "**Rating:** 3. Agree", "", "**Evidence:**", "", "> First line", ">", "> third", "",
      "## Answers to questions no longer in this set", "",
      "### A question removed", "", "**Rating:** 9", "", "**Evidence:**", "", "*No answer yet.*", "",
    ].join("\n")
  );
  const plain = S.create(Object.assign({}, data, { response_label: undefined }));
  assert.ok(S.exportMarkdown(plain, answers({}), t, "d").includes("**Answer:**"));
});

test("the results' Markdown and CSV: a row per section and overall, then the plan", () => {
  const scores = A.scores(
    data.sections.map((s) => ({ id: s.id, title: s.title, questions: s.questions })),
    answers({ q1: { text: "", rating: 1 }, q3: { text: "", rating: 3 } }),
    sheet.scaleValues
  );
  const plan = [{ id: "q1", number: 1, text: "We plan", rating: "1. Disagree", links: [{ href: "#a", text: "Action A" }] }];
  const markdown = S.resultsMarkdown(sheet, scores, plan, t, "2026-01-02");
  assert.equal(
    markdown,
    [
      "# Results: Organisations", "",
      "Exported on 2026-01-02 from Our site (content version 2).", "",
      "| Section | Rated | Mean rating |", "| --- | --- | --- |",
      "| Leadership | 1 of 2 | 1 |",
      "| People \\| teams | 1 of 1 | 3 |",
      "| Overall | 2 of 3 | 2 |",
      "", "## Draft action plan", "",
      "1. **1. We plan** Rating: 1. Disagree",
      "    - Action A",
      "",
    ].join("\n")
  );
  const csv = S.resultsCSV(sheet, scores, t).slice(1).split("\r\n");
  assert.deepEqual(csv, [
    '"set","content_version","section","rated","questions","mean"',
    '"org","2","Leadership","1","2","1"',
    '"org","2","People | teams","1","1","3"',
    '"org","2","Overall","2","3","2"',
    "",
  ]);
  const none = A.scores([{ id: "a", title: "A", questions: [{ id: "q1" }] }], answers({}), [1, 3]);
  assert.ok(S.resultsMarkdown(sheet, none, [], t, "d").includes("| A | 0 of 1 | not rated |"));
  assert.ok(S.resultsCSV(sheet, none, t).includes('"org","2","A","0","1",""'));
});

test("file names carry the set, the kind and the date", () => {
  assert.equal(S.fileName(sheet, "answers", "2026-01-02", "csv"), "org-answers-2026-01-02.csv");
  assert.equal(S.fileName(sheet, "results", "2026-01-02", "md"), "org-results-2026-01-02.md");
});

test("the conflict question says what the other tab has, shortened", () => {
  const mine = answers({ old: { text: "x", rating: null, question: "A question removed" } });
  assert.equal(S.conflictLine(sheet, mine, "q1", undefined, t), "Question 1: the other tab or window cleared it.");
  assert.equal(S.conflictLine(sheet, mine, "q3", { text: "Yes\n  indeed", rating: 3 }, t), "Question 3: the other tab or window has “Yes indeed” rated 3. Agree.");
  const long = "a".repeat(100);
  assert.equal(
    S.conflictLine(sheet, mine, "old", { text: long, rating: null }, t),
    "A question removed: the other tab or window has “" + "a".repeat(79) + "…”."
  );
  assert.equal(S.questionName(sheet, mine, "unknown", t), "unknown");
  assert.equal(S.truncate("short", 80), "short");
});

test("sentences about stored answers: left out, and brought in from another version", () => {
  assert.equal(S.droppedText(sheet, [{ id: "q3", reason: "rating_not_whole" }], t), "1 stored answer was left out (Question 3: its rating is not a whole number).");
  assert.equal(
    S.droppedText(sheet, [{ id: "x y", reason: "bad_id" }, { id: "q1", reason: "rating_not_whole" }], t),
    "2 stored answers were left out (x y: its question id is not valid)."
  );
  assert.equal(S.broughtInText(sheet, answers({ q1: { text: "a", rating: null } }), "1", t), "1 answer brought in from version 1.");
  assert.equal(
    S.broughtInText(sheet, answers({ q1: { text: "a", rating: null }, old: { text: "", rating: 1 }, older: { text: "b", rating: null } }), "", t),
    "3 answers brought in from version unknown. 2 are for questions no longer here."
  );
});
