/* The language switch goes to the same page in the other language; this keeps the place
 * and the filters too: the address after "#" (a question's anchor, the bank's filters) is
 * carried over when the link is followed. Without this script the link still opens the
 * matching page. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[data-reflect-language]") : null;
    if (!link || !window.location.hash) return;
    var target = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", target + window.location.hash);
  });
})();
