"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../overrides/assets/javascripts/reflect-answers.js");
const St = require("../../overrides/assets/javascripts/reflect-store.js");

/* A storage with localStorage's methods; `fault` makes setItem misbehave. */
function memory(entries) {
  const items = new Map(Object.entries(entries || {}));
  return {
    fault: null,
    get length() {
      return items.size;
    },
    key(i) {
      return Array.from(items.keys())[i] ?? null;
    },
    getItem(key) {
      return items.has(key) ? items.get(key) : null;
    },
    setItem(key, value) {
      if (this.fault === "full") {
        const error = new Error("full");
        error.name = "QuotaExceededError";
        throw error;
      }
      if (this.fault === "blocked") throw new Error("SecurityError");
      items.set(key, this.fault === "lossy" ? value.slice(0, 10) : String(value));
    },
    items,
  };
}

const PREFIX = "reflect:site:worksheet:org:";
const context = { site: "Site", set: "org", content_version: "2" };

function record(answers, revision, version, savedAt) {
  const made = A.makeRecord(Object.assign({}, context, { content_version: version || "2" }), answers, revision || 1, "tab", savedAt || "2026-01-01T00:00:00Z");
  return JSON.stringify(made);
}

function storeOver(storage, now) {
  return St.create(PREFIX, PREFIX + "2", () => storage, now);
}

test("a write is read back and compared", () => {
  const storage = memory();
  const store = storeOver(storage);
  assert.equal(store.available(), true);
  assert.deepEqual(store.read(), { ok: true, record: null, raw: null });
  const made = A.makeRecord(context, { q1: { text: "a", rating: 2 } }, 1, "tab", "now");
  assert.deepEqual(store.write(made), { ok: true });
  const back = store.read();
  assert.equal(back.ok, true);
  assert.equal(back.record.revision, 1);
  assert.deepEqual(Object.assign({}, back.record.answers.q1), { text: "a", rating: 2 });
  assert.deepEqual(back.dropped, []);
});

test("a failed write says why: full, blocked, or not kept as given", () => {
  const storage = memory();
  const store = storeOver(storage);
  const made = A.makeRecord(context, { q1: { text: "a", rating: 2 } }, 1, "tab", "now");
  storage.fault = "full";
  assert.equal(store.write(made).reason, "full");
  storage.fault = "blocked";
  assert.equal(store.write(made).reason, "blocked");
  storage.fault = "lossy";
  assert.deepEqual(store.write(made), { ok: false, reason: "unverified" });
});

test("no storage at all: not available, and reading says so", () => {
  const store = St.create(PREFIX, PREFIX + "2", () => {
    throw new Error("SecurityError");
  });
  assert.equal(store.available(), false);
  const read = store.read();
  assert.equal(read.ok, false);
  assert.equal(St.reasonOf(read.error), "blocked");
  assert.equal(St.create(PREFIX, PREFIX + "2", () => null).available(), false);
});

test("quota errors by name or by code", () => {
  assert.equal(St.isQuotaError({ name: "QuotaExceededError" }), true);
  assert.equal(St.isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" }), true);
  assert.equal(St.isQuotaError({ code: 22 }), true);
  assert.equal(St.isQuotaError({ code: 1014 }), true);
  assert.equal(St.isQuotaError({ name: "SecurityError", code: 18 }), false);
  assert.equal(St.isQuotaError(null), false);
  assert.equal(St.reasonOf({ code: 22 }), "full");
});

test("an unreadable record is reported as corrupt and set aside, never written over", () => {
  const storage = memory({ [PREFIX + "2"]: "{not json" });
  const store = storeOver(storage, () => 1234);
  const read = store.read();
  assert.deepEqual(read, { ok: true, record: null, raw: "{not json", corrupt: true });
  assert.equal(store.setAside(read.raw), true);
  assert.equal(storage.getItem(PREFIX + "2:unreadable:1234"), "{not json");
  assert.equal(storage.getItem(PREFIX + "2"), "{not json");
  storage.fault = "full";
  assert.equal(store.setAside(read.raw), false);
});

test("stored answers that fail their checks are left out and named", () => {
  const raw = JSON.stringify({ format: A.STORE_FORMAT, revision: 3, answers: { q1: { text: "ok", rating: 1 }, q2: { text: "x", rating: 1.5 } } });
  const read = storeOver(memory({ [PREFIX + "2"]: raw })).read();
  assert.deepEqual(Object.keys(read.record.answers), ["q1"]);
  assert.deepEqual(read.dropped, [{ id: "q2", reason: "rating_not_whole" }]);
  assert.equal(read.record.revision, 3);
});

test("the same set's records under other versions, newest first, without backups or other sets", () => {
  const storage = memory({
    [PREFIX + "2"]: record({ q1: { text: "current", rating: null } }),
    [PREFIX + "0.9"]: record({ q1: { text: "oldest", rating: null } }, 4, "0.9", "2025-01-01T00:00:00Z"),
    [PREFIX + "1"]: record({ q1: { text: "newer", rating: null } }, 2, "1", "2025-06-01T00:00:00Z"),
    [PREFIX + "1:unreadable:99"]: record({ q1: { text: "backup", rating: null } }),
    [PREFIX + "broken"]: "{",
    "reflect:site:worksheet:staff:1": record({ q1: { text: "other set", rating: null } }),
  });
  const found = storeOver(storage).otherVersions();
  assert.deepEqual(found.map((f) => [f.key, f.record.answers.q1.text]), [
    [PREFIX + "1", "newer"],
    [PREFIX + "0.9", "oldest"],
  ]);
  assert.deepEqual(St.create(PREFIX, PREFIX + "2", () => {
    throw new Error("blocked");
  }).otherVersions(), []);
});
