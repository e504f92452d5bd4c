/* Reflect: a group compares its views, on the question set's page. Several people fill in
 * the worksheet on their own devices and export; a facilitator loads all the files here
 * (read in this browser: nothing is uploaded, and it works from file://), tags each with a
 * role, and sees per statement the spread of ratings, where the roles disagree most and the
 * notes side by side — or the change from a baseline round to a later one. The combined
 * result can be exported and printed. The rules live in reflect-compare.js. */
(function () {
  "use strict";

  var R = window.Reflect;
  var C = R.compare;
  var A = R.answers;
  var t = R.t;
  var TOP = 5; // statements listed under "where the roles disagree most"

  R.worksheetViews = R.worksheetViews || [];
  R.worksheetViews.push(function (sheet) {
    return new Group(sheet).cleanup;
  });

  function Group(sheet) {
    var self = this;
    var el = R.el;
    this.sheet = sheet;
    this.files = [];
    this.questions = sheet.questions.map(function (item) {
      return item.q;
    });
    this.button = R.button(t("cmp_open"), function () {
      var open = self.panel.hidden;
      self.panel.hidden = !open;
      self.button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        self.render();
        self.panel.focus();
      }
    }, { "data-action": "compare", "aria-expanded": "false", "aria-controls": "reflect-compare" });
    sheet.toolbar.appendChild(this.button);

    this.input = el("input", { type: "file", accept: ".json,application/json", multiple: true, hidden: true, tabindex: "-1", id: "reflect-compare-file", "aria-label": t("cmp_load") });
    this.input.addEventListener("change", function () {
      var list = Array.prototype.slice.call(self.input.files || []);
      self.input.value = "";
      self.load(list);
    });
    this.errors = el("div", { class: "reflect-alerts", role: "alert" });
    this.say = R.liveRegion(el("div"), "reflect-vh");
    this.fileList = el("ul", { class: "reflect-compare-files", "aria-labelledby": "reflect-compare-files-title" });
    this.result = el("div", { class: "reflect-compare-result" });
    // The actions stay in place while the result above them is redrawn (a role typed and
    // then a click on Export redraws it between the press and the release of the button).
    this.actions = el("div", { class: "reflect-toolbar", role: "group", "aria-label": t("cmp_actions"), hidden: true }, [
      R.button(t("cmp_export_json"), function () {
        self.exportJSON();
      }, { "data-action": "compare-export-json" }),
      R.button(t("cmp_export_csv"), function () {
        self.exportCSV();
      }, { "data-action": "compare-export-csv" }),
      R.button(t("cmp_print"), function () {
        self.print();
      }, { "data-action": "compare-print" }),
    ]);
    this.panel = el("section", { class: "reflect-panel reflect-compare", id: "reflect-compare", hidden: true, tabindex: "-1", "aria-labelledby": "reflect-compare-title" }, [
      el("h2", { id: "reflect-compare-title", text: t("cmp_title") }),
      el("p", { class: "reflect-hint", text: t("cmp_hint") }),
      el("div", { class: "reflect-toolbar" }, [
        R.fileButton(t("cmp_load"), this.input, { "data-action": "compare-load", class: "reflect-button reflect-button--primary" }),
      ]),
      this.input,
      this.errors,
      this.say.node,
      el("h3", { id: "reflect-compare-files-title", text: t("cmp_files_title") }),
      this.fileList,
      this.result,
      this.actions,
    ]);
    // Beside the worksheet's own box, after the results (see reflect-results.js).
    var root = sheet.root;
    var before = root.nextSibling;
    while (before && before.nodeType === 1 && before.matches(".reflect-worksheet-check, .reflect-worksheet-results")) {
      before = before.nextSibling;
    }
    root.parentNode.insertBefore(this.panel, before);
    this.cleanup = function () {
      self.panel.remove();
    };
  }

  /* What a file is checked against: the set, and (to carry a file of an earlier content
   * version across to this one) the sheet and the site's recorded releases. */
  Group.prototype.context = function () {
    return Object.assign(this.sheet.context(), { sheet: this.sheet.model, history: this.sheet.data.history || {} });
  };

  /* Read the chosen files one by one; each refused file is named with its reason, and the
   * files already loaded stay as they are. */
  Group.prototype.load = function (list) {
    var self = this;
    this.errors.textContent = "";
    var loaded = 0;
    var next = function (index) {
      if (index >= list.length) {
        self.render();
        self.say.say(t("cmp_loaded", { count: loaded, total: self.files.length }));
        return;
      }
      var file = list[index];
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var read = C.readFile(file.name, String(reader.result), self.context(), self.files);
          self.files.push(read);
          loaded += 1;
        } catch (error) {
          self.refuse(file.name, R.problemText(error));
        }
        next(index + 1);
      };
      reader.onerror = function () {
        self.refuse(file.name, t("problem_unreadable"));
        next(index + 1);
      };
      if (file.size > 5 * 1024 * 1024) {
        self.refuse(file.name, t("problem_too_large", { size: 5 }));
        next(index + 1);
        return;
      }
      reader.readAsText(file);
    };
    next(0);
  };

  Group.prototype.refuse = function (name, reason) {
    this.errors.appendChild(
      R.el("p", { class: "reflect-banner reflect-banner--error", "data-file": name }, [
        R.el("strong", { text: t("cmp_refused", { name: name }) }),
        " " + t("cmp_refused_reason", { reason: reason }),
      ])
    );
  };

  Group.prototype.render = function () {
    this.renderFiles();
    this.renderResult();
    this.sheet.root.setAttribute("data-compare-files", String(this.files.length));
  };

  Group.prototype.renderFiles = function () {
    var el = R.el;
    var self = this;
    this.fileList.textContent = "";
    if (!this.files.length) {
      this.fileList.appendChild(el("li", { text: t("cmp_no_files") }));
      return;
    }
    this.files.forEach(function (file, index) {
      var roleId = "reflect-compare-role-" + index;
      var role = el("input", { type: "text", id: roleId, class: "reflect-input reflect-compare-role", value: file.role, autocomplete: "off", "data-file": file.name });
      role.addEventListener("change", function () {
        file.role = role.value.trim().slice(0, 100);
        self.renderResult();
      });
      var notes = [];
      if (file.older) notes.push(t("cmp_older", { version: file.content_version, current: self.sheet.data.content_version }));
      if (file.carried) {
        var confirm = file.carried.reworded.length + file.carried.replaced.reduce(function (n, r) {
          return n + r.to.length;
        }, 0);
        if (confirm) notes.push(t("cmp_carried_changed", { count: confirm }));
        if (file.carried.rescaled.length) notes.push(t("cmp_carried_rescaled", { count: file.carried.rescaled.length }));
        if (file.carried.mapped.length) notes.push(t("cmp_carried_mapped", { count: file.carried.mapped.length }));
      }
      if (file.retired) notes.push(t("cmp_retired", { count: file.retired }));
      if (file.missing) notes.push(t("cmp_missing", { count: file.missing }));
      self.fileList.appendChild(
        el("li", { "data-file": file.name }, [
          el("strong", { text: file.name }),
          el("span", { class: "reflect-field" }, [el("label", { for: roleId, text: t("cmp_role_label", { name: file.name }) }), role]),
          notes.length ? el("p", { class: "reflect-hint", text: notes.join(" ") }) : null,
          R.button(t("cmp_remove"), function () {
            self.files.splice(index, 1);
            self.render();
            self.say.say(t("cmp_removed", { name: file.name }));
            self.panel.focus();
          }, { "data-action": "compare-remove", class: "reflect-button reflect-button--small" }),
        ])
      );
    });
  };

  Group.prototype.label = function (q) {
    return t("compose_numbered", { number: q.number, text: q.text });
  };

  Group.prototype.roleName = function (role) {
    return role || t("cmp_no_role");
  };

  Group.prototype.renderResult = function () {
    var el = R.el;
    var self = this;
    var box = this.result;
    box.textContent = "";
    this.actions.hidden = true;
    if (this.files.length < 2) {
      if (this.files.length === 1) box.appendChild(el("p", { text: t("cmp_need_two") }));
      return;
    }
    var rows = C.combine(this.questions, this.files);
    this.rows = rows;
    var byId = new Map(
      this.questions.map(function (q) {
        return [q.id, q];
      })
    );

    // Where the roles disagree most.
    box.appendChild(el("h3", { id: "reflect-compare-disagree", text: t("cmp_disagree_title") }));
    var top = C.disagreements(rows, TOP);
    if (!top.length) box.appendChild(el("p", { text: t("cmp_disagree_none") }));
    else {
      box.appendChild(
        el("ol", { class: "reflect-compare-disagree", "aria-labelledby": "reflect-compare-disagree" }, top.map(function (row) {
          var means = row.roles.map(function (r) {
            return t("cmp_role_mean", { role: self.roleName(r.role), mean: r.mean });
          });
          return el("li", { "data-question": row.id }, [
            el("strong", { text: self.label(byId.get(row.id)) }),
            " " + t("cmp_gap", { gap: row.gap, means: means.join("; ") }),
          ]);
        }))
      );
    }

    // Every statement: ratings, spread, roles, notes.
    var fileNames = this.files;
    var table = el("table", { class: "reflect-compare-table", id: "reflect-compare-table" }, [
      el("caption", { text: t("cmp_table_caption", { count: this.files.length }) }),
      el("thead", {}, [
        el("tr", {}, [
          el("th", { scope: "col", text: t("cmp_col_statement") }),
          el("th", { scope: "col", text: t("cmp_col_ratings") }),
          el("th", { scope: "col", text: t("cmp_col_spread") }),
          el("th", { scope: "col", text: t("cmp_col_roles") }),
          el("th", { scope: "col", text: t("cmp_col_notes") }),
        ]),
      ]),
      el("tbody", {}, rows.map(function (row) {
        var ratings = row.ratings.map(function (r) {
          return t("cmp_rating_of", { name: fileNames[r.file].name, role: self.roleName(r.role), rating: r.rating });
        }).concat(row.earlier.map(function (r) {
          return t("cmp_earlier_rating_of", { name: fileNames[r.file].name, role: self.roleName(r.role), rating: r.rating });
        }));
        var notes = row.notes.length
          ? el("ul", { class: "reflect-compare-notes" }, row.notes.map(function (n) {
              return el("li", {}, [el("strong", { text: t("cmp_note_by", { name: fileNames[n.file].name, role: self.roleName(n.role) }) }), " ", n.text]);
            }))
          : t("cmp_none");
        return el("tr", { "data-question": row.id }, [
          el("th", { scope: "row", text: self.label(byId.get(row.id)) }),
          el("td", { "data-label": t("cmp_col_ratings") }, [ratings.length ? ratings.join("; ") : t("cmp_none")]),
          el("td", { "data-label": t("cmp_col_spread") }, [row.spread === null ? t("cmp_none") : t("cmp_spread", { min: row.min, max: row.max, spread: row.spread, mean: row.mean })]),
          el("td", { "data-label": t("cmp_col_roles") }, [
            row.roles.length
              ? row.roles.map(function (r) {
                  return t("cmp_role_mean", { role: self.roleName(r.role), mean: r.mean });
                }).join("; ")
              : t("cmp_none"),
          ]),
          el("td", { "data-label": t("cmp_col_notes") }, [notes]),
        ]);
      })),
    ]);
    box.appendChild(el("h3", { text: t("cmp_all_title") }));
    box.appendChild(table);

    // A baseline and a later round.
    box.appendChild(el("h3", { id: "reflect-compare-rounds-title", text: t("cmp_rounds_title") }));
    box.appendChild(el("p", { class: "reflect-hint", text: t("cmp_rounds_hint") }));
    var before = this.fileSelect("reflect-compare-baseline", t("cmp_baseline"), 0);
    var after = this.fileSelect("reflect-compare-later", t("cmp_later"), this.files.length - 1);
    var roundsBox = el("div", { class: "reflect-compare-rounds" });
    function renderRounds() {
      roundsBox.textContent = "";
      var a = self.files[Number(before.select.value)];
      var b = self.files[Number(after.select.value)];
      var changes = C.rounds(self.questions, a, b);
      var comparable = changes.filter(function (c) {
        return !c.incomparable;
      }).length;
      roundsBox.appendChild(el("p", { class: "reflect-compare-comparable", text: t("cmp_rounds_comparable", { count: comparable, total: changes.length }) }));
      // Answers to questions this version no longer has: named, never compared.
      [a, b].forEach(function (file) {
        var gone = Object.keys(file.answers).filter(function (id) {
          return !self.sheet.byId[id] && !A.blank(file.answers[id]);
        });
        if (!gone.length) return;
        roundsBox.appendChild(el("p", { class: "reflect-compare-removed", "data-file": file.name }, [
          t("cmp_rounds_removed", { count: gone.length, name: file.name }),
        ]));
        roundsBox.appendChild(el("ul", { class: "reflect-compare-removed-list", "data-file": file.name }, gone.sort().map(function (id) {
          return el("li", { "data-question": id, text: file.answers[id].question || id });
        })));
      });
      roundsBox.appendChild(
        el("table", { class: "reflect-compare-table reflect-compare-rounds-table" }, [
          el("caption", { text: t("cmp_rounds_caption", { before: a.name, after: b.name }) }),
          el("thead", {}, [
            el("tr", {}, [
              el("th", { scope: "col", text: t("cmp_col_statement") }),
              el("th", { scope: "col", text: t("cmp_baseline") }),
              el("th", { scope: "col", text: t("cmp_later") }),
              el("th", { scope: "col", text: t("cmp_col_change") }),
            ]),
          ]),
          el("tbody", {}, changes.map(function (c) {
            return el("tr", { "data-question": c.id }, [
              el("th", { scope: "row", text: self.label(byId.get(c.id)) }),
              el("td", { "data-label": t("cmp_baseline"), text: c.before === null ? t("cmp_none") : String(c.before) }),
              el("td", { "data-label": t("cmp_later"), text: c.after === null ? t("cmp_none") : String(c.after) }),
              el("td", {
                "data-label": t("cmp_col_change"),
                "data-change": c.change === null ? "" : String(c.change),
                "data-incomparable": c.incomparable || null,
                text: c.incomparable
                  ? t("cmp_incomparable_" + c.incomparable)
                  : c.change === null ? t("cmp_none") : c.change > 0 ? t("cmp_up", { change: c.change }) : c.change < 0 ? t("cmp_down", { change: -c.change }) : t("cmp_same"),
              }),
            ]);
          })),
        ])
      );
    }
    before.select.addEventListener("change", renderRounds);
    after.select.addEventListener("change", renderRounds);
    box.appendChild(el("div", { class: "reflect-filters reflect-filters--row" }, [before.field, after.field]));
    box.appendChild(roundsBox);
    renderRounds();

    this.actions.hidden = false;
  };

  Group.prototype.fileSelect = function (id, label, selected) {
    var el = R.el;
    var select = el("select", { id: id, class: "reflect-input" }, this.files.map(function (file, index) {
      return el("option", { value: String(index), text: file.role ? t("cmp_file_role", { name: file.name, role: file.role }) : file.name });
    }));
    select.value = String(selected);
    return { select: select, field: R.field(select, label) };
  };

  Group.prototype.exportJSON = function () {
    var sheet = this.sheet;
    var object = C.exportObject(this.context(), this.questions, this.files, this.rows, new Date().toISOString());
    R.download(sheet.data.set + "-comparison-" + R.today() + ".json", "application/json", JSON.stringify(object, null, 2) + "\n");
    this.say.say(t("cmp_exported"));
  };

  Group.prototype.exportCSV = function () {
    var self = this;
    var sheet = this.sheet;
    var lines = [["set", "question_id", "number", "question", "file", "role", "rating", "note"]];
    var byId = new Map(
      this.questions.map(function (q) {
        return [q.id, q];
      })
    );
    this.questions.forEach(function (q) {
      self.files.forEach(function (file) {
        var answer = A.hasOwn(file.answers, q.id) ? file.answers[q.id] : null;
        if (!answer) return;
        lines.push([sheet.data.set, q.id, byId.get(q.id).number, q.text, file.name, file.role, answer.rating === null ? "" : answer.rating, answer.text]);
      });
    });
    R.download(sheet.data.set + "-comparison-" + R.today() + ".csv", "text/csv;charset=utf-8", A.csv(lines));
    this.say.say(t("cmp_exported"));
  };

  Group.prototype.print = function () {
    R.printOnly("reflect-printing-compare");
  };
})();
