/* Reflect: compose your own guides from the question bank. Pick questions (each comes with
 * its prompts) from any audience, guide or set, filtered as in the bank; put them in order
 * (buttons, so it works by keyboard); give the guide a title; then print it, export it as
 * Markdown or JSON, or share it as a link (the guide rides in the URL fragment).
 *
 * Several named guides are kept in this browser (reflect-guides.js holds the rules). A guide
 * that arrives in a link opens as a new guide: it never writes over one already kept.
 * Nothing is sent anywhere. */
(function () {
  "use strict";

  var R = window.Reflect;
  var FORMAT = "reflect-composed-guide";
  var FORMAT_VERSION = 1;

  R.onPage(function () {
    var tool = R.findTool("reflect-composer");
    if (!tool || !Array.isArray(tool.data.questions)) return null;
    return setup(tool.root, tool.data);
  });

  function setup(root, data) {
    var el = R.el;
    var t = R.t;
    var byId = new Map();
    data.questions.forEach(function (q) {
      byId.set(q.id, q);
    });
    var audiences = new Map();
    (data.audiences || []).forEach(function (a) {
      audiences.set(a.id, a);
    });
    var siteKey = "reflect:" + R.slug(data.site || document.title) + ":compose:";
    var guidesKey = siteKey + "guides";
    var draftKey = siteKey + "draft"; // the single draft of earlier versions, read once
    var store = R.guides.empty();
    var state = { title: "", ids: [] };
    var missing = 0;
    function known(id) {
      return byId.has(id);
    }

    document.documentElement.classList.add("reflect-has-composer");
    root.textContent = "";
    root.setAttribute("data-ready", "false");

    /* --- 1. choose ------------------------------------------------------------------- */
    var ownerSelect = el("select", { id: "reflect-compose-owner", class: "reflect-input" }, [
      el("option", { value: "", text: t("compose_every_owner") }),
    ]);
    (data.audiences || []).forEach(function (audience) {
      var group = el("optgroup", { label: audience.name });
      (data.owners || []).forEach(function (owner) {
        var hasQuestions = data.questions.some(function (q) {
          return q.owner === owner.id && q.audience === audience.id;
        });
        if (hasQuestions) group.appendChild(el("option", { value: owner.id, text: owner.title }));
      });
      if (group.children.length) ownerSelect.appendChild(group);
    });
    var audienceSelect = el("select", { id: "reflect-compose-audience", class: "reflect-input" }, [
      el("option", { value: "", text: t("compose_every_audience") }),
    ].concat(
      (data.audiences || []).map(function (a) {
        return el("option", { value: a.id, text: a.name });
      })
    ));
    var themeSelect = el("select", { id: "reflect-compose-theme", class: "reflect-input" }, [
      el("option", { value: "", text: t("compose_every_theme") }),
    ]);
    (data.themes || []).forEach(function (theme) {
      var group = el("optgroup", { label: theme.label }, [
        el("option", { value: "theme:" + theme.id, text: t("compose_whole_theme", { theme: theme.label }) }),
      ]);
      (theme.subthemes || []).forEach(function (sub) {
        group.appendChild(el("option", { value: "subtheme:" + sub.id, text: sub.label }));
      });
      themeSelect.appendChild(group);
    });
    var wordsInput = el("input", {
      type: "search",
      id: "reflect-compose-words",
      class: "reflect-input",
      autocomplete: "off",
      spellcheck: "false",
    });
    var pickCount = el("p", { class: "reflect-count", role: "status", id: "reflect-compose-pick-count" });
    var pickList = el("div", { class: "reflect-compose-choices" });
    var addShown = R.button(t("compose_add_shown"), function () {
      var ids = pickItems
        .filter(function (item) {
          return !item.li.hidden && state.ids.indexOf(item.q.id) < 0;
        })
        .map(function (item) {
          return item.q.id;
        });
      if (!ids.length) {
        announce.say(t("bank_added_none"));
        return;
      }
      state.ids = state.ids.concat(ids);
      changed();
      announce.say(t("compose_added_many", { count: ids.length }));
    }, { "data-action": "add-shown" });
    function field(input, label) {
      return el("div", { class: "reflect-field" }, [el("label", { for: input.id, text: label }), input]);
    }
    var pickSection = el("section", { class: "reflect-panel reflect-compose-pick", "aria-labelledby": "reflect-compose-pick-title" }, [
      el("h2", { id: "reflect-compose-pick-title", text: t("compose_choose_title") }),
      el("p", { class: "reflect-hint", text: t("compose_choose_hint") }),
      el("div", { class: "reflect-filters reflect-filters--row" }, [
        field(audienceSelect, t("compose_audience")),
        field(themeSelect, t("compose_theme")),
        field(ownerSelect, t("compose_owner")),
        field(wordsInput, t("compose_words")),
      ]),
      pickCount,
      el("div", { class: "reflect-toolbar" }, [addShown]),
      pickList,
    ]);

    var checkboxes = new Map();
    var pickItems = [];
    var groups = [];
    (data.owners || []).forEach(function (owner) {
      var questions = data.questions.filter(function (q) {
        return q.owner === owner.id;
      });
      if (!questions.length) return;
      var headingId = "reflect-compose-owner-" + owner.id;
      var list = el("ul", { class: "reflect-options reflect-compose-choices__list", "aria-labelledby": headingId });
      questions.forEach(function (q) {
        var id = "reflect-pick-" + q.id;
        var box = el("input", { type: "checkbox", id: id, value: q.id });
        box.addEventListener("change", function () {
          if (box.checked) add(q.id);
          else remove(q.id, false);
        });
        checkboxes.set(q.id, box);
        var prompts = (q.prompts || []).length
          ? el(
              "ul",
              { class: "reflect-compose-prompts", "aria-label": t("compose_prompts") },
              q.prompts.map(function (p) {
                return el("li", { text: p });
              })
            )
          : null;
        var li = el("li", { class: "reflect-option reflect-compose-choice", "data-question": q.id }, [
          box,
          el("label", { for: id, text: t("compose_numbered", { number: q.number, text: q.text }) }),
          prompts,
        ]);
        pickItems.push({ q: q, li: li, haystack: R.normalise([q.text].concat(q.prompts || []).join(" \u0000 ")) });
        list.appendChild(li);
      });
      var audience = audiences.get(questions[0].audience);
      var group = el("div", { class: "reflect-compose-group", "data-owner": owner.id }, [
        el("h3", { id: headingId }, [
          owner.title,
          audience ? el("span", { class: "reflect-compose-group__audience", text: " " + t("compose_for_audience", { audience: audience.name }) }) : null,
        ]),
        list,
      ]);
      groups.push({ owner: owner.id, node: group });
      pickList.appendChild(group);
    });

    function filterChoices() {
      var owner = ownerSelect.value;
      var audience = audienceSelect.value;
      var theme = themeSelect.value;
      var themeKind = theme.split(":")[0];
      var themeId = theme.slice(themeKind.length + 1);
      var words = R.words(wordsInput.value.slice(0, 2000)).slice(0, 50);
      var shown = 0;
      pickItems.forEach(function (item) {
        var q = item.q;
        var ok =
          (!owner || q.owner === owner) &&
          (!audience || q.audience === audience) &&
          (!theme || ((themeKind === "theme" ? q.themes : q.subthemes) || []).indexOf(themeId) >= 0) &&
          words.every(function (w) {
            return item.haystack.indexOf(w) >= 0;
          });
        item.li.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.node.hidden = !group.node.querySelector("li.reflect-compose-choice:not([hidden])");
      });
      pickCount.textContent =
        shown === pickItems.length
          ? t("bank_showing_all", { count: shown })
          : t("bank_showing", { shown: shown, count: pickItems.length });
      addShown.disabled = shown === 0;
    }
    [ownerSelect, audienceSelect, themeSelect].forEach(function (select) {
      select.addEventListener("change", filterChoices);
    });
    wordsInput.addEventListener("input", filterChoices);

    /* --- 2. your guides ----------------------------------------------------------------- */
    var guideSelect = el("select", { id: "reflect-compose-guides", class: "reflect-input" });
    guideSelect.addEventListener("change", function () {
      store = R.guides.open(store, guideSelect.value);
      openGuide();
      announce.say(t("compose_opened", { title: title() }));
    });
    var guidesBox = el("div", { class: "reflect-compose-guides" }, [
      field(guideSelect, t("compose_your_guides")),
      el("div", { class: "reflect-toolbar" }, [
        R.button(t("compose_new_guide"), function () {
          store = R.guides.add(store, "", [], new Date().toISOString());
          saveStore();
          openGuide();
          titleInput.focus();
          announce.say(t("compose_new_started"));
        }, { "data-action": "new-guide" }),
      ]),
    ]);
    var titleInput = el("input", {
      type: "text",
      id: "reflect-compose-title",
      class: "reflect-input",
      autocomplete: "off",
      placeholder: t("compose_default_title"),
    });
    titleInput.addEventListener("input", function () {
      state.title = titleInput.value;
      changed();
    });
    var guideCount = el("p", { class: "reflect-count", id: "reflect-compose-count" });
    var announce = R.liveRegion(el("div"), "reflect-vh");
    var notice = el("div", { class: "reflect-alerts", role: "alert" });
    var picked = el("ol", { class: "reflect-compose-picked", "aria-labelledby": "reflect-compose-guide-title" });
    var emptyNote = el("p", { class: "reflect-empty", text: t("compose_empty") });
    var linkInput = el("input", {
      type: "text",
      id: "reflect-compose-link",
      class: "reflect-input",
      readonly: true,
      "aria-describedby": "reflect-compose-link-hint",
    });
    linkInput.addEventListener("focus", function () {
      linkInput.select();
    });
    var guideSection = el("section", { class: "reflect-panel reflect-compose-guide", "aria-labelledby": "reflect-compose-guide-title" }, [
      el("h2", { id: "reflect-compose-guide-title", text: t("compose_guide_title") }),
      notice,
      guidesBox,
      field(titleInput, t("compose_title_label")),
      guideCount,
      emptyNote,
      picked,
      el("div", { class: "reflect-toolbar", role: "group", "aria-label": t("compose_actions") }, [
        R.button(t("print"), function () {
          window.print();
        }, { "data-action": "print" }),
        R.button(t("export_markdown"), exportMarkdown, { "data-action": "export-markdown" }),
        R.button(t("export_json"), exportJSON, { "data-action": "export-json" }),
        R.button(t("compose_copy_link"), function () {
          R.copyText(linkInput.value, linkInput).then(function (ok) {
            announce.say(ok ? t("compose_link_copied") : t("compose_link_select"));
          });
        }, { "data-action": "copy-link" }),
        R.button(t("compose_start_again"), startAgain, { "data-action": "start-again", class: "reflect-button reflect-button--danger" }),
      ]),
      el("div", { class: "reflect-field" }, [
        el("label", { for: linkInput.id, text: t("compose_link_label") }),
        el("p", { class: "reflect-hint", id: "reflect-compose-link-hint", text: t("compose_link_hint") }),
        linkInput,
      ]),
    ]);

    /* --- print copy --------------------------------------------------------------------- */
    var printTitle = el("h2", { class: "reflect-compose-print__title" });
    var printList = el("ol", { class: "reflect-compose-print__list" });
    var printCopy = el("div", { class: "reflect-print-only reflect-compose-print" }, [printTitle, printList]);

    root.appendChild(pickSection);
    root.appendChild(guideSection);
    root.appendChild(announce.node);
    root.appendChild(printCopy);

    /* --- state ------------------------------------------------------------------------- */
    function add(id) {
      if (state.ids.indexOf(id) >= 0 || !byId.has(id)) return;
      state.ids.push(id);
      changed();
      announce.say(t("compose_added", { position: state.ids.length, text: byId.get(id).text }));
    }

    function remove(id, focusNext) {
      var index = state.ids.indexOf(id);
      if (index < 0) return;
      state.ids.splice(index, 1);
      changed();
      announce.say(t("compose_removed", { text: byId.get(id).text }) + " " + countText());
      if (focusNext) {
        var next = picked.children[Math.min(index, picked.children.length - 1)];
        if (next) next.querySelector("[data-action=remove]").focus();
        else titleInput.focus();
      }
    }

    function move(id, by, action) {
      var index = state.ids.indexOf(id);
      var to = index + by;
      if (index < 0 || to < 0 || to >= state.ids.length) {
        announce.say(by < 0 ? t("compose_already_first") : t("compose_already_last"));
        return;
      }
      state.ids.splice(index, 1);
      state.ids.splice(to, 0, id);
      changed();
      var li = picked.querySelector('[data-question="' + id + '"]');
      if (li) li.querySelector('[data-action="' + action + '"]').focus();
      announce.say(t("compose_moved", { position: to + 1, count: state.ids.length }));
    }

    function startAgain() {
      if (!state.ids.length && !state.title) return;
      R.confirm({
        title: t("compose_start_again_title"),
        message: t("compose_start_again_message", { count: state.ids.length }),
        confirm: t("compose_start_again"),
        danger: true,
        container: root,
      }).then(function (yes) {
        if (!yes) return;
        state = { title: "", ids: [] };
        titleInput.value = "";
        changed();
        announce.say(t("compose_emptied"));
      });
    }

    function countText() {
      return t("compose_count", { count: state.ids.length });
    }

    function title() {
      return state.title.trim() || t("compose_default_title");
    }

    function fragment() {
      return R.encodeHashState([
        ["title", state.title],
        ["q", state.ids],
      ]);
    }

    function saveStore() {
      try {
        window.localStorage.setItem(guidesKey, JSON.stringify(store));
      } catch (error) {
        // The link still holds the guide; nothing else depends on this copy.
      }
    }

    function changed() {
      var empty = !state.ids.length && !state.title;
      if (!R.guides.find(store, store.open) && !empty) store = R.guides.add(store, "", [], new Date().toISOString());
      store = R.guides.update(store, { title: state.title, ids: state.ids }, new Date().toISOString());
      saveStore();
      render();
      var hash = fragment();
      if (hash || R.readHashState()) R.writeHash(hash);
      linkInput.value = window.location.href.split("#")[0] + (hash ? "#" + hash : "");
    }

    function renderGuideList() {
      guideSelect.textContent = "";
      store.guides.forEach(function (guide) {
        guideSelect.appendChild(
          el("option", {
            value: guide.id,
            text: t("compose_guide_option", { title: guide.title || t("compose_default_title"), count: guide.ids.length }),
          })
        );
      });
      guideSelect.value = store.open || "";
      guidesBox.hidden = store.guides.length < 2;
    }

    function openGuide() {
      var guide = R.guides.find(store, store.open);
      state = guide ? { title: guide.title, ids: guide.ids.slice() } : { title: "", ids: [] };
      titleInput.value = state.title;
      changed();
    }

    function render() {
      picked.textContent = "";
      state.ids.forEach(function (id, index) {
        picked.appendChild(pickedItem(byId.get(id), index));
      });
      var inGuide = new Set(state.ids);
      checkboxes.forEach(function (box, id) {
        box.checked = inGuide.has(id);
      });
      emptyNote.hidden = state.ids.length > 0;
      picked.hidden = state.ids.length === 0;
      guideCount.textContent = countText();
      if (titleInput.value !== state.title) titleInput.value = state.title;
      root.setAttribute("data-count", String(state.ids.length));
      root.setAttribute("data-guides", String(store.guides.length));
      renderGuideList();
      renderPrint();
    }

    function pickedItem(q, index) {
      var last = state.ids.length - 1;
      var label = " " + t("compose_item_label", { position: index + 1, text: shorten(q.text) });
      function action(name, text, handler, disabled) {
        var button = R.button(text, handler, {
          "data-action": name,
          class: "reflect-button reflect-button--small",
          "aria-disabled": disabled ? "true" : null,
        });
        button.appendChild(el("span", { class: "reflect-vh", text: label }));
        return button;
      }
      var prompts = (q.prompts || []).length
        ? el(
            "ul",
            { class: "reflect-compose-prompts" },
            q.prompts.map(function (p) {
              return el("li", { text: p });
            })
          )
        : null;
      var li = el("li", { class: "reflect-compose-item", "data-question": q.id }, [
        el("div", { class: "reflect-compose-item__text" }, [
          el("p", { class: "reflect-compose-item__question", text: q.text }),
          prompts,
          el("p", { class: "reflect-compose-item__from" }, [
            t("compose_from") + " ",
            el("a", { href: q.url, text: t("compose_from_link", { owner: q.owner_title, number: q.number }) }),
          ]),
        ]),
        el("div", { class: "reflect-toolbar reflect-compose-item__actions" }, [
          action("up", t("compose_move_up"), function () {
            move(q.id, -1, "up");
          }, index === 0),
          action("down", t("compose_move_down"), function () {
            move(q.id, 1, "down");
          }, index === last),
          action("remove", t("compose_remove"), function () {
            remove(q.id, true);
          }, false),
        ]),
      ]);
      // Keyboard shortcut on the item's buttons: Alt+Up / Alt+Down moves the question.
      li.addEventListener("keydown", function (event) {
        if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
        event.preventDefault();
        move(q.id, event.key === "ArrowUp" ? -1 : 1, event.key === "ArrowUp" ? "up" : "down");
      });
      return li;
    }

    function shorten(text) {
      return text.length > 60 ? text.slice(0, 59) + "\u2026" : text;
    }

    function renderPrint() {
      printTitle.textContent = title();
      printList.textContent = "";
      state.ids.forEach(function (id) {
        var q = byId.get(id);
        printList.appendChild(
          el("li", {}, [
            el("p", { class: "reflect-compose-print__question", text: q.text }),
            (q.prompts || []).length
              ? el(
                  "ul",
                  {},
                  q.prompts.map(function (p) {
                    return el("li", { text: p });
                  })
                )
              : null,
            el("div", { class: "reflect-compose-print__notes", "aria-hidden": "true" }),
          ])
        );
      });
    }

    /* --- exports ------------------------------------------------------------------------- */
    function exportObject() {
      return {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        site: data.site,
        content_version: data.content_version,
        title: title(),
        link: linkInput.value,
        questions: state.ids.map(function (id, index) {
          var q = byId.get(id);
          return {
            position: index + 1,
            id: q.id,
            text: q.text,
            prompts: (q.prompts || []).slice(),
            audience: q.audience,
            from: q.owner_title,
            from_id: q.owner,
            from_number: q.number,
            section: q.section,
          };
        }),
      };
    }

    function fileName(extension) {
      return R.slug(title()) + "." + extension;
    }

    function exportJSON() {
      R.download(fileName("json"), "application/json", JSON.stringify(exportObject(), null, 2) + "\n");
      announce.say(t("compose_exported_json"));
    }

    function exportMarkdown() {
      var out = ["# " + title(), ""];
      out.push(t("compose_markdown_source", { site: data.site, version: data.content_version }), "");
      state.ids.forEach(function (id, index) {
        var q = byId.get(id);
        out.push("## " + (index + 1) + ". " + q.text, "");
        if ((q.prompts || []).length) {
          q.prompts.forEach(function (p) {
            out.push("- " + p);
          });
          out.push("");
        }
        out.push("*" + t("compose_markdown_from", { owner: q.owner_title, number: q.number }) + "*", "");
      });
      R.download(fileName("md"), "text/markdown;charset=utf-8", out.join("\n"));
      announce.say(t("compose_exported_markdown"));
    }

    /* --- start ----------------------------------------------------------------------------- */
    function readStore() {
      var raw = null;
      try {
        raw = window.localStorage.getItem(guidesKey);
        if (raw === null) raw = window.localStorage.getItem(draftKey);
      } catch (error) {
        raw = null;
      }
      return R.guides.read(raw === null ? "null" : raw, known);
    }

    /* The guide in the address, if any: {title, ids} (ids known to this bank). */
    function fromHash() {
      var hash = R.readHashState();
      showNotice(R.hashTooLong ? t("hash_too_long") : "");
      if (!hash) return null;
      var ids = R.hashList(hash, "q");
      var kept = ids.filter(known);
      missing = ids.length - kept.length;
      if (missing > 0) showNotice(t("compose_missing", { count: missing }));
      return { title: R.hashText(hash, "title"), ids: kept };
    }

    function showNotice(text) {
      notice.textContent = "";
      if (text) notice.appendChild(el("p", { class: "reflect-banner reflect-banner--info", text: text }));
    }

    /* A guide from a link opens as a new guide; an identical kept one is simply opened. */
    function openLink(linked) {
      var before = store.guides.length;
      var result = R.guides.fromLink(store, linked.title, linked.ids, new Date().toISOString());
      store = result.store;
      saveStore();
      if (result.added && before > 0 && !missing) {
        showNotice(t("compose_link_added", { title: linked.title || t("compose_default_title"), count: before }));
      }
    }

    function onHashChange() {
      if (R.ignoreNextHashChange) {
        R.ignoreNextHashChange = false;
        return;
      }
      var linked = fromHash();
      if (!linked) return;
      store = readStore();
      openLink(linked);
      openGuide();
    }

    function onStorage(event) {
      if (event.key !== guidesKey) return;
      // Another tab (or the bank) changed the guides: take its version of them, keep ours open.
      var openId = store.open;
      store = R.guides.open(readStore(), openId);
      var guide = R.guides.find(store, store.open);
      if (guide) {
        state = { title: guide.title, ids: guide.ids.slice() };
        render();
      }
    }

    store = readStore();
    var linked = fromHash();
    if (linked && (linked.ids.length || linked.title)) openLink(linked);
    filterChoices();
    openGuide();
    root.setAttribute("data-ready", "true");
    window.addEventListener("hashchange", onHashChange);
    window.addEventListener("storage", onStorage);

    return function cleanup() {
      window.removeEventListener("hashchange", onHashChange);
      window.removeEventListener("storage", onStorage);
      document.documentElement.classList.remove("reflect-has-composer");
    };
  }
})();
