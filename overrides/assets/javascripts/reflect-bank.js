/* Reflect: filters for the question bank. The full table is in the page (it works without
 * JavaScript); this adds filters by audience, guide or set, theme and subtheme (several at
 * once) and words, with counts, and keeps the filters in the URL fragment so that a
 * filtered view can be shared or bookmarked. */
(function () {
  "use strict";

  var R = window.Reflect;
  var FACETS = ["audience", "owner", "theme"]; // "theme" covers themes and subthemes

  R.onPage(function () {
    var root = document.getElementById("reflect-bank-filters");
    var data = R.readData(root, "reflect-bank-data");
    if (!root || !data || !Array.isArray(data.questions)) return null;
    return setup(root, data);
  });

  function setup(root, data) {
    var el = R.el;
    var questions = data.questions.map(function (q) {
      return {
        q: q,
        row: document.getElementById("bank-" + q.id),
        haystack: R.normalise([q.text].concat(q.prompts || []).join(" \u0000 ")),
      };
    });
    var known = {
      audience: indexBy(data.audiences || []),
      owner: indexBy(data.owners || []),
      theme: {},
      subtheme: {},
    };
    (data.themes || []).forEach(function (theme) {
      known.theme[theme.id] = theme;
      (theme.subthemes || []).forEach(function (sub) {
        known.subtheme[sub.id] = sub;
      });
    });

    var state = { audience: [], owner: [], theme: [], subtheme: [], words: "" };
    var controls = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    var counters = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    var summaries = {};

    root.textContent = "";
    root.classList.add("reflect-panel");
    root.setAttribute("data-ready", "false");
    var heading = el("h2", { id: "reflect-bank-filters-title", text: "Filter the questions" });
    var wordsInput = el("input", {
      type: "search",
      id: "reflect-bank-words",
      class: "reflect-input",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "reflect-bank-words-hint",
    });
    var form = el("form", { class: "reflect-filters", "aria-labelledby": heading.id, role: "search" }, [
      el("div", { class: "reflect-field" }, [
        el("label", { for: wordsInput.id, text: "Words" }),
        el("p", {
          id: "reflect-bank-words-hint",
          class: "reflect-hint",
          text: "Shows questions whose text or prompts contain every word you type.",
        }),
        wordsInput,
      ]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    form.appendChild(
      facet("audience", "Audience", (data.audiences || []).map(function (a) {
        return { id: a.id, label: a.name };
      }))
    );
    form.appendChild(
      facet("owner", "Guide or question set", (data.owners || []).map(function (o) {
        return { id: o.id, label: o.title };
      }))
    );
    form.appendChild(themeFacet());

    var live = el("p", { class: "reflect-count", role: "status", id: "reflect-bank-count" });
    var empty = el("p", {
      class: "reflect-empty",
      hidden: true,
      text: "No question matches every filter. Remove a filter or clear them all.",
    });
    var clearButton = R.button("Clear all filters", function () {
      state = { audience: [], owner: [], theme: [], subtheme: [], words: "" };
      apply(true);
      wordsInput.focus();
    });
    var shareHint = el("p", {
      class: "reflect-hint",
      text: "The address of this page keeps your filters: bookmark it or share it to show the same questions.",
    });
    form.appendChild(el("div", { class: "reflect-toolbar" }, [clearButton]));
    root.appendChild(heading);
    root.appendChild(form);
    root.appendChild(live);
    root.appendChild(empty);
    root.appendChild(shareHint);

    wordsInput.addEventListener("input", function () {
      state.words = wordsInput.value;
      apply(false);
    });

    function indexBy(items) {
      var out = {};
      items.forEach(function (item) {
        out[item.id] = item;
      });
      return out;
    }

    function checkbox(kind, option, parent) {
      var id = "reflect-bank-" + kind + "-" + option.id;
      var input = el("input", { type: "checkbox", id: id, value: option.id, "data-kind": kind });
      var count = el("span", { class: "reflect-option-count" });
      input.addEventListener("change", function () {
        toggle(kind, option.id, input.checked);
        apply(false);
      });
      controls[kind][option.id] = input;
      counters[kind][option.id] = count;
      return el("li", { class: "reflect-option" }, [
        input,
        el("label", { for: id }, [option.label + " ", count]),
        parent || null,
      ]);
    }

    function facetBox(name, title, list) {
      var summaryCount = el("span", { class: "reflect-facet__selected" });
      summaries[name] = summaryCount;
      var details = el("details", { class: "reflect-facet", "data-facet": name }, [
        el("summary", {}, [title + " ", summaryCount]),
        el("fieldset", {}, [el("legend", { class: "reflect-vh", text: title }), list]),
      ]);
      return details;
    }

    function facet(kind, title, options) {
      var list = el(
        "ul",
        { class: "reflect-options" },
        options.map(function (option) {
          return checkbox(kind, option);
        })
      );
      return facetBox(kind, title, list);
    }

    function themeFacet() {
      var list = el(
        "ul",
        { class: "reflect-options" },
        (data.themes || []).map(function (theme) {
          var subs = el(
            "ul",
            { class: "reflect-options reflect-options--nested", "aria-label": "Subthemes of " + theme.label },
            (theme.subthemes || []).map(function (sub) {
              return checkbox("subtheme", sub);
            })
          );
          return checkbox("theme", theme, subs);
        })
      );
      return facetBox("theme", "Theme and subtheme", list);
    }

    function toggle(kind, id, on) {
      var list = state[kind].filter(function (item) {
        return item !== id;
      });
      if (on) list.push(id);
      state[kind] = order(kind, list);
    }

    /* Keep selections in the site's order so the same filters give the same URL. */
    function order(kind, list) {
      var all = Object.keys(known[kind]);
      return all.filter(function (id) {
        return list.indexOf(id) >= 0;
      });
    }

    function matches(item, skip) {
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
        var words = R.words(state.words);
        for (var i = 0; i < words.length; i += 1) {
          if (item.haystack.indexOf(words[i]) < 0) return false;
        }
      }
      return true;
    }

    function updateCounts() {
      // Each option's count: the questions it would show, given every other filter.
      FACETS.forEach(function (name) {
        var pool = questions.filter(function (item) {
          return matches(item, name);
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
        var kinds = name === "theme" ? ["theme", "subtheme"] : [name];
        kinds.forEach(function (kind) {
          Object.keys(counters[kind]).forEach(function (id) {
            var n = tally[kind][id] || 0;
            counters[kind][id].textContent = "(" + n + ")";
          });
        });
        var selected = name === "theme" ? state.theme.length + state.subtheme.length : state[name].length;
        summaries[name].textContent = selected ? "(" + selected + " selected)" : "";
      });
    }

    function bump(tally, key) {
      tally[key] = (tally[key] || 0) + 1;
    }

    function syncControls() {
      ["audience", "owner", "theme", "subtheme"].forEach(function (kind) {
        Object.keys(controls[kind]).forEach(function (id) {
          controls[kind][id].checked = state[kind].indexOf(id) >= 0;
        });
      });
      if (wordsInput.value !== state.words) wordsInput.value = state.words;
      root.querySelectorAll("details.reflect-facet").forEach(function (details) {
        var name = details.getAttribute("data-facet");
        var selected = name === "theme" ? state.theme.length + state.subtheme.length : state[name].length;
        if (selected) details.open = true;
      });
    }

    function apply(fromState) {
      if (fromState) syncControls();
      var shown = 0;
      questions.forEach(function (item) {
        var ok = matches(item);
        if (ok) shown += 1;
        if (item.row) item.row.hidden = !ok;
      });
      updateCounts();
      var total = questions.length;
      var filtered = shown !== total || activeFilters() > 0;
      live.textContent = filtered
        ? "Showing " + shown + " of " + total + " questions."
        : "Showing all " + total + " questions.";
      empty.hidden = shown > 0;
      root.setAttribute("data-shown", String(shown));
      var fragment = R.encodeHashState([
        ["audience", state.audience],
        ["owner", state.owner],
        ["theme", state.theme],
        ["subtheme", state.subtheme],
        ["words", state.words.trim() ? state.words : ""],
      ]);
      // No filters and the address points at a question's row: leave that anchor alone.
      if (fragment || R.readHashState()) R.writeHash(fragment);
    }

    function activeFilters() {
      return (
        state.audience.length + state.owner.length + state.theme.length + state.subtheme.length + (state.words.trim() ? 1 : 0)
      );
    }

    function readState() {
      var hash = R.readHashState();
      var next = { audience: [], owner: [], theme: [], subtheme: [], words: "" };
      if (hash) {
        ["audience", "owner", "theme", "subtheme"].forEach(function (kind) {
          next[kind] = order(
            kind,
            R.hashList(hash, kind).filter(function (id) {
              return Object.prototype.hasOwnProperty.call(known[kind], id);
            })
          );
        });
        next.words = R.hashText(hash, "words");
      }
      return next;
    }

    function onHashChange() {
      if (R.ignoreNextHashChange) {
        R.ignoreNextHashChange = false;
        return;
      }
      if (!R.readHashState() && window.location.hash) {
        // An ordinary anchor: leave the filters, unless they hide the row it points at.
        var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
        if (target && target.closest && target.closest("tr[hidden]")) {
          state = { audience: [], owner: [], theme: [], subtheme: [], words: "" };
          apply(true);
          target.scrollIntoView();
        }
        return;
      }
      state = readState();
      apply(true);
    }

    state = readState();
    apply(true);
    window.addEventListener("hashchange", onHashChange);
    root.setAttribute("data-ready", "true");

    return function cleanup() {
      window.removeEventListener("hashchange", onHashChange);
    };
  }
})();
