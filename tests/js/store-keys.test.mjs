// store.js: one learner record per course AND site, and the move of a record kept
// under the legacy key (course id only) to this site's key without ever losing it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { legacyRecordKey, migrateRecord, recordKeyFor } from "../../hooks/assets/store.js";

/** A Map-backed Storage; `failOn` makes one method throw, as a full or blocked storage does. */
function fakeStorage(entries = {}, { failOn = null, dropWrites = false } = {}) {
  const map = new Map(Object.entries(entries));
  const guard = (method) => {
    if (failOn === method) throw new Error(`QuotaExceededError (${method})`);
  };
  return {
    map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => { guard("setItem"); if (!dropWrites) map.set(key, String(value)); },
    removeItem: (key) => { guard("removeItem"); map.delete(key); },
  };
}

const RECORD = JSON.stringify({ schema: 1, courseId: "knots-101", startedAt: "2025-03-01T09:00:00.000Z" });
const LEGACY = "ce_course_knots-101";

test("the key names the course and the site's root path", () => {
  assert.equal(recordKeyFor("knots-101", "/"), "ce_course_knots-101@/");
  assert.equal(recordKeyFor("knots-101", "/a/"), "ce_course_knots-101@/a/");
  assert.notEqual(recordKeyFor("knots-101", "/a/"), recordKeyFor("knots-101", "/b/"));
  assert.notEqual(recordKeyFor("knots-101", "/a/"), recordKeyFor("knots-102", "/a/"));
  assert.equal(legacyRecordKey("knots-101"), LEGACY);
  assert.notEqual(recordKeyFor("knots-101", "/"), legacyRecordKey("knots-101"));
});

test("a legacy record of this course moves to this site's key", () => {
  const storage = fakeStorage({ [LEGACY]: RECORD });
  assert.equal(migrateRecord(storage, "knots-101", "/a/"), true);
  assert.equal(storage.getItem("ce_course_knots-101@/a/"), RECORD);
  assert.equal(storage.getItem(LEGACY), null);
  assert.equal(migrateRecord(storage, "knots-101", "/b/"), false, "moved once: another site does not get it too");
  assert.equal(storage.getItem("ce_course_knots-101@/b/"), null);
});

test("a site that has its own record keeps it; the legacy entry is left alone", () => {
  const own = JSON.stringify({ schema: 1, courseId: "knots-101", startedAt: "2025-04-01T09:00:00.000Z" });
  const storage = fakeStorage({ [LEGACY]: RECORD, "ce_course_knots-101@/a/": own });
  assert.equal(migrateRecord(storage, "knots-101", "/a/"), false);
  assert.equal(storage.getItem("ce_course_knots-101@/a/"), own);
  assert.equal(storage.getItem(LEGACY), RECORD);
});

test("a legacy entry that is not a record of this course is not moved", () => {
  for (const text of ["not json", "null", "[]", JSON.stringify({ courseId: "other" }), JSON.stringify({ schema: 1 })]) {
    const storage = fakeStorage({ [LEGACY]: text });
    assert.equal(migrateRecord(storage, "knots-101", "/"), false, text);
    assert.deepEqual([...storage.map.entries()], [[LEGACY, text]], text);
  }
  assert.equal(migrateRecord(fakeStorage(), "knots-101", "/"), false, "nothing stored: nothing to move");
});

test("when storage fails, the legacy record is never lost", () => {
  const full = fakeStorage({ [LEGACY]: RECORD }, { failOn: "setItem" });
  assert.equal(migrateRecord(full, "knots-101", "/"), false);
  assert.equal(full.getItem(LEGACY), RECORD);

  const silent = fakeStorage({ [LEGACY]: RECORD }, { dropWrites: true }); // a write that does not stick
  assert.equal(migrateRecord(silent, "knots-101", "/"), false);
  assert.equal(silent.getItem(LEGACY), RECORD);

  const stuck = fakeStorage({ [LEGACY]: RECORD }, { failOn: "removeItem" });
  migrateRecord(stuck, "knots-101", "/");
  assert.equal(stuck.getItem("ce_course_knots-101@/"), RECORD, "copied");
  assert.equal(stuck.getItem(LEGACY), RECORD, "and the legacy entry is still there");

  assert.equal(migrateRecord(null, "knots-101", "/"), false, "storage blocked altogether");
});
