/* Reflect: the question bank's filters as data — which questions match the filters, the
 * counts of each facet's values, the filters and page as the URL fragment holds them, and
 * the composer's address. Pure (no DOM, no storage): loads in the browser
 * (window.Reflect.banked) and under Node (module.exports) for unit tests.
 *
 * A filter state: {audience: [ids], owner: [ids], theme: [ids], subtheme: [ids], words: text,
 * page: number}. An item: {q: a question of the bank's data, haystack: its text and prompts,
 * normalised by the page (R.normalise)}. Words are already split and normalised (R.words). */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).banked = api;
})(function () {
  "use strict";

  var FACETS = ["audience", "owner", "theme"]; // "theme" covers themes and subthemes
  var KINDS = ["audience", "owner", "theme", "subtheme"];
  var MAX_WORDS = 50; // words of a filter phrase used
  var MAX_WORDS_LENGTH = 2000; // characters of a filter phrase read

  // Where the composer is, from the bank: the site's data says (data.compose); this is the
  // fallback for data written before it did (both pages sit at the site's top level).
  var COMPOSE_PAGE = "compose.html";

  /* The composer's address from the data, if it is a page of this site (no scheme, no host). */
  function composePage(data) {
    var href = data && data.compose;
    if (typeof href !== "string" || !href || href.length > 500) return COMPOSE_PAGE;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || /^[\/\\]{2}/.test(href)) return COMPOSE_PAGE;
    return href;
  }

  function emptyState() {
    return { audience: [], owner: [], theme: [], subtheme: [], words: "", page: 1 };
  }

  function indexBy(items) {
    var out = Object.create(null);
    items.forEach(function (item) {
      out[item.id] = item;
    });
    return out;
  }

  /* The audiences, owners, themes and subthemes of the data, by id, in the data's order. */
  function known(data) {
    var out = {
      audience: indexBy(data.audiences || []),
      owner: indexBy(data.owners || []),
      theme: Object.create(null),
      subtheme: Object.create(null),
    };
    (data.themes || []).forEach(function (theme) {
      out.theme[theme.id] = theme;
      (theme.subthemes || []).forEach(function (sub) {
        out.subtheme[sub.id] = sub;
      });
    });
    return out;
  }

  /* Keep selections in the site's order so the same filters give the same URL. */
  function order(knownIds, kind, list) {
    var all = Object.keys(knownIds[kind]);
    return all.filter(function (id) {
      return list.indexOf(id) >= 0;
    });
  }

  /* The selection of `kind` with `id` ticked (on) or not, in the site's order. */
  function toggled(knownIds, state, kind, id, on) {
    var list = state[kind].filter(function (item) {
      return item !== id;
    });
    if (on) list.push(id);
    return order(knownIds, kind, list);
  }

  /* The words of a filter phrase used, split by `split` (R.words). */
  function filterWords(text, split) {
    return split(text.slice(0, MAX_WORDS_LENGTH)).slice(0, MAX_WORDS);
  }

  function haystackText(q) {
    return [q.text].concat(q.prompts || []).join(" \u0000 ");
  }

  /* Whether an item passes the filters, leaving out the facet `skip` (or "words"). */
  function matches(state, item, skip, words) {
    var q = item.q;
    if (skip !== "audience" && state.audience.length && state.audience.indexOf(q.audience) < 0) return false;
    if (skip !== "owner" && state.owner.length && state.owner.indexOf(q.owner) < 0) return false;
    if (skip !== "theme" && (state.theme.length || state.subtheme.length)) {
      var hit =
        (q.themes || []).some(function (t) {
          return state.theme.indexOf(t) >= 0;
        }) ||
        (q.subthemes || []).some(function (s) {
          return state.subtheme.indexOf(s) >= 0;
        });
      if (!hit) return false;
    }
    if (skip !== "words") {
      for (var i = 0; i < words.length; i += 1) {
        if (item.haystack.indexOf(words[i]) < 0) return false;
      }
    }
    return true;
  }

  function bump(tally, key) {
    tally[key] = (tally[key] || 0) + 1;
  }

  /* Each value's count: the questions it would show, given every other filter.
   * {audience: {id: n}, owner: {...}, theme: {...}, subtheme: {...}}; a value missing is 0. */
  function counts(state, items, words) {
    var out = {};
    FACETS.forEach(function (name) {
      var pool = items.filter(function (item) {
        return matches(state, item, name, words);
      });
      var tally = { audience: {}, owner: {}, theme: {}, subtheme: {} };
      pool.forEach(function (item) {
        var q = item.q;
        if (name === "audience") bump(tally.audience, q.audience);
        if (name === "owner") bump(tally.owner, q.owner);
        if (name === "theme") {
          (q.themes || []).forEach(function (t) {
            bump(tally.theme, t);
          });
          (q.subthemes || []).forEach(function (s) {
            bump(tally.subtheme, s);
          });
        }
      });
      (name === "theme" ? ["theme", "subtheme"] : [name]).forEach(function (kind) {
        out[kind] = tally[kind];
      });
    });
    return out;
  }

  /* How many values of a facet are ticked ("theme" counts themes and subthemes). */
  function selected(state, name) {
    return name === "theme" ? state.theme.length + state.subtheme.length : state[name].length;
  }

  function activeFilters(state) {
    return (
      state.audience.length + state.owner.length + state.theme.length + state.subtheme.length + (state.words.trim() ? 1 : 0)
    );
  }

  /* The names of the ids of a kind, for the caption (an unknown id stands for itself). */
  function names(knownIds, kind, ids) {
    return ids.map(function (id) {
      var item = knownIds[kind][id];
      return item ? item.name || item.title || item.label : id;
    });
  }

  /* A field of a known item as text, "" for none. */
  function named(list, id, key) {
    var item = list[id];
    return item ? String(item[key] || "") : "";
  }

  /* A question's text cut for a button's hidden label. */
  function shortText(text) {
    return text.length > 60 ? text.slice(0, 59) + "\u2026" : text;
  }

  /* The fragment's pairs for a state (reflect-hash.js encodes them); the page only when paged. */
  function hashPairs(state, pageSize) {
    return [
      ["audience", state.audience],
      ["owner", state.owner],
      ["theme", state.theme],
      ["subtheme", state.subtheme],
      ["words", state.words.trim() ? state.words : ""],
      ["page", pageSize && state.page > 1 ? String(state.page) : ""],
    ];
  }

  /* The state a parsed fragment holds (null: none): only known ids, in the site's order.
   * hash: reflect-hash.js (list, text); paging: reflect-paging.js (pageNumber). */
  function fromHash(knownIds, parsed, hash, paging) {
    var next = emptyState();
    if (parsed) {
      KINDS.forEach(function (kind) {
        next[kind] = order(
          knownIds,
          kind,
          hash.list(parsed, kind).filter(function (id) {
            return Object.prototype.hasOwnProperty.call(knownIds[kind], id);
          })
        );
      });
      next.words = hash.text(parsed, "words");
      next.page = paging.pageNumber(hash.text(parsed, "page"));
    }
    return next;
  }

  return {
    FACETS: FACETS,
    KINDS: KINDS,
    MAX_WORDS: MAX_WORDS,
    MAX_WORDS_LENGTH: MAX_WORDS_LENGTH,
    composePage: composePage,
    emptyState: emptyState,
    known: known,
    order: order,
    toggled: toggled,
    filterWords: filterWords,
    haystackText: haystackText,
    matches: matches,
    counts: counts,
    selected: selected,
    activeFilters: activeFilters,
    names: names,
    named: named,
    shortText: shortText,
    hashPairs: hashPairs,
    fromHash: fromHash,
  };
});
