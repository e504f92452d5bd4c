"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const G = require("../../overrides/assets/javascripts/reflect-guides.js");

const known = (id) => ["a", "b", "c", "constructor"].includes(id);

test("a shared link is added as a new guide and never overwrites one", () => {
  let store = G.add(G.empty(), "Mine", ["a", "b", "c"], "t1");
  const result = G.fromLink(store, "Colleague", ["b"], "t2");
  assert.equal(result.added, true);
  store = result.store;
  assert.equal(store.guides.length, 2);
  assert.deepEqual(G.find(store, "g1").ids, ["a", "b", "c"]);
  assert.equal(store.open, "g2");
  // The same link again opens the same guide rather than adding a copy.
  const again = G.fromLink(store, "Colleague", ["b"], "t3");
  assert.equal(again.added, false);
  assert.equal(again.store.guides.length, 2);
});

test("reading stored guides checks every field; an old single draft becomes a guide", () => {
  const raw = JSON.stringify({
    format: G.FORMAT,
    open: "g9",
    guides: [
      { id: "g1", title: 5, ids: ["a", "zzz", "a", 3, "constructor"] },
      { id: "__proto__", title: "x", ids: [] },
      { id: "g1", title: "duplicate", ids: [] },
    ],
  });
  const store = G.read(raw, known);
  assert.deepEqual(store.guides, [{ id: "g1", title: "", ids: ["a", "constructor"], updated: "" }]);
  assert.equal(store.open, "g1");
  const old = G.read(JSON.stringify({ title: "Draft", ids: ["c"] }), known);
  assert.equal(old.guides[0].title, "Draft");
  assert.deepEqual(G.read("not json", known).guides, []);
});

test("adding questions skips those already there", () => {
  let { store, added } = G.addQuestions(G.empty(), ["a", "b"], "t");
  assert.equal(added, 2);
  ({ store, added } = G.addQuestions(store, ["b", "c", "c"], "t"));
  assert.equal(added, 1);
  assert.deepEqual(G.find(store, store.open).ids, ["a", "b", "c"]);
  store = G.remove(store, store.open);
  assert.equal(store.open, null);
});
