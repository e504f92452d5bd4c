/* Reflect: filters for the question bank. The table is in the page (it works without
 * JavaScript); this adds filters by audience, guide or set, theme and subtheme (several at
 * once) and words, with counts, and keeps the filters in the URL fragment so that a
 * filtered view can be shared or bookmarked.
 *
 * A large bank is paged: the page holds only its first rows (data.page_size) and the data
 * carries what draws any row, so this shows one page of the matching questions at a time,
 * with Previous / Next, the page kept in the fragment with the filters. "Add all" adds every
 * matching question (every page), and printing prints every match. */
(function () {
  "use strict";

  var R = window.Reflect;
  var FACETS = ["audience", "owner", "theme"]; // "theme" covers themes and subthemes
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

  R.onPage(function () {
    var tool = R.findTool("reflect-bank-filters");
    if (!tool || !Array.isArray(tool.data.questions)) return null;
    return setup(tool.root, tool.data);
  });

  function setup(root, data) {
    var el = R.el;
    var t = R.t;
    var paging = R.paging;
    // 0: not paged (nor when reflect-paging.js is missing: the page's own rows then stay).
    var pageSize = paging ? paging.pageSize(data.page_size, data.questions.length) : 0;
    var questions = data.questions.map(function (q) {
      var rows = pageSize ? [] : document.querySelectorAll('tr[id="bank-' + q.id + '"]');
      return {
        q: q,
        row: rows.length === 1 ? rows[0] : null,
        haystack: R.normalise([q.text].concat(q.prompts || []).join(" \u0000 ")),
      };
    });
    var known = {
      audience: indexBy(data.audiences || []),
      owner: indexBy(data.owners || []),
      theme: Object.create(null),
      subtheme: Object.create(null),
    };
    (data.themes || []).forEach(function (theme) {
      known.theme[theme.id] = theme;
      (theme.subthemes || []).forEach(function (sub) {
        known.subtheme[sub.id] = sub;
      });
    });

    var state = { audience: [], owner: [], theme: [], subtheme: [], words: "", page: 1 };
    var controls = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    var counters = { audience: {}, owner: {}, theme: {}, subtheme: {} };
    var summaries = {};

    root.textContent = "";
    root.classList.add("reflect-panel");
    root.setAttribute("data-ready", "false");
    var heading = el("h2", { id: "reflect-bank-filters-title", text: t("bank_filter_title") });
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
        el("label", { for: wordsInput.id, text: t("bank_words") }),
        el("p", {
          id: "reflect-bank-words-hint",
          class: "reflect-hint",
          text: t("bank_words_hint"),
        }),
        wordsInput,
      ]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    form.appendChild(
      facet("audience", t("bank_audience"), (data.audiences || []).map(function (a) {
        return { id: a.id, label: a.name };
      }))
    );
    form.appendChild(
      facet("owner", t("bank_owner"), (data.owners || []).map(function (o) {
        return { id: o.id, label: o.title };
      }))
    );
    form.appendChild(themeFacet());

    var live = el("p", { class: "reflect-count", role: "status", id: "reflect-bank-count" });
    var empty = el("p", {
      class: "reflect-empty",
      hidden: true,
      text: t("bank_none"),
    });
    var clearButton = R.button(t("bank_clear"), function () {
      state = { audience: [], owner: [], theme: [], subtheme: [], words: "", page: 1 };
      apply(true);
      wordsInput.focus();
    });
    var shareHint = el("p", {
      class: "reflect-hint",
      text: t("bank_share_hint"),
    });
    form.appendChild(el("div", { class: "reflect-toolbar" }, [clearButton]));
    root.appendChild(heading);
    root.appendChild(form);
    root.appendChild(live);
    root.appendChild(empty);
    root.appendChild(shareHint);

    /* --- the filters in words: the table's caption and the printed page ------------------- */
    var table = document.querySelector("table.reflect-bank");
    var caption = table && table.querySelector(":scope > caption");
    var originalCaption = caption ? caption.textContent : "";
    var printNote = el("p", { class: "reflect-print-only reflect-print-note", id: "reflect-bank-print-note" });
    if (table && table.parentNode) table.parentNode.insertBefore(printNote, table);
    else root.appendChild(printNote);
    // On a narrow screen the rows stack: each cell shows its column's name (the page's own header).
    var headers = table
      ? Array.prototype.map.call(table.querySelectorAll(":scope > thead th"), function (th) {
          return th.textContent;
        })
      : [];
    var tbody = table && table.tBodies.length ? table.tBodies[0] : null;
    var tooLong = el("p", { class: "reflect-banner reflect-banner--info", hidden: true, role: "status", text: t("hash_too_long") });
    root.insertBefore(tooLong, form);

    function names(kind, ids) {
      return ids.map(function (id) {
        var item = known[kind][id];
        return item ? item.name || item.title || item.label : id;
      });
    }

    function describeFilters(filtered) {
      var parts = [];
      if (state.audience.length) parts.push(t("bank_filter_audience", { names: names("audience", state.audience).join(", ") }));
      if (state.owner.length) parts.push(t("bank_filter_owner", { names: names("owner", state.owner).join(", ") }));
      var themes = names("theme", state.theme).concat(names("subtheme", state.subtheme));
      if (themes.length) parts.push(t("bank_filter_theme", { names: themes.join(", ") }));
      if (state.words.trim()) parts.push(t("bank_filter_words", { words: state.words.trim().slice(0, 200) }));
      var text = filtered ? t("bank_filtered_caption", { filters: parts.join("; ") || t("bank_no_filters"), shown: visible.length, count: questions.length }) : originalCaption;
      if (caption) caption.textContent = text;
      printNote.textContent = filtered ? text : t("bank_print_all", { count: questions.length });
    }

    /* --- add to my guide -------------------------------------------------------------------- */
    var guidesKey = "reflect:" + R.slug(data.site || document.title) + ":compose:guides";
    var draftKey = "reflect:" + R.slug(data.site || document.title) + ":compose:draft";
    var visible = [];
    var byId = new Map(
      questions.map(function (item) {
        return [item.q.id, item];
      })
    );
    function readGuides() {
      var raw = null;
      try {
        raw = window.localStorage.getItem(guidesKey) || window.localStorage.getItem(draftKey);
      } catch (error) {
        raw = null;
      }
      return R.guides.read(raw || "null", function (id) {
        return byId.has(id);
      });
    }
    function writeGuides(store) {
      try {
        window.localStorage.setItem(guidesKey, JSON.stringify(store));
        return true;
      } catch (error) {
        return false;
      }
    }
    var guideStatus = el("p", { class: "reflect-count", id: "reflect-bank-guide-status" });
    var guideSay = R.liveRegion(el("div"), "reflect-vh");
    var addAll = R.button(t("bank_add_all"), function () {
      addQuestions(visible);
    }, { "data-action": "add-all", class: "reflect-button reflect-button--primary" });
    var composeLink = el("a", { href: composePage(data), class: "reflect-button", "data-action": "open-composer", text: t("bank_open_composer") });
    root.appendChild(
      el("div", { class: "reflect-bank-guide", role: "group", "aria-label": t("bank_guide_group") }, [
        guideStatus,
        el("div", { class: "reflect-toolbar" }, [addAll, composeLink]),
        guideSay.node,
      ])
    );
    var rowButtons = new Map();
    /* A row's column names (for narrow screens), its "add" button and its printed prompts. */
    function decorate(item, row) {
      if (!row || !row.cells.length) return;
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        if (index > 0 && headers[index]) cell.setAttribute("data-label", headers[index]);
      });
      var cell = row.cells[0];
      var button = R.button("", function () {
        addQuestions([item.q.id]);
      }, { class: "reflect-button reflect-button--small reflect-bank-add", "data-action": "add", "data-question": item.q.id });
      cell.appendChild(button);
      if ((item.q.prompts || []).length) {
        cell.appendChild(
          el("ul", { class: "reflect-print-only reflect-bank-prompts" }, item.q.prompts.map(function (p) {
            return el("li", { text: p });
          }))
        );
      }
      rowButtons.set(item.q.id, button);
    }
    questions.forEach(function (item) {
      decorate(item, item.row);
    });
    function shortText(text) {
      return text.length > 60 ? text.slice(0, 59) + "\u2026" : text;
    }
    function renderGuide() {
      var store = readGuides();
      var guide = R.guides.find(store, store.open);
      var have = new Set(guide ? guide.ids : []);
      var title = guide ? guide.title || t("compose_default_title") : t("compose_default_title");
      guideStatus.textContent = guide
        ? t("bank_guide_status", { title: title, count: guide.ids.length })
        : t("bank_guide_none");
      labelButtons(have);
    }
    function labelButtons(have) {
      if (!have) {
        var store = readGuides();
        var guide = R.guides.find(store, store.open);
        have = new Set(guide ? guide.ids : []);
      }
      rowButtons.forEach(function (button, id) {
        var inGuide = have.has(id);
        button.textContent = "";
        button.appendChild(document.createTextNode(inGuide ? t("bank_in_guide") : t("bank_add")));
        button.appendChild(el("span", { class: "reflect-vh", text: ": " + shortText(byId.get(id).q.text) }));
        button.setAttribute("aria-disabled", inGuide ? "true" : "false");
      });
    }
    function addQuestions(ids) {
      var store = readGuides();
      var result = R.guides.addQuestions(store, ids, new Date().toISOString());
      if (!writeGuides(result.store)) {
        guideSay.say(t("bank_guide_not_saved"));
        return;
      }
      renderGuide();
      var guide = R.guides.find(result.store, result.store.open);
      guideSay.say(
        result.added
          ? t("bank_added", { count: result.added, title: guide.title || t("compose_default_title"), total: guide.ids.length })
          : t("bank_added_none")
      );
    }
    function onStorage(event) {
      if (event.key === guidesKey || event.key === null) renderGuide();
    }
    window.addEventListener("storage", onStorage);
    renderGuide();

    wordsInput.addEventListener("input", function () {
      state.words = wordsInput.value;
      state.page = 1;
      apply(false);
    });

    function indexBy(items) {
      var out = Object.create(null);
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
        state.page = 1;
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
            { class: "reflect-options reflect-options--nested", "aria-label": t("bank_subthemes_of", { theme: theme.label }) },
            (theme.subthemes || []).map(function (sub) {
              return checkbox("subtheme", sub);
            })
          );
          return checkbox("theme", theme, subs);
        })
      );
      return facetBox("theme", t("bank_theme"), list);
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

    function matches(item, skip, words) {
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

    function updateCounts(words) {
      // Each option's count: the questions it would show, given every other filter.
      FACETS.forEach(function (name) {
        var pool = questions.filter(function (item) {
          return matches(item, name, words);
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
            counters[kind][id].textContent = t("bank_option_count", { count: n });
          });
        });
        var selected = name === "theme" ? state.theme.length + state.subtheme.length : state[name].length;
        summaries[name].textContent = selected ? t("bank_selected", { count: selected }) : "";
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

    function apply(fromState, keepAnchor) {
      if (fromState) syncControls();
      var shown = 0;
      // The words once per change (not once per question): a long phrase stays cheap.
      var words = R.words(state.words.slice(0, MAX_WORDS_LENGTH)).slice(0, MAX_WORDS);
      var shownIds = [];
      questions.forEach(function (item) {
        var ok = matches(item, null, words);
        if (ok) shownIds.push(item.q.id);
        if (ok) shown += 1;
        if (item.row) item.row.hidden = !ok;
      });
      updateCounts(words);
      var total = questions.length;
      var filtered = shown !== total || activeFilters() > 0;
      live.textContent = filtered
        ? t("bank_showing", { shown: shown, count: total })
        : t("bank_showing_all", { count: total });
      visible = shownIds;
      describeFilters(filtered);
      if (pageSize) showPage();
      addAll.disabled = shown === 0;
      if (pageSize) addAll.textContent = t("bank_add_all_matching", { count: shown });
      empty.hidden = shown > 0;
      root.setAttribute("data-shown", String(shown));
      var fragment = R.encodeHashState([
        ["audience", state.audience],
        ["owner", state.owner],
        ["theme", state.theme],
        ["subtheme", state.subtheme],
        ["words", state.words.trim() ? state.words : ""],
        ["page", pageSize && state.page > 1 ? String(state.page) : ""],
      ]);
      // No filters and the address points at a question's row: leave that anchor alone.
      if (!keepAnchor && (fragment || R.readHashState())) R.writeHash(fragment);
    }

    /* --- pages of a large bank ------------------------------------------------------------- */
    var pageText = el("span", { class: "reflect-pager__page" });
    var previousButton = R.button(t("bank_previous"), function () {
      turn(-1);
    }, { "data-action": "previous-page" });
    var nextButton = R.button(t("bank_next"), function () {
      turn(1);
    }, { "data-action": "next-page" });
    var pageStatus = el("p", { class: "reflect-count", role: "status", id: "reflect-bank-page-status" });
    if (pageSize && table) {
      if (tbody) tbody.textContent = "";
      if (caption) caption.setAttribute("tabindex", "-1");
      var pager = el("nav", { class: "reflect-pager", "aria-label": t("bank_pager") }, [
        el("div", { class: "reflect-toolbar" }, [previousButton, pageText, nextButton]),
        pageStatus,
      ]);
      table.parentNode.insertBefore(pager, table.nextSibling);
    }

    function turn(step) {
      state.page = paging.window(visible.length, pageSize, state.page + step).page;
      apply(false);
      // Reading starts again at the top of the new page.
      var target = caption || (tbody && tbody.querySelector("a"));
      if (target) target.focus();
    }

    function showPage() {
      var at = paging.window(visible.length, pageSize, state.page);
      state.page = at.page;
      renderRows(visible.slice(at.start, at.end));
      pageText.textContent = t("bank_page_of", { page: at.page, pages: at.pages });
      pageStatus.textContent = at.end > at.start
        ? t("bank_page_status", { first: at.start + 1, last: at.end, count: visible.length })
        : "";
      previousButton.disabled = at.page <= 1;
      nextButton.disabled = at.page >= at.pages;
    }

    function named(list, id, key) {
      var item = list[id];
      return item ? String(item[key] || "") : "";
    }

    /* Rows drawn from the data: text only, never HTML. */
    function renderRows(ids) {
      if (!tbody) return;
      tbody.textContent = "";
      rowButtons.clear();
      var sections = Array.isArray(data.sections) ? data.sections : [];
      ids.forEach(function (id) {
        var item = byId.get(id);
        var q = item.q;
        var subs = (q.subthemes || []).map(function (sid) {
          return named(known.subtheme, sid, "label");
        });
        var row = el("tr", {
          id: "bank-" + q.id,
          "data-audience": q.audience,
          "data-owner": q.owner,
          "data-themes": (q.themes || []).join(" "),
          "data-subthemes": (q.subthemes || []).join(" "),
        }, [
          el("td", {}, [el("a", { href: typeof q.u === "string" ? q.u : "#", text: String(q.n || "") + " " + q.text })]),
          el("td", { text: named(known.audience, q.audience, "name") }),
          el("td", { text: named(known.owner, q.owner, "title") }),
          el("td", { text: typeof sections[q.s] === "string" ? sections[q.s] : "" }),
          el("td", {}, subs.length ? [el("ul", {}, subs.map(function (s) {
            return el("li", { text: s });
          }))] : [String(data.none || "")]),
        ]);
        tbody.appendChild(row);
        decorate(item, row);
      });
      labelButtons();
    }

    /* Open the page that holds a question (clearing filters that hide it), at its row. */
    function showQuestion(id) {
      if (visible.indexOf(id) < 0) {
        state = { audience: [], owner: [], theme: [], subtheme: [], words: "", page: 1 };
        apply(true, true);
      }
      state.page = paging.pageOf(visible.indexOf(id), pageSize);
      apply(false, true);
      var row = document.getElementById("bank-" + id);
      if (row) row.scrollIntoView();
    }

    // Printing a paged bank prints every matching question, then the page comes back.
    function onBeforePrint() {
      if (pageSize) renderRows(visible);
    }
    function onAfterPrint() {
      if (pageSize) showPage();
    }

    function activeFilters() {
      return (
        state.audience.length + state.owner.length + state.theme.length + state.subtheme.length + (state.words.trim() ? 1 : 0)
      );
    }

    function readState() {
      var hash = R.readHashState();
      tooLong.hidden = !R.hashTooLong;
      var next = { audience: [], owner: [], theme: [], subtheme: [], words: "", page: 1 };
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
        next.page = paging.pageNumber(R.hashText(hash, "page"));
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
        var anchor;
        try {
          anchor = decodeURIComponent(window.location.hash.slice(1));
        } catch (error) {
          return;
        }
        var target = document.getElementById(anchor);
        if (!target && pageSize && anchor.indexOf("bank-") === 0 && byId.has(anchor.slice(5))) {
          showQuestion(anchor.slice(5));
          return;
        }
        if (target && target.closest && target.closest("tr[hidden]")) {
          state = { audience: [], owner: [], theme: [], subtheme: [], words: "", page: 1 };
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
    var opening = R.readHashState() ? "" : window.location.hash.slice(1);
    if (pageSize && opening.indexOf("bank-") === 0 && byId.has(opening.slice(5))) showQuestion(opening.slice(5));
    window.addEventListener("hashchange", onHashChange);
    window.addEventListener("beforeprint", onBeforePrint);
    window.addEventListener("afterprint", onAfterPrint);
    root.setAttribute("data-ready", "true");

    return function cleanup() {
      window.removeEventListener("hashchange", onHashChange);
      window.removeEventListener("storage", onStorage);
      window.removeEventListener("beforeprint", onBeforePrint);
      window.removeEventListener("afterprint", onAfterPrint);
    };
  }
})();
