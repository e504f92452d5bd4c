/* Reflect: the arithmetic of a paged list (the question bank), apart from the page so that it
 * can be tested. Pure (no DOM): loads in the browser (window.Reflect.paging) and under Node
 * (module.exports). Its inputs come from the page's data and the URL's fragment, so anything
 * odd in them gives a usable answer (the first page, no paging), never an error. */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).paging = api;
})(function () {
  "use strict";

  var MAX_PAGE_SIZE = 1000; // rows of one page at most, whatever the data says
  var MAX_DIGITS = 7; // a page number longer than this is not one

  /* Rows per page when a list of `total` is paged (more items than a page), else 0. */
  function pageSize(value, total) {
    if (typeof value !== "number" || !isFinite(value) || value < 1) return 0;
    var size = Math.min(Math.floor(value), MAX_PAGE_SIZE);
    return typeof total === "number" && total > size ? size : 0;
  }

  /* A page number from the fragment's text: digits only, else 1. */
  function pageNumber(text) {
    var pattern = new RegExp("^[0-9]{1," + MAX_DIGITS + "}$");
    return typeof text === "string" && pattern.test(text) ? Math.max(1, parseInt(text, 10)) : 1;
  }

  /* The page `wanted` of `total` items, `size` a page, brought within the pages there are:
   * {page, pages, start, end} (start inclusive, end exclusive, as for slice). */
  function window_(total, size, wanted) {
    var count = Math.max(0, Math.floor(total) || 0);
    var per = Math.max(1, Math.floor(size) || 1);
    var pages = Math.max(1, Math.ceil(count / per));
    var page = Math.min(pages, Math.max(1, Math.floor(wanted) || 1));
    var start = (page - 1) * per;
    return { page: page, pages: pages, start: start, end: Math.min(count, start + per) };
  }

  /* The page that holds the item at `index` (0-based). */
  function pageOf(index, size) {
    return Math.floor(Math.max(0, index) / Math.max(1, size)) + 1;
  }

  return { pageSize: pageSize, pageNumber: pageNumber, window: window_, pageOf: pageOf, MAX_PAGE_SIZE: MAX_PAGE_SIZE };
});
