// The verify page (`<!-- course:verify -->`, a page with `course: {role: verify}`):
// anyone checks a certificate the course organizer signed, in this browser.
//
// Opened from the verification link (the code travels in the URL fragment, so it
// never reaches a server log) or with a pasted link or code. The checks are
// verify-token.js's (WebCrypto Ed25519 against the site's published keys, then
// the revocation list); the result is said in words (valid / not valid and why /
// revoked / unknown key / this browser cannot check), then a valid certificate is
// drawn with certificate.js's own HTML and PDF (its `decorate` option adds the QR
// code of the verification link, vendor/qrcode-generator, loaded only then).
// Everything comes from this site: no other host is ever asked.
//
// The learner's claims reach the page only through el()/textContent.

import { el, saveFile } from "./dom.js";
import { courseTranslator } from "./i18n.js";
import { loadManifest, pageUrl } from "./store.js";
import { STATUS, certificateFromClaims, ed25519Supported, tokenFrom, verifyToken } from "./verify-token.js";

const QR = {
  generator: new URL("./vendor/qrcode-generator/qrcode.mjs", import.meta.url),
  utf8: new URL("./vendor/qrcode-generator/qrcode_UTF8.mjs", import.meta.url),
};
const SVG = "http://www.w3.org/2000/svg";
let tr = null; // the course's translator (i18n.js), set by mount
// Why a code is not valid (verify-token.js REASON), in words.
const REASONS = {
  malformed: () => tr.t("verify.reason.malformed"),
  header: () => tr.t("verify.reason.header"),
  signature: () => tr.t("verify.reason.signature"),
  claims: () => tr.t("verify.reason.claims"),
  course: (claims) => tr.t("verify.reason.course", { course: claims?.c ?? "" }),
};

// ---------------------------------------------------------------- the QR code

/** The QR code of `text` as a square matrix of booleans (true: dark), error correction M, the smallest version. */
export async function qrMatrix(text) {
  const [{ qrcode }, { stringToBytes }] = await Promise.all([import(QR.generator.href), import(QR.utf8.href)]);
  // The library's default keeps one byte per UTF-16 unit (Latin-1): any other character would be encoded wrong.
  qrcode.stringToBytes = stringToBytes;
  const code = qrcode(0, "M");
  code.addData(text, "Byte");
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (__, col) => code.isDark(row, col)));
}

/** The matrix as an SVG image (one path, 4 modules of quiet zone), labelled for screen readers. */
function qrSvg(matrix, label) {
  const quiet = 4;
  const size = matrix.length + 2 * quiet;
  const svg = document.createElementNS(SVG, "svg");
  for (const [name, value] of Object.entries({ viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": label,
    class: "course-verify-qr", "shape-rendering": "crispEdges" })) svg.setAttribute(name, value);
  const background = document.createElementNS(SVG, "rect");
  for (const [name, value] of Object.entries({ width: size, height: size, fill: "#fff" })) background.setAttribute(name, value);
  let d = "";
  matrix.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x + quiet} ${y + quiet}h1v1h-1z`; }));
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(background, path);
  return svg;
}

/** A `decorate` for certificate.js's PDF: the QR code in the bottom middle, 38 mm wide, with "Verify:" above it. */
function pdfQr(matrix, caption) {
  return ({ PDFLib, page, pen, width }) => {
    const side = 108; // points: 38 mm, readable at print size for a code of this density
    const module = side / (matrix.length + 8);
    const x0 = width / 2 - side / 2;
    const y0 = 58;
    page.drawRectangle({ x: x0, y: y0, width: side, height: side, color: PDFLib.rgb(1, 1, 1) });
    matrix.forEach((row, y) => row.forEach((dark, x) => {
      if (dark) {
        page.drawRectangle({ x: x0 + (x + 4) * module, y: y0 + side - (y + 5) * module, width: module, height: module,
                             color: PDFLib.rgb(0, 0, 0) });
      }
    }));
    const size = 7;
    pen.draw(caption, { x: width / 2 - pen.width(caption, size) / 2, y: y0 + side + 3, size, color: PDFLib.rgb(0.3, 0.3, 0.3) });
  };
}

// ---------------------------------------------------------------- the page

class VerifyPage {
  constructor(root, manifest, views) {
    this.root = root;
    this.manifest = manifest;
    this.views = views; // certificate.js's drawings (certificateViews)
    this.status = el("p", { class: "course-verify-status course-cert-noprint", role: "status", "aria-live": "polite" });
    this.result = el("div", { class: "course-verify-result" });
    this.published = null;
  }

  render() {
    const inputId = "course-verify-input";
    this.input = el("textarea", { id: inputId, name: "token", rows: "3", spellcheck: "false", autocomplete: "off",
                                  autocapitalize: "off", "aria-describedby": `${inputId}-hint` });
    const form = el("form", { class: "course-verify-form course-cert-noprint", novalidate: true },
      el("label", { for: inputId }, tr.t("verify.input.label")),
      el("span", { class: "course-cert-hint", id: `${inputId}-hint` }, tr.t("verify.input.hint")),
      this.input,
      el("p", {}, el("button", { type: "submit", class: "course-cert-button" }, tr.t("verify.button"))));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const token = tokenFrom(this.input.value);
      if (!token) {
        this.say(tr.t("verify.empty"), "error");
        this.input.focus();
        return;
      }
      // The page's address becomes the verification link, so it can be shared as it is.
      history.replaceState(null, "", `#${token}`);
      this.check(token);
    });
    this.root.replaceChildren(el("p", { class: "course-cert-noprint" }, tr.t("verify.intro")), form, this.status, this.result);
    window.addEventListener("hashchange", () => this.checkFragment());
    return this.checkFragment();
  }

  checkFragment() {
    const token = tokenFrom(window.location.hash);
    if (!token) return Promise.resolve();
    this.input.value = token;
    return this.check(token);
  }

  say(message, kind = "info") {
    this.status.dataset.kind = kind;
    this.status.textContent = "";
    clearTimeout(this.sayTimer);
    this.sayTimer = setTimeout(() => { this.status.textContent = message; }, 50);
  }

  /** The published keys and revocations: fetched once, from this site (revalidated, so a new revocation shows). */
  loadPublished() {
    const signing = this.manifest.signing;
    const get = (path) => fetch(pageUrl(path), { cache: "no-cache" }).then((response) => {
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    });
    this.published ??= Promise.all([get(signing.keys), get(signing.revocations)]).catch((error) => {
      this.published = null; // try again next time
      throw error;
    });
    return this.published;
  }

  async check(token) {
    this.root.dataset.state = "checking";
    this.say(tr.t("verify.checking"));
    let outcome;
    try {
      const [keys, revocations] = await this.loadPublished();
      outcome = await verifyToken(token, { keys, revoked: revocations.revoked, courseId: this.manifest.course.id });
    } catch (error) {
      console.error("verify:", error);
      outcome = { status: "unavailable" };
    }
    await this.show(outcome, token);
    this.root.dataset.state = outcome.status;
    if (outcome.reason) this.root.dataset.reason = outcome.reason;
    else delete this.root.dataset.reason;
  }

  async show(outcome, token) {
    const { t, date } = tr;
    const box = (kind, title, ...texts) => el("div", { class: `admonition ${kind} course-verify-outcome course-cert-noprint`, tabindex: "-1",
                                                       "data-status": outcome.status },
      el("p", { class: "admonition-title" }, title), ...texts.filter(Boolean).map((text) => el("p", {}, text)));
    let message;
    let certificate = null;
    switch (outcome.status) {
      case STATUS.VALID:
        message = box("success", t("verify.result.valid.title"), t("verify.result.valid.text", { kid: outcome.kid }));
        certificate = certificateFromClaims(outcome.claims, this.manifest, outcome.kid);
        break;
      case STATUS.REVOKED:
        message = box("failure", t("verify.result.revoked.title"),
          t("verify.result.revoked.text", { number: outcome.claims.jti, name: outcome.claims.n, date: date(outcome.revocation.revokedAt.slice(0, 10)) }),
          outcome.revocation.reason ? t("verify.result.revoked.reason", { reason: outcome.revocation.reason }) : null);
        break;
      case STATUS.UNKNOWN_KEY:
        message = box("warning", t("verify.result.unknown_key.title"), t("verify.result.unknown_key.text", { kid: outcome.kid }));
        break;
      case STATUS.UNSUPPORTED:
        message = box("warning", t("verify.result.unsupported.title"), t("verify.result.unsupported.text"));
        break;
      case STATUS.INVALID:
        message = box("failure", t("verify.result.invalid.title"), REASONS[outcome.reason](outcome.claims));
        break;
      default:
        message = box("warning", t("verify.result.unavailable.title"), t("verify.result.unavailable.text"));
    }
    const parts = [message];
    if (certificate) parts.push(...(await this.certificateView(certificate, token)));
    this.result.replaceChildren(...parts);
    this.say(message.querySelector(".admonition-title").textContent, outcome.status === STATUS.VALID ? "info" : "error");
    message.focus();
  }

  /** The verified certificate: actions, then the certificate itself with its QR code and link (printed too). */
  async certificateView(certificate, token) {
    const link = verificationLink(token);
    let matrix = null;
    try {
      matrix = await qrMatrix(link);
    } catch (error) {
      console.error("verify: QR code", error); // the certificate stands without it; the link is printed below
    }
    const documentNode = this.views.document(certificate);
    documentNode.classList.add("course-verify-doc");
    documentNode.append(el("div", { class: "course-verify-link" },
      matrix ? qrSvg(matrix, tr.t("verify.qr.label")) : null,
      el("p", {}, el("span", {}, tr.t("verify.link.label")), " ", el("span", { class: "course-verify-url" }, link))));
    const actions = el("div", { class: "course-cert-actions course-cert-noprint" });
    const unsupported = this.views.unsupported(certificate);
    const pdfNote = el("div", { class: "course-cert-pdf-note" });
    if (unsupported.length) {
      pdfNote.append(el("p", { class: "course-cert-unsupported" }, unsupported[0] === "language"
        ? tr.t("certificate.unsupported_language.text")
        : tr.plural("certificate.unsupported.text", unsupported.length, { characters: unsupported.join(" ") })));
    } else if (matrix) {
      const pdfButton = el("button", { type: "button", class: "course-cert-button", "data-action": "download-pdf" }, tr.t("verify.action.pdf"));
      pdfButton.addEventListener("click", () => this.downloadPdf(certificate, matrix, pdfButton));
      actions.append(pdfButton);
    }
    const printButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "print" },
      tr.t("certificate.action.print"));
    printButton.addEventListener("click", () => window.print());
    actions.append(printButton);
    return [actions, pdfNote, documentNode];
  }

  async downloadPdf(certificate, matrix, button) {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    this.say(tr.t("certificate.pdf.preparing"));
    try {
      const bytes = await this.views.pdf(certificate, { decorate: pdfQr(matrix, tr.t("verify.pdf.caption")) });
      saveFile(bytes, "application/pdf", `certificate-${certificate.number}.pdf`);
      this.say(tr.t("certificate.pdf.downloaded"));
    } catch (error) {
      console.error("verify: PDF", error);
      this.say(tr.t(error?.characters ? "certificate.pdf.unsupported" : "certificate.pdf.failed"), "error");
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }
}

/** This page's address with the code in its fragment: the link the organizer sends and the QR code carries. */
function verificationLink(token) {
  const url = new URL(window.location.href);
  url.hash = token;
  return url.href;
}

export async function mount(doc) {
  const root = doc.querySelector('[data-course-widget="verify"]');
  if (!root) return;
  for (const sheet of ["./certificate.css", "./verify.css"]) {
    doc.head.append(el("link", { rel: "stylesheet", href: new URL(sheet, import.meta.url).href }));
  }
  let manifest = null;
  try {
    manifest = await loadManifest();
    tr = courseTranslator(manifest);
    if (!manifest.signing) {
      root.replaceChildren(el("p", { class: "course-verify-none" }, tr.t("verify.not_configured")));
      root.dataset.state = "not-configured";
    } else if (!(await ed25519Supported())) {
      root.replaceChildren(el("div", { class: "admonition warning", "data-status": STATUS.UNSUPPORTED },
        el("p", { class: "admonition-title" }, tr.t("verify.result.unsupported.title")),
        el("p", {}, tr.t("verify.result.unsupported.text"))));
      root.dataset.state = STATUS.UNSUPPORTED;
    } else {
      const { certificateViews } = await import("./certificate.js");
      await new VerifyPage(root, manifest, certificateViews(manifest)).render();
    }
    root.dataset.ready = "true";
  } catch (error) {
    console.error("verify:", error);
    root.replaceChildren(el("p", { class: "course-cert-error" }, manifest ? tr.t("verify.load_failed")
      : "The verifier could not be loaded. Reload the page; if this keeps happening, tell the course organizer."));
    root.dataset.ready = "true";
  }
}
