// A certificate with a signer who is a person (credentials, signature image), a delivery format and a contact:
// an imported record (record.js) keeps all of it, and rejects what is not text.
import assert from "node:assert/strict";
import test from "node:test";

import { makeCertificate, makeManifest, makeRecord } from "./fixtures.mjs";
import { checkRecord } from "../../hooks/assets/record.js";

function boardRecord() {
  const record = makeRecord();
  Object.assign(record.certificate.signer, { credentials: "PhD, ABPP", signature: "assets/signature.png" });
  Object.assign(record.certificate.course, { deliveryFormat: "Online self-study", contact: { email: "ce@example.org", url: "https://example.org" } });
  return record;
}

test("an imported certificate keeps the signer's credentials and signature, the format and the contact", () => {
  const { record, problems } = checkRecord(makeManifest(), boardRecord());
  assert.deepEqual(problems, []);
  assert.deepEqual(record.certificate.signer, { name: "Ben Cleat", title: "Commodore", credentials: "PhD, ABPP", signature: "assets/signature.png" });
  assert.equal(record.certificate.course.deliveryFormat, "Online self-study");
  assert.deepEqual(record.certificate.course.contact, { email: "ce@example.org", url: "https://example.org" });
});

test("a certificate issued before them still reads, without the new fields", () => {
  const { record, problems } = checkRecord(makeManifest(), makeRecord());
  assert.deepEqual(problems, []);
  assert.deepEqual(record.certificate.signer, makeCertificate().signer);
  assert.equal("deliveryFormat" in record.certificate.course, false);
  assert.equal("contact" in record.certificate.course, false);
});

for (const [what, spoil] of [
  ["credentials not text", (r) => { r.certificate.signer.credentials = 7; }],
  ["signature not text", (r) => { r.certificate.signer.signature = { src: "x" }; }],
  ["format not text", (r) => { r.certificate.course.deliveryFormat = ["online"]; }],
  ["contact not a mapping", (r) => { r.certificate.course.contact = "ce@example.org"; }],
  ["contact email not text", (r) => { r.certificate.course.contact.email = 1; }],
]) {
  test(`a certificate with its ${what} is refused`, () => {
    const data = boardRecord();
    spoil(data);
    const { record, problems } = checkRecord(makeManifest(), data);
    assert.equal(record.certificate, null);
    assert.ok(problems.some((p) => p.part === "certificate"), JSON.stringify(problems));
  });
}
