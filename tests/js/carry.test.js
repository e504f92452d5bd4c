"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../overrides/assets/javascripts/reflect-answers.js");
const S = require("../../overrides/assets/javascripts/reflect-sheet.js");
const K = require("../../overrides/assets/javascripts/reflect-carry.js");
const C = require("../../overrides/assets/javascripts/reflect-compare.js");

// Version 2 of a set (as tests/versions/new): huddles the same, ideas-heard reworded,
// spare-time removed, share-results split into two.
const version2 = {
  site: "Ward learning check",
  set: "team-check",
  content_version: "2.0",
  scale: { label: "How far?", options: [{ value: 1, label: "Not yet" }, { value: 2, label: "Partly" }, { value: 3, label: "Fully" }] },
  fingerprints: { questions: { huddles: "h1", "ideas-heard": "i2", "share-with-team": "t2", "share-with-board": "b2" }, scale: "s1" },
  history: { "1.0": { questions: { huddles: "h1", "ideas-heard": "i1", "spare-time": "p1", "share-results": "r1" }, scale: "s1" } },
  sections: [
    { id: "habits", title: "Habits", questions: [
      { id: "huddles", number: 1, text: "We talk at the end of each shift.", fingerprint: "h1", replaces: [] },
      { id: "ideas-heard", number: 2, text: "Anyone on the team can suggest a change.", fingerprint: "i2", replaces: [] },
    ] },
    { id: "sharing", title: "Sharing", questions: [
      { id: "share-with-team", number: 3, text: "We share with the team.", fingerprint: "t2", replaces: ["share-results"] },
      { id: "share-with-board", number: 4, text: "We share with the board.", fingerprint: "b2", replaces: ["share-results"] },
    ] },
  ],
};
const sheet = S.create(version2);

function answers(map) {
  return A.copyAnswers(map);
}

const earlier = {
  content_version: "1.0",
  answers: answers({
    huddles: { text: "Daily", rating: 3, question: "We talk at the end of each shift." },
    "ideas-heard": { text: "Mostly", rating: 2, question: "Anyone can suggest a change." },
    "spare-time": { text: "Never have time", rating: 1, question: "We set aside time." },
    "share-results": { text: "At board", rating: 2, question: "We share with the team and board." },
  }),
};

test("the same question carries, a reworded one carries marked to confirm, a removed one is kept", () => {
  const { answers: out, report, rescaled } = K.carry(sheet, earlier, version2.history);
  assert.equal(rescaled, false);
  assert.deepEqual(out.huddles, { text: "Daily", rating: 3, question: "We talk at the end of each shift." });
  assert.deepEqual(out["ideas-heard"].carried, { from: "1.0", status: "reworded", rating: null });
  assert.equal(out["ideas-heard"].rating, 2);
  assert.equal(out["ideas-heard"].question, "Anyone on the team can suggest a change.");
  assert.equal(K.toConfirm(out["ideas-heard"]), true);
  assert.equal(K.toConfirm(out.huddles), false);
  assert.deepEqual(out["spare-time"], { text: "Never have time", rating: 1, question: "We set aside time." });
  assert.deepEqual(report.removed, ["spare-time"]);
  assert.deepEqual(report.same, ["huddles"]);
  assert.deepEqual(report.reworded, ["ideas-heard"]);
  assert.deepEqual(S.retiredIds(sheet, out), ["spare-time"]); // listed with the answers to removed questions
});

test("a split question's answer goes to each question replacing it, to confirm", () => {
  const { answers: out, report } = K.carry(sheet, earlier, version2.history);
  assert.deepEqual(report.replaced, [{ from: "share-results", to: ["share-with-team", "share-with-board"] }]);
  for (const id of ["share-with-team", "share-with-board"]) {
    assert.equal(out[id].text, "At board");
    assert.equal(out[id].carried.status, "replaced");
  }
  assert.equal(A.hasOwn(out, "share-results"), false);
});

test("without fingerprints the saved question words tell a reworded question from the same", () => {
  const { report } = K.carry(sheet, { content_version: "0.9", answers: earlier.answers }, {});
  assert.deepEqual(report.same, ["huddles"]);
  assert.deepEqual(report.reworded, ["ideas-heard"]);
});

test("on a new scale the rating is kept beside the answer, shown, and left out of the averages", () => {
  const old = { content_version: "1.0", answers: earlier.answers, fingerprints: { questions: version2.history["1.0"].questions, scale: "s0" } };
  const { answers: out, report, rescaled } = K.carry(sheet, old, {});
  assert.equal(rescaled, true);
  assert.deepEqual(out.huddles, { text: "Daily", rating: null, question: "We talk at the end of each shift.", carried: { from: "1.0", status: "same", rating: 3 } });
  assert.equal(K.earlierRating(out.huddles), 3);
  assert.deepEqual(report.rescaled, ["huddles", "ideas-heard", "share-with-team", "share-with-board"]);
  const scores = A.scores([{ id: "all", title: "", questions: sheet.questions.map((i) => i.q) }], out, [1, 2, 3]);
  assert.equal(scores.overall.rated, 0); // nothing rated on this scale yet
  // the scale read from an exported file when it has no fingerprints
  assert.equal(K.sameScale(sheet, { scale: [{ value: 0, label: "Never" }] }, { scale: null }), false);
  assert.equal(K.sameScale(sheet, { scale: version2.scale.options }, { scale: null }), true);
});

test("several answered questions merged into one are not carried but kept", () => {
  const merged = S.create(Object.assign({}, version2, {
    fingerprints: {},
    sections: [{ id: "s", title: "S", questions: [{ id: "sharing", number: 1, text: "We share.", fingerprint: "x", replaces: ["share-results", "spare-time"] }] }],
  }));
  const { answers: out, report } = K.carry(merged, earlier, {});
  assert.deepEqual(report.merged, [{ from: ["spare-time", "share-results"], to: "sharing" }]);
  assert.equal(A.hasOwn(out, "sharing"), false);
  assert.deepEqual(S.retiredIds(merged, out), ["huddles", "ideas-heard", "share-results", "spare-time"]);
});

test("a carried answer survives storage, export and import; confirming clears the mark", () => {
  const { answers: out } = K.carry(sheet, earlier, version2.history);
  const record = A.makeRecord(version2, out, 1, "tab", "now");
  assert.deepEqual(record.fingerprints, version2.fingerprints);
  const back = A.readRecord(JSON.stringify(record)).record;
  assert.deepEqual(back.answers["ideas-heard"].carried, { from: "1.0", status: "reworded", rating: null });
  const file = JSON.parse(S.exportJSON(sheet, out, "now"));
  assert.deepEqual(file.fingerprints, version2.fingerprints);
  const read = A.readExport(file, S.context(sheet));
  assert.deepEqual(read.answers["ideas-heard"].carried, { from: "1.0", status: "reworded", rating: null });
  const done = K.confirmed(out["ideas-heard"]);
  assert.equal(done.carried, undefined);
  assert.equal(A.same(done, out["ideas-heard"]), false); // so that the confirmation is saved
  const bad = A.checkAnswer({ text: "x", rating: 1, carried: { from: "1.0", status: "guessed" } });
  assert.equal(bad.reason, "carried_not_valid");
});

test("an earlier version's file with ratings off this scale is read, then carried", () => {
  const file = {
    format: A.FORMAT, format_version: 1, site: version2.site, set: "team-check", content_version: "1.0",
    scale: { label: "Old", options: [{ value: 0, label: "Never" }, { value: 5, label: "Always" }] },
    answers: [{ id: "huddles", text: "Daily", rating: 5, question: "We talk at the end of each shift." }],
  };
  const read = A.readExport(file, S.context(sheet));
  const { answers: out, rescaled } = K.carry(sheet, read, {});
  assert.equal(rescaled, true);
  assert.equal(out.huddles.rating, null);
  assert.equal(out.huddles.carried.rating, 5);
  // the same file claiming the current version is refused: 5 is not on this scale
  assert.throws(() => A.readExport(Object.assign({}, file, { content_version: "2.0" }), S.context(sheet)), (e) => e.key === "entry_rating_scale");
});

test("round over time says which statements can be compared", () => {
  const context = Object.assign(S.context(sheet), { sheet: sheet, history: version2.history });
  const baseline = C.readFile("round1.json", JSON.stringify({
    format: A.FORMAT, format_version: 1, site: version2.site, set: "team-check", content_version: "1.0",
    answers: [
      { id: "huddles", text: "", rating: 2, question: "We talk at the end of each shift." },
      { id: "ideas-heard", text: "", rating: 1, question: "Anyone can suggest a change." },
      { id: "share-results", text: "", rating: 1, question: "We share with the team and board." },
    ],
  }), context, []);
  const later = C.readFile("round2.json", JSON.stringify({
    format: A.FORMAT, format_version: 1, site: version2.site, set: "team-check", content_version: "2.0",
    answers: [{ id: "huddles", text: "", rating: 3 }, { id: "ideas-heard", text: "", rating: 3 }, { id: "share-with-team", text: "", rating: 2 }],
  }), context, [baseline]);
  assert.deepEqual(baseline.carried.reworded, ["ideas-heard"]);
  const rows = C.rounds(sheet.questions.map((i) => i.q), baseline, later);
  assert.deepEqual(rows.map((r) => [r.id, r.change, r.incomparable]), [
    ["huddles", 1, null],
    ["ideas-heard", null, "reworded"],
    ["share-with-team", null, "replaced"],
    ["share-with-board", null, "replaced"],
  ]);
});

test("a scale mapping the publisher declared carries earlier ratings as counted ratings", () => {
  const mapped = S.create(Object.assign({}, version2, {
    scale: Object.assign({}, version2.scale, { earlier: { "1.0": { "0": 1, "1": 2, "2": 3 } } }),
  }));
  const old = { content_version: "1.0", answers: answers({ huddles: { text: "", rating: 2, question: "We talk at the end of each shift." } }), fingerprints: { questions: version2.history["1.0"].questions, scale: "s0" } };
  const { answers: out, report, rescaled } = K.carry(mapped, old, {});
  assert.equal(rescaled, true);
  assert.deepEqual(out.huddles, { text: "", rating: 3, question: "We talk at the end of each shift." });
  assert.deepEqual(report.mapped, ["huddles"]);
  assert.deepEqual(report.rescaled, []);
  // another version than the one mapped: kept beside, not counted
  const other = K.carry(mapped, Object.assign({}, old, { content_version: "0.5" }), {});
  assert.equal(other.answers.huddles.rating, null);
  assert.equal(other.answers.huddles.carried.rating, 2);
  // a mapping onto a value this scale does not have is not used
  const wrong = S.create(Object.assign({}, version2, { scale: Object.assign({}, version2.scale, { earlier: { "1.0": { "2": 9 } } }) }));
  assert.equal(K.carry(wrong, old, {}).answers.huddles.carried.rating, 2);
});

test("questions the earlier version did not have are listed as added, and not compared between rounds", () => {
  const grown = S.create(Object.assign({}, version2, {
    sections: version2.sections.concat([{ id: "new", title: "New", questions: [{ id: "fresh", number: 5, text: "A new one.", fingerprint: "f1", replaces: [] }] }]),
  }));
  const { report } = K.carry(grown, earlier, version2.history);
  assert.deepEqual(report.added, ["fresh"]); // share-with-* replace share-results: not added
  assert.deepEqual(K.carry(grown, { content_version: "0.9", answers: earlier.answers }, {}).report.added, []); // unknown: nothing claimed
  const baseline = { answers: A.emptyMap(), carried: report };
  const later = { answers: answers({ fresh: { text: "", rating: 3 }, huddles: { text: "", rating: 3 } }), carried: null };
  const rows = C.rounds(grown.questions.map((i) => i.q), baseline, later);
  assert.equal(rows.find((r) => r.id === "fresh").incomparable, "added");
  assert.equal(rows.find((r) => r.id === "huddles").incomparable, null);
});

test("editing a carried answer keeps its flag until confirmed, and its earlier rating until rated", () => {
  const start = { text: "Mostly", rating: null, question: "q", carried: { from: "1.0", status: "reworded", rating: 2 } };
  const typed = S.edited(sheet, start, "ideas-heard", "text", "Mostly, yes");
  assert.deepEqual(typed.carried, { from: "1.0", status: "reworded", rating: 2 });
  const rated = S.edited(sheet, typed, "ideas-heard", "rating", 3);
  assert.deepEqual(rated.carried, { from: "1.0", status: "reworded", rating: null });
  const done = K.confirmed(rated);
  assert.equal(done.carried, undefined);
  assert.equal(S.edited(sheet, done, "ideas-heard", "text", "x").carried, undefined);
  const same = { text: "", rating: null, question: "q", carried: { from: "1.0", status: "same", rating: 2 } };
  assert.equal(S.edited(sheet, same, "huddles", "rating", 1).carried, undefined); // rated again: nothing waits
  assert.notEqual(S.edited(sheet, same, "huddles", "text", "note"), null); // the earlier rating stays with the note
});

test("the worksheet's words about what was carried, and what still waits", () => {
  const t = (name, values) => name + (values ? JSON.stringify(values) : "");
  const old = { content_version: "1.0", answers: earlier.answers, fingerprints: { questions: version2.history["1.0"].questions, scale: "s0" } };
  const { answers: out, report } = K.carry(sheet, old, version2.history);
  const text = S.carriedText(sheet, out, report, "1.0", t);
  assert.match(text, /^ws_brought_in\{"count":5,"version":"1.0"\}/);
  assert.match(text, /ws_carried_to_confirm\{"count":3\}/); // ideas-heard, and share-results split in two
  assert.match(text, /ws_carried_rescaled\{"count":4\}/);
  assert.match(text, /ws_brought_in_retired\{"count":1\}/);
  assert.doesNotMatch(text, /ws_carried_mapped/);
  const waits = S.waiting(sheet, out);
  assert.deepEqual(waits.confirm, ["ideas-heard", "share-with-team", "share-with-board"]);
  assert.deepEqual(waits.rate, ["huddles", "ideas-heard", "share-with-team", "share-with-board"]);
  const labelled = S.create(Object.assign({}, version2, { history: { "1.0": { scale_options: [{ value: 3, label: "Always" }] } } }));
  assert.equal(S.earlierRatingLabel(labelled, out.huddles), "3. Always");
  assert.equal(S.earlierRatingLabel(sheet, out.huddles), "3");
  assert.equal(S.earlierRatingLabel(sheet, out["spare-time"]), "");
});

test("the group comparison lists ratings on an earlier scale apart and leaves them out of every figure", () => {
  const context = Object.assign(S.context(sheet), { sheet: sheet, history: {} });
  const old = C.readFile("old.json", JSON.stringify({
    format: A.FORMAT, format_version: 1, site: version2.site, set: "team-check", content_version: "1.0",
    scale: { label: "Old", options: [{ value: 0, label: "Never" }, { value: 5, label: "Always" }] },
    answers: [{ id: "huddles", text: "", rating: 5, question: "We talk at the end of each shift." }],
  }), context, []);
  const now = C.readFile("now.json", JSON.stringify({
    format: A.FORMAT, format_version: 1, site: version2.site, set: "team-check", content_version: "2.0",
    answers: [{ id: "huddles", text: "", rating: 2 }],
  }), context, [old]);
  assert.deepEqual(old.carried.rescaled, ["huddles"]);
  const row = C.combine(sheet.questions.map((i) => i.q), [old, now])[0];
  assert.deepEqual(row.earlier, [{ file: 0, role: "", rating: 5 }]);
  assert.deepEqual(row.ratings, [{ file: 1, role: "", rating: 2 }]);
  assert.equal(row.mean, 2);
  assert.equal(C.rounds([sheet.questions[0].q], old, now)[0].incomparable, "rescaled");
  const exported = C.exportObject(context, [sheet.questions[0].q], [old, now], [row], "now");
  assert.deepEqual(exported.questions[0].earlier_scale_ratings, [{ file: "old.json", role: "", rating: 5 }]);
});
