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
 * another tab or a new link changes. Its panels add their methods through R.composerParts:
 * reflect-compose-choose.js (choosing questions) and reflect-compose-guide.js (the guide, its
 * exports and print copy); reflect-composed.js is the pure part (filter, formats). */
(function () {
  "use strict";

  var R = window.Reflect;
  var C = R.composed;
  var t = R.t;
  R.composerParts = R.composerParts || {};

  function Composer(root, data) {
    var self = this;
    this.root = root;
    this.data = data;
    this.byId = new Map();
    data.questions.forEach(function (q) {
      self.byId.set(q.id, q);
    });
    this.audiences = new Map();
    (data.audiences || []).forEach(function (a) {
      self.audiences.set(a.id, a);
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
    this.buildChoose();
    this.buildGuide();
    root.appendChild(this.pickSection);
    root.appendChild(this.guideSection);
    root.appendChild(this.announce.node);
    root.appendChild(this.printCopy);

    this.store = this.readStore();
    var linked = this.fromHash();
    if (linked && (linked.ids.length || linked.title)) this.openLink(linked);
    this.filterChoices();
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
    this.linkInput.value = window.location.href.split("#")[0] + (hash ? "#" + hash : "");
  };

  Composer.prototype.openGuide = function () {
    var guide = R.guides.find(this.store, this.store.open);
    this.state = guide ? { title: guide.title, ids: guide.ids.slice() } : { title: "", ids: [] };
    this.titleInput.value = this.state.title;
    this.changed();
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
    this.showNotice(R.hashTooLong ? t("hash_too_long") : "");
    if (!hash) return null;
    var ids = R.hashList(hash, "q");
    var kept = ids.filter(this.known);
    this.missing = ids.length - kept.length;
    if (this.missing > 0) this.showNotice(t("compose_missing", { count: this.missing }));
    return { title: R.hashText(hash, "title"), ids: kept };
  };

  Composer.prototype.showNotice = function (text) {
    this.notice.textContent = "";
    if (text) this.notice.appendChild(R.el("p", { class: "reflect-banner reflect-banner--info", text: text }));
  };

  /* A guide from a link opens as a new guide; an identical kept one is simply opened. */
  Composer.prototype.openLink = function (linked) {
    var before = this.store.guides.length;
    var result = R.guides.fromLink(this.store, linked.title, linked.ids, new Date().toISOString());
    this.store = result.store;
    this.saveStore();
    if (result.added && before > 0 && !this.missing) {
      this.showNotice(t("compose_link_added", { title: linked.title || t("compose_default_title"), count: before }));
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

  // The panels' methods: choosing questions, the guide itself.
  Object.keys(R.composerParts).forEach(function (name) {
    Object.keys(R.composerParts[name]).forEach(function (method) {
      if (Object.prototype.hasOwnProperty.call(Composer.prototype, method)) throw new Error("Reflect: composer method twice: " + method);
      Composer.prototype[method] = R.composerParts[name][method];
    });
  });

  R.onPage(function () {
    var tool = R.findTool("reflect-composer");
    if (!tool || !Array.isArray(tool.data.questions)) return null;
    var composer = new Composer(tool.root, tool.data);
    return function cleanup() {
      composer.destroy();
    };
  });
})();
