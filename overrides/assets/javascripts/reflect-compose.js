/* Reflect: compose your own guide from the question bank. Pick questions (each comes with
 * its prompts) from any audience, guide or set, put them in order (buttons, so it works by
 * keyboard), give the guide a title, then print it, export it as Markdown or JSON, or
 * share it as a link: the guide lives in the URL fragment, and a copy is kept in this
 * browser so that it is still there when you come back. Nothing is sent anywhere. */
(function () {
  "use strict";

  var R = window.Reflect;
  var FORMAT = "reflect-composed-guide";
  var FORMAT_VERSION = 1;
  var DEFAULT_TITLE = "My guide";

  R.onPage(function () {
    var root = document.getElementById("reflect-composer");
    var data = R.readData(root, "reflect-bank-data");
    if (!root || !data || !Array.isArray(data.questions)) return null;
    return setup(root, data);
  });

  function setup(root, data) {
    var el = R.el;
    var byId = {};
    data.questions.forEach(function (q) {
      byId[q.id] = q;
    });
    var audiences = {};
    (data.audiences || []).forEach(function (a) {
      audiences[a.id] = a;
    });
    var draftKey = "reflect:" + R.slug(data.site || document.title) + ":compose:draft";
    var state = { title: "", ids: [] };
    var missing = 0;

    document.documentElement.classList.add("reflect-has-composer");
    root.textContent = "";
    root.setAttribute("data-ready", "false");

    /* --- 1. choose ------------------------------------------------------------------- */
    var ownerSelect = el("select", { id: "reflect-compose-owner", class: "reflect-input" }, [
      el("option", { value: "", text: "Every guide and question set" }),
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
    var wordsInput = el("input", {
      type: "search",
      id: "reflect-compose-words",
      class: "reflect-input",
      autocomplete: "off",
      spellcheck: "false",
    });
    var pickCount = el("p", { class: "reflect-count", role: "status", id: "reflect-compose-pick-count" });
    var pickList = el("div", { class: "reflect-compose-choices" });
    var pickSection = el("section", { class: "reflect-panel reflect-compose-pick", "aria-labelledby": "reflect-compose-pick-title" }, [
      el("h2", { id: "reflect-compose-pick-title", text: "1. Choose questions" }),
      el("p", {
        class: "reflect-hint",
        text: "Tick a question to add it, with its prompts, to the end of your guide; untick it to take it out.",
      }),
      el("div", { class: "reflect-filters reflect-filters--row" }, [
        el("div", { class: "reflect-field" }, [el("label", { for: ownerSelect.id, text: "Show questions from" }), ownerSelect]),
        el("div", { class: "reflect-field" }, [el("label", { for: wordsInput.id, text: "Containing the words" }), wordsInput]),
      ]),
      pickCount,
      pickList,
    ]);

    var checkboxes = {};
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
        checkboxes[q.id] = box;
        var prompts = (q.prompts || []).length
          ? el(
              "ul",
              { class: "reflect-compose-prompts", "aria-label": "Prompts" },
              q.prompts.map(function (p) {
                return el("li", { text: p });
              })
            )
          : null;
        var li = el("li", { class: "reflect-option reflect-compose-choice", "data-question": q.id }, [
          box,
          el("label", { for: id, text: q.number + ". " + q.text }),
          prompts,
        ]);
        pickItems.push({ q: q, li: li, haystack: R.normalise([q.text].concat(q.prompts || []).join(" \u0000 ")) });
        list.appendChild(li);
      });
      var audience = audiences[questions[0].audience];
      var group = el("div", { class: "reflect-compose-group", "data-owner": owner.id }, [
        el("h3", { id: headingId }, [
          owner.title,
          audience ? el("span", { class: "reflect-compose-group__audience", text: " (for " + audience.name + ")" }) : null,
        ]),
        list,
      ]);
      groups.push({ owner: owner.id, node: group });
      pickList.appendChild(group);
    });

    function filterChoices() {
      var owner = ownerSelect.value;
      var words = R.words(wordsInput.value);
      var shown = 0;
      pickItems.forEach(function (item) {
        var ok = (!owner || item.q.owner === owner) &&
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
          ? "Showing all " + shown + " questions."
          : "Showing " + shown + " of " + pickItems.length + " questions.";
    }
    ownerSelect.addEventListener("change", filterChoices);
    wordsInput.addEventListener("input", filterChoices);

    /* --- 2. your guide ----------------------------------------------------------------- */
    var titleInput = el("input", {
      type: "text",
      id: "reflect-compose-title",
      class: "reflect-input",
      autocomplete: "off",
      placeholder: DEFAULT_TITLE,
    });
    titleInput.addEventListener("input", function () {
      state.title = titleInput.value;
      changed();
    });
    var guideCount = el("p", { class: "reflect-count", id: "reflect-compose-count" });
    var announce = R.liveRegion(el("div"), "reflect-vh");
    var notice = el("div", { class: "reflect-alerts", role: "alert" });
    var picked = el("ol", { class: "reflect-compose-picked", "aria-labelledby": "reflect-compose-guide-title" });
    var emptyNote = el("p", {
      class: "reflect-empty",
      text: "Your guide has no questions yet: choose some above.",
    });
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
      el("h2", { id: "reflect-compose-guide-title", text: "2. Your guide" }),
      notice,
      el("div", { class: "reflect-field" }, [el("label", { for: titleInput.id, text: "Title of your guide" }), titleInput]),
      guideCount,
      emptyNote,
      picked,
      el("div", { class: "reflect-toolbar", role: "group", "aria-label": "Guide actions" }, [
        R.button("Print", function () {
          window.print();
        }, { "data-action": "print" }),
        R.button("Export Markdown", exportMarkdown, { "data-action": "export-markdown" }),
        R.button("Export JSON", exportJSON, { "data-action": "export-json" }),
        R.button("Copy link", function () {
          R.copyText(linkInput.value, linkInput).then(function (ok) {
            announce.say(ok ? "Link copied." : "Select the link and copy it.");
          });
        }, { "data-action": "copy-link" }),
        R.button("Start again", startAgain, { "data-action": "start-again", class: "reflect-button reflect-button--danger" }),
      ]),
      el("div", { class: "reflect-field" }, [
        el("label", { for: linkInput.id, text: "Link to this guide" }),
        el("p", {
          class: "reflect-hint",
          id: "reflect-compose-link-hint",
          text: "The link holds the title and the questions, so whoever opens it sees the same guide. Your guide is also kept in this browser on this device; nothing is sent anywhere.",
        }),
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
      if (state.ids.indexOf(id) >= 0 || !byId[id]) return;
      state.ids.push(id);
      changed();
      announce.say("Added question " + (state.ids.length) + " to your guide: " + byId[id].text);
    }

    function remove(id, focusNext) {
      var index = state.ids.indexOf(id);
      if (index < 0) return;
      state.ids.splice(index, 1);
      changed();
      announce.say("Removed from your guide: " + byId[id].text + ". " + countText());
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
        announce.say(by < 0 ? "Already first." : "Already last.");
        return;
      }
      state.ids.splice(index, 1);
      state.ids.splice(to, 0, id);
      changed();
      var li = picked.querySelector('[data-question="' + id + '"]');
      if (li) li.querySelector('[data-action="' + action + '"]').focus();
      announce.say("Moved to position " + (to + 1) + " of " + state.ids.length + ".");
    }

    function startAgain() {
      if (!state.ids.length && !state.title) return;
      R.confirm({
        title: "Start again?",
        message:
          "This removes the title and " +
          (state.ids.length === 1 ? "the question" : "all " + state.ids.length + " questions") +
          " from your guide.",
        confirm: "Start again",
        danger: true,
        container: root,
      }).then(function (yes) {
        if (!yes) return;
        state = { title: "", ids: [] };
        titleInput.value = "";
        changed();
        announce.say("Your guide is empty.");
      });
    }

    function countText() {
      var n = state.ids.length;
      return n === 1 ? "1 question in your guide." : n + " questions in your guide.";
    }

    function title() {
      return state.title.trim() || DEFAULT_TITLE;
    }

    function fragment() {
      return R.encodeHashState([
        ["title", state.title],
        ["q", state.ids],
      ]);
    }

    function changed() {
      render();
      var hash = fragment();
      if (hash || R.readHashState()) R.writeHash(hash);
      linkInput.value = window.location.href.split("#")[0] + (hash ? "#" + hash : "");
      try {
        window.localStorage.setItem(draftKey, JSON.stringify({ title: state.title, ids: state.ids }));
      } catch (error) {
        // The link still holds the guide; nothing else depends on this copy.
      }
    }

    function render() {
      picked.textContent = "";
      state.ids.forEach(function (id, index) {
        picked.appendChild(pickedItem(byId[id], index));
      });
      Object.keys(checkboxes).forEach(function (id) {
        checkboxes[id].checked = state.ids.indexOf(id) >= 0;
      });
      emptyNote.hidden = state.ids.length > 0;
      picked.hidden = state.ids.length === 0;
      guideCount.textContent = countText();
      if (titleInput.value !== state.title) titleInput.value = state.title;
      root.setAttribute("data-count", String(state.ids.length));
      renderPrint();
    }

    function pickedItem(q, index) {
      var last = state.ids.length - 1;
      var label = " question " + (index + 1) + ": " + shorten(q.text);
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
            "From ",
            el("a", { href: q.url, text: q.owner_title + ", question " + q.number }),
          ]),
        ]),
        el("div", { class: "reflect-toolbar reflect-compose-item__actions" }, [
          action("up", "Move up", function () {
            move(q.id, -1, "up");
          }, index === 0),
          action("down", "Move down", function () {
            move(q.id, 1, "down");
          }, index === last),
          action("remove", "Remove", function () {
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
      return text.length > 60 ? text.slice(0, 59) + "…" : text;
    }

    function renderPrint() {
      printTitle.textContent = title();
      printList.textContent = "";
      state.ids.forEach(function (id) {
        var q = byId[id];
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
          var q = byId[id];
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
      announce.say("Exported your guide as JSON.");
    }

    function exportMarkdown() {
      var out = ["# " + title(), ""];
      out.push("Composed from the question bank of " + data.site + " (content version " + data.content_version + ").", "");
      state.ids.forEach(function (id, index) {
        var q = byId[id];
        out.push("## " + (index + 1) + ". " + q.text, "");
        if ((q.prompts || []).length) {
          q.prompts.forEach(function (p) {
            out.push("- " + p);
          });
          out.push("");
        }
        out.push("*From " + q.owner_title + ", question " + q.number + ".*", "");
      });
      R.download(fileName("md"), "text/markdown;charset=utf-8", out.join("\n"));
      announce.say("Exported your guide as Markdown.");
    }

    /* --- start ----------------------------------------------------------------------------- */
    function fromHash() {
      var hash = R.readHashState();
      if (!hash) return null;
      var ids = R.hashList(hash, "q");
      var known = ids.filter(function (id, index) {
        return byId[id] && ids.indexOf(id) === index;
      });
      missing = ids.filter(function (id, index) {
        return !byId[id] && ids.indexOf(id) === index;
      }).length;
      return { title: R.hashText(hash, "title"), ids: known };
    }

    function fromDraft() {
      try {
        var draft = JSON.parse(window.localStorage.getItem(draftKey) || "null");
        if (!draft || !Array.isArray(draft.ids)) return null;
        return {
          title: typeof draft.title === "string" ? draft.title : "",
          ids: draft.ids.filter(function (id, index) {
            return typeof id === "string" && byId[id] && draft.ids.indexOf(id) === index;
          }),
        };
      } catch (error) {
        return null;
      }
    }

    function showMissing() {
      notice.textContent = "";
      if (missing > 0) {
        notice.appendChild(
          el("p", {
            class: "reflect-banner reflect-banner--info",
            text:
              (missing === 1 ? "1 question" : missing + " questions") +
              " in this link " +
              (missing === 1 ? "is" : "are") +
              " no longer in the question bank and " +
              (missing === 1 ? "was" : "were") +
              " left out.",
          })
        );
      }
    }

    function onHashChange() {
      if (R.ignoreNextHashChange) {
        R.ignoreNextHashChange = false;
        return;
      }
      var next = fromHash();
      if (!next) return;
      state = next;
      showMissing();
      changed();
    }

    state = fromHash() || fromDraft() || state;
    showMissing();
    filterChoices();
    changed();
    root.setAttribute("data-ready", "true");
    window.addEventListener("hashchange", onHashChange);

    return function cleanup() {
      window.removeEventListener("hashchange", onHashChange);
      document.documentElement.classList.remove("reflect-has-composer");
    };
  }
})();
