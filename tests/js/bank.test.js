"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const B = require("../../overrides/assets/javascripts/reflect-banked.js");
const H = require("../../overrides/assets/javascripts/reflect-hash.js");
const P = require("../../overrides/assets/javascripts/reflect-paging.js");

const data = {
  audiences: [{ id: "staff", name: "Staff" }, { id: "people", name: "People" }],
  owners: [{ id: "g1", title: "Guide one" }, { id: "s1", title: "Set one" }],
  themes: [
    { id: "t1", label: "Time", subthemes: [{ id: "t1a", label: "Waiting" }, { id: "t1b", label: "Rushing" }] },
    { id: "t2", label: "Trust", subthemes: [] },
  ],
  questions: [
    { id: "a", text: "How do you plan?", prompts: ["Who decides"], owner: "g1", audience: "staff", themes: ["t1"], subthemes: ["t1a"] },
    { id: "b", text: "What changed?", owner: "g1", audience: "staff", themes: ["t2"] },
    { id: "c", text: "Cafe visits", owner: "s1", audience: "people", subthemes: ["t1a", "t1b"] },
  ],
};
const split = (text) => text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
const items = data.questions.map((q) => ({ q, haystack: B.haystackText(q).toLowerCase() }));
const known = B.known(data);

function state(extra) {
  return Object.assign(B.emptyState(), extra);
}
function shown(s) {
  const words = B.filterWords(s.words, split);
  return items.filter((item) => B.matches(s, item, null, words)).map((item) => item.q.id);
}

test("no filters show every question", () => {
  assert.deepEqual(shown(state()), ["a", "b", "c"]);
  assert.equal(B.activeFilters(state()), 0);
  assert.equal(B.activeFilters(state({ words: "   " })), 0);
});

test("values of one facet widen, facets narrow each other", () => {
  assert.deepEqual(shown(state({ owner: ["g1", "s1"] })), ["a", "b", "c"]);
  assert.deepEqual(shown(state({ owner: ["g1"], audience: ["people"] })), []);
  assert.deepEqual(shown(state({ theme: ["t2"] })), ["b"]);
  // A theme or a subtheme ticked: either one shows a question.
  assert.deepEqual(shown(state({ theme: ["t2"], subtheme: ["t1b"] })), ["b", "c"]);
  assert.equal(B.activeFilters(state({ theme: ["t2"], subtheme: ["t1b"], words: "x" })), 3);
});

test("every word must be in the text or a prompt", () => {
  assert.deepEqual(shown(state({ words: "who" })), ["a"]);
  assert.deepEqual(shown(state({ words: "how who" })), ["a"]);
  assert.deepEqual(shown(state({ words: "how changed" })), []);
  // The text and its prompts are kept apart: words never match across them.
  assert.ok(B.haystackText(data.questions[0]).includes("\u0000"));
});

test("a long phrase is cut to its first words", () => {
  const many = Array.from({ length: 80 }, (_, i) => "w" + i).join(" ");
  assert.equal(B.filterWords(many, split).length, B.MAX_WORDS);
  assert.equal(B.filterWords("x".repeat(5000), split)[0].length, B.MAX_WORDS_LENGTH);
});

test("each value's count leaves out its own facet's filter", () => {
  const s = state({ audience: ["staff"], theme: ["t2"] });
  const counts = B.counts(s, items, []);
  // Audience counts: the theme filter holds (only "b"), the audience one does not.
  assert.deepEqual(counts.audience, { staff: 1 });
  // Theme counts: the audience filter holds ("a", "b").
  assert.deepEqual(counts.theme, { t1: 1, t2: 1 });
  assert.deepEqual(counts.subtheme, { t1a: 1 });
  assert.deepEqual(counts.owner, { g1: 1 });
  const words = B.counts(state(), items, ["cafe"]);
  assert.deepEqual(words.subtheme, { t1a: 1, t1b: 1 });
  assert.equal(B.selected(s, "theme"), 1);
  assert.equal(B.selected(state({ theme: ["t1"], subtheme: ["t1a", "t1b"] }), "theme"), 3);
  assert.equal(B.selected(s, "owner"), 0);
});

test("selections keep the site's order, whatever the order of ticking", () => {
  let s = state();
  s.subtheme = B.toggled(known, s, "subtheme", "t1b", true);
  s.subtheme = B.toggled(known, s, "subtheme", "t1a", true);
  assert.deepEqual(s.subtheme, ["t1a", "t1b"]);
  s.subtheme = B.toggled(known, s, "subtheme", "t1a", false);
  assert.deepEqual(s.subtheme, ["t1b"]);
  assert.deepEqual(B.order(known, "audience", ["people", "nobody", "staff"]), ["staff", "people"]);
});

test("the state goes to the fragment and comes back", () => {
  const s = state({ audience: ["staff"], subtheme: ["t1a"], words: "how plan", page: 3 });
  const fragment = H.encode(B.hashPairs(s, 10));
  const back = B.fromHash(known, H.parse("#" + fragment).state, H, P);
  assert.deepEqual(back, s);
  // Not paged: no page in the fragment; blank words are left out.
  assert.deepEqual(B.hashPairs(state({ words: "  ", page: 3 }), 0).slice(4), [["words", ""], ["page", ""]]);
  assert.equal(H.encode(B.hashPairs(state(), 10)), "");
});

test("a fragment's unknown ids, odd order and odd page are put right", () => {
  const parsed = H.parse("#" + H.encode([["audience", ["people", "ghost", "staff"]], ["page", "x"]])).state;
  const back = B.fromHash(known, parsed, H, P);
  assert.deepEqual(back.audience, ["staff", "people"]);
  assert.equal(back.page, 1);
  assert.deepEqual(B.fromHash(known, null, H, P), B.emptyState());
  // Inherited names are not ids.
  const proto = H.parse("#" + H.encode([["owner", ["constructor", "g1"]]])).state;
  assert.deepEqual(B.fromHash(known, proto, H, P).owner, ["g1"]);
});

test("names for the caption, and fields of known items", () => {
  assert.deepEqual(B.names(known, "owner", ["s1", "gone"]), ["Set one", "gone"]);
  assert.deepEqual(B.names(known, "subtheme", ["t1b"]), ["Rushing"]);
  assert.equal(B.named(known.audience, "staff", "name"), "Staff");
  assert.equal(B.named(known.audience, "nobody", "name"), "");
  assert.equal(B.shortText("x".repeat(60)), "x".repeat(60));
  assert.equal(B.shortText("x".repeat(61)), "x".repeat(59) + "\u2026");
});

test("the composer's address: a page of this site only", () => {
  assert.equal(B.composePage({ compose: "../compose/" }), "../compose/");
  assert.equal(B.composePage({}), "compose.html");
  assert.equal(B.composePage(null), "compose.html");
  assert.equal(B.composePage({ compose: "https://example.org/" }), "compose.html");
  assert.equal(B.composePage({ compose: "javascript:alert(1)" }), "compose.html");
  assert.equal(B.composePage({ compose: "//evil.example/" }), "compose.html");
  assert.equal(B.composePage({ compose: "x".repeat(501) }), "compose.html");
});
