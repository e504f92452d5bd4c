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
    return function () {
      cleanups.forEach(function (fn) {
        fn();
      });
    };
  });
})();
