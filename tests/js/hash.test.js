"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const H = require("../../overrides/assets/javascripts/reflect-hash.js");

test("reads keys, lists and text", () => {
  const { state } = H.parse("#title=My%20guide&q=a,b,a,,c");
  assert.equal(H.text(state, "title"), "My guide");
  assert.deepEqual(H.list(state, "q"), ["a", "b", "c"]);
  assert.deepEqual(H.list(state, "missing"), []);
});

test("an anchor is not state", () => {
  assert.equal(H.parse("#section-1").state, null);
  assert.equal(H.parse("").state, null);
});

test("object property names are ordinary keys and values", () => {
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    const { state } = H.parse(`#q=${name}&${name}=x`);
    assert.deepEqual(H.list(state, "q"), [name]);
    assert.equal(H.text(state, name), "x");
    assert.equal(H.text(state, "title"), "");
    assert.deepEqual(H.list(H.parse("#a=1").state, name), []);
  }
});

test("a fragment over the limit is refused, not parsed", () => {
  const big = "#q=" + "x,".repeat(H.MAX_LENGTH);
  const result = H.parse(big);
  assert.equal(result.state, null);
  assert.equal(result.tooLong, true);
});

test("a large fragment within the limit parses in linear time", () => {
  const ids = Array.from({ length: 20000 }, (_, i) => "id" + (i % 5000));
  const { state } = H.parse("#q=" + ids.join(","), 10 * 1024 * 1024);
  const list = H.list(state, "q");
  assert.equal(list.length, H.MAX_ITEMS);
  assert.equal(new Set(list).size, list.length);
});

test("bad percent-encoding gives an empty value", () => {
  const { state } = H.parse("#words=%E0%A4%A");
  assert.equal(H.text(state, "words"), "");
});

test("encode round-trips and leaves out empty values", () => {
  const text = H.encode([["title", "A & B"], ["q", ["x,y", "z"]], ["words", ""], ["none", []]]);
  const { state } = H.parse("#" + text);
  assert.equal(H.text(state, "title"), "A & B");
  assert.deepEqual(H.list(state, "q"), ["x,y", "z"]);
  assert.equal(state.has("words"), false);
});
