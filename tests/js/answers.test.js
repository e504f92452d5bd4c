"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../overrides/assets/javascripts/reflect-answers.js");

const context = {
  site: "Reflect",
  set: "org",
  content_version: "2",
  questions: new Map([["q1", "First"], ["q2", "Second"], ["q3", "Third"]]),
  scale: [1, 2, 3, 4],
};

function exported(answers, extra) {
  return Object.assign({ format: A.FORMAT, format_version: 1, site: "Reflect", set: "org", content_version: "2", answers }, extra);
}

function problemOf(fn) {
  try {
    fn();
  } catch (error) {
    return [error.key, error.values];
  }
  return null;
}

test("blank and same", () => {
  assert.equal(A.blank({ text: "", rating: null }), true);
  assert.equal(A.blank({ text: "", rating: 0 }), false);
  assert.equal(A.same({ text: "a", rating: 1 }, { text: "a", rating: 1 }), true);
  assert.equal(A.same({ text: "a", rating: 1 }, { text: "a" }), false);
});

test("stored records: every field checked by type, bad answers dropped and named", () => {
  const raw = JSON.stringify({
    format: A.STORE_FORMAT,
    revision: "7",
    answers: {
      q1: { text: "fine", rating: 2 },
      q2: { text: 42, rating: 1 },
      q3: { text: "x", rating: "high" },
      constructor: { text: "an id like any other", rating: null },
      "bad id!": { text: "x" },
    },
  });
  const { record, dropped } = A.readRecord(raw);
  assert.equal(record.revision, 0);
  assert.deepEqual(Object.keys(record.answers).sort(), ["constructor", "q1"]);
  assert.deepEqual(dropped.map((d) => d.id + ":" + d.reason).sort(), ["bad id!:bad_id", "q2:text_not_text", "q3:rating_not_whole"]);
  assert.equal(A.readRecord("{").corrupt, true);
  assert.equal(A.readRecord('{"format":"x","answers":{}}').corrupt, true);
  assert.equal(A.readRecord('{"format":"reflect-worksheet-store","answers":[]}').corrupt, true);
});

test("__proto__ in a stored record is refused as an id, and changes no prototype", () => {
  const raw = '{"format":"reflect-worksheet-store","answers":{"__proto__":{"text":"t","rating":1},"q1":{"text":"ok"}}}';
  const { record, dropped } = A.readRecord(raw);
  assert.deepEqual(Object.keys(record.answers), ["q1"]);
  assert.deepEqual(dropped, [{ id: "__proto__", reason: "bad_id" }]);
  assert.equal(Object.getPrototypeOf(record.answers), null);
  assert.equal({}.text, undefined);
});

test("import: a good file, with an answer to a question no longer in the set", () => {
  const read = A.readExport(
    exported([
      { id: "q1", text: "a", rating: 3 },
      { id: "old", text: "kept", rating: 9, question: "Removed question" },
    ]),
    context
  );
  assert.deepEqual(read.answers.q1, { text: "a", rating: 3, question: "First" });
  assert.equal(read.answers.old.question, "Removed question");
  assert.equal(read.retired, 1);
});

test("import: each fault is named", () => {
  assert.deepEqual(problemOf(() => A.readExport([], context)), ["not_export", {}]);
  assert.deepEqual(problemOf(() => A.readExport(exported([], { format_version: 9 }), context)), ["unknown_version", { version: "9" }]);
  assert.deepEqual(problemOf(() => A.readExport(exported([], { set: "x", set_title: "X" }), context)), ["other_set", { set: "X" }]);
  assert.deepEqual(problemOf(() => A.readExport(exported([], { site: "Elsewhere" }), context)), ["other_site", { site: "Elsewhere", here: "Reflect" }]);
  assert.deepEqual(problemOf(() => A.readExport(exported({}), context)), ["no_answers", {}]);
  assert.deepEqual(problemOf(() => A.readExport(exported([7]), context)), ["entry_not_answer", { number: 1 }]);
  assert.deepEqual(problemOf(() => A.readExport(exported([{ id: "q1", text: 5 }]), context)), ["entry_text", { number: 1 }]);
  assert.deepEqual(problemOf(() => A.readExport(exported([{ id: "q1", text: "", rating: 1.5 }]), context))[0], "entry_rating_not_whole");
  assert.deepEqual(problemOf(() => A.readExport(exported([{ id: "q1", text: "", rating: 7 }]), context)), ["entry_rating_scale", { number: 1, rating: 7 }]);
  assert.deepEqual(
    problemOf(() => A.readExport(exported([{ id: "q1", text: "" }, { id: "q1", text: "" }]), context)),
    ["entry_twice", { id: "q1" }]
  );
  assert.deepEqual(problemOf(() => A.readExport(exported([{ id: "q1", text: "", question: 3 }]), context))[0], "entry_question_not_text");
});

test("import: constructor, __proto__ and toString are ids, not object machinery", () => {
  assert.deepEqual(problemOf(() => A.readExport(exported([{ id: "__proto__", text: "" }]), context)), ["entry_bad_id", { number: 1 }]);
  for (const id of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
    const read = A.readExport(exported([{ id, text: "note", rating: 2 }]), context);
    assert.equal(read.answers[id].text, "note");
    assert.equal(read.retired, 1);
  }
});

test("merge: other tab's changes come in, clashes are reported", () => {
  const base = { q1: { text: "a", rating: 1 }, q2: { text: "b", rating: 1 } };
  const theirs = { q1: { text: "a2", rating: 1 }, q2: { text: "b-theirs", rating: 1 } };
  const mine = { q1: { text: "a", rating: 1 }, q2: { text: "b-mine", rating: 1 }, q3: { text: "c", rating: null } };
  const result = A.merge(base, theirs, mine);
  assert.deepEqual(result.changed, ["q1"]);
  assert.deepEqual(result.clashes, ["q2"]);
  assert.equal(result.answers.q1.text, "a2");
  assert.equal(result.answers.q3.text, "c");
});

test("csv cells never become formulas", () => {
  assert.equal(A.csvCell("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
  assert.equal(A.csvCell("@SUM"), "\"'@SUM\"");
  assert.equal(A.csvCell("-1+2"), "\"'-1+2\"");
  assert.equal(A.csvCell("- a list"), '"- a list"');
  assert.equal(A.csvCell('say "hi"'), '"say ""hi"""');
});

test("scores per section and overall, and the lowest-rated statements", () => {
  const sections = [
    { id: "s1", title: "One", questions: [{ id: "q1" }, { id: "q2" }] },
    { id: "s2", title: "Two", questions: [{ id: "q3" }] },
  ];
  const answers = { q1: { text: "", rating: 1 }, q2: { text: "", rating: 4 }, constructor: { text: "x", rating: 1 } };
  const s = A.scores(sections, answers, [1, 2, 3, 4]);
  assert.deepEqual(s.sections[0], { id: "s1", title: "One", total: 2, rated: 2, mean: 2.5, percent: 50 });
  assert.equal(s.sections[1].mean, null);
  assert.equal(s.overall.rated, 2);
  assert.deepEqual(A.lowest([{ id: "q1" }, { id: "q2" }, { id: "q3" }], answers, 5), [
    { id: "q1", rating: 1 },
    { id: "q2", rating: 4 },
  ]);
  assert.deepEqual(A.unanswered([{ id: "q1" }, { id: "q3" }, { id: "toString" }], answers), ["q3", "toString"]);
});
