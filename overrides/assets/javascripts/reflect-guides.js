/* Reflect: the composer's named guides, as data. Several guides are kept in this browser;
 * one is open. A guide that arrives in a shared link is added as a new guide and never
 * writes over one already kept. Pure (no DOM, no storage): loads in the browser
 * (window.Reflect.guides) and under Node (module.exports). */
(function (factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (window.Reflect = window.Reflect || {}).guides = api;
})(function () {
  "use strict";

  var FORMAT = "reflect-composed-guides";
  var MAX_GUIDES = 200;
  var MAX_TITLE = 300;

  function empty() {
    return { format: FORMAT, version: 1, open: null, guides: [] };
  }

  function cleanIds(ids, known) {
    var seen = new Set();
    var out = [];
    (Array.isArray(ids) ? ids : []).forEach(function (id) {
      if (typeof id !== "string" || seen.has(id) || !known(id)) return;
      seen.add(id);
      out.push(id);
    });
    return out;
  }

  function cleanTitle(title) {
    return typeof title === "string" ? title.slice(0, MAX_TITLE) : "";
  }

  /* The stored guides, every field checked; `known(id)` says whether a question exists.
   * Also reads the single draft of earlier versions ({title, ids}). */
  function read(raw, known) {
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return empty();
    }
    var store = empty();
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && parsed.format === FORMAT && Array.isArray(parsed.guides)) {
      parsed.guides.slice(0, MAX_GUIDES).forEach(function (guide) {
        if (!guide || typeof guide !== "object" || typeof guide.id !== "string" || !/^g[0-9]{1,9}$/.test(guide.id)) return;
        if (store.guides.some(function (g) { return g.id === guide.id; })) return;
        store.guides.push({
          id: guide.id,
          title: cleanTitle(guide.title),
          ids: cleanIds(guide.ids, known),
          updated: typeof guide.updated === "string" ? guide.updated : "",
        });
      });
      var open = typeof parsed.open === "string" ? parsed.open : null;
      store.open = find(store, open) ? open : store.guides.length ? store.guides[0].id : null;
    } else if (parsed && typeof parsed === "object" && Array.isArray(parsed.ids)) {
      store = add(store, cleanTitle(parsed.title), cleanIds(parsed.ids, known), "");
    }
    return store;
  }

  function find(store, id) {
    for (var i = 0; i < store.guides.length; i += 1) if (store.guides[i].id === id) return store.guides[i];
    return null;
  }

  function nextId(store) {
    var most = 0;
    store.guides.forEach(function (g) {
      most = Math.max(most, Number(g.id.slice(1)));
    });
    return "g" + (most + 1);
  }

  /* A new store with a new guide, opened. */
  function add(store, title, ids, now) {
    var guide = { id: nextId(store), title: cleanTitle(title), ids: ids.slice(), updated: now };
    var guides = store.guides.concat([guide]);
    if (guides.length > MAX_GUIDES) guides = guides.slice(guides.length - MAX_GUIDES);
    return { format: FORMAT, version: 1, open: guide.id, guides: guides };
  }

  /* A new store with the open guide changed. */
  function update(store, changes, now) {
    var guides = store.guides.map(function (g) {
      if (g.id !== store.open) return g;
      return {
        id: g.id,
        title: changes.title !== undefined ? cleanTitle(changes.title) : g.title,
        ids: changes.ids !== undefined ? changes.ids.slice() : g.ids,
        updated: now,
      };
    });
    return { format: FORMAT, version: 1, open: store.open, guides: guides };
  }

  function open(store, id) {
    if (!find(store, id)) return store;
    return { format: FORMAT, version: 1, open: id, guides: store.guides };
  }

  function remove(store, id) {
    var guides = store.guides.filter(function (g) {
      return g.id !== id;
    });
    var next = store.open === id ? (guides.length ? guides[guides.length - 1].id : null) : store.open;
    return { format: FORMAT, version: 1, open: next, guides: guides };
  }

  function sameGuide(g, title, ids) {
    return g.title === title && g.ids.length === ids.length && g.ids.every(function (id, i) {
      return id === ids[i];
    });
  }

  /* A guide from a shared link: opens a kept guide identical to it, or adds it as a new
   * one. {store, added: bool}. Never changes a kept guide. */
  function fromLink(store, title, ids, now) {
    title = cleanTitle(title);
    for (var i = 0; i < store.guides.length; i += 1) {
      if (sameGuide(store.guides[i], title, ids)) return { store: open(store, store.guides[i].id), added: false };
    }
    return { store: add(store, title, ids, now), added: true };
  }

  /* Add several questions to the open guide (creating one if there is none), skipping those
   * already in it. {store, added: count}. */
  function addQuestions(store, ids, now) {
    if (!find(store, store.open)) store = add(store, "", [], now);
    var guide = find(store, store.open);
    var have = new Set(guide.ids);
    var fresh = ids.filter(function (id) {
      if (have.has(id)) return false;
      have.add(id);
      return true;
    });
    return { store: update(store, { ids: guide.ids.concat(fresh) }, now), added: fresh.length };
  }

  return {
    FORMAT: FORMAT,
    empty: empty,
    read: read,
    find: find,
    add: add,
    update: update,
    open: open,
    remove: remove,
    fromLink: fromLink,
    addQuestions: addQuestions,
  };
});
