/* Reflect: the worksheet's record in the browser's storage. Every write is read back and
 * compared; a record that cannot be read is set aside under another key, never written
 * over; the same set's records under other content versions can be found. Pure apart from
 * the storage it is given (a function returning localStorage, or anything with its
 * methods): loads in the browser (window.Reflect.store) and under Node (module.exports,
 * with reflect-answers.js beside it), where the unit tests give it a storage of their own. */
(function (factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./reflect-answers.js"));
  else {
    var R = (window.Reflect = window.Reflect || {});
    R.store = factory(R.answers);
  }
})(function (A) {
  "use strict";

  function isQuotaError(error) {
    return (
      !!error &&
      (error.name === "QuotaExceededError" ||
        error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
        error.code === 22 ||
        error.code === 1014)
    );
  }

  /* The reason a failed storage call gives for the person: "full" or "blocked". */
  function reasonOf(error) {
    return isQuotaError(error) ? "full" : "blocked";
  }

  /* prefix: shared by the set's records; key: this content version's record;
   * getStorage: returns the storage, or throws (some browsers throw on merely reading
   * window.localStorage); now: milliseconds, for the key of a record set aside. */
  function Store(prefix, key, getStorage, now) {
    this.prefix = prefix;
    this.key = key;
    this.getStorage = getStorage;
    this.now = now || Date.now;
  }

  /* The storage, or throws. */
  Store.prototype.storage = function () {
    var storage = this.getStorage();
    if (!storage) throw new Error("localStorage");
    return storage;
  };

  Store.prototype.available = function () {
    try {
      this.storage();
      return true;
    } catch (error) {
      return false;
    }
  };

  /* {ok, record (or null), raw, error, corrupt, dropped} */
  Store.prototype.read = function (key) {
    var raw;
    try {
      raw = this.storage().getItem(key || this.key);
    } catch (error) {
      return { ok: false, error: error };
    }
    if (raw === null || raw === undefined) return { ok: true, record: null, raw: null };
    // Every field checked by type: answers that fail are left out and named in `dropped`.
    var read = A.readRecord(raw);
    if (read.corrupt) return { ok: true, record: null, raw: raw, corrupt: true };
    return { ok: true, record: read.record, raw: raw, dropped: read.dropped };
  };

  /* Write, then read back and compare. {ok, error, reason: "full"|"blocked"|"unverified"} */
  Store.prototype.write = function (record) {
    var text = JSON.stringify(record);
    try {
      var storage = this.storage();
      storage.setItem(this.key, text);
      var back = storage.getItem(this.key);
      if (back !== text) return { ok: false, reason: "unverified" };
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error, reason: reasonOf(error) };
    }
  };

  /* The same set's records under other content versions, newest first. */
  Store.prototype.otherVersions = function () {
    var found = [];
    try {
      var storage = this.storage();
      for (var i = 0; i < storage.length; i += 1) {
        var key = storage.key(i);
        if (!key || key === this.key || key.indexOf(this.prefix) !== 0) continue;
        if (key.slice(this.prefix.length).indexOf(":") >= 0) continue; // backups
        var result = this.read(key);
        if (result.ok && result.record) found.push({ key: key, record: result.record });
      }
    } catch (error) {
      return [];
    }
    found.sort(function (a, b) {
      return String(b.record.saved_at || "").localeCompare(String(a.record.saved_at || ""));
    });
    return found;
  };

  /* Keep an unreadable record under another key instead of ever overwriting it. */
  Store.prototype.setAside = function (raw) {
    try {
      this.storage().setItem(this.key + ":unreadable:" + this.now(), raw);
      return true;
    } catch (error) {
      return false;
    }
  };

  function create(prefix, key, getStorage, now) {
    return new Store(prefix, key, getStorage, now);
  }

  return { create: create, isQuotaError: isQuotaError, reasonOf: reasonOf };
});
