/* Reflect: state kept in the URL's fragment (#key=value&list=a,b), so that a filtered bank
 * or a composed guide can be bookmarked and shared, from file:// too. Pure (no DOM): loads
 * in the browser (window.Reflect.hash) and under Node (module.exports).
 *
 * A fragment comes from whoever sent the link, so: keys live in a Map (no "constructor" or
 * "__proto__" surprises), its size is capped, and every step is linear in its length. */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).hash = api;
})(function () {
  "use strict";

  var MAX_LENGTH = 64 * 1024; // characters of fragment read; a longer one is refused
  var MAX_ITEMS = 2000; // entries of one list

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return "";
    }
  }

  /* {state: Map or null, tooLong: bool}. A fragment without "=" is an ordinary anchor, not
   * state (state null). The first value of a repeated key wins. */
  function parse(fragment, maxLength) {
    var hash = String(fragment || "").replace(/^#/, "");
    var limit = maxLength || MAX_LENGTH;
    if (hash.length > limit) return { state: null, tooLong: true, length: hash.length, limit: limit };
    if (hash.indexOf("=") < 0) return { state: null, tooLong: false };
    var state = new Map();
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 1) return;
      var key = decode(pair.slice(0, at));
      if (!state.has(key)) state.set(key, pair.slice(at + 1));
    });
    return { state: state, tooLong: false };
  }

  /* The distinct, non-empty items of a list value, in order (at most MAX_ITEMS). */
  function list(state, key) {
    if (!state || !state.has(key)) return [];
    var seen = new Set();
    var out = [];
    var raw = state.get(key).split(",");
    for (var i = 0; i < raw.length && out.length < MAX_ITEMS; i += 1) {
      var item = decode(raw[i]);
      if (item.length === 0 || seen.has(item)) continue;
      seen.add(item);
      out.push(item);
    }
    return out;
  }

  function text(state, key) {
    if (!state || !state.has(key)) return "";
    return decode(state.get(key));
  }

  /* pairs: [[key, string or array], ...]; empty values are left out. */
  function encode(pairs) {
    return pairs
      .filter(function (pair) {
        var value = pair[1];
        return Array.isArray(value) ? value.length > 0 : value !== "" && value !== null && value !== undefined;
      })
      .map(function (pair) {
        var value = pair[1];
        var encoded = Array.isArray(value) ? value.map(encodeURIComponent).join(",") : encodeURIComponent(value);
        return encodeURIComponent(pair[0]) + "=" + encoded;
      })
      .join("&");
  }

  return { parse: parse, list: list, text: text, encode: encode, MAX_LENGTH: MAX_LENGTH, MAX_ITEMS: MAX_ITEMS };
});
