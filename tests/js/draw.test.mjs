// draw.js: one post-test attempt's questions, drawn from the pool balanced by
// module (`covers`), each once, every question reachable, reproducible with a
// seeded random source.
import assert from "node:assert/strict";
import { test } from "node:test";

import { drawGroups, drawQuestions } from "../../hooks/assets/draw.js";
import { checkRecord } from "../../hooks/assets/record.js";
import { POST_TEST_QUESTIONS, makeManifest, makeRecord } from "./fixtures.mjs";

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A pool of `perModule` questions for each module name; `null` names questions without covers. */
function pool(perModule) {
  return Object.entries(perModule).flatMap(([module, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${module}-${i}`, covers: module === "none" ? null : module })));
}

function coversOf(questions, ids) {
  const byId = new Map(questions.map((q) => [q.id, q.covers ?? null]));
  const counts = new Map();
  for (const id of ids) counts.set(byId.get(id), (counts.get(byId.get(id)) || 0) + 1);
  return counts;
}

const SIX_MODULES = pool({ a: 4, b: 4, c: 4, d: 4, e: 4, f: 4 });

test("12 from a pool of 6 modules x 4: two per module, twelve different questions", () => {
  for (let seed = 1; seed <= 200; seed += 1) {
    const ids = drawQuestions(SIX_MODULES, 12, seeded(seed));
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12, "no question twice");
    assert.deepEqual([...coversOf(SIX_MODULES, ids).values()], [2, 2, 2, 2, 2, 2]);
  }
});

test("a remainder goes to modules chosen at random, one extra each, so groups differ by at most one", () => {
  const questions = pool({ a: 3, b: 3, c: 3, d: 3, e: 3 });
  const extras = new Map();
  for (let seed = 1; seed <= 300; seed += 1) {
    const counts = coversOf(questions, drawQuestions(questions, 12, seeded(seed)));
    const sizes = [...counts.values()];
    assert.equal(sizes.reduce((a, b) => a + b, 0), 12);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `unbalanced: ${sizes}`);
    assert.equal(sizes.filter((n) => n === 3).length, 2, "12 over 5 modules: two modules give 3, three give 2");
    for (const [module, n] of counts) if (n === 3) extras.set(module, (extras.get(module) || 0) + 1);
  }
  assert.deepEqual([...extras.keys()].sort(), ["a", "b", "c", "d", "e"], "every module sometimes gives the extra question");
});

test("questions without covers form a group of their own", () => {
  const questions = pool({ a: 4, none: 4 });
  assert.equal(drawGroups(questions).length, 2);
  for (let seed = 1; seed <= 50; seed += 1) {
    const counts = coversOf(questions, drawQuestions(questions, 4, seeded(seed)));
    assert.deepEqual([counts.get("a"), counts.get(null)], [2, 2]);
  }
});

test("every question of the pool is reachable", () => {
  const seen = new Set();
  for (let seed = 1; seed <= 100 && seen.size < SIX_MODULES.length; seed += 1) {
    drawQuestions(SIX_MODULES, 12, seeded(seed)).forEach((id) => seen.add(id));
  }
  assert.deepEqual([...seen].sort(), SIX_MODULES.map((q) => q.id).sort());
});

test("the same seed gives the same draw; different seeds give different draws", () => {
  const first = drawQuestions(SIX_MODULES, 12, seeded(42));
  assert.deepEqual(drawQuestions(SIX_MODULES, 12, seeded(42)), first);
  const others = new Set(Array.from({ length: 20 }, (_, i) => drawQuestions(SIX_MODULES, 12, seeded(100 + i)).join()));
  assert.ok(others.size > 1, "a fresh draw per attempt");
});

test("the drawn ids come in bank order", () => {
  const ids = drawQuestions(SIX_MODULES, 12, seeded(7));
  const order = SIX_MODULES.map((q) => q.id);
  assert.deepEqual([...ids].sort((x, y) => order.indexOf(x) - order.indexOf(y)), ids);
});

test("no draw, or a draw as large as the pool, shows the whole pool", () => {
  const all = SIX_MODULES.map((q) => q.id);
  assert.deepEqual(drawQuestions(SIX_MODULES, null, seeded(1)), all);
  assert.deepEqual(drawQuestions(SIX_MODULES, undefined, seeded(1)), all);
  assert.deepEqual(drawQuestions(SIX_MODULES, 24, seeded(1)), all);
  assert.deepEqual(drawQuestions(SIX_MODULES, 99, seeded(1)), all);
});

test("a group too small for its share is made up from the rest of the pool", () => {
  const questions = pool({ a: 1, b: 5, c: 5 });
  for (let seed = 1; seed <= 50; seed += 1) {
    const ids = drawQuestions(questions, 9, seeded(seed));
    assert.equal(ids.length, 9);
    assert.equal(new Set(ids).size, 9);
    assert.equal(coversOf(questions, ids).get("a"), 1);
  }
});

test("a faulty random source cannot break the draw", () => {
  for (const random of [() => 1, () => -0.5, () => NaN, () => 0.999999999]) {
    const ids = drawQuestions(SIX_MODULES, 12, random);
    assert.equal(new Set(ids).size, 12);
    assert.deepEqual([...coversOf(SIX_MODULES, ids).values()], [2, 2, 2, 2, 2, 2]);
  }
});

test("an attempt keeps the ids it drew; a damaged list is refused, ids of other builds are dropped", () => {
  const manifest = makeManifest();
  const [q1, q2, q3] = POST_TEST_QUESTIONS.map((q) => q.id);
  const withDrawn = (drawn) => {
    const record = makeRecord();
    record.postTest.attempts[1].drawn = drawn;
    return checkRecord(manifest, record);
  };
  const kept = withDrawn([q1, q3]);
  assert.deepEqual(kept.problems, []);
  assert.deepEqual(kept.record.postTest.attempts[1].drawn, [q1, q3]);
  assert.deepEqual(withDrawn([q2, "final--gone--0000000000"]).record.postTest.attempts[1].drawn, [q2]);
  for (const damaged of ["q1", [q1, q1], [1, 2], [{ id: q1 }], ["x".repeat(201)]]) {
    const { record, problems } = withDrawn(damaged);
    assert.deepEqual(problems.map((p) => p.path), ["record.postTest.attempts[1].drawn"], JSON.stringify(damaged));
    assert.equal(record.postTest.attempts.length, 1, "the damaged attempt is left out");
  }
  assert.equal("drawn" in checkRecord(manifest, makeRecord()).record.postTest.attempts[1], false, "older attempts have none");
});
