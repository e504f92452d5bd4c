"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../overrides/assets/javascripts/reflect-strings.js");

test("fills named fields and keeps unknown ones", () => {
  assert.equal(S.fill("{a} of {b}", { a: 4, b: 19 }), "4 of 19");
  assert.equal(S.fill("{a} {missing}", { a: 1 }), "1 {missing}");
  assert.equal(S.fill("{{literal}}", {}), "{literal}");
});

test("plural forms by count, English and Welsh", () => {
  const t = S.create({ rated: { one: "{count} rated", other: "{count} rated (many)" } }, "en");
  assert.equal(t("rated", { count: 1 }), "1 rated");
  assert.equal(t("rated", { count: 0 }), "0 rated (many)");
  const cy = S.create({ n: { one: "un", two: "dau", other: "arall" } }, "cy");
  assert.equal(cy("n", { count: 2 }), "dau");
  assert.equal(cy("n", { count: 3 }), "arall"); // "few" missing: falls back to other
});

test("an unknown name or an inherited property is not a string", () => {
  const t = S.create({}, "en");
  assert.equal(t("constructor"), "[constructor]");
  assert.equal(t("__proto__"), "[__proto__]");
  assert.equal(t.has("toString"), false);
});

test("a value cannot inject a field", () => {
  const t = S.create({ hello: "Hello {name}" }, "en");
  assert.equal(t("hello", { name: "{name}" }), "Hello {name}");
});
