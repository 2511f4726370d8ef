// The certificate page: requirements, issuing, the printable HTML certificate,
// the PDF (pdf-lib, generated in this browser) and the completion record.
//
// Rules this file keeps:
// - Learner input only ever reaches the page through el()/textContent.
// - The issued certificate is stored frozen in record.certificate and every
//   view of it (HTML, PDF, completion record) is drawn from that copy, so
//   reopening the page or downloading again shows the same certificate.
// - pdf-lib, fontkit and the font are fetched only when "Download PDF" is used.

import { el, saveFile } from "./dom.js";
import { courseTranslator, translator } from "./i18n.js";
import { previewCertificate } from "./certificate-preview.js";
import {
  href, loadManifest, loadRecord, missingRequirements, moduleProgress, passedAttempt, requirements, saveRecord, storageAvailable,
} from "./store.js";

const VENDOR = {
  pdfLib: new URL("./vendor/pdf-lib/pdf-lib.min.js", import.meta.url),
  fontkit: new URL("./vendor/fontkit/fontkit.umd.min.js", import.meta.url),
  font: new URL("./vendor/fonts/DejaVuSans.ttf", import.meta.url),
};
const CERTIFICATE_SCHEMA = 1;
const RECORD_FORMAT = "ce-course-completion-record";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // base32 without I, L, O, U
const NUMBER_SYMBOLS = 20; // 20 symbols x 5 bits = 100 random bits
const LIMITS = { name: 120, credential: 60, license: 60, licenseState: 60, email: 254 };
// The learner fields a course may ask for (learner_fields in mkdocs.yml; the manifest lists them with the key
// they are stored under): label (required or optional), hint and input attributes. Without a list: name, credential, license.
const FIELDS = {
  name: { label: () => tr.t("certificate.field.name"), hint: () => tr.t("certificate.field.name.hint"),
          attributes: { autocomplete: "name" } },
  credential: { label: (required) => tr.t(required ? "certificate.field.credential.required" : "certificate.field.credential"),
                hint: () => tr.t("certificate.field.credential.hint"), attributes: { autocomplete: "off" } },
  license: { label: (required) => tr.t(required ? "certificate.field.license.required" : "certificate.field.license"),
             hint: () => tr.t("certificate.field.license.hint"), attributes: { autocomplete: "off" } },
  licenseState: { label: (required) => tr.t(required ? "certificate.field.license_state.required" : "certificate.field.license_state"),
                  hint: () => tr.t("certificate.field.license_state.hint"), attributes: { autocomplete: "off" } },
  email: { label: (required) => tr.t(required ? "certificate.field.email.required" : "certificate.field.email"),
           hint: () => tr.t("certificate.field.email.hint"), attributes: { type: "email", autocomplete: "email", spellcheck: "false" } },
};
const DEFAULT_FIELDS = [{ key: "name", required: true }, { key: "credential", required: false }, { key: "license", required: false }];
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/u;
// The course's texts in the page's language (i18n.js): set by mount, before anything is drawn.
let tr = translator({}, "en");

let ids = 0;
const uid = (stem) => `course-cert-${stem}-${++ids}`;

// ---------------------------------------------------------------- text helpers

/** What we store for a learner's input: NFC, no control characters, single spaces, trimmed, bounded. */
export function cleanInput(value, limit) {
  return String(value ?? "").normalize("NFC").replace(/\p{Cc}/gu, " ").replace(/\s+/gu, " ").trim().slice(0, limit);
}

/** A new certificate number: 100 random bits from crypto.getRandomValues, base32 Crockford, groups of 4. */
export function newCertificateNumber() {
  const bytes = crypto.getRandomValues(new Uint8Array(NUMBER_SYMBOLS));
  // 256 is a multiple of 32, so the low five bits of each byte are uniformly random.
  const symbols = Array.from(bytes, (byte) => CROCKFORD[byte & 31]).join("");
  return symbols.match(/.{4}/g).join("-");
}

/** Characters the PDF cannot draw correctly without shaping or bidi support (pdf-lib does neither). */
function shapingFree(char) {
  const cp = char.codePointAt(0);
  if (/\p{C}/u.test(char)) return false; // control, format (bidi marks, joiners), private use, unassigned
  if (/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}]/u.test(char)) return true;
  if (/\p{Script=Inherited}/u.test(char)) return cp >= 0x300 && cp <= 0x36f; // combining diacritical marks only
  if (/\p{Script=Common}/u.test(char)) return cp < 0x2e80 && !/\p{Extended_Pictographic}/u.test(char);
  return false;
}

/** The distinct characters of `texts` the PDF cannot show; `hasGlyph` adds the font's own check. */
export function unsupportedCharacters(texts, hasGlyph = null) {
  const bad = new Set();
  for (const text of texts) {
    for (const char of String(text ?? "")) {
      if (char === " ") continue;
      if (!shapingFree(char) || (hasGlyph && !hasGlyph(char.codePointAt(0)))) bad.add(char);
    }
  }
  return [...bad];
}

function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2025-03-12" as a long date in the page's language ("March 12, 2025", "12. März 2025"). */
export function longDate(isoDay) {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(String(isoDay || ""));
  return day ? tr.date(day[0]) : String(isoDay || "");
}

/** The certificate's credit unit: as issued (certificates issued before units existed were in CE hours). */
function creditUnit(certificate) {
  return certificate.course.creditUnit || "ce-hours";
}

/** "1.0 CE hours" in the unit the certificate was issued with; "" for a non-credit course. */
function creditText(certificate) {
  return tr.credit(certificate.course.ceHours, creditUnit(certificate));
}

/** A text with its non-credit wording when the certificate carries no credit. */
function creditKey(certificate, key) {
  return creditUnit(certificate) === "none" ? `${key}.no_credit` : key;
}

function credentialLine(certificate) {
  const license = certificate.license ? tr.t("certificate.doc.license", { license: certificate.license }) : "";
  const state = certificate.licenseState ? tr.t("certificate.doc.license_state", { state: certificate.licenseState }) : "";
  return [certificate.credential, license, state].filter(Boolean).join(" · ");
}

/** The note at the foot: self-issued (by the learner's browser) or signed by the organizer's key (verify.js). */
function noteText(certificate) {
  return certificate.signed ? tr.t("certificate.doc.note.signed") : tr.t(creditKey(certificate, "certificate.doc.note"));
}

/** The learner fields this course asks for, in order: [{key, required}] (learner_fields in mkdocs.yml). */
function learnerFields(manifest) {
  const listed = manifest.course.learner_fields;
  return Array.isArray(listed) ? listed.filter((f) => FIELDS[f.key]).map((f) => ({ key: f.key, required: Boolean(f.required) }))
    : DEFAULT_FIELDS;
}

/** Every text of the learner and organizer the PDF would draw (for the unsupported-character check). */
function pdfTexts(certificate) {
  return [certificate.name, certificate.credential, certificate.license, certificate.licenseState, certificate.course.title,
    certificate.course.version,
    certificate.course.provider, certificate.course.accreditation, certificate.signer.name, certificate.signer.title];
}

/** The texts of the course's language the PDF draws: a script that needs shaping (Arabic) gets no PDF at all. */
function pdfLabels(certificate) {
  return [tr.t("certificate.doc.title"), tr.t("certificate.doc.certifies"), tr.t(creditKey(certificate, "certificate.doc.completed")),
    tr.t("certificate.doc.number"), noteText(certificate), creditText(certificate),
    longDate(certificate.completedOn), tr.t("certificate.pdf.completed", { date: "" })];
}

function deepFreeze(value) {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The stored certificate if it is whole; null when absent or damaged. */
function storedCertificate(record) {
  const c = record.certificate;
  const text = (v) => typeof v === "string";
  if (!c || typeof c !== "object" || !text(c.number) || !text(c.name) || !c.name || !text(c.issuedAt) || !text(c.completedOn) ||
      !c.course || !text(c.course.title) || !c.signer || typeof c.signer !== "object") return null;
  return deepFreeze(structuredClone(c));
}

// ---------------------------------------------------------------- issuing

function buildCertificate(manifest, record, fields, previous) {
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
    },
    signer: { name: course.signer?.name || "", title: course.signer?.title || "" },
    postTest: passed ? { score: passed.score, correct: passed.correct, total: passed.total, at: passed.at } : null,
    replaces: previous ? [previous.number, ...(previous.replaces || [])] : [],
  };
}

/**
 * The file an organizer can check against their own records (python -m coursekit.organizer check): the course and
 * the build it was made with (`manifestHash`), the learner fields, when each knowledge check was completed, every
 * post-test attempt with its responses by question id (ids carry the question's fingerprint), so that the organizer
 * grades it again, the evaluation and the self-issued certificate's number.
 */
function completionRecord(manifest, record, certificate) {
  const evaluation = record.evaluation;
  const scale = manifest.evaluation?.scale || [];
  return {
    format: RECORD_FORMAT,
    formatVersion: 2,
    notice: tr.t(creditKey(certificate, "certificate.record.notice")),
    generatedAt: new Date().toISOString(),
    course: { id: certificate.course.id, version: certificate.course.version, title: certificate.course.title,
              ceHours: certificate.course.ceHours, creditUnit: creditUnit(certificate), provider: certificate.course.provider,
              currentVersion: String(manifest.course.version), manifestHash: manifest.hash ?? null },
    learner: Object.fromEntries(["name", "credential", "license", "licenseState", "email"]
      .filter((key) => certificate[key] !== undefined).map((key) => [key, certificate[key]])),
    certificate: { number: certificate.number, issuedAt: certificate.issuedAt, completedOn: certificate.completedOn,
                   replaces: certificate.replaces || [] },
    startedAt: record.startedAt,
    modules: manifest.modules.map((module) => ({ slug: module.slug, title: module.title, url: module.url, ...moduleProgress(module),
                                                 completedAt: record.modules?.[module.slug]?.completedAt ?? null })),
    postTest: { passMark: manifest.course.pass_mark, passingAttempt: certificate.postTest, attempts: record.postTest.attempts },
    evaluation: evaluation ? {
      submittedAt: evaluation.submittedAt,
      ratings: (manifest.evaluation?.items || []).map((item) => {
        const value = evaluation.likert?.[item.id] ?? null;
        return { id: item.id, statement: item.statement, value, label: value ? scale[value - 1] ?? null : null };
      }),
      comments: (manifest.evaluation?.comments || []).map((item) => ({ id: item.id, prompt: item.prompt, text: evaluation.comments?.[item.id] ?? "" })),
      raw: evaluation,
    } : null,
  };
}

// ---------------------------------------------------------------- PDF (loaded on demand)

const scripts = new Map();
function loadScript(url, globalName) {
  if (window[globalName]) return Promise.resolve(window[globalName]);
  if (!scripts.has(globalName)) {
    scripts.set(globalName, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url.href;
      script.async = true;
      script.onload = () => (window[globalName] ? resolve(window[globalName]) : reject(new Error(`${globalName} missing`)));
      script.onerror = () => { scripts.delete(globalName); script.remove(); reject(new Error(`could not load ${url.pathname}`)); };
      document.head.append(script);
    }));
  }
  return scripts.get(globalName);
}

let fontBytes = null;
async function loadPdfTools() {
  const [PDFLib, fontkit] = await Promise.all([loadScript(VENDOR.pdfLib, "PDFLib"), loadScript(VENDOR.fontkit, "fontkit")]);
  if (!fontBytes) {
    const response = await fetch(VENDOR.font);
    if (!response.ok) throw new Error(`font: HTTP ${response.status}`);
    fontBytes = new Uint8Array(await response.arrayBuffer());
  }
  return { PDFLib, fontkit, fontBytes };
}

class UnsupportedText extends Error {
  /** `language`: the course's own texts are in a script the PDF cannot lay out (not the learner's input). */
  constructor(characters, language = false) {
    super("unsupported characters");
    this.characters = characters;
    this.language = language;
  }
}

/** Letter in the Americas where it is the norm, A4 elsewhere; the layout fits both. */
function pageSize() {
  const region = (navigator.language || "").split("-")[1]?.toUpperCase();
  return ["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"].includes(region) ? [792, 612] : [841.89, 595.28];
}

function wrap(text, font, size, maxWidth) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function certificatePdf(certificate, options = {}) {
  const { PDFLib, fontkit, fontBytes: bytes } = await loadPdfTools();
  const face = fontkit.create(bytes);
  const missing = unsupportedCharacters(pdfTexts(certificate), (cp) => face.hasGlyphForCodePoint(cp));
  if (missing.length) throw new UnsupportedText(missing);
  if (unsupportedCharacters(pdfLabels(certificate), (cp) => face.hasGlyphForCodePoint(cp)).length) {
    throw new UnsupportedText([], true);
  }

  const { PDFDocument, rgb } = PDFLib;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(bytes, { subset: true });
  const [W, H] = pageSize();
  const page = pdf.addPage([W, H]);
  const teal = rgb(0, 0.412, 0.361);
  const ink = rgb(0.1, 0.1, 0.1);
  const grey = rgb(0.3, 0.3, 0.3);
  const cx = W / 2;

  page.drawRectangle({ x: 0, y: 0, width: W, height: H, color: rgb(1, 0.996, 0.976) });
  page.drawRectangle({ x: 22, y: 22, width: W - 44, height: H - 44, borderColor: teal, borderWidth: 3 });
  page.drawRectangle({ x: 30, y: 30, width: W - 60, height: H - 60, borderColor: teal, borderWidth: 0.75 });

  /** Draw one centred line, shrunk to fit; returns its width. */
  const center = (text, y, size, color = ink, maxWidth = W - 150) => {
    let fitted = size;
    while (fitted > 8 && font.widthOfTextAtSize(text, fitted) > maxWidth) fitted -= 0.5;
    const width = font.widthOfTextAtSize(text, fitted);
    page.drawText(text, { x: cx - width / 2, y, size: fitted, font, color });
    return width;
  };
  /** Draw a wrapped, centred paragraph, shrinking the size (down to minSize) to keep within maxLines; nothing is cut. */
  const block = (text, yTop, size, minSize, color, maxWidth, maxLines, leading = 1.3) => {
    let fitted = size;
    let lines = wrap(text, font, fitted, maxWidth);
    while (lines.length > maxLines && fitted > minSize) {
      fitted -= 0.5;
      lines = wrap(text, font, fitted, maxWidth);
    }
    lines.forEach((line, i) => center(line, yTop - i * fitted * leading, fitted, color, maxWidth));
    return yTop - (lines.length - 1) * fitted * leading;
  };

  let y = H - 80;
  center(certificate.course.provider, y, 11, grey);
  y -= 50;
  center(tr.t("certificate.doc.title"), y, 32, teal);
  y -= 40;
  center(tr.t("certificate.doc.certifies"), y, 13, grey);
  y -= 46;
  const nameWidth = center(certificate.name, y, 32, ink, W - 170);
  const rule = Math.min(Math.max(440, nameWidth + 40), W - 150) / 2;
  page.drawLine({ start: { x: cx - rule, y: y - 12 }, end: { x: cx + rule, y: y - 12 }, thickness: 0.75, color: grey });
  y -= 32;
  const credentials = credentialLine(certificate);
  if (credentials) center(credentials, y, 11, grey);
  y -= 30;
  center(tr.t(creditKey(certificate, "certificate.doc.completed")), y, 13, grey);
  y -= 32;
  y = block(certificate.course.title, y, 20, 14, ink, W - 170, 2, 1.2) - 28;
  const facts = [tr.t("certificate.pdf.version", { version: certificate.course.version }), creditText(certificate),
    tr.t("certificate.pdf.completed", { date: longDate(certificate.completedOn) })].filter(Boolean);
  if (certificate.postTest) facts.push(tr.t("certificate.pdf.score", { score: tr.percent(certificate.postTest.score) }));
  center(facts.join("  ·  "), y, 12, ink);
  y -= 30;
  if (certificate.course.accreditation) block(certificate.course.accreditation, y, 9, 7, grey, W - 240, 3);

  // Signer (left) and certificate number (right).
  const base = 104;
  const left = 80;
  const right = W - 80;
  page.drawLine({ start: { x: left, y: base + 16 }, end: { x: left + 230, y: base + 16 }, thickness: 0.75, color: ink });
  let signerNameSize = 12;
  while (signerNameSize > 8 && font.widthOfTextAtSize(certificate.signer.name, signerNameSize) > 300) signerNameSize -= 0.5;
  page.drawText(certificate.signer.name, { x: left, y: base, size: signerNameSize, font, color: ink });
  let signerSize = 9;
  let signerLines = wrap(certificate.signer.title, font, signerSize, 300);
  while (signerLines.length > 3 && signerSize > 6) signerLines = wrap(certificate.signer.title, font, (signerSize -= 0.5), 300);
  signerLines.forEach((line, i) => page.drawText(line, { x: left, y: base - 14 - i * signerSize * 1.2, size: signerSize, font, color: grey }));
  const rightText = (text, yy, size, color) =>
    page.drawText(text, { x: right - font.widthOfTextAtSize(text, size), y: yy, size, font, color });
  rightText(tr.t("certificate.doc.number"), base + 22, 9, grey);
  rightText(certificate.number, base + 4, 13, ink);
  rightText(tr.t("certificate.doc.issued", { date: longDate(certificate.issuedAt.slice(0, 10)) }), base - 14, 9, grey);
  block(noteText(certificate), 48, 7.5, 6.5, grey, W - 200, 2);
  // The verify page adds the QR code of the verification link here (verify.js), with this page's layout and font.
  if (options.decorate) await options.decorate({ PDFLib, pdf, page, font, width: W, height: H });

  pdf.setTitle(tr.t("certificate.pdf.title", { course: certificate.course.title }));
  pdf.setSubject(tr.t("certificate.pdf.subject", { number: certificate.number, name: certificate.name }));
  pdf.setAuthor(certificate.course.provider);
  pdf.setCreator(certificate.course.provider);
  pdf.setLanguage(tr.language); // the language its texts are in
  pdf.setCreationDate(new Date(certificate.issuedAt));
  pdf.setModificationDate(new Date(certificate.issuedAt));
  return pdf.save();
}

// ---------------------------------------------------------------- the page

class CertificatePage {
  constructor(root, manifest) {
    this.root = root;
    this.manifest = manifest;
    this.status = el("p", { class: "course-cert-status", role: "status", "aria-live": "polite" });
    this.body = el("div", { class: "course-cert-body" });
    root.replaceChildren(this.status, this.body);
  }

  say(message, kind = "info") {
    this.status.dataset.kind = kind;
    this.status.textContent = "";
    // Emptied first, then filled a moment later, so screen readers announce a repeated message too.
    clearTimeout(this.sayTimer);
    this.sayTimer = setTimeout(() => { this.status.textContent = message; }, 50);
  }

  render(focus = null) {
    this.record = loadRecord(this.manifest);
    const certificate = storedCertificate(this.record);
    const parts = [];
    if (!storageAvailable()) {
      parts.push(el("p", { class: "course-cert-error course-cert-noprint" }, tr.t("certificate.storage_blocked")));
    }
    if (certificate) {
      parts.push(this.issuedView(certificate));
    } else {
      if (this.record.damaged.includes("certificate")) {
        parts.push(el("p", { class: "course-cert-error course-cert-noprint" }, tr.t("certificate.damaged")));
      }
      const { items, optional, missing } = requirements(this.manifest, this.record);
      parts.push(this.requirementsView(items, optional, missing));
      if (!missing.length && storageAvailable()) parts.push(this.issueForm());
    }
    parts.push(el("div", { class: "admonition note course-cert-trust course-cert-noprint" },
      el("p", { class: "admonition-title" }, tr.t("certificate.trust.title")),
      el("p", {}, tr.t(this.manifest.course.credit?.unit === "none" ? "certificate.trust.text.no_credit" : "certificate.trust.text"))));
    this.body.replaceChildren(...parts);
    if (focus) this.body.querySelector(focus)?.focus();
  }

  requirementsView(items, optional, missing) {
    const done = items.length - missing.length;
    const headingId = uid("requirements");
    const entry = (item, badge, className) => el("li", { class: className },
      el("span", { class: "course-cert-badge" }, badge), " ", el("a", { href: href(item.url) }, item.text));
    return el("section", { class: "course-cert-requirements course-cert-noprint", "aria-labelledby": headingId },
      el("h2", { id: headingId }, tr.t("certificate.requirements.title")),
      el("p", {}, missing.length
        ? tr.plural("certificate.requirements.missing", items.length, { done, total: items.length })
        : items.length ? tr.plural("certificate.requirements.met", items.length, { total: items.length })
          : tr.t("certificate.requirements.none")),
      items.length ? el("ul", { class: "course-cert-reqs" }, ...items.map((item) =>
        entry(item, tr.t(item.done ? "certificate.badge.done" : "certificate.badge.todo"), item.done ? "is-done" : "is-missing"))) : null,
      optional.length ? el("p", {}, tr.t("certificate.requirements.optional")) : null,
      optional.length ? el("ul", { class: "course-cert-reqs course-cert-optional" }, ...optional.map((item) =>
        entry(item, tr.t(item.done ? "certificate.badge.done" : "certificate.badge.optional"), "is-optional"))) : null);
  }

  fields(prefix, values = {}) {
    const field = (name, label, hint, attributes) => {
      const id = uid(`${prefix}-${name}`);
      const hintId = hint ? `${id}-hint` : null;
      const errorId = `${id}-error`;
      const input = el("input", { id, name, type: "text", maxlength: LIMITS[name], value: values[name] || null,
                                   "aria-describedby": [hintId, errorId].filter(Boolean).join(" "), ...attributes });
      return el("div", { class: "course-cert-field" },
        el("label", { for: id }, label),
        hint ? el("span", { class: "course-cert-hint", id: hintId }, hint) : null,
        input,
        el("span", { class: "course-cert-field-error", id: errorId }));
    };
    return learnerFields(this.manifest).map(({ key, required }) => field(key, FIELDS[key].label(required), FIELDS[key].hint(),
      { ...FIELDS[key].attributes, ...(required ? { required: true, "aria-required": "true" } : {}) }));
  }

  readFields(form) {
    const data = new FormData(form);
    const values = {};
    let firstProblem = null;
    for (const { key, required } of learnerFields(this.manifest)) {
      values[key] = cleanInput(data.get(key), LIMITS[key]);
      const input = form.elements.namedItem(key);
      const error = form.querySelector(`#${CSS.escape(input.id)}-error`);
      let problem = "";
      if (required && !values[key]) problem = key === "name" ? tr.t("certificate.field.name.missing") : tr.t("certificate.field.missing");
      else if (key === "email" && values[key] && !EMAIL.test(values[key])) problem = tr.t("certificate.field.email.invalid");
      if (problem) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      error.textContent = problem;
      if (problem && !firstProblem) firstProblem = { input, problem };
    }
    if (firstProblem) {
      firstProblem.input.focus();
      this.say(firstProblem.problem, "error");
      return null;
    }
    return values;
  }

  issueForm() {
    const headingId = uid("issue");
    const form = el("form", { class: "course-cert-form course-cert-noprint", "aria-labelledby": headingId, novalidate: true },
      el("h2", { id: headingId }, tr.t("certificate.issue.title")),
      el("p", {}, tr.t("certificate.issue.intro")),
      ...this.fields("issue"),
      el("p", {}, el("button", { type: "submit", class: "course-cert-button" }, tr.t("certificate.issue.button"))));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = this.readFields(form);
      if (values) this.issue(values, null);
    });
    return form;
  }

  issue(values, previous) {
    const record = loadRecord(this.manifest);
    if (!previous && missingRequirements(this.manifest, record).length) {
      this.render();
      this.say(tr.t("certificate.issue.no_longer_met"), "error");
      return;
    }
    record.certificate = buildCertificate(this.manifest, record, values, previous);
    try {
      saveRecord(this.manifest, record);
    } catch (error) {
      this.say(tr.t("certificate.issue.not_saved"), "error");
      return;
    }
    this.render(".course-cert-heading");
    this.say(previous
      ? tr.t("certificate.issue.reissued", { number: record.certificate.number, previous: previous.number })
      : tr.t("certificate.issue.issued", { number: record.certificate.number }));
  }

  issuedView(certificate) {
    const headingId = uid("certificate");
    // The course's language first (no PDF at all, say, in Arabic), then the learner's own text.
    const unsupported = unsupportedCharacters(pdfLabels(certificate)).length ? [] : unsupportedCharacters(pdfTexts(certificate));
    const actions = el("div", { class: "course-cert-actions course-cert-noprint" });
    const pdfNote = el("div", { class: "course-cert-pdf-note" });
    if (unsupported.length || unsupportedCharacters(pdfLabels(certificate)).length) {
      pdfNote.append(this.unsupportedMessage(unsupported));
    } else {
      const pdfButton = el("button", { type: "button", class: "course-cert-button", "data-action": "download-pdf" }, tr.t("certificate.action.pdf"));
      pdfButton.addEventListener("click", () => this.downloadPdf(certificate, pdfButton, pdfNote));
      actions.append(pdfButton);
    }
    const printButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "print" },
      tr.t("certificate.action.print"));
    printButton.addEventListener("click", () => window.print());
    const recordButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "download-record" },
      tr.t("certificate.action.record"));
    recordButton.addEventListener("click", () => this.downloadRecord(certificate));
    actions.append(printButton, recordButton);

    return el("section", { class: "course-cert-issued", "aria-labelledby": headingId },
      el("h2", { id: headingId, class: "course-cert-heading course-cert-noprint", tabindex: "-1" }, tr.t("certificate.issued.title")),
      el("p", { class: "course-cert-noprint" }, tr.t("certificate.issued.intro")),
      actions,
      pdfNote,
      this.sendRecordNote(),
      this.certificateDocument(certificate),
      this.reissueSection(certificate));
  }

  /** With signing configured: where to send the completion record for a certificate the organizer signs. */
  sendRecordNote() {
    const signing = this.manifest.signing;
    if (!signing) return null;
    const headingId = uid("signed");
    const form = signing.send_to_kind === "form";
    const address = form ? el("a", { href: signing.send_to, rel: "noopener" }, tr.t("certificate.signed.form_link"))
      : el("a", { href: `mailto:${signing.send_to}` }, signing.send_to);
    const verify = this.manifest.verify;
    return el("section", { class: "admonition info course-cert-send course-cert-noprint", "aria-labelledby": headingId },
      el("p", { class: "admonition-title", id: headingId }, tr.t("certificate.signed.title")),
      el("p", {}, tr.t(form ? "certificate.signed.form" : "certificate.signed.email"), " ", address),
      el("p", {}, tr.t("certificate.signed.then"), " ",
        verify ? el("a", { href: href(verify.url) }, tr.t("certificate.signed.verify_link")) : null));
  }

  /** Why there is no PDF: characters of the learner's text, or (none given) the course's language itself. */
  unsupportedMessage(characters) {
    if (!characters.length) {
      return el("p", { class: "course-cert-unsupported", "data-unsupported": "language" },
        el("strong", {}, `${tr.t("certificate.unsupported_language.title")} `), tr.t("certificate.unsupported_language.text"));
    }
    return el("p", { class: "course-cert-unsupported", "data-unsupported": "true" },
      el("strong", {}, `${tr.t("certificate.unsupported.title")} `),
      tr.plural("certificate.unsupported.text", characters.length, { characters: characters.join(" ") }));
  }

  certificateDocument(c) {
    const fact = (label, value) => el("div", {}, el("dt", {}, label), el("dd", {}, value));
    const credentials = credentialLine(c);
    const credit = creditText(c);
    return el("article", { class: "course-cert-doc", "aria-label": tr.t("certificate.doc.label", { name: c.name }) },
      el("p", { class: "course-cert-doc__provider" }, c.course.provider),
      el("p", { class: "course-cert-doc__title" }, tr.t("certificate.doc.title")),
      el("p", { class: "course-cert-doc__lead" }, tr.t("certificate.doc.certifies")),
      el("p", { class: "course-cert-doc__name", "data-field": "name" }, c.name),
      credentials ? el("p", { class: "course-cert-doc__credentials", "data-field": "credentials" }, credentials) : null,
      el("p", { class: "course-cert-doc__lead" }, tr.t(creditKey(c, "certificate.doc.completed"))),
      el("p", { class: "course-cert-doc__course" }, c.course.title),
      el("dl", { class: "course-cert-doc__facts" },
        fact(tr.t("certificate.doc.version"), c.course.version),
        credit ? fact(tr.t("certificate.doc.credit"), credit) : null,
        fact(tr.t("certificate.doc.completed_on"), longDate(c.completedOn)),
        c.postTest ? fact(tr.t("certificate.doc.score"), tr.percent(c.postTest.score)) : null),
      c.course.accreditation ? el("p", { class: "course-cert-doc__accreditation" }, c.course.accreditation) : null,
      el("div", { class: "course-cert-doc__foot" },
        el("div", { class: "course-cert-doc__signer" },
          el("p", { class: "course-cert-doc__signer-name" }, c.signer.name),
          el("p", {}, c.signer.title)),
        el("div", { class: "course-cert-doc__number" },
          el("p", {}, tr.t("certificate.doc.number")),
          el("p", { class: "course-cert-doc__number-value", "data-field": "number" }, c.number),
          el("p", {}, tr.t("certificate.doc.issued", { date: longDate(c.issuedAt.slice(0, 10)) })))),
      el("p", { class: "course-cert-doc__note" }, noteText(c)));
  }

  reissueSection(certificate) {
    const panelId = uid("reissue-panel");
    const toggle = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "aria-expanded": "false",
                                  "aria-controls": panelId, "data-action": "reissue" }, tr.t("certificate.reissue.button"));
    const form = el("form", { class: "course-cert-form", novalidate: true },
      el("p", {}, tr.t("certificate.reissue.intro", { number: certificate.number })),
      ...this.fields("reissue", certificate),
      el("p", {}, el("button", { type: "submit", class: "course-cert-button" }, tr.t("certificate.reissue.continue"))));
    const confirm = el("div", { class: "course-cert-confirm", hidden: true, role: "group", "aria-label": tr.t("certificate.reissue.confirm_label") });
    const panel = el("div", { id: panelId, class: "course-cert-reissue-panel", hidden: true }, form, confirm);
    toggle.addEventListener("click", () => {
      const open = panel.hidden;
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) form.querySelector("input")?.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = this.readFields(form);
      if (!values) return;
      const question = el("p", { tabindex: "-1", class: "course-cert-confirm-question" },
        tr.t("certificate.reissue.question", { name: values.name, number: certificate.number }));
      const yes = el("button", { type: "button", class: "course-cert-button", "data-action": "confirm-reissue" }, tr.t("certificate.reissue.yes"));
      const no = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "cancel-reissue" },
        tr.t("certificate.reissue.cancel"));
      yes.addEventListener("click", () => this.issue(values, certificate));
      no.addEventListener("click", () => {
        confirm.hidden = true;
        form.hidden = false;
        form.querySelector("input")?.focus();
        this.say(tr.t("certificate.reissue.cancelled"));
      });
      confirm.replaceChildren(question, el("p", { class: "course-cert-actions" }, yes, no));
      form.hidden = true;
      confirm.hidden = false;
      question.focus();
    });
    return el("section", { class: "course-cert-reissue course-cert-noprint" }, el("p", {}, toggle), panel);
  }

  async downloadPdf(certificate, button, note) {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    this.say(tr.t("certificate.pdf.preparing"));
    try {
      const bytes = await certificatePdf(certificate);
      saveFile(bytes, "application/pdf", `certificate-${certificate.number}.pdf`);
      this.say(tr.t("certificate.pdf.downloaded"));
    } catch (error) {
      if (error instanceof UnsupportedText) {
        note.replaceChildren(this.unsupportedMessage(error.characters));
        button.remove();
        this.say(tr.t("certificate.pdf.unsupported"), "error");
      } else {
        console.error("certificate PDF:", error);
        this.say(tr.t("certificate.pdf.failed"), "error");
      }
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  downloadRecord(certificate) {
    const data = completionRecord(this.manifest, loadRecord(this.manifest), certificate);
    saveFile(JSON.stringify(data, null, 2), "application/json",
      `completion-record-${certificate.course.id}-${certificate.number}.json`);
    this.say(tr.t("certificate.record.downloaded"));
  }
}

/**
 * The certificate's drawings in the course's texts, for the verify page (verify.js): the HTML document and the PDF
 * (whose `decorate` option adds the QR code). A certificate with `signed` carries the organizer-signed note.
 */
export function certificateViews(manifest) {
  tr = courseTranslator(manifest);
  return {
    document: (certificate) => CertificatePage.prototype.certificateDocument(certificate),
    pdf: certificatePdf,
    unsupported: (certificate) => unsupportedCharacters(pdfLabels(certificate)).length ? ["language"] : unsupportedCharacters(pdfTexts(certificate)),
    longDate,
  };
}

export async function mount(doc) {
  const root = doc.querySelector('[data-course-widget="certificate"]');
  if (!root) return;
  // Certificate and print styles load with the widget, keeping other pages light.
  doc.head.append(el("link", { rel: "stylesheet", href: new URL("./certificate.css", import.meta.url).href }));
  let manifest = null;
  try {
    manifest = await loadManifest();
    tr = courseTranslator(manifest);
    const page = new CertificatePage(root, manifest);
    // #preview: the organizer's sample (certificate-preview.js), which stores and unlocks nothing.
    if (!previewCertificate(page, manifest, certificatePdf)) page.render();
    root.dataset.ready = "true";
  } catch (error) {
    console.error("certificate:", error);
    // Without the manifest there is no catalogue: then only English can be said.
    root.replaceChildren(el("p", { class: "course-cert-error" }, manifest ? tr.t("certificate.load_failed")
      : "The certificate could not be loaded. Reload the page; if this keeps happening, tell the course organizer."));
  }
}
