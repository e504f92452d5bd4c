/* Reflect: shared helpers for the site's browser tools (question bank filters, worksheet,
 * composer). Plain JavaScript, no dependencies, nothing loaded from anywhere else and
 * nothing sent anywhere. Works from file:// and with Material's instant navigation. */
(function () {
  "use strict";

  var R = (window.Reflect = window.Reflect || {});
  if (R.core) return;
  R.core = true;
  // Where the scripts live: the other tools' scripts sit beside this one.
  var scriptsBase = document.currentScript && document.currentScript.src;

  /* Run `init` on every page view. With Material's instant navigation the scripts run
   * once and `document$` emits after each page swap; without it, once the DOM is ready.
   * `init` may return a cleanup function, called before the next page view.
   * Material completes `document$` without a value when instant navigation is on but the
   * page is a file:// one (it cannot navigate instantly there): then run once, as usual. */
  R.onPage = function (init) {
    var cleanup = null;
    var seen = false;
    function run() {
      seen = true;
      if (typeof cleanup === "function") {
        try {
          cleanup();
        } catch (error) {
          report(error);
        }
      }
      cleanup = null;
      try {
        cleanup = init() || null;
      } catch (error) {
        report(error);
      }
    }
    function whenReady(fn) {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
      else fn();
    }
    var doc$ = window.document$;
    if (doc$ && typeof doc$.subscribe === "function") {
      doc$.subscribe({
        next: run,
        complete: function () {
          if (!seen) whenReady(run);
        },
      });
      // A document$ that neither emits nor completes by the time the page has loaded.
      window.addEventListener(
        "load",
        function () {
          if (!seen) run();
        },
        { once: true }
      );
    } else {
      whenReady(run);
    }
  };

  function report(error) {
    if (window.console && console.error) console.error("Reflect:", error);
  }

  /* Build an element: el("p", {class: "x", text: "hi"}, [children]). Text only, never HTML. */
  R.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
      var value = attrs[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "hidden") node.hidden = true;
      else if (key === "value") node.value = value;
      else if (key === "checked") node.checked = true;
      else if (key === "open") node.open = true;
      else if (key === "disabled") node.disabled = true;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /* A labelled form control: <div class="reflect-field"><label for=…>label</label>input</div>. */
  R.field = function (input, label) {
    return R.el("div", { class: "reflect-field" }, [R.el("label", { for: input.id, text: label }), input]);
  };

  /* The interface words, from the catalogue block in <head> (never from the page's body,
   * which content could fill). R.t(name, values); a plural string takes values.count. */
  var translator = null;
  R.t = function (name, values) {
    if (!translator) {
      var table = {};
      var blocks = document.head ? document.head.querySelectorAll('script#reflect-strings[type="application/json"]') : [];
      if (blocks.length === 1) {
        try {
          table = JSON.parse(blocks[0].textContent) || {};
        } catch (error) {
          report(error);
        }
      }
      translator = R.strings.create(table, document.documentElement.lang || "en");
    }
    return translator(name, values);
  };

  /* The tool with this id and the data the site generator gave it (on its data-reflect-data
   * attribute, which survives Material's instant navigation, unlike a <script> block).
   * Content may carry id and data-* attributes, so it could try to place a look-alike
   * before the real one: the tool starts only when the page holds exactly one element with
   * this id and exactly one with data, and they are the same element; otherwise it shows
   * why it did not start. {root, data} or null. */
  R.findTool = function (id) {
    var named = document.querySelectorAll('[id="' + id + '"]');
    var withData = document.querySelectorAll("[data-reflect-data]");
    if (!named.length) return null;
    var root = named[0];
    if (named.length !== 1 || withData.length !== 1 || withData[0] !== root) {
      refuse(named, "tool_duplicate");
      return null;
    }
    try {
      var data = JSON.parse(root.getAttribute("data-reflect-data"));
      return data && typeof data === "object" ? { root: root, data: data } : null;
    } catch (error) {
      refuse(named, "tool_unreadable");
      return null;
    }
  };

  function refuse(nodes, name) {
    Array.prototype.forEach.call(nodes, function (node) {
      if (node.querySelector(".reflect-refused")) return;
      node.appendChild(R.el("p", { class: "reflect-banner reflect-banner--error reflect-refused", role: "alert", text: R.t(name) }));
    });
  }

  R.slug = function (text) {
    return (
      String(text)
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "") || "site"
    );
  };

  /* Lower case, no accents, straight quotes: for matching words typed by people. */
  R.normalise = function (text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .toLowerCase();
  };

  R.words = function (text) {
    return R.normalise(text)
      .split(/\s+/)
      .filter(function (word) {
        return word.length > 0;
      });
  };

  /* State in the URL's fragment (see reflect-hash.js): a Map, or null for none or an
   * ordinary anchor. R.hashTooLong says whether the last one read was refused for size. */
  R.readHashState = function () {
    var result = R.hash.parse(window.location.hash);
    R.hashTooLong = result.tooLong;
    return result.state;
  };
  R.hashList = function (state, key) {
    return R.hash.list(state, key);
  };
  R.hashText = function (state, key) {
    return R.hash.text(state, key);
  };
  R.encodeHashState = function (pairs) {
    return R.hash.encode(pairs);
  };

  /* Replace the fragment without adding a history entry or firing hashchange. */
  R.writeHash = function (fragment) {
    var url = window.location.href.split("#")[0] + (fragment ? "#" + fragment : "");
    if (url === window.location.href) return;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (error) {
      // Some browsers refuse replaceState for file:// pages: fall back to the fragment.
      R.ignoreNextHashChange = true;
      window.location.hash = fragment;
    }
  };

  /* Offer text as a file download. Works from file:// (a blob: URL, nothing leaves the device). */
  R.download = function (filename, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var link = R.el("a", { href: url, download: filename, hidden: true });
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
      link.remove();
    }, 4000);
  };

  // Print one part of the page: the class on <html> selects it in the print stylesheet and
  // is removed after printing (browsers that print synchronously, and test stubs, have
  // already printed when print() returns).
  R.printOnly = function (className) {
    var html = document.documentElement;
    html.classList.add(className);
    function done() {
      html.classList.remove(className);
      window.removeEventListener("afterprint", done);
    }
    window.addEventListener("afterprint", done);
    window.print();
    window.setTimeout(done, 0);
  };

  R.today = function () {
    var now = new Date();
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  };

  /* A polite announcement for screen readers, in a region owned by `root`. */
  R.liveRegion = function (root, className) {
    var region = R.el("p", { class: "reflect-status " + (className || ""), role: "status" });
    root.appendChild(region);
    return {
      node: region,
      say: function (message) {
        if (region.textContent === message) region.textContent = "";
        region.textContent = message;
      },
    };
  };

  var dialogCount = 0;

  /* An in-page, accessible confirmation (a modal <dialog>). Resolves true or false.
   * Focus starts on the safe choice and returns to where it was. */
  R.confirm = function (options) {
    var opener = document.activeElement;
    if (typeof window.HTMLDialogElement !== "function") {
      return Promise.resolve(window.confirm(options.title + "\n\n" + options.message));
    }
    dialogCount += 1;
    var id = "reflect-dialog-" + dialogCount;
    var confirmButton = R.el("button", {
      type: "button",
      class: "reflect-button " + (options.danger ? "reflect-button--danger" : "reflect-button--primary"),
      text: options.confirm,
      "data-reflect-confirm": "yes",
    });
    var cancelButton = R.el("button", {
      type: "button",
      class: "reflect-button",
      text: options.cancel || R.t("cancel"),
      "data-reflect-confirm": "no",
    });
    var dialog = R.el(
      "dialog",
      { class: "reflect-dialog md-typeset", id: id, "aria-labelledby": id + "-title", "aria-describedby": id + "-message" },
      [
        R.el("h2", { id: id + "-title", text: options.title }),
        R.el("p", { id: id + "-message", text: options.message }),
        R.el("div", { class: "reflect-toolbar" }, [confirmButton, cancelButton]),
      ]
    );
    (options.container || document.body).appendChild(dialog);
    return new Promise(function (resolve) {
      var answer = false;
      confirmButton.addEventListener("click", function () {
        answer = true;
        dialog.close();
      });
      cancelButton.addEventListener("click", function () {
        dialog.close();
      });
      dialog.addEventListener("close", function () {
        dialog.remove();
        if (opener && typeof opener.focus === "function" && document.contains(opener)) opener.focus();
        resolve(answer);
      });
      dialog.showModal();
      cancelButton.focus();
    });
  };

  /* A button: el + type=button + click handler. */
  R.button = function (label, onClick, attrs) {
    var button = R.el("button", Object.assign({ type: "button", class: "reflect-button" }, attrs || {}), [label]);
    button.addEventListener("click", onClick);
    return button;
  };

  /* A button that opens the file chooser of a hidden file input, by mouse, Space and Enter.
   * Chromium (156) opens no file chooser for a click made during Enter's keydown or keypress,
   * but does on key release (as for Space): Enter opens it on keyup, when the same button saw
   * the key go down (the keydown's own click is held back). */
  R.fileButton = function (label, input, attrs) {
    var button = R.button(label, function () {
      input.click();
    }, attrs);
    var enterDown = false;
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      enterDown = true;
    });
    button.addEventListener("keyup", function (event) {
      if (event.key !== "Enter" || !enterDown) return;
      enterDown = false;
      event.preventDefault();
      input.click();
    });
    button.addEventListener("blur", function () {
      enterDown = false;
    });
    return button;
  };

  /* Copy text to the clipboard if the browser lets us; otherwise select it in `input`. */
  R.copyText = function (text, input) {
    function fallback() {
      if (input) {
        input.focus();
        input.select();
      }
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      return ok;
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      return navigator.clipboard.writeText(text).then(
        function () {
          return true;
        },
        function () {
          return fallback();
        }
      );
    }
    return Promise.resolve(fallback());
  };
  /* Each page loads only the tools it shows. The site generator lists, per tool (the id of
   * its mount point), the scripts it needs in order (scripts.json, in an inert JSON block in
   * <head>); on every page view the tools whose mount point is on the page get their scripts,
   * once, in that order. A script already on the page (a project whose mkdocs.yml still lists
   * every script) is not loaded again. */
  var requested = {};
  function toolScripts() {
    var blocks = document.head ? document.head.querySelectorAll('script#reflect-tool-scripts[type="application/json"]') : [];
    if (blocks.length !== 1) return {};
    try {
      var table = JSON.parse(blocks[0].textContent);
      return table && typeof table === "object" ? table : {};
    } catch (error) {
      report(error);
      return {};
    }
  }
  function alreadyOnPage(name) {
    var scripts = document.querySelectorAll("script[src]");
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute("src").split(/[?#]/)[0];
      if (src === name || src.slice(-(name.length + 1)) === "/" + name) return true;
    }
    return false;
  }
  R.loadTools = function () {
    var table = toolScripts();
    Object.keys(table).forEach(function (tool) {
      var names = table[tool];
      if (!Array.isArray(names) || !document.getElementById(tool)) return;
      names.forEach(function (name) {
        if (typeof name !== "string" || !/^reflect-[a-z0-9-]+\.js$/.test(name)) return;
        if (Object.prototype.hasOwnProperty.call(requested, name) || alreadyOnPage(name)) return;
        requested[name] = true;
        var script = document.createElement("script");
        script.src = scriptsBase ? new URL(name, scriptsBase).href : name;
        script.async = false; // in the listed order: each after what it needs
        document.head.appendChild(script);
      });
    });
  };
  R.onPage(function () {
    R.loadTools();
  });
})();
