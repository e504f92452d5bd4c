/* Reflect: accessibility repairs to Material's header that need a script. Material opens
 * the navigation drawer and the search on small screens with <label> elements tied to
 * hidden checkboxes: a mouse or touch can use them, a keyboard cannot reach them and a
 * screen reader hears no name. Give them a name, a button role, focus and Space (Material
 * already answers Enter on a focused label). */
(function () {
  "use strict";

  var R = window.Reflect;
  var NAMES = { __drawer: "open_navigation", __search: "open_search" }; // catalogue names

  R.onPage(function () {
    var cleanups = [];
    Object.keys(NAMES).forEach(function (id) {
      var toggle = document.getElementById(id);
      if (!toggle) return;
      document.querySelectorAll('.md-header label.md-header__button[for="' + id + '"]').forEach(function (label) {
        if (label.getAttribute("data-reflect-button")) return;
        label.setAttribute("data-reflect-button", "true");
        label.setAttribute("role", "button");
        label.setAttribute("tabindex", "0");
        label.setAttribute("aria-label", R.t(NAMES[id]));
        label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        function onKey(event) {
          // Material itself clicks a focused label on Enter; a button also answers Space.
          if (event.key !== " ") return;
          event.preventDefault();
          label.click();
        }
        function onToggle() {
          label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
          if (toggle.checked && id === "__search") {
            var input = document.querySelector("[data-md-component=search-query]");
            if (input) input.focus();
          }
        }
        label.addEventListener("keydown", onKey);
        toggle.addEventListener("change", onToggle);
        cleanups.push(function () {
          label.removeEventListener("keydown", onKey);
          toggle.removeEventListener("change", onToggle);
          label.removeAttribute("data-reflect-button");
        });
      });
    });
    cleanups.push(drawerFocus());
    return function () {
      cleanups.forEach(function (fn) {
        fn();
      });
    };
  });

  /* The navigation drawer of narrow screens behaves as a dialog: opening it moves focus
   * into it, Tab stays inside it, Escape closes it, and closing it returns focus to the
   * button that opened it. */
  var DRAWER_WIDTH = "(max-width: 76.1875em)"; // below this Material shows the drawer
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';

  function drawerFocus() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    var opener = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    if (!toggle || !drawer || !opener) return function () {};
    function isDrawer() {
      return window.matchMedia(DRAWER_WIDTH).matches;
    }
    function focusables() {
      return Array.prototype.filter.call(drawer.querySelectorAll(FOCUSABLE), function (node) {
        if (!node.getClientRects().length) return false;
        var style = window.getComputedStyle(node);
        return style.visibility !== "hidden" && style.display !== "none";
      });
    }
    function close() {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function onChange() {
      if (!isDrawer()) return;
      if (toggle.checked) {
        // The drawer becomes visible at once (visibility), before its slide ends.
        window.requestAnimationFrame(function () {
          var first = focusables()[0];
          if (first) first.focus();
        });
      } else if (drawer.contains(document.activeElement) || document.activeElement === document.body) {
        opener.focus();
      }
    }
    function onKey(event) {
      if (!toggle.checked || !isDrawer()) return;
      if (event.key === "Escape") {
        event.preventDefault();
        close();
        opener.focus();
        return;
      }
      if (event.key !== "Tab") return;
      var items = focusables();
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      var inside = drawer.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    }
    toggle.addEventListener("change", onChange);
    document.addEventListener("keydown", onKey, true);
    return function () {
      toggle.removeEventListener("change", onChange);
      document.removeEventListener("keydown", onKey, true);
    };
  }
})();
