/* Reflect: compose your own guides from the question bank. Pick questions (each comes with
 * its prompts) from any audience, guide or set, filtered as in the bank; put them in order
 * (buttons, so it works by keyboard); give the guide a title; then print it, export it as
 * Markdown or JSON, or share it as a link (the guide rides in the URL fragment).
 *
 * Several named guides are kept in this browser (reflect-guides.js holds the rules). A guide
 * that arrives in a link opens as a new guide: it never writes over one already kept.
 * Nothing is sent anywhere.
 *
 * This file holds the composer's state: the guides kept, the one open, the link, and what
 * another tab or a new link changes. It makes its two panels, each an object with its own
 * state, and gives each only what it needs of the composer (see viewsOf):
 * reflect-compose-choose.js (choosing questions) and reflect-compose-guide.js (the guide, its
 * exports and print copy); reflect-composed.js is the pure part (filter, formats). */
(function () {
  "use strict";

  var R = window.Reflect;
  var C = R.composed;
  var t = R.t;

  function Composer(root, data) {
    var self = this;
    this.root = root;
    this.data = data;
    this.byId = new Map();
    data.questions.forEach(function (q) {
      self.byId.set(q.id, q);
    });
    var siteKey = "reflect:" + R.slug(data.site || document.title) + ":compose:";
    this.guidesKey = siteKey + "guides";
    this.draftKey = siteKey + "draft"; // the single draft of earlier versions, read once
    this.store = R.guides.empty();
    this.state = { title: "", ids: [] };
    this.missing = 0;
    this.known = function (id) {
      return self.byId.has(id);
    };

    document.documentElement.classList.add("reflect-has-composer");
    root.textContent = "";
    root.setAttribute("data-ready", "false");
    var views = this.viewsOf();
    this.choose = new R.ComposeChoose(views.choose);
    this.guide = new R.ComposeGuide(views.guide);
    root.appendChild(this.choose.section);
    root.appendChild(this.guide.section);
    root.appendChild(this.guide.announce.node);
    root.appendChild(this.guide.printCopy);

    this.store = this.readStore();
    var linked = this.fromHash();
    if (linked && (linked.ids.length || linked.title)) this.openLink(linked);
    this.choose.filter();
    this.openGuide();
    root.setAttribute("data-ready", "true");
    this.onHashChange = function () {
      self.hashChanged();
    };
    this.onStorage = function (event) {
      self.storageChanged(event);
    };
    window.addEventListener("hashchange", this.onHashChange);
    window.addEventListener("storage", this.onStorage);
  }

  /* What each panel is given of the composer: the values it reads and the few things it
   * may ask the composer to do (never the composer itself). */
  Composer.prototype.viewsOf = function () {
    var self = this;
    return {
      choose: {
        data: this.data,
        ids: function () {
          return self.state.ids;
        },
        add: function (id) {
          self.guide.add(id);
        },
        remove: function (id) {
          self.guide.remove(id, false);
        },
        addMany: function (ids) {
          self.setIds(self.state.ids.concat(ids));
        },
        say: function (text) {
          self.guide.announce.say(text);
        },
      },
      guide: {
        root: this.root,
        data: this.data,
        byId: this.byId,
        state: function () {
          return self.state;
        },
        store: function () {
          return self.store;
        },
        open: function (guideId) {
          self.store = R.guides.open(self.store, guideId);
          self.openGuide();
        },
        newGuide: function () {
          self.store = R.guides.add(self.store, "", [], new Date().toISOString());
          self.saveStore();
          self.openGuide();
        },
        setTitle: function (title) {
          self.state.title = title;
          self.changed();
        },
        setIds: function (ids) {
          self.setIds(ids);
        },
        reset: function () {
          self.state = { title: "", ids: [] };
          self.changed();
        },
      },
    };
  };

  /* The open guide's questions, in this order. */
  Composer.prototype.setIds = function (ids) {
    this.state.ids = ids;
    this.changed();
  };

  /* Draw the open guide: both panels and the box's counts. */
  Composer.prototype.render = function () {
    this.guide.render();
    this.choose.showChecked(this.state.ids);
    this.root.setAttribute("data-count", String(this.state.ids.length));
    this.root.setAttribute("data-guides", String(this.store.guides.length));
  };

  Composer.prototype.destroy = function () {
    window.removeEventListener("hashchange", this.onHashChange);
    window.removeEventListener("storage", this.onStorage);
    document.documentElement.classList.remove("reflect-has-composer");
  };

  Composer.prototype.saveStore = function () {
    try {
      window.localStorage.setItem(this.guidesKey, JSON.stringify(this.store));
    } catch (error) {
      // The link still holds the guide; nothing else depends on this copy.
    }
  };

  /* After every change to the open guide: keep it, redraw, and update the link. */
  Composer.prototype.changed = function () {
    var state = this.state;
    var empty = !state.ids.length && !state.title;
    if (!R.guides.find(this.store, this.store.open) && !empty) this.store = R.guides.add(this.store, "", [], new Date().toISOString());
    this.store = R.guides.update(this.store, { title: state.title, ids: state.ids }, new Date().toISOString());
    this.saveStore();
    this.render();
    var hash = R.encodeHashState(C.hashPairs(state));
    if (hash || R.readHashState()) R.writeHash(hash);
    this.guide.showLink(window.location.href.split("#")[0] + (hash ? "#" + hash : ""));
  };

  Composer.prototype.openGuide = function () {
    var guide = R.guides.find(this.store, this.store.open);
    this.state = guide ? { title: guide.title, ids: guide.ids.slice() } : { title: "", ids: [] };
    this.changed(); // the title field too
  };

  Composer.prototype.readStore = function () {
    var raw = null;
    try {
      raw = window.localStorage.getItem(this.guidesKey);
      if (raw === null) raw = window.localStorage.getItem(this.draftKey);
    } catch (error) {
      raw = null;
    }
    return R.guides.read(raw === null ? "null" : raw, this.known);
  };

  /* The guide in the address, if any: {title, ids} (ids known to this bank). */
  Composer.prototype.fromHash = function () {
    var hash = R.readHashState();
    this.guide.showNotice(R.hashTooLong ? t("hash_too_long") : "");
    if (!hash) return null;
    var ids = R.hashList(hash, "q");
    var kept = ids.filter(this.known);
    this.missing = ids.length - kept.length;
    if (this.missing > 0) this.guide.showNotice(t("compose_missing", { count: this.missing }));
    return { title: R.hashText(hash, "title"), ids: kept };
  };

  /* A guide from a link opens as a new guide; an identical kept one is simply opened. */
  Composer.prototype.openLink = function (linked) {
    var before = this.store.guides.length;
    var result = R.guides.fromLink(this.store, linked.title, linked.ids, new Date().toISOString());
    this.store = result.store;
    this.saveStore();
    if (result.added && before > 0 && !this.missing) {
      this.guide.showNotice(t("compose_link_added", { title: linked.title || t("compose_default_title"), count: before }));
    }
  };

  Composer.prototype.hashChanged = function () {
    if (R.ignoreNextHashChange) {
      R.ignoreNextHashChange = false;
      return;
    }
    var linked = this.fromHash();
    if (!linked) return;
    this.store = this.readStore();
    this.openLink(linked);
    this.openGuide();
  };

  Composer.prototype.storageChanged = function (event) {
    if (event.key !== this.guidesKey) return;
    // Another tab (or the bank) changed the guides: take its version of them, keep ours open.
    var openId = this.store.open;
    this.store = R.guides.open(this.readStore(), openId);
    var guide = R.guides.find(this.store, this.store.open);
    if (guide) {
      this.state = { title: guide.title, ids: guide.ids.slice() };
      this.render();
    }
  };

  R.onPage(function () {
    var tool = R.findTool("reflect-composer");
    if (!tool || !Array.isArray(tool.data.questions)) return null;
    var composer = new Composer(tool.root, tool.data);
    return function cleanup() {
      composer.destroy();
    };
  });
})();
