// The certificate page: requirements, the learner's details, issuing, and the printable HTML certificate,
// with downloads of its PDF (certificate-pdf.js) and the completion record (completion-record.js).
// Learner input only ever reaches the page through el()/textContent.

import { el, saveFile } from "./dom.js";
import { courseTranslator } from "./i18n.js";
import { previewCertificate } from "./certificate-preview.js";
import { href, loadManifest, loadRecord, missingRequirements, requirements, saveRecord, storageAvailable } from "./store.js";
import { cleanInput, contactText, creditKey, creditText, credentialLine, longDate, noteText, tr, useTranslator } from "./certificate-text.js";
import { buildCertificate, signatureUrl, storedCertificate } from "./certificate-model.js";
import { completionSummary } from "./completion-summary.js";
import { completionRecord } from "./completion-record.js";
import { certificatePdf, pdfLabels, pdfTexts, UnsupportedText, unsupportedCharacters } from "./certificate-pdf.js";

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

let ids = 0;
const uid = (stem) => `course-cert-${stem}-${++ids}`;

/** The learner fields this course asks for, in order: [{key, required}] (learner_fields in mkdocs.yml). */
function learnerFields(manifest) {
  const listed = manifest.course.learner_fields;
  return Array.isArray(listed) ? listed.filter((f) => FIELDS[f.key]).map((f) => ({ key: f.key, required: Boolean(f.required) }))
    : DEFAULT_FIELDS;
}


// ---------------------------------------------------------------- parts of the certificate

/** The name as words that never break inside ("Fernández-López"): lines break only between words. */
function nameWords(name) {
  return String(name).split(" ").flatMap((word, i) => [i ? " " : null, el("span", { class: "course-cert-doc__word" }, word)])
    .filter((part) => part !== null);
}

/**
 * The name on one line where it can be: once laid out, its width in ems is measured and handed to the CSS
 * (--cert-name-ems), which picks the largest size that fits the certificate's width, on screen and in print,
 * within a minimum and maximum (certificate.css). Set through the CSSOM, which the strict CSP allows.
 */
export function fitName(element) {
  const measure = () => {
    if (!element.isConnected) return;
    element.classList.add("is-measuring"); // one line, whatever the width
    const range = document.createRange();
    range.selectNodeContents(element);
    const width = range.getBoundingClientRect().width;
    const size = parseFloat(getComputedStyle(element).fontSize);
    element.classList.remove("is-measuring");
    if (width > 0 && size > 0) element.style.setProperty("--cert-name-ems", (width / size).toFixed(3));
  };
  const observer = new ResizeObserver(() => {
    observer.disconnect();
    measure();
    document.fonts?.ready.then(measure); // a web font that arrives later has other widths
  });
  observer.observe(element);
}

/** The signer: the signature image, the person with credentials, and the role; a role alone when no person is named. */
function signerBlock(signer) {
  const person = [signer.name, signer.credentials].filter(Boolean).join(", ");
  const source = signatureUrl(signer);
  return el("div", { class: "course-cert-doc__signer", "data-field": "signer" },
    source ? el("img", { class: "course-cert-doc__signature", src: source.href, alt: tr.t("certificate.doc.signature_alt",
                                                                                      { name: signer.name || signer.title }) }) : null,
    el("p", { class: "course-cert-doc__signer-name" }, person || signer.title),
    person ? el("p", { class: "course-cert-doc__signer-title" }, signer.title) : null);
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
      completionSummary(this.manifest, this.record, certificate, uid("summary")),
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
    const fact = (label, value, field) => el("div", { "data-field": field }, el("dt", {}, label), el("dd", {}, value));
    const credentials = credentialLine(c);
    const credit = creditText(c);
    const delivery = c.course.deliveryFormat;
    const contact = contactText(c.course.contact);
    const name = el("p", { class: "course-cert-doc__name", "data-field": "name", dir: "auto" },
      ...nameWords(c.name));
    fitName(name);
    return el("article", { class: "course-cert-doc", "aria-label": tr.t("certificate.doc.label", { name: c.name }) },
      el("p", { class: "course-cert-doc__provider" }, c.course.provider),
      el("p", { class: "course-cert-doc__title" }, tr.t("certificate.doc.title")),
      el("p", { class: "course-cert-doc__lead" }, tr.t("certificate.doc.certifies")),
      name,
      credentials ? el("p", { class: "course-cert-doc__credentials", "data-field": "credentials" }, credentials) : null,
      el("p", { class: "course-cert-doc__lead" }, tr.t(creditKey(c, "certificate.doc.completed"))),
      el("p", { class: "course-cert-doc__course" }, c.course.title),
      el("dl", { class: "course-cert-doc__facts" },
        credit ? fact(tr.t("certificate.doc.credit"), credit, "credit") : null,
        delivery ? fact(tr.t("certificate.doc.delivery"), delivery, "delivery") : null,
        fact(tr.t("certificate.doc.completed_on"), longDate(c.completedOn), "completed"),
        c.postTest ? fact(tr.t("certificate.doc.score"), tr.percent(c.postTest.score), "score") : null),
      c.course.accreditation ? el("p", { class: "course-cert-doc__accreditation" }, c.course.accreditation) : null,
      el("div", { class: "course-cert-doc__foot" },
        signerBlock(c.signer),
        el("div", { class: "course-cert-doc__number" },
          el("p", {}, tr.t("certificate.doc.number")),
          el("p", { class: "course-cert-doc__number-value", "data-field": "number" }, c.number),
          el("p", {}, tr.t("certificate.doc.issued", { date: longDate(c.issuedAt.slice(0, 10)) })))),
      el("p", { class: "course-cert-doc__small", "data-field": "small-print" },
        // The version in small print, in the PDF's words ("Version 1.0.0"): not a headline fact.
        el("span", { "data-field": "version" }, tr.t("certificate.pdf.version", { version: c.course.version })),
        contact ? el("span", { "data-field": "contact" }, tr.t("certificate.doc.contact", { contact })) : null),
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
  useTranslator(courseTranslator(manifest));
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
    useTranslator(courseTranslator(manifest));
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
