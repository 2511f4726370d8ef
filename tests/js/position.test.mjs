// position.js: the reading position kept in the record (checked like every other part of
// it, old records and files without one stay valid) and the rules for recording it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { HEADING_LIMIT, ThrottledWriter, checkPosition, makePosition, sectionAt, shortHeading } from "../../hooks/assets/position.js";
import { validateProgressFile } from "../../hooks/assets/progress-file.js";
import { checkRecord, recordForStorage } from "../../hooks/assets/record.js";
import { INJECTIONS, MODULE_B, makeFile, makeManifest, makeRecord } from "./fixtures.mjs";

const POSITION = { url: MODULE_B.url, section: "tying-it", heading: "Tying it" };

test("a record keeps its position; records and files made before positions existed stay valid", () => {
  const manifest = makeManifest();
  const { record, problems } = checkRecord(manifest, { ...makeRecord(), position: POSITION });
  assert.deepEqual(problems, []);
  assert.deepEqual(record.position, POSITION);
  assert.deepEqual(recordForStorage(record).position, POSITION);
  assert.equal(Object.keys(recordForStorage(record)).at(-1), "position"); // no module stamps in this record
  const old = checkRecord(manifest, makeRecord());
  assert.deepEqual(old.problems, []);
  assert.equal(old.record.position, undefined);
  assert.equal("position" in recordForStorage(old.record), false);
  assert.equal(validateProgressFile(manifest, makeFile()).ok, true);
  const file = makeFile();
  file.record.position = POSITION;
  const imported = validateProgressFile(manifest, file);
  assert.equal(imported.ok, true);
  assert.deepEqual(imported.record.position, POSITION);
});

test("a damaged position is a problem (an import is refused), a page of another build is dropped", () => {
  const manifest = makeManifest();
  const damaged = [
    "modules/x/", { url: 3 }, { url: MODULE_B.url, section: "two words" }, { url: MODULE_B.url, section: INJECTIONS[0] },
    { url: MODULE_B.url, section: "ok", heading: "x".repeat(HEADING_LIMIT + 1) }, { url: MODULE_B.url, section: "ok", heading: "a\u0000b" },
  ];
  for (const position of damaged) {
    const { record, problems } = checkRecord(manifest, { ...makeRecord(), position });
    assert.deepEqual(problems.map((p) => p.path), ["record.position"], JSON.stringify(position));
    assert.equal(record.position, undefined);
    const file = makeFile();
    file.record.position = position;
    const result = validateProgressFile(manifest, file);
    assert.equal(result.ok, false);
    assert.match(result.message, /record\.position/);
  }
  const elsewhere = checkRecord(manifest, { ...makeRecord(), position: { url: "lessons/gone/", section: "a", heading: "A" } });
  assert.deepEqual(elsewhere.problems, []);
  assert.equal(elsewhere.record.position, undefined);
  // The certificate page is no reading position: Continue never needs it.
  assert.equal(checkPosition(manifest, { url: "certificate/", section: null, heading: null }).position, null);
  // Headings in any script are kept.
  const arabic = checkPosition(manifest, { url: MODULE_B.url, section: "عقدة-البولين", heading: "عقدة البولين" });
  assert.deepEqual(arabic, { position: { url: MODULE_B.url, section: "عقدة-البولين", heading: "عقدة البولين" }, problem: false });
});

test("the section read is the last heading above the reading line", () => {
  const headings = [{ id: "a", top: -900 }, { id: "b", top: -40 }, { id: "c", top: 150 }, { id: "d", top: 700 }];
  assert.equal(sectionAt(headings, 200).id, "c");
  assert.equal(sectionAt(headings, 100).id, "b");
  assert.equal(sectionAt([{ id: "a", top: 300 }], 200), null);
  assert.equal(sectionAt([], 200), null);
});

test("positions are stored small and clean", () => {
  assert.deepEqual(makePosition("m/"), { url: "m/", section: null, heading: null });
  assert.deepEqual(makePosition("m/", "s", "  Two\n  lines \t"), { url: "m/", section: "s", heading: "Two lines" });
  const long = shortHeading("word ".repeat(60));
  assert.equal(Array.from(long).length <= HEADING_LIMIT, true);
  assert.ok(long.endsWith("…"));
});

test("writes are throttled: at once, then at most one per interval with the latest position, never a repeat", () => {
  let clock = 0;
  const timers = [];
  const written = [];
  const writer = new ThrottledWriter((p) => written.push(p.section), {
    initial: makePosition("m/", "kept", "Kept"), interval: 2000, now: () => clock, schedule: (fn, ms) => timers.push([clock + ms, fn]),
  });
  writer.offer(makePosition("m/", "kept", "Kept")); // what the record holds: nothing to write
  assert.deepEqual(written, []);
  writer.offer(makePosition("m/", "a", "A"));
  assert.deepEqual(written, ["a"]);
  for (const section of ["b", "c", "d"]) {
    clock += 100;
    writer.offer(makePosition("m/", section, section));
  }
  assert.deepEqual(written, ["a"], "scrolling on within the interval writes nothing yet");
  assert.equal(timers.length, 1, "one trailing write is scheduled");
  [clock] = timers[0];
  timers.shift()[1]();
  assert.deepEqual(written, ["a", "d"], "the trailing write keeps the latest position");
  clock += 5000;
  writer.offer(makePosition("m/", "d", "d"));
  assert.deepEqual(written, ["a", "d"], "the same position is not written again");
  clock += 10;
  writer.offer(makePosition("m/", "e", "E"));
  writer.flush(); // the page is hidden: what is pending is written at once
  assert.deepEqual(written, ["a", "d", "e"]);
});

test("a failed write is tried again with the next position", () => {
  let fail = true;
  const written = [];
  let clock = 0;
  const writer = new ThrottledWriter((p) => (fail ? false : written.push(p.section)), { now: () => clock, schedule: () => {} });
  writer.offer(makePosition("m/", "a", "A"));
  fail = false;
  clock += 5000;
  writer.offer(makePosition("m/", "a", "A"));
  assert.deepEqual(written, ["a"]);
});
