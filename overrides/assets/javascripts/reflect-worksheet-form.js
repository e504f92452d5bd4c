/* Reflect: the worksheet's form — its box (title, privacy note, then the banners, status,
 * bar and file chooser it is given), the rating and answer fields under each question on the
 * page, their print copy, and the answers kept for questions a later content version
 * removed. A view of its own (R.WorksheetForm), made by the worksheet (see
 * reflect-worksheet.js) and given only what it needs; it keeps the fields it drew. */
(function () {
  "use strict";

  var R = window.Reflect;
  var S = R.sheet;
  var K = R.carry;
  var t = R.t;

  /* After the question's own block: its source line, or just before the next heading. */
  function insertionPoint(heading) {
    var node = heading.nextElementSibling;
    while (node) {
      if (/^H[1-3]$/.test(node.tagName)) return { parent: heading.parentNode, before: node };
      if (node.classList && node.classList.contains("reflect-source")) {
        return { parent: heading.parentNode, before: node.nextSibling };
      }
      node = node.nextElementSibling;
    }
    return { parent: heading.parentNode, before: null };
  }

  /* sheet: what the form reads from the worksheet and does with it —
   *   root: the worksheet's box; data: the set's data; model: its model (reflect-sheet.js:
   *   questions, byId, scale); answers(): the answers now;
   *   edit(id, field, value, now): a field was changed ("text" or "rating");
   *   flush(): save what waits to be saved; confirm(id): the person confirmed a carried answer. */
  function WorksheetForm(sheet) {
    this.sheet = sheet;
    this.fields = Object.create(null); // per question id: its textarea, radios, print copy and carried box
    this.retired = R.el("section", {
      class: "reflect-retired",
      hidden: true,
      "aria-labelledby": "reflect-retired-title",
    });
    this.printHeader = R.el("p", { class: "reflect-print-only reflect-print-note" });
  }

  /* The box (its title and privacy note, then `parts` in order: the banners, status, bar
   * and file chooser), and the fields under each question. */
  WorksheetForm.prototype.build = function (parts) {
    var el = R.el;
    var self = this;
    var root = this.sheet.root;
    var data = this.sheet.data;
    root.textContent = "";
    root.classList.add("reflect-panel");
    root.setAttribute("data-ready", "false");

    var title = el("h2", { id: "reflect-worksheet-title", text: t("ws_title") });
    var privacy = el("div", { class: "reflect-privacy" }, [
      el("p", {}, [el("strong", { text: t("ws_privacy_lead") }), " " + t("ws_privacy")]),
      el("p", {
        text: t("ws_under_each", {
          response: (data.response_label || t("ws_answer")).toLowerCase(),
          scale: (data.scale && data.scale.label) || "",
        }),
      }),
    ]);
    root.appendChild(title);
    root.appendChild(privacy);
    parts.forEach(function (node) {
      root.appendChild(node);
    });
    root.appendChild(this.retired);
    root.appendChild(this.printHeader);

    // Starting again on the same page (it should not happen): no second set of fields.
    document.querySelectorAll(".reflect-answer[data-question]").forEach(function (node) {
      node.remove();
    });
    // The answer fields go under each question on the page; a question the page does not
    // show (it should not happen) gets its fields inside the worksheet box instead.
    var fallback = null;
    this.sheet.model.questions.forEach(function (item) {
      var block = self.answerBlock(item);
      // Only a heading the page holds once (content could repeat an id).
      var headings = document.querySelectorAll('[id="q-' + item.q.id + '"]');
      var heading = headings.length === 1 ? headings[0] : null;
      if (heading && root.parentNode && heading !== root) {
        var place = insertionPoint(heading);
        place.parent.insertBefore(block, place.before);
      } else {
        if (!fallback) {
          fallback = el("div", { class: "reflect-fallback-questions" });
          root.appendChild(fallback);
        }
        fallback.appendChild(el("h3", { text: t("compose_numbered", { number: item.q.number, text: item.q.text }) }));
        fallback.appendChild(block);
      }
    });
  };

  WorksheetForm.prototype.answerBlock = function (item) {
    var el = R.el;
    var sheet = this.sheet;
    var data = sheet.data;
    var q = item.q;
    var id = q.id;
    var which = t("ws_which", { number: q.number });
    var radios = [];
    var options = [{ value: "", label: t("ws_not_rated_yet") }].concat(
      sheet.model.scale.map(function (o) {
        return { value: String(o.value), label: t("ws_scale_option", { value: o.value, label: o.label }) };
      })
    );
    var optionNodes = options.map(function (option) {
      var inputId = "reflect-rating-" + id + "-" + (option.value || "none");
      var input = el("input", { type: "radio", name: "reflect-rating-" + id, id: inputId, value: option.value });
      input.addEventListener("change", function () {
        if (input.checked) sheet.edit(id, "rating", option.value === "" ? null : Number(option.value), true);
      });
      radios.push(input);
      return el("li", { class: "reflect-option" }, [input, el("label", { for: inputId, text: option.label })]);
    });
    var textId = "reflect-answer-" + id;
    var textarea = el("textarea", { id: textId, rows: "5", class: "reflect-input", spellcheck: "true" });
    textarea.addEventListener("input", function () {
      sheet.edit(id, "text", textarea.value, false);
    });
    textarea.addEventListener("blur", function () {
      sheet.flush();
    });
    // What this answer carried from an earlier version (drawn by renderCarried).
    var carried = el("div", { class: "reflect-carried", id: "reflect-carried-" + id, hidden: true, "data-carried": "" });
    var printRating = el("p", { class: "reflect-print-only reflect-print-rating" });
    var printText = el("div", { class: "reflect-print-only reflect-print-text" });
    var block = el("div", { class: "reflect-answer", id: "reflect-answer-block-" + id, "data-question": id }, [
      carried,
      el("fieldset", { class: "reflect-answer__rating" }, [
        el("legend", {}, [
          (data.scale && data.scale.label) || t("ws_rating"),
          el("span", { class: "reflect-vh", text: " (" + which + ")" }),
        ]),
        el("ul", { class: "reflect-options reflect-options--inline" }, optionNodes),
      ]),
      el("div", { class: "reflect-field" }, [
        el("label", { for: textId }, [
          data.response_label || t("ws_your_answer"),
          el("span", { class: "reflect-vh", text: " (" + which + ")" }),
        ]),
        textarea,
      ]),
      printRating,
      printText,
    ]);
    this.fields[id] = { textarea: textarea, radios: radios, printRating: printRating, printText: printText, carried: carried };
    return block;
  };

  /* Every field, the removed questions' answers and the print header, as the answers say. */
  WorksheetForm.prototype.renderAll = function () {
    var self = this;
    var data = this.sheet.data;
    this.sheet.model.questions.forEach(function (item) {
      self.renderField(item.q.id);
    });
    this.renderRetired();
    this.printHeader.textContent =
      t("ws_print_header", { title: data.title || "", date: R.today(), version: data.content_version || "" });
  };

  /* Whether a question has fields on this page. */
  WorksheetForm.prototype.has = function (id) {
    return Object.prototype.hasOwnProperty.call(this.fields, id);
  };

  /* Focus a question's answer (rating: its first rating button instead). */
  WorksheetForm.prototype.focus = function (id, rating) {
    var field = this.fields[id];
    if (!field) return false;
    (rating ? field.radios[0] || field.textarea : field.textarea).focus();
    return true;
  };

  WorksheetForm.prototype.renderField = function (id) {
    var field = this.fields[id];
    if (!field) return;
    var answer = this.sheet.answers()[id] || { text: "", rating: null };
    if (field.textarea.value !== (answer.text || "")) field.textarea.value = answer.text || "";
    var rating = answer.rating === null || answer.rating === undefined ? "" : String(answer.rating);
    field.radios.forEach(function (radio) {
      radio.checked = radio.value === rating;
    });
    this.renderCarried(id);
    this.renderPrint(id);
  };

  /* After an edit of a question's answer: what shows it besides the field being edited. */
  WorksheetForm.prototype.renderEdited = function (id) {
    if (this.fields[id]) this.renderCarried(id); // a rating on this scale replaces one on an earlier scale
    this.renderPrint(id);
  };

  /* The flag on an answer carried from an earlier version: reworded or replaced since it
   * was given (with a button to confirm it), and a rating given on an earlier scale (shown,
   * not counted until rated on this one). The answer's fields are described by it. */
  WorksheetForm.prototype.renderCarried = function (id) {
    var el = R.el;
    var sheet = this.sheet;
    var field = this.fields[id];
    var answer = sheet.answers()[id];
    var box = field.carried;
    var waiting = K.toConfirm(answer);
    var earlier = K.earlierRating(answer);
    var described = [field.textarea].concat(field.radios);
    box.textContent = "";
    box.hidden = !waiting && earlier === null;
    described.forEach(function (node) {
      if (box.hidden) node.removeAttribute("aria-describedby");
      else node.setAttribute("aria-describedby", box.id);
    });
    if (box.hidden) return;
    var number = sheet.model.byId[id].q.number;
    if (waiting) {
      var flag = answer.carried.status === "reworded" ? t("ws_carried_reworded") : t("ws_carried_replaced", { version: answer.carried.from });
      box.appendChild(el("p", {}, [el("strong", { class: "reflect-carried__flag", text: flag })]));
    }
    if (earlier !== null) {
      box.appendChild(el("p", { "data-earlier-rating": String(earlier), text: t("ws_earlier_rating", { version: answer.carried.from, rating: S.earlierRatingLabel(sheet.model, answer) }) }));
    }
    if (waiting) {
      box.appendChild(
        R.button(t("ws_confirm"), function () {
          sheet.confirm(id);
        }, { "data-action": "confirm-carried", class: "reflect-button reflect-button--small" })
      );
      var button = box.lastChild;
      button.appendChild(el("span", { class: "reflect-vh", text: " (" + t("ws_which", { number: number }) + ")" }));
    }
  };

  WorksheetForm.prototype.renderPrint = function (id) {
    var model = this.sheet.model;
    var field = this.fields[id];
    if (!field) {
      this.renderRetired();
      return;
    }
    var answer = this.sheet.answers()[id] || { text: "", rating: null };
    field.printRating.textContent =
      S.scaleLabel(model, t) +
      " " +
      (answer.rating === null || answer.rating === undefined ? t("ws_not_rated") : S.ratingLabel(model, answer.rating));
    field.printText.textContent = answer.text || "";
    field.printText.classList.toggle("reflect-print-text--empty", !answer.text);
  };

  WorksheetForm.prototype.renderRetired = function () {
    var el = R.el;
    var model = this.sheet.model;
    var answers = this.sheet.answers();
    var ids = S.retiredIds(model, answers);
    var box = this.retired;
    box.textContent = "";
    box.hidden = ids.length === 0;
    if (!ids.length) return;
    box.appendChild(el("h3", { id: "reflect-retired-title", text: t("ws_retired_title") }));
    box.appendChild(el("p", { text: t("ws_retired_text") }));
    var list = el("dl", { class: "reflect-retired__list" });
    ids.forEach(function (id) {
      var answer = answers[id];
      list.appendChild(el("dt", { text: answer.question || t("ws_question_id", { id: id }) }));
      var parts = [];
      if (answer.rating !== null && answer.rating !== undefined) parts.push(el("p", { text: t("ws_rating_is", { rating: S.ratingLabel(model, answer.rating) }) }));
      if (answer.text) parts.push(el("p", { class: "reflect-retired__text", text: answer.text }));
      list.appendChild(el("dd", { "data-question": id }, parts));
    });
    box.appendChild(list);
  };

  R.WorksheetForm = WorksheetForm;
})();
