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
const LIMITS = { name: 120, credential: 60, license: 60 };
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];
const TRUST_NOTE = "This certificate is issued by your own browser from the progress stored on this device. " +
  "It records what you completed, but the course organizer's records decide whether continuing-education credit is " +
  "granted. If the organizer asks for proof, send them the completion record from this page.";
const PDF_TRUST_NOTE = "Issued by the learner's own browser from progress stored on their device. " +
  "The course organizer's records decide whether continuing-education credit is granted.";

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

/** "2025-03-12" -> "12 March 2025": unambiguous everywhere. */
export function longDate(isoDay) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(isoDay || ""));
  if (!match) return String(isoDay || "");
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

function hoursText(hours) {
  const value = Number(hours);
  if (!Number.isFinite(value)) return String(hours);
  return Number.isInteger(value * 10) ? value.toFixed(1) : String(value);
}

function credentialLine(certificate) {
  return [certificate.credential, certificate.license ? `License no. ${certificate.license}` : ""].filter(Boolean).join(" · ");
}

/** Every text the PDF would draw (for the unsupported-character check). */
function pdfTexts(certificate) {
  return [certificate.name, certificate.credential, certificate.license, certificate.course.title, certificate.course.version,
    certificate.course.provider, certificate.course.accreditation, certificate.signer.name, certificate.signer.title];
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
    credential: fields.credential,
    license: fields.license,
    course: {
      id: course.id, version: String(course.version), title: course.title, ceHours: course.ce_hours,
      provider: course.provider, accreditation: course.accreditation,
    },
    signer: { name: course.signer?.name || "", title: course.signer?.title || "" },
    postTest: passed ? { score: passed.score, correct: passed.correct, total: passed.total, at: passed.at } : null,
    replaces: previous ? [previous.number, ...(previous.replaces || [])] : [],
  };
}

/** The file an organizer can check against their own records. */
function completionRecord(manifest, record, certificate) {
  const evaluation = record.evaluation;
  const scale = manifest.evaluation?.scale || [];
  return {
    format: RECORD_FORMAT,
    formatVersion: 1,
    notice: "Generated by the learner's own browser from progress stored on their device. The course organizer's records decide whether continuing-education credit is granted.",
    generatedAt: new Date().toISOString(),
    course: { id: certificate.course.id, version: certificate.course.version, title: certificate.course.title,
              ceHours: certificate.course.ceHours, provider: certificate.course.provider,
              currentVersion: String(manifest.course.version) },
    learner: { name: certificate.name, credential: certificate.credential, license: certificate.license },
    certificate: { number: certificate.number, issuedAt: certificate.issuedAt, completedOn: certificate.completedOn,
                   replaces: certificate.replaces || [] },
    startedAt: record.startedAt,
    modules: manifest.modules.map((module) => ({ slug: module.slug, title: module.title, url: module.url, ...moduleProgress(module) })),
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
  constructor(characters) {
    super("unsupported characters");
    this.characters = characters;
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

export async function certificatePdf(certificate) {
  const { PDFLib, fontkit, fontBytes: bytes } = await loadPdfTools();
  const face = fontkit.create(bytes);
  const missing = unsupportedCharacters(pdfTexts(certificate), (cp) => face.hasGlyphForCodePoint(cp));
  if (missing.length) throw new UnsupportedText(missing);

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
  center("Certificate of Completion", y, 32, teal);
  y -= 40;
  center("This certifies that", y, 13, grey);
  y -= 46;
  const nameWidth = center(certificate.name, y, 32, ink, W - 170);
  const rule = Math.min(Math.max(440, nameWidth + 40), W - 150) / 2;
  page.drawLine({ start: { x: cx - rule, y: y - 12 }, end: { x: cx + rule, y: y - 12 }, thickness: 0.75, color: grey });
  y -= 32;
  const credentials = credentialLine(certificate);
  if (credentials) center(credentials, y, 11, grey);
  y -= 30;
  center("has completed the continuing-education course", y, 13, grey);
  y -= 32;
  y = block(certificate.course.title, y, 20, 14, ink, W - 170, 2, 1.2) - 28;
  const facts = [`Version ${certificate.course.version}`, `${hoursText(certificate.course.ceHours)} CE hours`,
    `Completed ${longDate(certificate.completedOn)}`];
  if (certificate.postTest) facts.push(`Post-test score ${certificate.postTest.score}%`);
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
  rightText("Certificate number", base + 22, 9, grey);
  rightText(certificate.number, base + 4, 13, ink);
  rightText(`Issued ${longDate(certificate.issuedAt.slice(0, 10))}`, base - 14, 9, grey);
  block(PDF_TRUST_NOTE, 48, 7.5, 6.5, grey, W - 200, 2);

  pdf.setTitle(`Certificate of Completion: ${certificate.course.title}`);
  pdf.setSubject(`Certificate ${certificate.number} for ${certificate.name}`);
  pdf.setAuthor(certificate.course.provider);
  pdf.setCreator(certificate.course.provider);
  pdf.setLanguage(document.documentElement.lang || "en");
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
      parts.push(el("p", { class: "course-cert-error course-cert-noprint" },
        "This browser is not letting the course store anything on this device (private browsing or a strict setting), " +
        "so no certificate can be issued here. Open the course in a normal window of a browser that allows site storage."));
    }
    if (certificate) {
      parts.push(this.issuedView(certificate));
    } else {
      if (this.record.damaged.includes("certificate")) {
        parts.push(el("p", { class: "course-cert-error course-cert-noprint" },
          "The certificate stored in this browser is damaged, so it cannot be shown. Issue it again below."));
      }
      const { items, optional, missing } = requirements(this.manifest, this.record);
      parts.push(this.requirementsView(items, optional, missing));
      if (!missing.length && storageAvailable()) parts.push(this.issueForm());
    }
    parts.push(el("div", { class: "admonition note course-cert-trust course-cert-noprint" },
      el("p", { class: "admonition-title" }, "Who issues this certificate"),
      el("p", {}, TRUST_NOTE)));
    this.body.replaceChildren(...parts);
    if (focus) this.body.querySelector(focus)?.focus();
  }

  requirementsView(items, optional, missing) {
    const done = items.length - missing.length;
    const headingId = uid("requirements");
    const entry = (item, badge, className) => el("li", { class: className },
      el("span", { class: "course-cert-badge" }, badge), " ", el("a", { href: href(item.url) }, item.text));
    return el("section", { class: "course-cert-requirements course-cert-noprint", "aria-labelledby": headingId },
      el("h2", { id: headingId }, "Requirements"),
      el("p", {}, missing.length
        ? `${done} of ${items.length} steps done. No certificate can be issued until every step below is done.`
        : items.length ? `All ${items.length} steps are done: you can issue your certificate.`
          : "This course requires no step for the certificate: you can issue it."),
      items.length ? el("ul", { class: "course-cert-reqs" }, ...items.map((item) =>
        entry(item, item.done ? "Done" : "To do", item.done ? "is-done" : "is-missing"))) : null,
      optional.length ? el("p", {}, "Optional: these steps are part of the course but not needed for the certificate.") : null,
      optional.length ? el("ul", { class: "course-cert-reqs course-cert-optional" }, ...optional.map((item) =>
        entry(item, item.done ? "Done" : "Optional", "is-optional"))) : null);
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
    return [
      field("name", "Full name (required)", "As it should appear on the certificate.", { required: true, autocomplete: "name", "aria-required": "true" }),
      field("credential", "Credentials (optional)", "For example LCSW, PhD or RN.", { autocomplete: "off" }),
      field("license", "License number (optional)", "Your professional license number, if your board asks for it.", { autocomplete: "off" }),
    ];
  }

  readFields(form) {
    const data = new FormData(form);
    const values = {
      name: cleanInput(data.get("name"), LIMITS.name),
      credential: cleanInput(data.get("credential"), LIMITS.credential),
      license: cleanInput(data.get("license"), LIMITS.license),
    };
    const nameInput = form.elements.namedItem("name");
    const error = form.querySelector(`#${CSS.escape(nameInput.id)}-error`);
    if (!values.name) {
      nameInput.setAttribute("aria-invalid", "true");
      error.textContent = "Enter your name: it is required for the certificate.";
      nameInput.focus();
      this.say("Enter your name: it is required for the certificate.", "error");
      return null;
    }
    nameInput.removeAttribute("aria-invalid");
    error.textContent = "";
    return values;
  }

  issueForm() {
    const headingId = uid("issue");
    const form = el("form", { class: "course-cert-form course-cert-noprint", "aria-labelledby": headingId, novalidate: true },
      el("h2", { id: headingId }, "Issue your certificate"),
      el("p", {}, "Enter your name exactly as it should appear on the certificate. You can change it later, " +
        "but changing it issues a new certificate with a new number."),
      ...this.fields("issue"),
      el("p", {}, el("button", { type: "submit", class: "course-cert-button" }, "Issue certificate")));
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
      this.say("Some requirements are no longer met, so the certificate was not issued.", "error");
      return;
    }
    record.certificate = buildCertificate(this.manifest, record, values, previous);
    try {
      saveRecord(this.manifest, record);
    } catch (error) {
      this.say("The certificate could not be saved in this browser (storage is full or blocked), so it was not issued.", "error");
      return;
    }
    this.render(".course-cert-heading");
    this.say(previous
      ? `A new certificate was issued with number ${record.certificate.number}. It replaces number ${previous.number}.`
      : `Your certificate was issued with number ${record.certificate.number}.`);
  }

  issuedView(certificate) {
    const headingId = uid("certificate");
    const unsupported = unsupportedCharacters(pdfTexts(certificate));
    const actions = el("div", { class: "course-cert-actions course-cert-noprint" });
    const pdfNote = el("div", { class: "course-cert-pdf-note" });
    if (unsupported.length) {
      pdfNote.append(this.unsupportedMessage(unsupported));
    } else {
      const pdfButton = el("button", { type: "button", class: "course-cert-button", "data-action": "download-pdf" }, "Download PDF");
      pdfButton.addEventListener("click", () => this.downloadPdf(certificate, pdfButton, pdfNote));
      actions.append(pdfButton);
    }
    const printButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "print" }, "Print certificate");
    printButton.addEventListener("click", () => window.print());
    const recordButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "download-record" },
      "Download completion record");
    recordButton.addEventListener("click", () => this.downloadRecord(certificate));
    actions.append(printButton, recordButton);

    return el("section", { class: "course-cert-issued", "aria-labelledby": headingId },
      el("h2", { id: headingId, class: "course-cert-heading course-cert-noprint", tabindex: "-1" }, "Your certificate"),
      el("p", { class: "course-cert-noprint" }, "All requirements are met and your certificate has been issued. " +
        "Download it as a PDF or print it, and send the completion record to the course organizer if they ask for it."),
      actions,
      pdfNote,
      this.certificateDocument(certificate),
      this.reissueSection(certificate));
  }

  unsupportedMessage(characters) {
    return el("p", { class: "course-cert-unsupported", "data-unsupported": "true" },
      el("strong", {}, "No PDF for this name. "),
      `The PDF font cannot show ${characters.length === 1 ? "this character" : "these characters"}: ${characters.join(" ")}. ` +
      "Rather than a PDF with wrong letters, use the certificate shown below: choose \"Print certificate\" " +
      "(your browser prints it with its own fonts, and its print dialog can save it as a PDF).");
  }

  certificateDocument(c) {
    const fact = (label, value) => el("div", {}, el("dt", {}, label), el("dd", {}, value));
    const credentials = credentialLine(c);
    return el("article", { class: "course-cert-doc", "aria-label": `Certificate of completion for ${c.name}` },
      el("p", { class: "course-cert-doc__provider" }, c.course.provider),
      el("p", { class: "course-cert-doc__title" }, "Certificate of Completion"),
      el("p", { class: "course-cert-doc__lead" }, "This certifies that"),
      el("p", { class: "course-cert-doc__name", "data-field": "name" }, c.name),
      credentials ? el("p", { class: "course-cert-doc__credentials", "data-field": "credentials" }, credentials) : null,
      el("p", { class: "course-cert-doc__lead" }, "has completed the continuing-education course"),
      el("p", { class: "course-cert-doc__course" }, c.course.title),
      el("dl", { class: "course-cert-doc__facts" },
        fact("Version", c.course.version),
        fact("CE hours", hoursText(c.course.ceHours)),
        fact("Completed", longDate(c.completedOn)),
        c.postTest ? fact("Post-test score", `${c.postTest.score}%`) : null),
      c.course.accreditation ? el("p", { class: "course-cert-doc__accreditation" }, c.course.accreditation) : null,
      el("div", { class: "course-cert-doc__foot" },
        el("div", { class: "course-cert-doc__signer" },
          el("p", { class: "course-cert-doc__signer-name" }, c.signer.name),
          el("p", {}, c.signer.title)),
        el("div", { class: "course-cert-doc__number" },
          el("p", {}, "Certificate number"),
          el("p", { class: "course-cert-doc__number-value", "data-field": "number" }, c.number),
          el("p", {}, `Issued ${longDate(c.issuedAt.slice(0, 10))}`))),
      el("p", { class: "course-cert-doc__note" }, PDF_TRUST_NOTE));
  }

  reissueSection(certificate) {
    const panelId = uid("reissue-panel");
    const toggle = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "aria-expanded": "false",
                                  "aria-controls": panelId, "data-action": "reissue" }, "Re-issue with a new name");
    const form = el("form", { class: "course-cert-form", novalidate: true },
      el("p", {}, "Correct your name or details. Re-issuing creates a new certificate with a new number; " +
        `the current number, ${certificate.number}, will no longer be your certificate.`),
      ...this.fields("reissue", certificate),
      el("p", {}, el("button", { type: "submit", class: "course-cert-button" }, "Continue")));
    const confirm = el("div", { class: "course-cert-confirm", hidden: true, role: "group", "aria-label": "Confirm re-issue" });
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
        `Re-issue the certificate for "${values.name}"? Certificate ${certificate.number} will be replaced by one with a new number.`);
      const yes = el("button", { type: "button", class: "course-cert-button", "data-action": "confirm-reissue" }, "Yes, re-issue");
      const no = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "cancel-reissue" }, "Cancel");
      yes.addEventListener("click", () => this.issue(values, certificate));
      no.addEventListener("click", () => {
        confirm.hidden = true;
        form.hidden = false;
        form.querySelector("input")?.focus();
        this.say("Nothing was changed: your certificate keeps its number.");
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
    this.say("Preparing the PDF…");
    try {
      const bytes = await certificatePdf(certificate);
      saveFile(bytes, "application/pdf", `certificate-${certificate.number}.pdf`);
      this.say("The PDF certificate was downloaded.");
    } catch (error) {
      if (error instanceof UnsupportedText) {
        note.replaceChildren(this.unsupportedMessage(error.characters));
        button.remove();
        this.say("No PDF was made: the PDF font cannot show some characters. Print the certificate on this page instead.", "error");
      } else {
        console.error("certificate PDF:", error);
        this.say("The PDF could not be made (the files it needs did not load). Check your connection and try again, " +
          "or use \"Print certificate\".", "error");
      }
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  downloadRecord(certificate) {
    const data = completionRecord(this.manifest, loadRecord(this.manifest), certificate);
    saveFile(JSON.stringify(data, null, 2), "application/json",
      `completion-record-${certificate.course.id}-${certificate.number}.json`);
    this.say("The completion record was downloaded.");
  }
}

export async function mount(doc) {
  const root = doc.querySelector('[data-course-widget="certificate"]');
  if (!root) return;
  // Certificate and print styles load with the widget, keeping other pages light.
  doc.head.append(el("link", { rel: "stylesheet", href: new URL("./certificate.css", import.meta.url).href }));
  try {
    const manifest = await loadManifest();
    new CertificatePage(root, manifest).render();
    root.dataset.ready = "true";
  } catch (error) {
    console.error("certificate:", error);
    root.replaceChildren(el("p", { class: "course-cert-error" },
      "The certificate could not be loaded. Reload the page; if this keeps happening, tell the course organizer."));
  }
}
