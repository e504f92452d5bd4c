"use strict";
/* The tools' views in isolation: each made with a fake owner (only the values and actions its
 * interface names), in a small stand-in DOM (fake-dom.js), with their real scripts. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { page, FakeStorage } = require("./fake-dom.js");

const plain = (value) => JSON.parse(JSON.stringify(value)); // out of the page's realm

/* --- the bank's "Add to my guide" ---------------------------------------------------------- */

function bankGuide(site, storage, visible) {
  const p = page(["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-banked.js", "reflect-guides.js", "reflect-bank-guide.js"], { localStorage: storage });
  const R = p.Reflect;
  const root = p.document.body.appendChild(R.el("div"));
  const byId = new Map([
    ["a", { q: { id: "a", text: "How do you plan?" } }],
    ["b", { q: { id: "b", text: "What changed?" } }],
    ["c", { q: { id: "c", text: "Who decides?" } }],
  ]);
  const buttons = new Map(["a", "b", "c"].map((id) => [id, R.el("button")]));
  const guide = new R.BankGuide({
    root: root,
    data: { site: site },
    byId: byId,
    visible: () => visible,
    rowButtons: () => buttons,
  });
  guide.renderGuide();
  return { p, R, root, guide, buttons };
}

test("the bank's guide view adds what its owner shows to the guide kept for its site, and labels the rows", () => {
  const storage = new FakeStorage();
  const { root, buttons, guide } = bankGuide("Site one", storage, ["a", "c"]);
  assert.equal(root.querySelector("#reflect-bank-guide-status").textContent, "bank_guide_none");
  assert.equal(buttons.get("a").getAttribute("aria-disabled"), "false");

  root.querySelector('[data-action="add-all"]').click();

  const kept = JSON.parse(storage.getItem("reflect:site-one:compose:guides"));
  const open = kept.guides.find((g) => g.id === kept.open);
  assert.deepEqual(open.ids, ["a", "c"]);
  assert.equal(buttons.get("a").getAttribute("aria-disabled"), "true");
  assert.equal(buttons.get("b").getAttribute("aria-disabled"), "false");
  assert.match(buttons.get("c").textContent, /^bank_in_guide: Who decides\?/);
  assert.match(root.querySelector("#reflect-bank-guide-status").textContent, /^bank_guide_status .*"count":2/);

  // "Add all" says how many match only for a paged bank, and is off when none match.
  guide.showMatching(0, true);
  const addAll = root.querySelector('[data-action="add-all"]');
  assert.equal(addAll.disabled, true);
  assert.equal(addAll.textContent, 'bank_add_all_matching {"count":0}');
});

test("two bank guide views keep their own keys and status: one site's guide is not the other's", () => {
  const storage = new FakeStorage();
  const one = bankGuide("Site one", storage, ["a"]);
  const two = bankGuide("Site two", storage, ["b"]);
  one.root.querySelector('[data-action="add-all"]').click();
  assert.equal(storage.getItem("reflect:site-two:compose:guides"), null);
  assert.equal(two.root.querySelector("#reflect-bank-guide-status").textContent, "bank_guide_none");
  assert.notEqual(one.guide.guidesKey, two.guide.guidesKey);
  // Another tab changes site two's guides: only its view redraws.
  storage.setItem("reflect:site-two:compose:guides", storage.getItem("reflect:site-one:compose:guides"));
  two.guide.storageChanged({ key: "reflect:site-two:compose:guides" });
  assert.equal(two.buttons.get("a").getAttribute("aria-disabled"), "true");
});

/* --- the worksheet's banners --------------------------------------------------------------- */

function worksheetAlerts() {
  const p = page(["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-answers.js", "reflect-sheet.js", "reflect-worksheet-alerts.js"]);
  const R = p.Reflect;
  const data = {
    site: "S",
    set: "set",
    content_version: "1",
    scale: { label: "Rating", options: [{ value: 1, label: "Low" }, { value: 2, label: "High" }] },
    sections: [{ id: "s", title: "Section", questions: [{ id: "q1", number: 1, text: "Do we listen?" }] }],
  };
  const calls = [];
  const owner = {
    failure: null,
    answers: { q1: { text: "mine", rating: 2 } },
  };
  const alerts = new R.WorksheetAlerts({
    model: R.sheet.create(data),
    answers: () => owner.answers,
    failure: () => owner.failure,
    exportNow: () => calls.push("exportNow"),
    retry: () => calls.push("retry"),
    resolve: (choice) => calls.push("resolve:" + choice),
    focus: (action) => calls.push("focus:" + action),
  });
  p.document.body.appendChild(alerts.node);
  return { alerts, owner, calls };
}

test("the worksheet's banners show the owner's failure and call back its actions", () => {
  const { alerts, owner, calls } = worksheetAlerts();
  alerts.render();
  assert.equal(alerts.node.children.length, 0);

  owner.failure = "full";
  alerts.render();
  const banner = alerts.node.querySelector('[data-banner="storage"]');
  assert.equal(banner.getAttribute("data-reason"), "full");
  assert.match(banner.textContent, /ws_fail_full/);
  banner.querySelector('[data-action="retry"]').click();
  banner.querySelector('[data-action="banner-export-json"]').click();
  assert.deepEqual(plain(calls), ["retry", "exportNow"]);

  owner.failure = null;
  alerts.render();
  assert.equal(alerts.node.querySelector('[data-banner="storage"]'), null);
});

test("the worksheet's notice is the view's own; dismissing it hands the focus back to the owner", () => {
  const first = worksheetAlerts();
  const second = worksheetAlerts();
  first.alerts.notice("Answers found under version 0");
  second.alerts.render();
  assert.equal(second.alerts.node.querySelector('[data-banner="notice"]'), null);
  const notice = first.alerts.node.querySelector('[data-banner="notice"]');
  assert.match(notice.textContent, /Answers found under version 0/);

  // keepNotice waits for the next drawing.
  first.alerts.keepNotice(null);
  assert.notEqual(first.alerts.node.querySelector('[data-banner="notice"]'), null);
  first.alerts.notice("Again");
  first.alerts.node.querySelector('[data-action="dismiss-notice"]').click();
  assert.equal(first.alerts.node.querySelector('[data-banner="notice"]'), null);
  assert.deepEqual(plain(first.calls), ["focus:export-json"]);
});

test("the worksheet's conflict question stays through a redraw and resolves through the owner", () => {
  const { alerts, owner, calls } = worksheetAlerts();
  alerts.showConflict({ ids: ["q1"], theirs: { q1: { text: "theirs", rating: 1 } } });
  owner.failure = "blocked";
  alerts.render(); // the other banners are rebuilt, the question kept
  const conflict = alerts.node.querySelector('[data-banner="conflict"]');
  assert.notEqual(conflict, null);
  assert.equal(conflict.querySelector("li").getAttribute("data-question"), "q1");
  assert.notEqual(alerts.node.querySelector('[data-banner="storage"]'), null);
  conflict.querySelector('[data-action="keep-theirs"]').click();
  assert.deepEqual(plain(calls), ["resolve:theirs"]);
  alerts.clearConflict();
  assert.equal(alerts.node.querySelector('[data-banner="conflict"]'), null);

  alerts.importError("answers.json", "not JSON");
  assert.match(alerts.node.querySelector('[data-banner="import-error"]').textContent, /answers\.json/);
  alerts.node.querySelector('[data-action="dismiss-import-error"]').click();
  assert.equal(alerts.node.querySelector('[data-banner="import-error"]'), null);
  assert.deepEqual(plain(calls), ["resolve:theirs", "focus:import"]);
});

/* --- the composer's choose panel ----------------------------------------------------------- */

test("the composer's choose panel filters its own choices and adds those shown through the owner", () => {
  const p = page(["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-composed.js", "reflect-compose-choose.js"]);
  const R = p.Reflect;
  const data = {
    audiences: [{ id: "staff", name: "Staff" }, { id: "people", name: "People" }],
    owners: [{ id: "g1", title: "Guide one" }, { id: "s1", title: "Set one" }],
    themes: [],
    questions: [
      { id: "a", number: 1, text: "How do you plan?", owner: "g1", audience: "staff" },
      { id: "b", number: 2, text: "What changed?", owner: "g1", audience: "staff" },
      { id: "c", number: 1, text: "Cafe visits", owner: "s1", audience: "people" },
    ],
  };
  const inGuide = ["a"];
  const calls = [];
  const choose = new R.ComposeChoose({
    data: data,
    ids: () => inGuide,
    add: (id) => calls.push("add:" + id),
    remove: (id) => calls.push("remove:" + id),
    addMany: (ids) => calls.push("addMany:" + ids.join(",")),
    say: (text) => calls.push("say:" + text),
  });
  const section = choose.section;
  choose.filter();
  assert.equal(section.querySelector("#reflect-compose-pick-count").textContent, 'bank_showing_all {"count":3}');

  const audience = section.querySelector("#reflect-compose-audience");
  audience.value = "staff";
  audience.dispatch("change");
  assert.equal(section.querySelector('[data-question="c"]').hidden, true);
  assert.equal(section.querySelector('[data-owner="s1"]').hidden, true);
  assert.equal(section.querySelector("#reflect-compose-pick-count").textContent, 'bank_showing {"shown":2,"count":3}');

  section.querySelector('[data-action="add-shown"]').click(); // "a" is in the guide already
  section.querySelector("#reflect-pick-b").click();
  section.querySelector("#reflect-pick-b").click();
  assert.deepEqual(plain(calls), ["addMany:b", 'say:compose_added_many {"count":1}', "add:b", "remove:b"]);

  choose.showChecked(["b", "c"]);
  assert.deepEqual(["a", "b", "c"].map((id) => section.querySelector("#reflect-pick-" + id).checked), [false, true, true]);
});

test("no tool's prototype carries its views' methods any more", () => {
  const p = page(["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-answers.js", "reflect-sheet.js", "reflect-store.js", "reflect-carry.js",
    "reflect-worksheet-form.js", "reflect-worksheet-alerts.js", "reflect-worksheet-files.js", "reflect-worksheet.js"]);
  const R = p.Reflect;
  assert.equal(R.worksheetParts, undefined);
  for (const method of ["renderAlerts", "buildBar", "answerBlock", "exportJSON", "renderConflict", "importFile"]) {
    assert.equal(method in R.Worksheet.prototype, false, method);
  }
  assert.equal(typeof R.WorksheetFiles.prototype.exportJSON, "function");
  assert.equal(typeof R.WorksheetForm.prototype.answerBlock, "function");
});
