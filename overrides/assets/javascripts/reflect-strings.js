/* Reflect: the browser tools' interface words. Pure (no DOM): loads in the browser as a
 * classic script (window.Reflect.strings) and under Node (module.exports) for unit tests.
 *
 * The words come from the site's catalogue (generator/strings/<language>.yml, area
 * `tools:`), which the page template puts in an inert JSON block in <head>. A string is a
 * template with {named} fields, or a mapping of plural categories (one, other, …) chosen
 * by the `count` value, as in the Python catalogue. */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).strings = api;
})(function () {
  "use strict";

  var hasOwn = function (object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  };

  /* CLDR plural categories for integer counts (the languages the catalogue ships). */
  var RULES = {
    en: function (n) {
      return n === 1 ? "one" : "other";
    },
    cy: function (n) {
      return { 0: "zero", 1: "one", 2: "two", 3: "few", 6: "many" }[n] || "other";
    },
  };

  function pluralCategory(language, count) {
    var base = String(language || "en").split("-")[0].toLowerCase();
    var rule = hasOwn(RULES, base) ? RULES[base] : RULES.en;
    return rule(Math.abs(Math.trunc(Number(count) || 0)));
  }

  /* "{name}" → values.name; "{{" and "}}" are literal braces, as in Python's str.format. */
  function fill(template, values) {
    return String(template).replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (match, name) {
      if (match === "{{") return "{";
      if (match === "}}") return "}";
      if (values && hasOwn(values, name)) {
        var value = values[name];
        return value === null || value === undefined ? "" : String(value);
      }
      return match;
    });
  }

  /* A translator over a catalogue section (name → template). Unknown names are a bug in
   * Reflect: they show as the name itself in brackets so that tests and people notice. */
  function create(table, language) {
    var strings = table && typeof table === "object" ? table : {};
    function t(name, values) {
      if (!hasOwn(strings, name)) return "[" + name + "]";
      var template = strings[name];
      if (template && typeof template === "object") {
        var count = values && hasOwn(values, "count") ? values.count : 0;
        var category = pluralCategory(language, count);
        template = hasOwn(template, category) ? template[category] : template.other;
      }
      return fill(template, values);
    }
    t.has = function (name) {
      return hasOwn(strings, name);
    };
    return t;
  }

  return { create: create, fill: fill, pluralCategory: pluralCategory };
});
