// Verifying a certificate the course organizer signed: pure (no DOM), WebCrypto only.
//
// A signed certificate is a compact JWS (RFC 7515) with alg EdDSA (RFC 8037,
// Ed25519), made offline by `python -m coursekit.organizer sign`. Its header names
// the key ("kid"); the site publishes its public keys as a JWK Set and the ids
// of revoked certificates (coursekit/signing.py). The checks, in order:
//   the code's form -> a key this site publishes -> the signature (WebCrypto
//   Ed25519 over the exact bytes) -> the claims' shape -> this course -> revocation.
// Base64url is decoded strictly (canonical only), so no two codes carry the same
// signature: one changed character of the code always makes it invalid.
//
// The claims are short, for a QR code: jti (certificate id), iat (signed at,
// seconds), c / v / t (course id, version, title), h / u (credit amount, unit),
// d (completion day), n (name), cr (credentials), lic (license number),
// st (license state), s (post-test score, percent). coursekit/organizer/claims.py
// writes them; the two lists must agree.

import { courseExtras, signerOf } from "./certificate-model.js";

export const STATUS = Object.freeze({
  VALID: "valid", INVALID: "invalid", REVOKED: "revoked", UNKNOWN_KEY: "unknown-key", UNSUPPORTED: "unsupported",
});
// Why a code is invalid: each has its text in the catalogue (verify.reason.<reason>).
export const REASON = Object.freeze({
  MALFORMED: "malformed", HEADER: "header", SIGNATURE: "signature", CLAIMS: "claims", COURSE: "course",
});
const CERTIFICATE_ID = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){1,15}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CREDIT_UNITS = ["ce-hours", "contact-hours", "ceus", "none"];
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const MAX_TOKEN = 4096; // a real one is about 500 characters
const RFC8032_KEY = Uint8Array.from("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a".match(/../g),
  (hex) => parseInt(hex, 16));
// The published text fields and their limits (certificate.js LIMITS; coursekit/organizer/claims.py).
const TEXT_CLAIMS = { c: 200, v: 200, t: 4000, n: 120, cr: 60, lic: 60, st: 60 };
const REQUIRED_CLAIMS = ["jti", "iat", "c", "v", "t", "h", "u", "d", "n"];

/** The code in a pasted link or code: what follows '#', without spaces or line breaks. */
export function tokenFrom(text) {
  const value = String(text ?? "").trim();
  const hash = value.indexOf("#");
  return (hash >= 0 ? value.slice(hash + 1) : value).replace(/\s+/gu, "");
}

/** Bytes of strict, canonical base64url (no padding); null for anything else. */
export function base64urlBytes(text) {
  if (typeof text !== "string" || !BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return base64url(bytes) === text ? bytes : null; // unused trailing bits must be zero
}

export function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function json(bytes) {
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch (error) {
    return null;
  }
}

/** The three parts of a compact JWS, decoded; null when it is not one. */
export function parseToken(token) {
  if (typeof token !== "string" || token.length > MAX_TOKEN) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [headerBytes, payloadBytes, signature] = parts.map(base64urlBytes);
  if (!headerBytes || !payloadBytes || !signature) return null;
  const header = json(headerBytes);
  const claims = json(payloadBytes);
  if (!header || !claims) return null;
  return { header, claims, signature, signingInput: new TextEncoder().encode(`${parts[0]}.${parts[1]}`) };
}

/** True when this browser's WebCrypto verifies Ed25519 (Chrome/Edge 137+, Firefox 129+, Safari 17+). */
export async function ed25519Supported(subtle = globalThis.crypto?.subtle) {
  if (!subtle) return false;
  try {
    // RFC 8032's first test key: a valid point, so no browser refuses it for its value.
    await subtle.importKey("raw", RFC8032_KEY, { name: "Ed25519" }, false, ["verify"]);
    return true;
  } catch (error) {
    return false;
  }
}

/** The claims' shape: every required claim, each of its type; false for anything else. */
export function claimsAreWhole(claims) {
  const text = (name) => typeof claims[name] === "string" && claims[name].length <= TEXT_CLAIMS[name] && !/\p{Cc}/u.test(claims[name]);
  if (!REQUIRED_CLAIMS.every((name) => Object.hasOwn(claims, name))) return false;
  if (typeof claims.jti !== "string" || !CERTIFICATE_ID.test(claims.jti)) return false;
  if (!Number.isInteger(claims.iat) || claims.iat <= 0) return false;
  if (!["c", "v", "t", "n"].every(text) || !claims.n.trim()) return false;
  if (typeof claims.h !== "number" || !Number.isFinite(claims.h) || claims.h < 0 || !CREDIT_UNITS.includes(claims.u)) return false;
  if (typeof claims.d !== "string" || !ISO_DAY.test(claims.d) || Number.isNaN(Date.parse(claims.d))) return false;
  if (!["cr", "lic", "st"].every((name) => claims[name] === undefined || text(name))) return false;
  return claims.s === undefined || (Number.isInteger(claims.s) && claims.s >= 0 && claims.s <= 100);
}

/**
 * Check a signed certificate.
 * @param token     the compact JWS
 * @param keys      the published JWK Set ({keys: [{kid, kty: "OKP", crv: "Ed25519", x}]})
 * @param revoked   the published revocations ([{id, revokedAt, reason?}])
 * @param courseId  this site's course id: a certificate of another course is not valid here
 * @returns {{status, reason?, kid?, claims?, revocation?}}
 */
export async function verifyToken(token, { keys, revoked = [], courseId, subtle = globalThis.crypto?.subtle }) {
  const parsed = parseToken(token);
  if (!parsed) return { status: STATUS.INVALID, reason: REASON.MALFORMED };
  const { header, claims, signature, signingInput } = parsed;
  if (header.alg !== "EdDSA" || typeof header.kid !== "string" || header.crit !== undefined) {
    return { status: STATUS.INVALID, reason: REASON.HEADER };
  }
  const kid = header.kid;
  const jwk = (keys?.keys || []).find((key) => key && key.kid === kid && key.kty === "OKP" && key.crv === "Ed25519");
  const raw = jwk ? base64urlBytes(jwk.x) : null;
  if (!raw || raw.length !== 32) return { status: STATUS.UNKNOWN_KEY, kid };
  if (!(await ed25519Supported(subtle))) return { status: STATUS.UNSUPPORTED, kid };
  let genuine = false;
  if (signature.length === 64) {
    const key = await subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    genuine = await subtle.verify({ name: "Ed25519" }, key, signature, signingInput);
  }
  if (!genuine) return { status: STATUS.INVALID, reason: REASON.SIGNATURE, kid };
  if (!claimsAreWhole(claims)) return { status: STATUS.INVALID, reason: REASON.CLAIMS, kid };
  if (claims.c !== courseId) return { status: STATUS.INVALID, reason: REASON.COURSE, kid, claims };
  const revocation = (Array.isArray(revoked) ? revoked : []).find((entry) => entry && entry.id === claims.jti);
  if (revocation) return { status: STATUS.REVOKED, kid, claims, revocation };
  return { status: STATUS.VALID, kid, claims };
}

/**
 * The certificate certificate.js draws (its HTML and PDF), from verified claims; the provider, the signer and,
 * for the course version this site builds, the accreditation statement come from this site's manifest.
 */
export function certificateFromClaims(claims, manifest, kid = null) {
  const course = manifest.course;
  const sameVersion = String(course.version) === claims.v;
  return {
    number: claims.jti,
    issuedAt: new Date(claims.iat * 1000).toISOString(),
    completedOn: claims.d,
    name: claims.n,
    credential: claims.cr ?? "",
    license: claims.lic ?? "",
    ...(claims.st ? { licenseState: claims.st } : {}),
    course: { id: claims.c, version: claims.v, title: claims.t, ceHours: claims.h, creditUnit: claims.u, provider: course.provider,
              accreditation: sameVersion ? course.accreditation ?? null : null, ...courseExtras(course) },
    signer: signerOf(course),
    postTest: claims.s === undefined ? null : { score: claims.s },
    replaces: [],
    signed: { kid },
  };
}
