// The certificate as data: issuing one from the learner's record, and reading the stored copy back.
// The issued certificate is stored frozen in record.certificate; every view (HTML, PDF, completion
// record) is drawn from that copy, so reopening the page or downloading again shows the same certificate.
import { pageUrl, passedAttempt, SITE_ROOT } from "./store.js";
import { localDate } from "./certificate-text.js";

const CERTIFICATE_SCHEMA = 1;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // base32 without I, L, O, U
const NUMBER_SYMBOLS = 20; // 20 symbols x 5 bits = 100 random bits

/** A new certificate number: 100 random bits from crypto.getRandomValues, base32 Crockford, groups of 4. */
export function newCertificateNumber() {
  const bytes = crypto.getRandomValues(new Uint8Array(NUMBER_SYMBOLS));
  // 256 is a multiple of 32, so the low five bits of each byte are uniformly random.
  const symbols = Array.from(bytes, (byte) => CROCKFORD[byte & 31]).join("");
  return symbols.match(/.{4}/g).join("-");
}

function deepFreeze(value) {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The stored certificate if it is whole; null when absent or damaged. */
export function storedCertificate(record) {
  const c = record.certificate;
  const text = (v) => typeof v === "string";
  if (!c || typeof c !== "object" || !text(c.number) || !text(c.name) || !c.name || !text(c.issuedAt) || !text(c.completedOn) ||
      !c.course || !text(c.course.title) || !c.signer || typeof c.signer !== "object") return null;
  return deepFreeze(structuredClone(c));
}

/** The signer as issued: the person (name, credentials, signature image: a site-relative path) and the role (title). */
export function signerOf(course) {
  const signer = course.signer || {};
  return { name: signer.name || "", title: signer.title || "",
           ...(signer.credentials ? { credentials: signer.credentials } : {}), ...(signer.signature ? { signature: signer.signature } : {}) };
}

/**
 * Where the signer's image is: a PNG or JPEG path inside this site (the build checked the file), as a URL;
 * null without one or for anything else (a stored copy is the learner's to edit: never another site's address).
 */
export function signatureUrl(signer) {
  const path = signer?.signature;
  if (typeof path !== "string" || !/\.(?:png|jpe?g)$/i.test(path) || /^[/\\]|[:\\?#]/.test(path) || path.split("/").includes("..")) {
    return null;
  }
  const url = pageUrl(path);
  return url.origin === SITE_ROOT.origin && url.pathname.startsWith(SITE_ROOT.pathname) ? url : null;
}

/** The course facts printed besides the title: delivery format and the provider's contact (certificates before them have none). */
export function courseExtras(course) {
  const contact = course.contact && (course.contact.email || course.contact.url)
    ? { ...(course.contact.email ? { email: course.contact.email } : {}), ...(course.contact.url ? { url: course.contact.url } : {}) } : null;
  return { ...(course.delivery_format ? { deliveryFormat: course.delivery_format } : {}), ...(contact ? { contact } : {}) };
}

/** A new certificate for `fields` (the learner's cleaned input); `previous`: the one it replaces, keeping its completion day. */
export function buildCertificate(manifest, record, fields, previous) {
  const course = manifest.course;
  const passed = passedAttempt(record);
  const now = new Date();
  return {
    schema: CERTIFICATE_SCHEMA,
    number: newCertificateNumber(),
    issuedAt: now.toISOString(),
    completedOn: previous ? previous.completedOn : localDate(now),
    name: fields.name,
    credential: fields.credential ?? "",
    license: fields.license ?? "",
    ...(fields.licenseState === undefined ? {} : { licenseState: fields.licenseState }),
    ...(fields.email === undefined ? {} : { email: fields.email }),
    course: {
      id: course.id, version: String(course.version), title: course.title, ceHours: course.ce_hours,
      creditUnit: course.credit?.unit || "ce-hours", provider: course.provider, accreditation: course.accreditation,
      ...courseExtras(course),
    },
    signer: signerOf(course),
    postTest: passed ? { score: passed.score, correct: passed.correct, total: passed.total, at: passed.at } : null,
    replaces: previous ? [previous.number, ...(previous.replaces || [])] : [],
  };
}

