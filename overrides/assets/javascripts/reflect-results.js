/* Reflect: the worksheet's progress, its "check your answers" view and its results: scores
 * per section and overall, drawn as an SVG chart written here (with the same figures in a
 * table beside it), and a draft action plan — the lowest-rated statements with the
 * implications and actions the page links them to. Printable and exportable. */
(function () {
  "use strict";

  var R = window.Reflect;
  var A = R.answers;
  var S = R.sheet; // progress and the results' files (reflect-sheet.js)
  var t = R.t;
  var SVG = "http://www.w3.org/2000/svg";
  var PLAN_SIZE = 5;

  R.worksheetViews = R.worksheetViews || [];
  R.worksheetViews.push(function (sheet) {
    return new Results(sheet).cleanup;
  });

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, String(attrs[key]));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function Results(sheet) {
    var self = this;
    var el = R.el;
    this.sheet = sheet;
    this.sections = sheet.data.sections.map(function (section) {
      return { id: section.id, title: section.title, questions: section.questions || [] };
    });
    this.questions = sheet.questions.map(function (item) {
      return item.q;
    });

    this.checkButton = R.button(t("ws_check"), function () {
      self.toggle(self.checkPanel, self.checkButton, function () {
        self.renderCheck();
      });
    }, { "data-action": "check", "aria-expanded": "false", "aria-controls": "reflect-worksheet-check" });
    this.resultsButton = R.button(t("ws_results"), function () {
      self.toggle(self.resultsPanel, self.resultsButton, function () {
        self.renderResults();
      });
    }, { "data-action": "results", "aria-expanded": "false", "aria-controls": "reflect-worksheet-results" });
    sheet.toolbar.insertBefore(this.resultsButton, sheet.toolbar.firstChild);
    sheet.toolbar.insertBefore(this.checkButton, sheet.toolbar.firstChild);

    this.checkPanel = el("section", { class: "reflect-panel reflect-worksheet-check", id: "reflect-worksheet-check", hidden: true, tabindex: "-1", "aria-labelledby": "reflect-worksheet-check-title" });
    this.resultsPanel = el("section", { class: "reflect-panel reflect-worksheet-results", id: "reflect-worksheet-results", hidden: true, tabindex: "-1", "aria-labelledby": "reflect-worksheet-results-title" });
    // Beside the worksheet's own box (which has no box of its own on screen: see the CSS).
    var root = sheet.root;
    root.parentNode.insertBefore(this.resultsPanel, root.nextSibling);
    root.parentNode.insertBefore(this.checkPanel, root.nextSibling);

    var update = function () {
      self.renderProgress();
      if (!self.checkPanel.hidden) self.renderCheck();
      if (!self.resultsPanel.hidden) self.renderResults();
    };
    sheet.changeListeners.push(update);
    update();
    this.cleanup = function () {
      var index = sheet.changeListeners.indexOf(update);
      if (index >= 0) sheet.changeListeners.splice(index, 1);
      self.checkPanel.remove();
      self.resultsPanel.remove();
    };
  }

  Results.prototype.toggle = function (panel, button, render) {
    var open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      render();
      panel.focus();
    }
  };

  Results.prototype.renderProgress = function () {
    var progress = S.progress(this.sheet.model, this.sheet.answers);
    this.sheet.progress.textContent = t("ws_progress", progress);
    this.sheet.root.setAttribute("data-rated", String(progress.rated));
  };

  Results.prototype.renderCheck = function () {
    var el = R.el;
    var sheet = this.sheet;
    var panel = this.checkPanel;
    panel.textContent = "";
    var missing = A.unanswered(this.questions, sheet.answers);
    panel.appendChild(el("h2", { id: "reflect-worksheet-check-title", text: t("ws_check_title") }));
    var toConfirm = S.waiting(sheet.model, sheet.answers).confirm;
    if (toConfirm.length) {
      panel.appendChild(el("p", { text: t("ws_check_to_confirm", { count: toConfirm.length }) }));
      panel.appendChild(this.checkList(toConfirm, "reflect-check-list reflect-check-list--confirm"));
    }
    if (!missing.length) {
      panel.appendChild(el("p", { text: t("ws_check_all_rated", { count: this.questions.length }) }));
      return;
    }
    panel.appendChild(el("p", { text: t("ws_check_missing", { count: missing.length }) }));
    panel.appendChild(this.checkList(missing, "reflect-check-list"));
  };

  /* Links to the answers of these questions, each moving the focus to its fields. */
  Results.prototype.checkList = function (ids, className) {
    var el = R.el;
    var sheet = this.sheet;
    return (
      el("ul", { class: className }, ids.map(function (id) {
        var q = sheet.byId[id].q;
        var link = el("a", { href: "#reflect-answer-block-" + id, text: t("compose_numbered", { number: q.number, text: q.text }) });
        link.addEventListener("click", function (event) {
          if (!sheet.form.has(id)) return;
          event.preventDefault();
          var block = document.getElementById("reflect-answer-block-" + id);
          if (block) block.scrollIntoView({ block: "center" });
          sheet.form.focus(id, true);
        });
        return el("li", { "data-question": id }, [link]);
      }))
    );
  };

  /* The implications and actions a question is linked to: from the worksheet's data
   * (q.implications: [{id, label, href}]), else read from the page's "Linked to: …" links. */
  Results.prototype.linksOf = function (id) {
    var item = this.sheet.byId[id];
    var listed = item && item.q && item.q.implications;
    if (Array.isArray(listed)) {
      return listed.filter(function (link) {
        return link && typeof link.href === "string" && typeof link.label === "string" && link.href.length < 500 &&
          !/^[a-z][a-z0-9+.-]*:/i.test(link.href) && !/^[\/\\]{2}/.test(link.href);
      }).map(function (link) {
        return { href: link.href, text: link.label };
      });
    }
    return this.linksOnPage(id);
  };

  Results.prototype.linksOnPage = function (id) {
    var block = document.getElementById("reflect-answer-block-" + id);
    var heading = document.querySelectorAll('[id="q-' + id + '"]');
    if (heading.length !== 1) return [];
    var out = [];
    var node = heading[0].nextElementSibling;
    while (node && !/^H[1-3]$/.test(node.tagName) && node !== block) {
      if (node.classList.contains("reflect-links")) {
        node.querySelectorAll("a[href]").forEach(function (a) {
          var href = a.getAttribute("href");
          // Only the site's own pages: no scheme, so no javascript: and nothing elsewhere.
          if (/^[a-z][a-z0-9+.-]*:/i.test(href) || /^\/\//.test(href)) return;
          if (/implication|action/.test(href)) out.push({ href: href, text: a.textContent });
        });
      }
      node = node.nextElementSibling;
    }
    return out;
  };

  Results.prototype.figures = function () {
    return A.scores(this.sections, this.sheet.answers, this.sheet.scaleValues.length ? this.sheet.scaleValues : [0, 1]);
  };

  Results.prototype.chart = function (scores) {
    var rows = scores.sections.concat([Object.assign({}, scores.overall, { title: t("ws_overall") })]);
    var labelWidth = 0;
    var rowHeight = 34;
    var width = 640;
    var left = 260;
    var barWidth = width - left - 60;
    var height = rows.length * rowHeight + 40;
    var low = scores.low;
    var high = scores.high;
    var titleId = "reflect-chart-title";
    var descId = "reflect-chart-desc";
    var chart = svg("svg", {
      class: "reflect-chart",
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": titleId + " " + descId,
      focusable: "false",
    }, [
      svg("title", { id: titleId }, [t("ws_chart_title")]),
      svg("desc", { id: descId }, [t("ws_chart_desc", { low: low, high: high })]),
    ]);
    // Scale lines at every value of the scale.
    for (var v = low; v <= high; v += 1) {
      var x = left + ((v - low) / Math.max(1, high - low)) * barWidth;
      chart.appendChild(svg("line", { x1: x, x2: x, y1: 10, y2: height - 24, class: "reflect-chart__grid" }));
      chart.appendChild(svg("text", { x: x, y: height - 8, "text-anchor": "middle", class: "reflect-chart__axis" }, [String(v)]));
    }
    rows.forEach(function (row, index) {
      var y = 14 + index * rowHeight;
      var label = row.title.length > 34 ? row.title.slice(0, 33) + "\u2026" : row.title;
      chart.appendChild(svg("text", { x: left - 8, y: y + 16, "text-anchor": "end", class: "reflect-chart__label" }, [label]));
      if (row.mean === null) {
        chart.appendChild(svg("text", { x: left + 4, y: y + 16, class: "reflect-chart__none" }, [t("ws_not_rated_short")]));
        return;
      }
      var w = Math.max(2, ((row.mean - low) / Math.max(1, high - low)) * barWidth);
      chart.appendChild(svg("rect", { x: left, y: y + 2, width: w, height: rowHeight - 12, class: index === rows.length - 1 ? "reflect-chart__bar reflect-chart__bar--overall" : "reflect-chart__bar" }));
      chart.appendChild(svg("text", { x: left + w + 6, y: y + 16, class: "reflect-chart__value" }, [String(row.mean)]));
    });
    void labelWidth;
    return chart;
  };

  Results.prototype.table = function (scores) {
    var el = R.el;
    function row(item, isTotal) {
      return el("tr", isTotal ? { class: "reflect-results__total" } : {}, [
        el("th", { scope: "row", text: item.title }),
        el("td", { text: t("ws_rated_of", { rated: item.rated, count: item.total }) }),
        el("td", { text: item.mean === null ? t("ws_not_rated_short") : String(item.mean) }),
      ]);
    }
    return el("table", { class: "reflect-results-table" }, [
      el("caption", { text: t("ws_table_caption", { low: scores.low, high: scores.high }) }),
      el("thead", {}, [
        el("tr", {}, [
          el("th", { scope: "col", text: t("ws_col_section") }),
          el("th", { scope: "col", text: t("ws_col_rated") }),
          el("th", { scope: "col", text: t("ws_col_mean") }),
        ]),
      ]),
      el("tbody", {}, scores.sections.map(function (s) {
        return row(s, false);
      }).concat([row(Object.assign({}, scores.overall, { title: t("ws_overall") }), true)])),
    ]);
  };

  Results.prototype.plan = function () {
    var self = this;
    var sheet = this.sheet;
    return A.lowest(this.questions, sheet.answers, PLAN_SIZE).map(function (item) {
      var q = sheet.byId[item.id].q;
      return { id: item.id, number: q.number, text: q.text, rating: sheet.ratingLabel(item.rating), links: self.linksOf(item.id) };
    });
  };

  Results.prototype.renderResults = function () {
    var el = R.el;
    var self = this;
    var panel = this.resultsPanel;
    var scores = this.figures();
    panel.textContent = "";
    panel.appendChild(el("h2", { id: "reflect-worksheet-results-title", text: t("ws_results_title", { title: this.sheet.data.title }) }));
    var overall = scores.overall;
    panel.appendChild(
      el("p", {
        class: "reflect-results__overall",
        text: overall.mean === null
          ? t("ws_results_none")
          : t("ws_results_overall", { mean: overall.mean, low: scores.low, high: scores.high, rated: overall.rated, count: overall.total }),
      })
    );
    // Ratings given on an earlier version's scale are shown on the statements, not counted here.
    var uncounted = S.waiting(this.sheet.model, this.sheet.answers).rate.length;
    if (uncounted) panel.appendChild(el("p", { class: "reflect-results__uncounted", text: t("ws_results_uncounted", { count: uncounted }) }));
    panel.appendChild(el("div", { class: "reflect-results__figures" }, [el("figure", { class: "reflect-results__chart" }, [this.chart(scores)]), this.table(scores)]));
    panel.appendChild(el("h3", { id: "reflect-plan-title", text: t("ws_plan_title") }));
    var plan = this.plan();
    if (!plan.length) {
      panel.appendChild(el("p", { text: t("ws_plan_none") }));
    } else {
      panel.appendChild(el("p", { class: "reflect-hint", text: t("ws_plan_hint", { count: plan.length }) }));
      panel.appendChild(
        el("ol", { class: "reflect-plan", "aria-labelledby": "reflect-plan-title" }, plan.map(function (item) {
          var links = item.links.length
            ? el("ul", { class: "reflect-plan__links" }, item.links.map(function (link) {
                return el("li", {}, [el("a", { href: link.href, text: link.text })]);
              }))
            : el("p", { class: "reflect-hint", text: t("ws_plan_no_links") });
          return el("li", { "data-question": item.id }, [
            el("p", {}, [el("strong", { text: t("compose_numbered", { number: item.number, text: item.text }) })]),
            el("p", { text: t("ws_rating_is", { rating: item.rating }) }),
            links,
          ]);
        }))
      );
    }
    panel.appendChild(
      el("div", { class: "reflect-toolbar", role: "group", "aria-label": t("ws_results_actions") }, [
        R.button(t("ws_results_print"), function () {
          self.print();
        }, { "data-action": "print-results" }),
        R.button(t("ws_results_export_md"), function () {
          self.exportMarkdown(scores, plan);
        }, { "data-action": "export-results-markdown" }),
        R.button(t("ws_results_export_csv"), function () {
          self.exportCSV(scores);
        }, { "data-action": "export-results-csv" }),
      ])
    );
  };

  Results.prototype.print = function () {
    R.printOnly("reflect-printing-results");
  };

  Results.prototype.exportMarkdown = function (scores, plan) {
    var sheet = this.sheet;
    var text = S.resultsMarkdown(sheet.model, scores, plan, t, R.today());
    R.download(S.fileName(sheet.model, "results", R.today(), "md"), "text/markdown;charset=utf-8", text);
    sheet.status.say(t("ws_results_exported"));
  };

  Results.prototype.exportCSV = function (scores) {
    var sheet = this.sheet;
    R.download(S.fileName(sheet.model, "results", R.today(), "csv"), "text/csv;charset=utf-8", S.resultsCSV(sheet.model, scores, t));
    sheet.status.say(t("ws_results_exported"));
  };
})();
