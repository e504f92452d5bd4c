/* Reflect: a composed guide as data — which questions the composer's filters show, the
 * guide's title and its export files (JSON, Markdown). Pure (no DOM, no storage): loads in
 * the browser (window.Reflect.composed) and under Node (module.exports) for unit tests.
 * The named guides kept in this browser are reflect-guides.js's.
 *
 * The bank's data: {site, content_version, questions: [{id, number, text, prompts, owner,
 * owner_title, audience, section, themes, subthemes, url}], owners, audiences, themes}.
 * Words come from the catalogue through `t` (a translator as reflect-strings.js makes). */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).composed = api;
})(function () {
  "use strict";

  var FORMAT = "reflect-composed-guide";
  var FORMAT_VERSION = 1;
  var MAX_WORDS_TEXT = 2000; // characters of the words field read
  var MAX_WORDS = 50;

  /* The owners (guides, sets) with questions for this audience, in the data's order. */
  function ownersFor(data, audienceId) {
    return (data.owners || []).filter(function (owner) {
      return data.questions.some(function (q) {
        return q.owner === owner.id && q.audience === audienceId;
      });
    });
  }

  /* The filter the fields describe. theme: "" or "theme:<id>" or "subtheme:<id>"; words:
   * the words typed, already split and normalised by the page (R.words). */
  function filter(owner, audience, theme, words) {
    var kind = theme.split(":")[0];
    return {
      owner: owner,
      audience: audience,
      theme: theme,
      themeKind: kind,
      themeId: theme.slice(kind.length + 1),
      words: words,
    };
  }

  /* Only so much of the words field is read. */
  function wordsText(value) {
    return String(value).slice(0, MAX_WORDS_TEXT);
  }

  function firstWords(words) {
    return words.slice(0, MAX_WORDS);
  }

  /* Whether a question passes the filter; haystack is its text and prompts, normalised. */
  function matches(q, haystack, f) {
    return (
      (!f.owner || q.owner === f.owner) &&
      (!f.audience || q.audience === f.audience) &&
      (!f.theme || ((f.themeKind === "theme" ? q.themes : q.subthemes) || []).indexOf(f.themeId) >= 0) &&
      f.words.every(function (w) {
        return haystack.indexOf(w) >= 0;
      })
    );
  }

  /* The text the words are looked for in: the question and its prompts, kept apart. */
  function haystackText(q) {
    return [q.text].concat(q.prompts || []).join(" \u0000 ");
  }

  function title(state, t) {
    return state.title.trim() || t("compose_default_title");
  }

  /* A question's text cut for a button's hidden label. */
  function shorten(text) {
    return text.length > 60 ? text.slice(0, 59) + "\u2026" : text;
  }

  /* The export file (format "reflect-composed-guide"); byId: Map of the bank's questions. */
  function exportObject(data, byId, state, t, link) {
    return {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      site: data.site,
      content_version: data.content_version,
      title: title(state, t),
      link: link,
      questions: state.ids.map(function (id, index) {
        var q = byId.get(id);
        return {
          position: index + 1,
          id: q.id,
          text: q.text,
          prompts: (q.prompts || []).slice(),
          audience: q.audience,
          from: q.owner_title,
          from_id: q.owner,
          from_number: q.number,
          section: q.section,
        };
      }),
    };
  }

  function exportJSON(data, byId, state, t, link) {
    return JSON.stringify(exportObject(data, byId, state, t, link), null, 2) + "\n";
  }

  function exportMarkdown(data, byId, state, t) {
    var out = ["# " + title(state, t), ""];
    out.push(t("compose_markdown_source", { site: data.site, version: data.content_version }), "");
    state.ids.forEach(function (id, index) {
      var q = byId.get(id);
      out.push("## " + (index + 1) + ". " + q.text, "");
      if ((q.prompts || []).length) {
        q.prompts.forEach(function (p) {
          out.push("- " + p);
        });
        out.push("");
      }
      out.push("*" + t("compose_markdown_from", { owner: q.owner_title, number: q.number }) + "*", "");
    });
    return out.join("\n");
  }

  /* The guide as URL-fragment pairs (reflect-hash.js encodes them). */
  function hashPairs(state) {
    return [
      ["title", state.title],
      ["q", state.ids],
    ];
  }

  /* Ids moved: {ids, to} or null when it cannot move that way. */
  function moved(ids, id, by) {
    var index = ids.indexOf(id);
    var to = index + by;
    if (index < 0 || to < 0 || to >= ids.length) return null;
    var out = ids.slice();
    out.splice(index, 1);
    out.splice(to, 0, id);
    return { ids: out, to: to };
  }

  return {
    FORMAT: FORMAT,
    FORMAT_VERSION: FORMAT_VERSION,
    ownersFor: ownersFor,
    filter: filter,
    wordsText: wordsText,
    firstWords: firstWords,
    matches: matches,
    haystackText: haystackText,
    title: title,
    shorten: shorten,
    exportObject: exportObject,
    exportJSON: exportJSON,
    exportMarkdown: exportMarkdown,
    hashPairs: hashPairs,
    moved: moved,
  };
});
