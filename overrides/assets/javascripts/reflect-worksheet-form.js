/* Reflect: the worksheet's form — its box (title, privacy note, banners, status, the bar),
 * the rating and answer fields under each question on the page, their print copy, and the
 * answers kept for questions a later content version removed. Methods of the worksheet
 * (see reflect-worksheet.js), added through R.worksheetParts. */
(function () {
  "use strict";

  var R = window.Reflect;
  var S = R.sheet;
  var K = R.carry;
  var t = R.t;
  R.worksheetParts = R.worksheetParts || {};

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

  R.worksheetParts.form = {
    build: function () {
      var el = R.el;
      var self = this;
      var root = this.root;
      var data = this.data;
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
      this.alerts = el("div", { class: "reflect-alerts", role: "alert" });
      this.status = R.liveRegion(el("div"), "reflect-save-status");
      this.status.node.id = "reflect-worksheet-status";

      this.retired = el("section", {
        class: "reflect-retired",
        hidden: true,
        "aria-labelledby": "reflect-retired-title",
      });

      this.printHeader = el("p", { class: "reflect-print-only reflect-print-note" });

      root.appendChild(title);
      root.appendChild(privacy);
      root.appendChild(this.alerts);
      root.appendChild(this.status.node);
      root.appendChild(this.buildBar()); // progress and actions (reflect-worksheet-files.js)
      root.appendChild(this.fileInput);
      root.appendChild(this.retired);
      root.appendChild(this.printHeader);

      // Starting again on the same page (it should not happen): no second set of fields.
      document.querySelectorAll(".reflect-answer[data-question]").forEach(function (node) {
        node.remove();
      });
      // The answer fields go under each question on the page; a question the page does not
      // show (it should not happen) gets its fields inside the worksheet box instead.
      var fallback = null;
      this.questions.forEach(function (item) {
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
    },

    answerBlock: function (item) {
      var el = R.el;
      var self = this;
      var q = item.q;
      var id = q.id;
      var which = t("ws_which", { number: q.number });
      var radios = [];
      var options = [{ value: "", label: t("ws_not_rated_yet") }].concat(
        this.scale.map(function (o) {
          return { value: String(o.value), label: t("ws_scale_option", { value: o.value, label: o.label }) };
        })
      );
      var optionNodes = options.map(function (option) {
        var inputId = "reflect-rating-" + id + "-" + (option.value || "none");
        var input = el("input", { type: "radio", name: "reflect-rating-" + id, id: inputId, value: option.value });
        input.addEventListener("change", function () {
          if (input.checked) self.edit(id, "rating", option.value === "" ? null : Number(option.value), true);
        });
        radios.push(input);
        return el("li", { class: "reflect-option" }, [input, el("label", { for: inputId, text: option.label })]);
      });
      var textId = "reflect-answer-" + id;
      var textarea = el("textarea", { id: textId, rows: "5", class: "reflect-input", spellcheck: "true" });
      textarea.addEventListener("input", function () {
        self.edit(id, "text", textarea.value, false);
      });
      textarea.addEventListener("blur", function () {
        self.flush();
      });
      // What this answer carried from an earlier version (drawn by renderCarried).
      var carried = el("div", { class: "reflect-carried", id: "reflect-carried-" + id, hidden: true, "data-carried": "" });
      var printRating = el("p", { class: "reflect-print-only reflect-print-rating" });
      var printText = el("div", { class: "reflect-print-only reflect-print-text" });
      var block = el("div", { class: "reflect-answer", id: "reflect-answer-block-" + id, "data-question": id }, [
        carried,
        el("fieldset", { class: "reflect-answer__rating" }, [
          el("legend", {}, [
            (this.data.scale && this.data.scale.label) || t("ws_rating"),
            el("span", { class: "reflect-vh", text: " (" + which + ")" }),
          ]),
          el("ul", { class: "reflect-options reflect-options--inline" }, optionNodes),
        ]),
        el("div", { class: "reflect-field" }, [
          el("label", { for: textId }, [
            this.data.response_label || t("ws_your_answer"),
            el("span", { class: "reflect-vh", text: " (" + which + ")" }),
          ]),
          textarea,
        ]),
        printRating,
        printText,
      ]);
      this.fields[id] = { textarea: textarea, radios: radios, printRating: printRating, printText: printText, carried: carried };
      return block;
    },

    renderAll: function () {
      var self = this;
      this.questions.forEach(function (item) {
        self.renderField(item.q.id);
      });
      this.renderRetired();
      this.renderAlerts();
      if (!this.failure && !this.conflict) this.succeed();
      this.printHeader.textContent =
        t("ws_print_header", { title: this.data.title || "", date: R.today(), version: this.data.content_version || "" });
      this.root.setAttribute("data-ready", "true");
      this.notify();
    },

    renderField: function (id) {
      var field = this.fields[id];
      if (!field) return;
      var answer = this.answers[id] || { text: "", rating: null };
      if (field.textarea.value !== (answer.text || "")) field.textarea.value = answer.text || "";
      var rating = answer.rating === null || answer.rating === undefined ? "" : String(answer.rating);
      field.radios.forEach(function (radio) {
        radio.checked = radio.value === rating;
      });
      this.renderCarried(id);
      this.renderPrint(id);
    },

    /* The flag on an answer carried from an earlier version: reworded or replaced since it
     * was given (with a button to confirm it), and a rating given on an earlier scale (shown,
     * not counted until rated on this one). The answer's fields are described by it. */
    renderCarried: function (id) {
      var el = R.el;
      var self = this;
      var field = this.fields[id];
      var answer = this.answers[id];
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
      var number = this.byId[id].q.number;
      if (waiting) {
        var flag = answer.carried.status === "reworded" ? t("ws_carried_reworded") : t("ws_carried_replaced", { version: answer.carried.from });
        box.appendChild(el("p", {}, [el("strong", { class: "reflect-carried__flag", text: flag })]));
      }
      if (earlier !== null) {
        box.appendChild(el("p", { "data-earlier-rating": String(earlier), text: t("ws_earlier_rating", { version: answer.carried.from, rating: S.earlierRatingLabel(this.model, answer) }) }));
      }
      if (waiting) {
        box.appendChild(
          R.button(t("ws_confirm"), function () {
            self.confirmCarried(id);
          }, { "data-action": "confirm-carried", class: "reflect-button reflect-button--small" })
        );
        var button = box.lastChild;
        button.appendChild(el("span", { class: "reflect-vh", text: " (" + t("ws_which", { number: number }) + ")" }));
      }
    },

    /* The person confirms a carried answer: the flag goes, the answer stays (and its rating on
     * an earlier scale until rated again). */
    confirmCarried: function (id) {
      var answer = this.answers[id];
      if (!answer || !K.toConfirm(answer)) return;
      this.answers[id] = K.confirmed(answer);
      this.renderField(id);
      this.schedule(true);
      this.notify();
      this.status.say(t("ws_carried_confirmed", { number: this.byId[id].q.number }));
      this.fields[id].textarea.focus();
    },

    renderPrint: function (id) {
      var field = this.fields[id];
      if (!field) {
        this.renderRetired();
        return;
      }
      var answer = this.answers[id] || { text: "", rating: null };
      field.printRating.textContent =
        S.scaleLabel(this.model, t) +
        " " +
        (answer.rating === null || answer.rating === undefined ? t("ws_not_rated") : this.ratingLabel(answer.rating));
      field.printText.textContent = answer.text || "";
      field.printText.classList.toggle("reflect-print-text--empty", !answer.text);
    },

    renderRetired: function () {
      var el = R.el;
      var self = this;
      var ids = this.retiredIds();
      var box = this.retired;
      box.textContent = "";
      box.hidden = ids.length === 0;
      if (!ids.length) return;
      box.appendChild(el("h3", { id: "reflect-retired-title", text: t("ws_retired_title") }));
      box.appendChild(el("p", { text: t("ws_retired_text") }));
      var list = el("dl", { class: "reflect-retired__list" });
      ids.forEach(function (id) {
        var answer = self.answers[id];
        list.appendChild(el("dt", { text: answer.question || t("ws_question_id", { id: id }) }));
        var parts = [];
        if (answer.rating !== null && answer.rating !== undefined) parts.push(el("p", { text: t("ws_rating_is", { rating: self.ratingLabel(answer.rating) }) }));
        if (answer.text) parts.push(el("p", { class: "reflect-retired__text", text: answer.text }));
        list.appendChild(el("dd", { "data-question": id }, parts));
      });
      box.appendChild(list);
    },
  };
})();
