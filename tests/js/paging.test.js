"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../overrides/assets/javascripts/reflect-paging.js");

test("a list is paged only when it has more items than a page", () => {
  assert.equal(P.pageSize(100, 100), 0);
  assert.equal(P.pageSize(100, 101), 100);
  assert.equal(P.pageSize(100.7, 500), 100);
  assert.equal(P.pageSize(5000, 10000), P.MAX_PAGE_SIZE);
});

test("odd page sizes from the data mean no paging", () => {
  for (const value of [0, -3, NaN, Infinity, "100", null, undefined, {}, [100]]) {
    assert.equal(P.pageSize(value, 10000), 0, String(value));
  }
});

test("page numbers from the fragment: digits only, else the first page", () => {
  assert.equal(P.pageNumber("2"), 2);
  assert.equal(P.pageNumber("0"), 1);
  for (const text of ["", "-2", "2.5", "1e3", " 2", "abc", "99999999999", "constructor", null, 3]) {
    assert.equal(P.pageNumber(text), 1, String(text));
  }
});

test("a window: the page within the pages there are, and its slice", () => {
  assert.deepEqual(P.window(260, 100, 1), { page: 1, pages: 3, start: 0, end: 100 });
  assert.deepEqual(P.window(260, 100, 2), { page: 2, pages: 3, start: 100, end: 200 });
  assert.deepEqual(P.window(260, 100, 3), { page: 3, pages: 3, start: 200, end: 260 });
  assert.deepEqual(P.window(260, 100, 9), { page: 3, pages: 3, start: 200, end: 260 });
  assert.deepEqual(P.window(260, 100, -1), { page: 1, pages: 3, start: 0, end: 100 });
  assert.deepEqual(P.window(200, 100, 3), { page: 2, pages: 2, start: 100, end: 200 });
  // No match: one empty page.
  assert.deepEqual(P.window(0, 100, 4), { page: 1, pages: 1, start: 0, end: 0 });
});

test("the page that holds an item", () => {
  assert.equal(P.pageOf(0, 100), 1);
  assert.equal(P.pageOf(99, 100), 1);
  assert.equal(P.pageOf(100, 100), 2);
  assert.equal(P.pageOf(230, 100), 3);
  assert.equal(P.pageOf(-5, 100), 1);
});
