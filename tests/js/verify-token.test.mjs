// verify-token.js: checking a signed certificate with WebCrypto Ed25519 (Node's own, real keys and signatures):
// valid, each kind of invalid with its reason, unknown key, revoked, another course, no Ed25519 at all.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  REASON, STATUS, base64url, base64urlBytes, certificateFromClaims, claimsAreWhole, ed25519Supported, parseToken, tokenFrom,
  verifyToken,
} from "../../hooks/assets/verify-token.js";

const { subtle } = globalThis.crypto;
const encode = (value) => base64url(new TextEncoder().encode(JSON.stringify(value)));
const CLAIMS = { jti: "7K3D-9QWE-RT2Y-HJ4K-MN5P", iat: 1772442000, c: "knots-101", v: "0.3", t: "Knot Tying Basics", h: 0.5,
                 u: "ce-hours", d: "2026-03-02", n: "Zoë Ångström", lic: "RN 7", s: 100 };

async function keyPair(kid) {
  const pair = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const x = base64url(new Uint8Array(await subtle.exportKey("raw", pair.publicKey)));
  return { kid, pair, jwk: { kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig", kid, x } };
}

async function sign(key, claims = CLAIMS, header = { alg: "EdDSA", kid: key.kid }) {
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = new Uint8Array(await subtle.sign({ name: "Ed25519" }, key.pair.privateKey, new TextEncoder().encode(input)));
  return `${input}.${base64url(signature)}`;
}

const first = await keyPair("club-2026");
const second = await keyPair("club-2027");
const stranger = await keyPair("stranger");
const keys = { keys: [first.jwk, second.jwk] };
const check = (token, options = {}) => verifyToken(token, { keys, revoked: [], courseId: "knots-101", ...options });

test("a certificate signed with either published key is valid", async () => {
  for (const key of [first, second]) {
    const outcome = await check(await sign(key));
    assert.deepEqual(outcome, { status: STATUS.VALID, kid: key.kid, claims: CLAIMS });
  }
});

test("one changed character of the claims or the signature: not valid, the signature does not match", async () => {
  const token = await sign(first);
  const [header, payload, signature] = token.split(".");
  const renamed = `${header}.${encode({ ...CLAIMS, n: "Zoe Ångström" })}.${signature}`;
  const moreHours = `${header}.${encode({ ...CLAIMS, h: 5.5 })}.${signature}`;
  const middle = signature.length >> 1;
  const flipped = `${header}.${payload}.${signature.slice(0, middle)}${signature[middle] === "A" ? "B" : "A"}${signature.slice(middle + 1)}`;
  for (const changed of [renamed, moreHours, flipped]) {
    assert.deepEqual(await check(changed), { status: STATUS.INVALID, reason: REASON.SIGNATURE, kid: "club-2026" });
  }
});

test("a signature with its unused last bits set is not the same code: rejected, never accepted as the original", async () => {
  const token = await sign(first);
  const last = token.at(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const sibling = alphabet[alphabet.indexOf(last) ^ 1]; // same first 2 bits of the last symbol, other padding bits
  assert.equal((await check(token.slice(0, -1) + sibling)).status, STATUS.INVALID);
});

test("a code that is not a compact JWS, or not EdDSA with a key id, is named as such", async () => {
  for (const token of ["", "abc", "a.b", "a.b.c.d", "!!.??.**", `${encode({ alg: "EdDSA" })}.${encode([])}.AA`]) {
    assert.equal((await check(token)).reason, REASON.MALFORMED, token);
  }
  const other = await sign(first, CLAIMS, { alg: "HS256", kid: "club-2026" });
  assert.deepEqual(await check(other), { status: STATUS.INVALID, reason: REASON.HEADER });
  const noKid = await sign(first, CLAIMS, { alg: "EdDSA" });
  assert.equal((await check(noKid)).reason, REASON.HEADER);
});

test("a key the site does not publish: unknown key, named", async () => {
  assert.deepEqual(await check(await sign(stranger)), { status: STATUS.UNKNOWN_KEY, kid: "stranger" });
  const impostor = await sign({ ...stranger, kid: "club-2026" }); // a published id, another key
  assert.equal((await check(impostor)).reason, REASON.SIGNATURE);
});

test("a revoked certificate is revoked, with its entry", async () => {
  const revoked = [{ id: "AAAA-BBBB-CCCC-DDDD-EEEE", revokedAt: "2026-01-01T00:00:00Z" },
    { id: CLAIMS.jti, revokedAt: "2026-04-01T10:00:00Z", reason: "Issued in error" }];
  const outcome = await check(await sign(first), { revoked });
  assert.equal(outcome.status, STATUS.REVOKED);
  assert.deepEqual(outcome.revocation, revoked[1]);
});

test("genuine but incomplete claims, or another course's: not valid, with that reason", async () => {
  const nameless = { ...CLAIMS };
  delete nameless.n;
  assert.equal((await check(await sign(first, nameless))).reason, REASON.CLAIMS);
  assert.equal((await check(await sign(first, { ...CLAIMS, n: "Ann\u0007" }))).reason, REASON.CLAIMS);
  assert.equal((await check(await sign(first, { ...CLAIMS, s: 101 }))).reason, REASON.CLAIMS);
  assert.equal((await check(await sign(first, { ...CLAIMS, jti: "1234" }))).reason, REASON.CLAIMS);
  const elsewhere = await check(await sign(first), { courseId: "another-course" });
  assert.equal(elsewhere.reason, REASON.COURSE);
});

test("claims are checked for shape", () => {
  assert.equal(claimsAreWhole(CLAIMS), true);
  assert.equal(claimsAreWhole({ ...CLAIMS, h: "1" }), false);
  assert.equal(claimsAreWhole({ ...CLAIMS, u: "hours" }), false);
  assert.equal(claimsAreWhole({ ...CLAIMS, d: "March 2" }), false);
  assert.equal(claimsAreWhole({ ...CLAIMS, cr: 7 }), false);
});

test("without Ed25519 in WebCrypto the browser is told so, not that the certificate is invalid", async () => {
  const noEd25519 = { importKey: () => Promise.reject(new DOMException("Unrecognized name", "NotSupportedError")) };
  assert.equal(await ed25519Supported(noEd25519), false);
  assert.equal(await ed25519Supported(subtle), true);
  assert.deepEqual(await check(await sign(first), { subtle: noEd25519 }), { status: STATUS.UNSUPPORTED, kid: "club-2026" });
});

test("the code is taken from a pasted link, with or without spaces and line breaks", async () => {
  const token = await sign(first);
  assert.equal(tokenFrom(`  https://example.org/course/verify/#${token.slice(0, 40)}\n${token.slice(40)} `), token);
  assert.equal(tokenFrom(token), token);
  assert.equal(parseToken(tokenFrom(`x#${token}`)).claims.n, CLAIMS.n);
});

test("base64url is read strictly", () => {
  assert.deepEqual(base64urlBytes("AQID"), new Uint8Array([1, 2, 3]));
  for (const bad of ["AQI=", "AQ+D", "A", "AB"]) assert.equal(base64urlBytes(bad), null, bad); // "AB": unused bits set
});

test("the certificate drawn from the claims carries the organizer's facts and the signing key", () => {
  const manifest = { course: { version: "0.3", provider: "Harbour Sailing Club", accreditation: "Approved.",
                               signer: { name: "Ben Cleat", title: "Commodore" } } };
  const certificate = certificateFromClaims(CLAIMS, manifest, "club-2026");
  assert.equal(certificate.number, CLAIMS.jti);
  assert.equal(certificate.issuedAt, "2026-03-02T09:00:00.000Z");
  assert.deepEqual(certificate.course, { id: "knots-101", version: "0.3", title: "Knot Tying Basics", ceHours: 0.5,
                                         creditUnit: "ce-hours", provider: "Harbour Sailing Club", accreditation: "Approved." });
  assert.deepEqual(certificate.signed, { kid: "club-2026" });
  assert.equal(certificateFromClaims({ ...CLAIMS, v: "0.2" }, manifest).course.accreditation, null,
    "another version's approval is not this one's");
});
