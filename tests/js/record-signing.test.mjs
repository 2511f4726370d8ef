// record.js, the parts signed certificates added: when each knowledge check was completed (record.modules)
// and the optional learner fields a course may ask for (licenseState, email) on the certificate.
import assert from "node:assert/strict";
import { test } from "node:test";

import { checkRecord, recordForStorage } from "../../hooks/assets/record.js";
import { makeManifest, makeRecord } from "./fixtures.mjs";

const manifest = makeManifest();

test("knowledge-check times are kept for this build's modules; other slugs are dropped", () => {
  const stored = { ...makeRecord(), modules: { "reef-knot": { completedAt: "2025-03-02T10:00:00.000Z" },
                                              "old-module": { completedAt: "2025-03-01T10:00:00.000Z" } } };
  const { record, problems } = checkRecord(manifest, stored);
  assert.deepEqual(problems, []);
  assert.deepEqual(record.modules, { "reef-knot": { completedAt: "2025-03-02T10:00:00.000Z" } });
  assert.deepEqual(Object.keys(recordForStorage(record)).at(-1), "modules");
});

test("a damaged time is reported and left out; a record without times has none", () => {
  const stored = { ...makeRecord(), modules: { "reef-knot": { completedAt: "yesterday" }, bowline: "<b>" } };
  const { record, problems } = checkRecord(manifest, stored);
  assert.deepEqual(problems.map((p) => p.path), ["record.modules.reef-knot", "record.modules.bowline"]);
  assert.deepEqual(record.modules, {});
  assert.equal(checkRecord(manifest, makeRecord()).record.modules, undefined);
  assert.deepEqual(checkRecord(manifest, { ...makeRecord(), modules: [] }).problems.map((p) => p.part), ["modules"]);
});

test("a certificate keeps the license state and email it was issued with, checked as learner text", () => {
  const stored = makeRecord();
  Object.assign(stored.certificate, { licenseState: "CA", email: "anna@example.org" });
  const { record, problems } = checkRecord(manifest, stored);
  assert.deepEqual(problems, []);
  assert.equal(record.certificate.licenseState, "CA");
  assert.equal(record.certificate.email, "anna@example.org");
  stored.certificate.email = "anna@example.org\u0000";
  assert.deepEqual(checkRecord(manifest, stored).problems.map((p) => p.path), ["record.certificate.email"]);
});
