"use strict";
/* More of the tools' views in isolation (see views.test.js): the bank's filters and table and
 * the composer's guide panel, each made with a fake owner of the shape its owner's viewsOf
 * gives it, in the stand-in DOM (fake-dom.js). The worksheet's: views-worksheet.test.js. */
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

const plain = (value) => JSON.parse(JSON.stringify(value)); // out of the page's realm
const settled = () => new Promise((resolve) => setImmediate(resolve)); // the page's promises done

/* --- the bank ------------------------------------------------------------------------------ */

const BANK = ["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-banked.js", "reflect-paging.js"];
const bankData = () => ({
  audiences: [{ id: "staff", name: "Staff" }, { id: "people", name: "People" }],
  owners: [{ id: "g1", title: "Guide one" }, { id: "s1", title: "Set one" }],
  themes: [{ id: "t1", label: "Time", subthemes: [{ id: "t1a", label: "Waiting" }] }],
  sections: ["Planning", "Visits"],
  none: "None",
  questions: [
    { id: "a", n: 1, u: "guide/#q-a", s: 0, text: "How do you plan?", prompts: ["Who decides"], owner: "g1", audience: "staff", themes: ["t1"], subthemes: ["t1a"] },
    { id: "b", n: 2, u: "guide/#q-b", s: 0, text: "What changed?", owner: "g1", audience: "staff" },
    { id: "c", n: 1, u: "set/#q-c", s: 1, text: "Cafe visits", owner: "s1", audience: "people", subthemes: ["t1a"] },
  ],
});

function bankFilters(p) {
  const R = p.Reflect;
  const data = bankData();
  const root = p.document.body.appendChild(R.el("div"));
  const owner = { state: R.banked.emptyState(), calls: [] };
  const filters = new R.BankFilters({
    root: root,
    data: data,
    known: R.banked.known(data),
    state: () => owner.state,
    set: (state, fromState) => {
      owner.calls.push({ state: state, fromState: fromState });
      owner.state = state;
    },
  });
  return { R, root, filters, owner, data };
}

test("the bank's filters draw labelled facets and hand the owner a new state for each choice", () => {
  const p = page(BANK.concat(["reflect-bank-filters.js"]));
  const { R, root, filters, owner, data } = bankFilters(p);
  const form = root.querySelector("form");
  assert.equal(form.getAttribute("role"), "search");
  assert.equal(form.getAttribute("aria-labelledby"), "reflect-bank-filters-title");
  assert.equal(root.querySelector("#reflect-bank-filters-title").textContent, "bank_filter_title");
  const words = root.querySelector("#reflect-bank-words");
  assert.equal(words.getAttribute("aria-describedby"), "reflect-bank-words-hint");
  assert.equal(root.querySelector('label[for="reflect-bank-words"]').textContent, "bank_words");
  assert.deepEqual(root.querySelectorAll("details.reflect-facet").map((d) => d.getAttribute("data-facet")), ["audience", "owner", "theme"]);
  assert.deepEqual(root.querySelectorAll('input[type="checkbox"]').map((i) => i.id),
    ["reflect-bank-audience-staff", "reflect-bank-audience-people", "reflect-bank-owner-g1", "reflect-bank-owner-s1", "reflect-bank-theme-t1", "reflect-bank-subtheme-t1a"]);
  assert.equal(root.querySelector('label[for="reflect-bank-owner-s1"]').textContent, "Set one ");
  assert.equal(root.querySelector(".reflect-options--nested").getAttribute("aria-label"), 'bank_subthemes_of {"theme":"Time"}');

  // Ticking "People" hands over a new state; the one it had stays as it was.
  const before = owner.state;
  root.querySelector("#reflect-bank-audience-people").click();
  root.querySelector("#reflect-bank-audience-staff").click(); // kept in the site's order
  assert.deepEqual(plain(before), plain(R.banked.emptyState()));
  assert.deepEqual(plain(owner.calls.map((c) => [c.state.audience, c.state.page, c.fromState])), [[["people"], 1, false], [["staff", "people"], 1, false]]);
  assert.notEqual(owner.calls[0].state, before);
  assert.deepEqual(plain(owner.calls[0].state.audience), ["people"]);

  const ticked = owner.state;
  words.value = "plan";
  words.dispatch("input");
  assert.equal(owner.state.words, "plan");
  assert.deepEqual(plain(owner.state.audience), ["staff", "people"]);
  assert.equal(ticked.words, "");

  // "Clear": an empty state, the controls set from it, and the focus back in the words.
  root.querySelector("button").click();
  assert.deepEqual(plain(owner.calls[3]), { state: plain(R.banked.emptyState()), fromState: true });
  assert.equal(p.document.activeElement, words);

  // The counts and controls the owner asks for.
  const items = data.questions.map((q) => ({ q: q, haystack: R.normalise(R.banked.haystackText(q)) }));
  const state = Object.assign(R.banked.emptyState(), { subtheme: ["t1a"], words: "visits" });
  filters.showCounts(state, items, R.banked.filterWords(state.words, R.words));
  filters.sync(state);
  assert.equal(root.querySelector("#reflect-bank-subtheme-t1a").checked, true);
  assert.equal(root.querySelector("#reflect-bank-audience-staff").checked, false);
  assert.equal(words.value, "visits");
  assert.equal(root.querySelector('details[data-facet="theme"]').open, true);
  assert.equal(root.querySelector('details[data-facet="audience"]').open, false);
  assert.equal(root.querySelector('details[data-facet="theme"] .reflect-facet__selected').textContent, 'bank_selected {"count":1}');
  assert.equal(root.querySelector('label[for="reflect-bank-audience-people"]').textContent, 'People bank_option_count {"count":1}');
  filters.showShown(0, 3, true);
  assert.equal(root.querySelector("#reflect-bank-count").textContent, 'bank_showing {"shown":0,"count":3}');
  assert.equal(root.querySelector(".reflect-empty").hidden, false);
  filters.showShown(3, 3, false);
  assert.equal(root.querySelector("#reflect-bank-count").textContent, 'bank_showing_all {"count":3}');
  assert.equal(root.querySelector(".reflect-empty").hidden, true);
});

test("two bank filter panels keep their own controls and owners", () => {
  const p = page(BANK.concat(["reflect-bank-filters.js"]));
  const one = bankFilters(p);
  const two = bankFilters(p);
  assert.notEqual(one.filters.controls, two.filters.controls);
  assert.notEqual(one.filters.controls.audience, two.filters.controls.audience);
  one.root.querySelector("#reflect-bank-owner-g1").click();
  assert.equal(one.owner.calls.length, 1);
  assert.equal(two.owner.calls.length, 0);
  assert.equal(two.filters.controls.owner.g1.checked, false);
});

/* The page's own table (as the generator writes it: caption, header, the first rows). */
function bankTable(pageSize) {
  const p = page(BANK.concat(["reflect-bank-table.js"]));
  const R = p.Reflect;
  const el = R.el;
  const data = bankData();
  const row = (q) => el("tr", { id: "bank-" + q.id }, ["q", "audience", "owner", "section", "themes"].map((c) => el("td", { text: c + "-" + q.id })));
  const table = p.document.body.appendChild(el("table", { class: "reflect-bank" }, [
    el("caption", { text: "Every question" }),
    el("thead", {}, [el("tr", {}, ["Question", "Audience", "From", "Section", "Themes"].map((h) => el("th", { text: h })))]),
    el("tbody", {}, data.questions.map(row)),
  ]));
  const root = p.document.body.appendChild(el("div"));
  const byId = new Map(data.questions.map((q) => [q.id, { q: q }]));
  const calls = [];
  const view = new R.BankTable({
    root: root,
    data: data,
    known: R.banked.known(data),
    byId: byId,
    pageSize: pageSize,
    paging: R.paging,
    add: (ids) => calls.push("add:" + ids.join(",")),
    labelRows: () => calls.push("labelRows"),
    turn: (step) => calls.push("turn:" + step),
  });
  return { p, R, table, root, byId, view, calls };
}

test("the bank's table decorates the page's rows and says its filters in words", () => {
  const { R, table, byId, view, calls } = bankTable(0);
  assert.equal(table.parentNode.children[table.parentNode.children.indexOf(table) - 1].id, "reflect-bank-print-note");
  const row = table.querySelector("#bank-a");
  view.decorate(byId.get("a"), row);
  assert.deepEqual(row.cells.map((c) => c.getAttribute("data-label")), [null, "Audience", "From", "Section", "Themes"]);
  const button = row.cells[0].querySelector('button[data-action="add"]');
  assert.equal(button.getAttribute("data-question"), "a");
  assert.equal(view.rowButtons.get("a"), button);
  assert.deepEqual(row.cells[0].querySelectorAll(".reflect-bank-prompts li").map((li) => li.textContent), ["Who decides"]);
  button.click();
  assert.deepEqual(plain(calls), ["add:a"]);
  assert.equal(table.querySelector("nav"), null); // not paged: no pager

  const state = Object.assign(R.banked.emptyState(), { audience: ["staff"], words: " plan " });
  view.describeFilters(state, true, 1, 3);
  const said = 'bank_filtered_caption {"filters":"bank_filter_audience {\\"names\\":\\"Staff\\"}; bank_filter_words {\\"words\\":\\"plan\\"}","shown":1,"count":3}';
  assert.equal(table.querySelector("caption").textContent, said);
  assert.equal(view.printNote.textContent, said);
  view.describeFilters(R.banked.emptyState(), false, 3, 3);
  assert.equal(table.querySelector("caption").textContent, "Every question");
  assert.equal(view.printNote.textContent, 'bank_print_all {"count":3}');
});

test("a paged bank's table draws a page of rows from the data and turns pages through the owner", () => {
  const { p, table, view, calls } = bankTable(2);
  assert.equal(table.tBodies[0].children.length, 0); // the page's first rows are replaced
  const pager = table.nextSibling;
  assert.equal(pager.tagName, "NAV");
  assert.equal(pager.getAttribute("aria-label"), "bank_pager");

  assert.equal(view.showPage(["a", "b", "c"], 1), 1);
  const rows = table.tBodies[0].children;
  assert.deepEqual(rows.map((r) => r.id), ["bank-a", "bank-b"]);
  assert.equal(rows[0].getAttribute("data-audience"), "staff");
  assert.equal(rows[0].getAttribute("data-subthemes"), "t1a");
  assert.deepEqual(rows[0].cells.map((c) => c.textContent).slice(1), ["Staff", "Guide one", "Planning", "Waiting"]);
  assert.equal(rows[0].querySelector("a").getAttribute("href"), "guide/#q-a");
  assert.equal(rows[1].cells[4].textContent, "None");
  assert.equal(rows[0].cells[2].getAttribute("data-label"), "From");
  assert.deepEqual([...view.rowButtons.keys()], ["a", "b"]);
  assert.equal(pager.querySelector(".reflect-pager__page").textContent, 'bank_page_of {"page":1,"pages":2}');
  assert.equal(pager.querySelector("#reflect-bank-page-status").textContent, 'bank_page_status {"first":1,"last":2,"count":3}');
  assert.equal(view.previousButton.disabled, true);
  assert.equal(view.nextButton.disabled, false);
  assert.deepEqual(plain(calls), ["labelRows"]);

  pager.querySelector('[data-action="next-page"]').click();
  assert.deepEqual(plain(calls), ["labelRows", "turn:1"]);
  assert.equal(p.document.activeElement, table.querySelector("caption"));
  assert.equal(table.querySelector("caption").getAttribute("tabindex"), "-1");

  assert.equal(view.showPage(["a", "b", "c"], 9), 2); // within the pages there are
  assert.deepEqual(table.tBodies[0].children.map((r) => r.id), ["bank-c"]);
  assert.deepEqual([...view.rowButtons.keys()], ["c"]);
  assert.equal(view.nextButton.disabled, true);
  assert.equal(view.previousButton.disabled, false);
});

test("two bank tables keep their own row buttons", () => {
  const one = bankTable(0);
  const other = new one.R.BankTable({ root: one.root, data: bankData(), known: {}, byId: one.byId, pageSize: 0 });
  one.view.decorate(one.byId.get("b"), one.table.querySelector("#bank-b"));
  assert.equal(one.view.rowButtons.has("b"), true);
  assert.equal(other.rowButtons.size, 0);
});

/* --- the composer's guide panel ------------------------------------------------------------ */

function composeGuide(reply) {
  const p = page(["reflect-strings.js", "reflect-hash.js", "reflect-core.js", "reflect-composed.js", "reflect-guides.js", "reflect-compose-guide.js"], {
    globals: { confirm: () => reply.confirm },
  });
  const R = p.Reflect;
  const downloads = [];
  R.download = (name, type, text) => downloads.push({ name, type, text });
  const byId = new Map([
    ["a", { id: "a", number: 1, text: "How do you plan?", prompts: ["Who decides"], url: "g/#q-a", owner_title: "Guide one" }],
    ["b", { id: "b", number: 2, text: "What changed?", url: "g/#q-b", owner_title: "Guide one" }],
    ["c", { id: "c", number: 1, text: "Cafe visits", url: "s/#q-c", owner_title: "Set one" }],
  ]);
  const calls = [];
  const owner = {
    state: Object.freeze({ title: "My guide", ids: Object.freeze(["a", "b"]) }),
    store: { open: "g1", guides: [{ id: "g1", title: "My guide", ids: ["a", "b"] }] },
  };
  const root = p.document.body.appendChild(R.el("div"));
  const guide = new R.ComposeGuide({
    root: root,
    data: { site: "S", title: "Bank" },
    byId: byId,
    state: () => owner.state,
    store: () => owner.store,
    open: (id) => calls.push("open:" + id),
    newGuide: () => calls.push("newGuide"),
    setTitle: (title) => calls.push("setTitle:" + title),
    setIds: (ids) => calls.push(ids),
    reset: () => calls.push("reset"),
  });
  root.appendChild(guide.section);
  root.appendChild(guide.announce.node);
  root.appendChild(guide.printCopy);
  guide.render();
  return { p, R, root, guide, owner, calls, downloads };
}

test("the composer's guide panel draws the open guide and hands the owner new lists of ids", () => {
  const { p, guide, owner, calls } = composeGuide({ confirm: true });
  const section = guide.section;
  assert.equal(section.getAttribute("aria-labelledby"), "reflect-compose-guide-title");
  const items = section.querySelectorAll("li.reflect-compose-item");
  assert.deepEqual(items.map((li) => li.getAttribute("data-question")), ["a", "b"]);
  assert.equal(items[0].querySelector('[data-action="up"]').getAttribute("aria-disabled"), "true");
  assert.equal(items[0].querySelector('[data-action="down"]').getAttribute("aria-disabled"), null);
  assert.equal(items[1].querySelector('[data-action="down"]').getAttribute("aria-disabled"), "true");
  assert.match(items[1].querySelector('[data-action="remove"]').textContent, /^compose_remove compose_item_label \{"position":2,"text":"What changed\?"\}$/);
  assert.equal(items[0].querySelector(".reflect-compose-item__from a").getAttribute("href"), "g/#q-a");
  assert.equal(section.querySelector("#reflect-compose-count").textContent, 'compose_count {"count":2}');
  assert.equal(section.querySelector(".reflect-empty").hidden, true);
  assert.equal(section.querySelector("#reflect-compose-title").value, "My guide");
  assert.equal(section.querySelector(".reflect-compose-guides").hidden, true); // one guide kept
  assert.equal(guide.printList.children.length, 2);
  assert.equal(guide.printTitle.textContent, "My guide");

  // Moving, adding and removing give the owner a new list; the one it holds is not edited
  // (it is frozen: an edit in place would throw).
  const before = owner.state.ids;
  items[0].querySelector('[data-action="down"]').click();
  guide.add("c");
  guide.add("a"); // in the guide already: nothing
  guide.remove("a", false);
  items[1].dispatch("keydown", { altKey: true, key: "ArrowUp" });
  assert.deepEqual(plain(calls), [["b", "a"], ["a", "b", "c"], ["b"], ["b", "a"]]);
  assert.ok(calls.every((ids) => ids !== before));
  assert.deepEqual(plain(before), ["a", "b"]);
  assert.equal(p.document.activeElement, items[1].querySelector('[data-action="up"]'));

  items[0].querySelector('[data-action="up"]').click(); // first already
  assert.equal(guide.announce.node.textContent, "compose_already_first");
  assert.equal(calls.length, 4);
});

test("the composer's guide panel opens, starts and empties guides only through its owner", async () => {
  const { p, R, guide, owner, calls, downloads } = composeGuide({ confirm: true });
  const section = guide.section;
  const title = section.querySelector("#reflect-compose-title");
  title.value = "Renamed";
  title.dispatch("input");
  section.querySelector('[data-action="new-guide"]').click();
  assert.equal(p.document.activeElement, title);
  assert.equal(guide.announce.node.textContent, "compose_new_started");

  owner.store = { open: "g2", guides: [{ id: "g1", title: "My guide", ids: ["a", "b"] }, { id: "g2", title: "", ids: [] }] };
  guide.render();
  const select = section.querySelector("#reflect-compose-guides");
  assert.equal(section.querySelector(".reflect-compose-guides").hidden, false);
  assert.deepEqual(select.querySelectorAll("option").map((o) => o.textContent),
    ['compose_guide_option {"title":"My guide","count":2}', 'compose_guide_option {"title":"compose_default_title","count":0}']);
  assert.equal(select.value, "g2");
  select.value = "g1";
  select.dispatch("change");

  section.querySelector('[data-action="start-again"]').click();
  await settled();
  assert.deepEqual(plain(calls), ["setTitle:Renamed", "newGuide", "open:g1", "reset"]);
  assert.equal(guide.announce.node.textContent, "compose_emptied");

  guide.showLink("http://example.org/compose/#ids=a,b");
  section.querySelector('[data-action="export-json"]').click();
  assert.equal(downloads[0].name, R.slug("My guide") + ".json");
  assert.equal(JSON.parse(downloads[0].text).link, "http://example.org/compose/#ids=a,b");
  guide.showNotice("Two questions were not found");
  assert.equal(section.querySelector(".reflect-alerts").textContent, "Two questions were not found");
});

test("the composer's guide panel asks before emptying, and two panels are their own", async () => {
  const one = composeGuide({ confirm: false });
  one.guide.section.querySelector('[data-action="start-again"]').click();
  await settled();
  assert.deepEqual(plain(one.calls), []);

  const other = new one.R.ComposeGuide({ root: one.root, data: {}, byId: one.guide.composer.byId, state: () => ({ title: "", ids: [] }), store: () => one.owner.store });
  other.render();
  assert.notEqual(other.section, one.guide.section);
  assert.notEqual(other.announce, one.guide.announce);
  assert.equal(other.picked.children.length, 0);
  assert.equal(one.guide.picked.children.length, 2);
  other.showLink("x");
  assert.equal(one.guide.linkInput.value, "");
});
