"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../overrides/assets/javascripts/reflect-composed.js");
const H = require("../../overrides/assets/javascripts/reflect-hash.js");
const strings = require("../../overrides/assets/javascripts/reflect-strings.js");

const t = strings.create(
  {
    compose_default_title: "My guide",
    compose_markdown_source: "Questions from {site} (content version {version}).",
    compose_markdown_from: "From {owner}, question {number}",
  },
  "en"
);

const data = {
  site: "Our site",
  content_version: "2",
  owners: [
    { id: "g1", title: "Guide one" },
    { id: "s1", title: "Set one" },
    { id: "empty", title: "Nothing here" },
  ],
  audiences: [{ id: "staff", name: "Staff" }, { id: "people", name: "People" }],
  questions: [
    { id: "a", number: 1, text: "How do you plan?", prompts: ["Who decides", "When"], owner: "g1", owner_title: "Guide one", audience: "staff", section: "Start", themes: ["t1"], subthemes: ["t1a"] },
    { id: "b", number: 2, text: "What changed?", prompts: [], owner: "g1", owner_title: "Guide one", audience: "staff", section: "Start", themes: ["t2"] },
    { id: "c", number: 1, text: "Café visits", owner: "s1", owner_title: "Set one", audience: "people", section: "Later", subthemes: ["t1a"] },
  ],
};
const byId = new Map(data.questions.map((q) => [q.id, q]));

function shown(owner, audience, theme, words) {
  const f = C.filter(owner, audience, theme, words || []);
  return data.questions.filter((q) => C.matches(q, C.haystackText(q).toLowerCase(), f)).map((q) => q.id);
}

test("owners listed under an audience are those with questions for it", () => {
  assert.deepEqual(C.ownersFor(data, "staff").map((o) => o.id), ["g1"]);
  assert.deepEqual(C.ownersFor(data, "people").map((o) => o.id), ["s1"]);
  assert.deepEqual(C.ownersFor(data, "nobody"), []);
});

test("the filter: owner, audience, theme or subtheme, and every word in the text or prompts", () => {
  assert.deepEqual(shown("", "", ""), ["a", "b", "c"]);
  assert.deepEqual(shown("g1", "", ""), ["a", "b"]);
  assert.deepEqual(shown("", "people", ""), ["c"]);
  assert.deepEqual(shown("", "", "theme:t1"), ["a"]);
  assert.deepEqual(shown("", "", "subtheme:t1a"), ["a", "c"]);
  assert.deepEqual(shown("", "", "theme:t1a"), []);
  assert.deepEqual(shown("", "", "", ["who", "plan"]), ["a"]);
  assert.deepEqual(shown("", "", "", ["who", "changed"]), []);
  assert.deepEqual(shown("s1", "staff", ""), []);
  // Words are matched within the question or a prompt, not across the boundary.
  assert.equal(C.haystackText(data.questions[0]), "How do you plan? \u0000 Who decides \u0000 When");
});

test("only so much of the words field is read", () => {
  assert.equal(C.wordsText("x".repeat(3000)).length, 2000);
  assert.equal(C.firstWords(Array.from({ length: 80 }, (_, i) => "w" + i)).length, 50);
});

test("the title falls back to the catalogue's default; long questions are shortened", () => {
  assert.equal(C.title({ title: "  Team  ", ids: [] }, t), "Team");
  assert.equal(C.title({ title: "   ", ids: [] }, t), "My guide");
  assert.equal(C.shorten("short"), "short");
  const long = C.shorten("x".repeat(70));
  assert.equal(long.length, 60);
  assert.ok(long.endsWith("\u2026"));
});

test("moving a question: up, down, and not past either end", () => {
  assert.deepEqual(C.moved(["a", "b", "c"], "c", -1), { ids: ["a", "c", "b"], to: 1 });
  assert.deepEqual(C.moved(["a", "b", "c"], "a", 1), { ids: ["b", "a", "c"], to: 1 });
  assert.equal(C.moved(["a", "b"], "a", -1), null);
  assert.equal(C.moved(["a", "b"], "b", 1), null);
  assert.equal(C.moved(["a", "b"], "z", 1), null);
  const ids = ["a", "b"];
  C.moved(ids, "a", 1);
  assert.deepEqual(ids, ["a", "b"]); // a new list; the old one is left as it was
});

test("the JSON export lists the questions in the guide's order with where they come from", () => {
  const state = { title: "", ids: ["c", "a"] };
  const object = C.exportObject(data, byId, state, t, "https://example.org/compose.html#q=c,a");
  assert.equal(object.format, "reflect-composed-guide");
  assert.equal(object.format_version, 1);
  assert.equal(object.title, "My guide");
  assert.equal(object.link, "https://example.org/compose.html#q=c,a");
  assert.deepEqual(object.questions[0], {
    position: 1, id: "c", text: "Café visits", prompts: [], audience: "people", from: "Set one", from_id: "s1", from_number: 1, section: "Later",
  });
  assert.deepEqual(object.questions[1].prompts, ["Who decides", "When"]);
  const text = C.exportJSON(data, byId, state, t, "link");
  assert.deepEqual(JSON.parse(text).questions.map((q) => q.position), [1, 2]);
  assert.ok(text.endsWith("}\n"));
});

test("the Markdown export: title, source, numbered questions with their prompts and origin", () => {
  const text = C.exportMarkdown(data, byId, { title: "Team", ids: ["a", "b"] }, t);
  assert.equal(
    text,
    [
      "# Team", "",
      "Questions from Our site (content version 2).", "",
      "## 1. How do you plan?", "",
      "- Who decides", "- When", "",
      "*From Guide one, question 1*", "",
      "## 2. What changed?", "",
      "*From Guide one, question 2*", "",
    ].join("\n")
  );
});

test("the guide rides in the link as its title and question ids", () => {
  const fragment = H.encode(C.hashPairs({ title: "Team & co", ids: ["a", "c"] }));
  assert.equal(fragment, "title=Team%20%26%20co&q=a,c");
  const back = H.parse("#" + fragment).state;
  assert.equal(H.text(back, "title"), "Team & co");
  assert.deepEqual(H.list(back, "q"), ["a", "c"]);
  assert.equal(H.encode(C.hashPairs({ title: "", ids: [] })), "");
});
