"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../overrides/assets/javascripts/reflect-answers.js");
const C = require("../../overrides/assets/javascripts/reflect-compare.js");

const context = {
  site: "Reflect",
  set: "org",
  content_version: "2",
  questions: new Map([["q1", "First"], ["q2", "Second"]]),
  scale: [1, 2, 3, 4],
};
const questions = [{ id: "q1", number: 1, text: "First" }, { id: "q2", number: 2, text: "Second" }];

function file(answers, extra) {
  return JSON.stringify(Object.assign({ format: A.FORMAT, format_version: 1, site: "Reflect", set: "org", content_version: "2", answers }, extra));
}

function keyOf(fn) {
  try {
    fn();
  } catch (error) {
    return error.key;
  }
  return null;
}

test("loads files, refuses the same file twice, a damaged one and another set's", () => {
  const one = C.readFile("a.json", file([{ id: "q1", text: "x", rating: 1 }]), context, []);
  assert.equal(one.missing, 1);
  assert.equal(keyOf(() => C.readFile("copy.json", file([{ id: "q1", text: "x", rating: 1 }]), context, [one])), "same_file");
  assert.equal(keyOf(() => C.readFile("bad.json", "{not json", context, [one])), "not_json");
  assert.equal(keyOf(() => C.readFile("other.json", file([], { set: "else" }), context, [one])), "other_set");
  assert.equal(keyOf(() => C.readFile("site.json", file([], { site: "Other site" }), context, [one])), "other_site");
});

test("an older content version loads with an account of what no longer matches", () => {
  const old = C.readFile("old.json", file([{ id: "gone", text: "t", rating: 2, question: "Gone" }, { id: "q2", text: "", rating: 3 }], { content_version: "1" }), context, []);
  assert.equal(old.older, true);
  assert.equal(old.retired, 1);
  assert.equal(old.missing, 1);
});

test("spread, role means and where roles disagree most", () => {
  const files = [
    [{ id: "q1", text: "staff note", rating: 4 }, { id: "q2", text: "", rating: 2 }],
    [{ id: "q1", text: "", rating: 3 }, { id: "q2", text: "", rating: 2 }],
    [{ id: "q1", text: "lived note", rating: 1 }, { id: "q2", text: "", rating: 3 }],
  ].map((answers, i) => C.readFile(`f${i}.json`, file(answers, { exported_at: String(i) }), context, []));
  files[0].role = "Staff";
  files[1].role = "Staff";
  files[2].role = "Lived experience";
  const rows = C.combine(questions, files);
  assert.equal(rows[0].spread, 3);
  assert.equal(rows[0].mean, 2.7);
  assert.deepEqual(rows[0].roles, [{ role: "Staff", mean: 3.5, count: 2 }, { role: "Lived experience", mean: 1, count: 1 }]);
  assert.equal(rows[0].gap, 2.5);
  assert.equal(rows[1].gap, 1);
  assert.deepEqual(C.disagreements(rows, 5).map((r) => r.id), ["q1", "q2"]);
  assert.deepEqual(rows[0].notes.map((n) => n.text), ["staff note", "lived note"]);
  const out = C.exportObject(context, questions, files, rows, "now");
  assert.equal(out.questions[0].ratings[2].role, "Lived experience");
});

test("baseline against a later round", () => {
  const before = C.readFile("b.json", file([{ id: "q1", text: "", rating: 1 }]), context, []);
  const after = C.readFile("l.json", file([{ id: "q1", text: "", rating: 3 }, { id: "q2", text: "", rating: 2 }]), context, [before]);
  assert.deepEqual(C.rounds(questions, before, after), [
    { id: "q1", before: 1, after: 3, change: 2, incomparable: null },
    { id: "q2", before: null, after: 2, change: null, incomparable: null },
  ]);
});
