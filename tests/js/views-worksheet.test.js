"use strict";
/* The worksheet's views in isolation (see views.test.js): its form and its bar, each made
 * with a fake owner of the shape Worksheet.prototype.viewsOf gives it, in the stand-in DOM
 * (fake-dom.js). */
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

const plain = (value) => JSON.parse(JSON.stringify(value)); // out of the page's realm
const settled = () => new Promise((resolve) => setImmediate(resolve)); // the page's promises done

/* --- the worksheet ------------------------------------------------------------------------- */

const WORKSHEET = ["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-answers.js", "reflect-sheet.js", "reflect-carry.js"];
const sheetData = () => ({
  site: "S",
  set: "set",
  title: "The set",
  content_version: "2",
  scale: { label: "Rating", options: [{ value: 1, label: "Low" }, { value: 2, label: "High" }] },
  sections: [{ id: "s", title: "Section", questions: [{ id: "q1", number: 1, text: "Do we listen?" }, { id: "q2", number: 2, text: "Do we act?" }] }],
});

function worksheetForm() {
  const p = page(WORKSHEET.concat(["reflect-worksheet-form.js"]));
  const R = p.Reflect;
  const body = p.document.body;
  // The page shows q1 (its heading and source line); q2 is not on it.
  const heading = body.appendChild(R.el("h2", { id: "q-q1", text: "1. Do we listen?" }));
  const source = body.appendChild(R.el("p", { class: "reflect-source", text: "From the guide" }));
  body.appendChild(R.el("p", { text: "More words" }));
  const root = body.appendChild(R.el("div", { id: "reflect-worksheet" }));
  const data = sheetData();
  const calls = [];
  const owner = { answers: {} };
  const form = new R.WorksheetForm({
    root: root,
    data: data,
    model: R.sheet.create(data),
    answers: () => owner.answers,
    flush: () => calls.push("flush"),
    edit: (id, field, value, now) => calls.push([id, field, value, now]),
    confirm: (id) => calls.push("confirm:" + id),
  });
  return { p, R, body, heading, source, root, form, owner, calls };
}

test("the worksheet's form draws its box and labelled fields under each question, and reports edits", () => {
  const { p, R, body, source, root, form, calls } = worksheetForm();
  const parts = [R.el("div", { id: "part-one" }), R.el("div", { id: "part-two" })];
  form.build(parts);
  assert.equal(root.getAttribute("data-ready"), "false");
  assert.deepEqual(root.children.slice(0, 4).map((n) => n.id || n.className), ["reflect-worksheet-title", "reflect-privacy", "part-one", "part-two"]);
  // q1's fields go after its source line; q2's into the box, under a heading of its own.
  const one = body.querySelector("#reflect-answer-block-q1");
  assert.equal(source.nextElementSibling, one);
  assert.equal(one.getAttribute("data-question"), "q1");
  const fallback = root.querySelector(".reflect-fallback-questions");
  assert.equal(fallback.querySelector("h3").textContent, 'compose_numbered {"number":2,"text":"Do we act?"}');
  assert.notEqual(fallback.querySelector("#reflect-answer-block-q2"), null);

  // The rating: a named group of radios, each labelled, "not rated yet" first.
  assert.equal(one.querySelector("legend").textContent, 'Rating (ws_which {"number":1})');
  const radios = one.querySelectorAll('input[type="radio"]');
  assert.deepEqual(radios.map((r) => r.id), ["reflect-rating-q1-none", "reflect-rating-q1-1", "reflect-rating-q1-2"]);
  assert.ok(radios.every((r) => r.getAttribute("name") === "reflect-rating-q1"));
  assert.equal(one.querySelector('label[for="reflect-rating-q1-2"]').textContent, 'ws_scale_option {"value":2,"label":"High"}');
  const textarea = one.querySelector("textarea");
  assert.equal(textarea.id, "reflect-answer-q1");
  assert.equal(one.querySelector('label[for="reflect-answer-q1"]').textContent, 'ws_your_answer (ws_which {"number":1})');

  // Typing, leaving the field and rating go back to the owner.
  textarea.value = "We listen";
  textarea.dispatch("input");
  textarea.dispatch("blur");
  radios[2].checked = true;
  radios[2].dispatch("change");
  radios[0].checked = true;
  radios[0].dispatch("change");
  assert.deepEqual(plain(calls), [["q1", "text", "We listen", false], "flush", ["q1", "rating", 2, true], ["q1", "rating", null, true]]);

  assert.equal(form.focus("q1", true), true);
  assert.equal(p.document.activeElement, radios[0]);
  assert.equal(form.focus("nope"), false);
});

test("the worksheet's form shows the owner's answers, carried flags and removed questions' answers", () => {
  const { root, form, owner, calls } = worksheetForm();
  form.build([]);
  owner.answers = {
    q1: { text: "mine", rating: 2 },
    q2: { text: "kept", rating: null, carried: { from: "1", status: "reworded" } },
    gone: { text: "old words", rating: 1, question: "An old question" },
  };
  form.renderAll();
  const textarea = form.fields.q1.textarea;
  assert.equal(textarea.value, "mine");
  assert.deepEqual(plain(form.fields.q1.radios.map((r) => r.checked)), [false, false, true]);
  assert.equal(form.fields.q1.printRating.textContent, "Rating 2. High");
  assert.equal(form.fields.q1.carried.hidden, true);
  assert.equal(textarea.getAttribute("aria-describedby"), null);

  // q2's answer was carried from a reworded question: flagged, described, to confirm.
  const carried = root.querySelector("#reflect-carried-q2");
  assert.equal(carried.hidden, false);
  assert.equal(carried.querySelector(".reflect-carried__flag").textContent, "ws_carried_reworded");
  assert.equal(form.fields.q2.textarea.getAttribute("aria-describedby"), "reflect-carried-q2");
  assert.ok(form.fields.q2.radios.every((r) => r.getAttribute("aria-describedby") === "reflect-carried-q2"));
  carried.querySelector('[data-action="confirm-carried"]').click();
  assert.deepEqual(plain(calls), ["confirm:q2"]);

  const retired = root.querySelector(".reflect-retired");
  assert.equal(retired.hidden, false);
  assert.equal(retired.querySelector("dt").textContent, "An old question");
  assert.equal(retired.querySelector('dd[data-question="gone"]').textContent, 'ws_rating_is {"rating":"1. Low"}old words');

  owner.answers = {};
  form.renderAll();
  assert.equal(textarea.value, "");
  assert.equal(retired.hidden, true);
  assert.equal(carried.hidden, true);
});

test("two worksheet forms keep their own fields", () => {
  const { R, form } = worksheetForm();
  const data = sheetData();
  const other = new R.WorksheetForm({ root: R.el("div"), data: data, model: R.sheet.create(data), answers: () => ({}) });
  form.answerBlock(form.sheet.model.byId.q1);
  assert.equal(form.has("q1"), true);
  assert.equal(other.has("q1"), false);
  assert.notEqual(form.retired, other.retired);
});

/* The worksheet's bar, with stand-ins for what the browser would do: the file reader, the
 * confirmation (no <dialog> here: R.confirm asks window.confirm), print and the download. */
function worksheetFiles(options) {
  const opts = options || {};
  const reply = { confirm: true };
  const calls = [];
  class FileReader {
    readAsText(file) {
      Promise.resolve().then(() => {
        this.result = file.text;
        this.onload();
      });
    }
  }
  const p = page(WORKSHEET.concat(["reflect-worksheet-files.js"]), {
    globals: { FileReader: FileReader, confirm: () => reply.confirm, print: () => calls.push("print") },
  });
  const R = p.Reflect;
  const downloads = [];
  R.download = (name, type, text) => downloads.push({ name, type, text });
  const data = sheetData();
  const owner = { answers: opts.answers || {} };
  const root = p.document.body.appendChild(R.el("div"));
  const files = new R.WorksheetFiles({
    root: root,
    model: R.sheet.create(data),
    data: data,
    answers: () => owner.answers,
    flush: () => calls.push("flush"),
    say: (text) => calls.push("say:" + text),
    listen: (target, type) => calls.push("listen:" + type + (target.document === p.document ? ":window" : "")),
    carryAcross: () => assert.fail("no file of another version here"),
    replace: (answers, notice) => calls.push(["replace", plain(answers), notice === undefined ? "keep" : notice]),
    importError: (name, reason) => calls.push(["importError", name, reason]),
    clearImportError: () => calls.push("clearImportError"),
  });
  root.appendChild(files.bar);
  root.appendChild(files.input);
  return { p, R, files, owner, calls, downloads, reply };
}

test("the worksheet's bar draws its labelled actions and exports the owner's answers", () => {
  const { R, files, calls, downloads } = worksheetFiles({ answers: { q1: { text: "mine", rating: 2 } } });
  assert.equal(files.toolbar.getAttribute("role"), "group");
  assert.equal(files.toolbar.getAttribute("aria-label"), "ws_actions");
  assert.deepEqual(files.toolbar.querySelectorAll("button").map((b) => b.getAttribute("data-action")),
    ["export-json", "export-csv", "export-markdown", "import", "print", "clear"]);
  assert.equal(files.progress.id, "reflect-worksheet-progress");
  assert.equal(files.progress.getAttribute("aria-live"), "polite");
  assert.equal(files.bar.querySelector("details").open, true); // a wide screen
  assert.equal(files.input.getAttribute("type"), "file");
  assert.equal(files.input.hidden, true);
  assert.equal(files.input.getAttribute("aria-label"), "ws_import");
  assert.deepEqual(plain(calls), ["listen:resize:window"]);
  calls.length = 0;

  files.toolbar.querySelector('[data-action="export-json"]').click();
  assert.equal(downloads.length, 1);
  assert.equal(downloads[0].name, "set-answers-" + R.today() + ".json");
  assert.equal(downloads[0].type, "application/json");
  const exported = JSON.parse(downloads[0].text);
  assert.equal(exported.set, "set");
  assert.deepEqual(exported.answers.find((a) => a.id === "q1").text, "mine");
  files.toolbar.querySelector('[data-action="export-csv"]').click();
  assert.equal(downloads[1].name, "set-answers-" + R.today() + ".csv");
  assert.match(downloads[1].text, /Do we listen\?/);
  files.toolbar.querySelector('[data-action="print"]').click();
  assert.deepEqual(plain(calls), ["flush", 'say:ws_exported_json {"count":1}', "flush", "say:ws_exported_csv", "flush", "print"]);
});

test("the worksheet's bar imports a chosen file through the owner, and reports a bad one", async () => {
  const mine = worksheetFiles({ answers: { q1: { text: "mine", rating: 2 } } });
  mine.files.exportJSON();
  const text = mine.downloads[0].text;

  const { files, calls, owner, reply } = worksheetFiles();
  calls.length = 0;
  const opened = [];
  files.input.addEventListener("click", () => opened.push("chooser"));
  files.toolbar.querySelector('[data-action="import"]').click();
  assert.deepEqual(opened, ["chooser"]);

  const choose = (file) => {
    files.input.files = [file];
    files.input.dispatch("change");
  };
  choose({ name: "answers.json", size: text.length, text: text });
  await settled();
  assert.deepEqual(plain(calls), ["clearImportError", ["replace", { q1: { question: "Do we listen?", text: "mine", rating: 2 } }, "keep"],
    'say:ws_imported {"count":1,"name":"answers.json"}']);

  // With answers here, a file replaces them only when the person says so.
  calls.length = 0;
  owner.answers = { q2: { text: "other", rating: null } };
  reply.confirm = false;
  choose({ name: "answers.json", size: text.length, text: text });
  await settled();
  assert.deepEqual(plain(calls), ["clearImportError", "say:ws_import_cancelled"]);

  calls.length = 0;
  choose({ name: "bad.json", size: 8, text: "not json" });
  await settled();
  choose({ name: "huge.json", size: 6 * 1024 * 1024, text: "" });
  assert.deepEqual(plain(calls), [["importError", "bad.json", "problem_not_json"], ["importError", "huge.json", 'problem_too_large {"size":5}']]);
});

test("the worksheet's bar clears the owner's answers only when asked and confirmed; two bars are their own", async () => {
  const { R, files, calls, owner, reply } = worksheetFiles();
  const clear = files.toolbar.querySelector('[data-action="clear"]');
  clear.click();
  owner.answers = { q1: { text: "mine", rating: 2 } };
  reply.confirm = false;
  clear.click();
  await settled();
  reply.confirm = true;
  clear.click();
  await settled();
  assert.deepEqual(plain(calls.slice(1)), ["say:ws_nothing_to_clear", "say:ws_nothing_cleared", ["replace", {}, null], "say:ws_cleared"]);

  // A second bar in the same page speaks to its own owner only.
  const said = [];
  const data = sheetData();
  const other = new R.WorksheetFiles({ root: R.el("div"), model: R.sheet.create(data), data: data, answers: () => ({}), say: (text) => said.push(text), listen() {} });
  assert.notEqual(other.toolbar, files.toolbar);
  other.toolbar.querySelector('[data-action="clear"]').click();
  assert.deepEqual(plain(said), ["ws_nothing_to_clear"]);
  assert.equal(calls.length, 5);
});
