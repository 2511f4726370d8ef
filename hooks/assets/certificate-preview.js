// The organizer's certificate preview: the certificate page opened with #preview
// (or ?preview) shows a sample certificate drawn from the course manifest, with a
// placeholder name, the number "SAMPLE" and the mark "SAMPLE - not a certificate"
// on screen, in print and in the PDF. The preview never reads or writes the
// learner's record, so it stores nothing and unlocks nothing.
//
// certificate.js calls previewCertificate() from its mount and lends its own
// drawing (the page's certificateDocument and certificatePdf), so the sample is
// the real layout, not a copy of it.

import { el, saveFile } from "./dom.js";
import { courseExtras, signerOf } from "./certificate-model.js";

export const SAMPLE_MARK = "SAMPLE - not a certificate";
export const SAMPLE_NUMBER = "SAMPLE";
const TEXT = {
  heading: "Certificate preview",
  intro: "This is a sample of the certificate learners of this course receive, drawn from the course settings " +
    "(mkdocs.yml, extra: course). The name and dates are placeholders. Nothing is stored, and the preview does not " +
    "issue or unlock a certificate.",
  leave: "Leave the preview",
  pdf: "Download sample PDF",
  print: "Print sample",
  preparing: "Preparing the sample PDF…",
  downloaded: "The sample PDF was downloaded.",
  pdfFailed: "The sample PDF could not be made",
  learner: "Sample Learner",
  credential: "Credentials",
  license: "000000",
  label: (title) => `${SAMPLE_MARK}: certificate of completion for ${title}`,
};

/** True when the page was opened as a preview: #preview or ?preview. */
export function previewRequested(location) {
  return location.hash === "#preview" || new URLSearchParams(location.search).has("preview");
}

/** A certificate of the shape certificate.js issues, with placeholder learner fields. Pure. */
export function sampleCertificate(manifest, now = new Date()) {
  const course = manifest.course;
  const day = now.toISOString().slice(0, 10);
  const postTest = manifest.post_test ? { score: course.pass_mark, correct: 0, total: 0, at: now.toISOString() } : null;
  return {
    schema: 1,
    number: SAMPLE_NUMBER,
    issuedAt: now.toISOString(),
    completedOn: day,
    name: TEXT.learner,
    credential: TEXT.credential,
    license: TEXT.license,
    course: {
      id: course.id, version: String(course.version), title: course.title, ceHours: course.ce_hours,
      creditUnit: course.credit?.unit || "ce-hours", provider: course.provider, accreditation: course.accreditation,
      ...courseExtras(course),
    },
    signer: signerOf(course),
    postTest,
    replaces: [],
  };
}

/**
 * Show the sample when the page asks for it (now, or later through a change of the
 * address's #fragment). `view` is certificate.js's page (certificateDocument, say,
 * body, render), `makePdf` its certificatePdf. Returns whether the sample is shown now.
 */
export function previewCertificate(view, manifest, makePdf) {
  window.addEventListener("hashchange", () => {
    if (previewRequested(window.location)) showPreview(view, manifest, makePdf);
    else view.render();
  });
  if (!previewRequested(window.location)) return false;
  showPreview(view, manifest, makePdf);
  return true;
}

function showPreview(view, manifest, makePdf) {
  const doc = document;
  if (!doc.querySelector("link[data-certificate-preview]")) {
    doc.head.append(el("link", { rel: "stylesheet", href: new URL("./certificate-preview.css", import.meta.url).href,
                                 "data-certificate-preview": "" }));
  }
  const sample = sampleCertificate(manifest);
  const certificate = view.certificateDocument(sample);
  certificate.classList.add("course-cert-doc--sample");
  certificate.setAttribute("aria-label", TEXT.label(sample.course.title));
  certificate.prepend(el("p", { class: "course-cert-sample-mark", "data-sample-mark": "" }, SAMPLE_MARK));

  const pdfButton = el("button", { type: "button", class: "course-cert-button", "data-action": "download-sample-pdf" }, TEXT.pdf);
  pdfButton.addEventListener("click", () => downloadSamplePdf(view, sample, makePdf, pdfButton));
  const printButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary",
                                     "data-action": "print-sample" }, TEXT.print);
  printButton.addEventListener("click", () => window.print());
  const leave = new URL(window.location.href);
  leave.hash = "";
  leave.searchParams.delete("preview");

  const headingId = "course-cert-preview-heading";
  view.body.replaceChildren(
    el("section", { class: "course-cert-preview course-cert-noprint", "aria-labelledby": headingId },
      el("h2", { id: headingId, tabindex: "-1" }, TEXT.heading),
      el("p", { class: "course-cert-sample-note" }, el("strong", {}, `${SAMPLE_MARK}. `), TEXT.intro),
      el("p", {}, el("a", { href: leave.href, "data-action": "leave-preview" }, TEXT.leave)),
      el("div", { class: "course-cert-actions" }, pdfButton, printButton)),
    certificate);
  view.root.dataset.preview = "true";
}

async function downloadSamplePdf(view, sample, makePdf, button) {
  if (button.getAttribute("aria-disabled") === "true") return;
  button.setAttribute("aria-disabled", "true");
  view.say(TEXT.preparing);
  try {
    const bytes = await stampSample(await makePdf(sample));
    saveFile(bytes, "application/pdf", "certificate-SAMPLE.pdf");
    view.say(TEXT.downloaded);
  } catch (error) {
    console.error("certificate preview PDF:", error);
    const characters = error?.characters ? `: ${error.characters.join(" ")}` : "";
    view.say(`${TEXT.pdfFailed}${characters}.`, "error");
  } finally {
    button.removeAttribute("aria-disabled");
  }
}

/** The sample PDF marked on every page: a line at the top and a large diagonal "SAMPLE". */
async function stampSample(bytes) {
  const { PDFDocument, StandardFonts, degrees, rgb } = window.PDFLib; // loaded by certificatePdf
  const pdf = await PDFDocument.load(bytes);
  const font = await pdf.embedFont(StandardFonts.HelveticaBold); // the mark is ASCII: a standard font draws it
  const red = rgb(0.7, 0.15, 0.12);
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const size = 14;
    page.drawText(SAMPLE_MARK, { x: (width - font.widthOfTextAtSize(SAMPLE_MARK, size)) / 2, y: height - 60, size, font, color: red });
    const big = Math.min(width, height) / 3.2;
    const wide = font.widthOfTextAtSize(SAMPLE_NUMBER, big);
    const angle = 25;
    const radians = (angle * Math.PI) / 180;
    page.drawText(SAMPLE_NUMBER, {
      x: width / 2 - (wide / 2) * Math.cos(radians) + (big / 3) * Math.sin(radians),
      y: height / 2 - (wide / 2) * Math.sin(radians) - (big / 3) * Math.cos(radians),
      size: big, font, color: red, opacity: 0.14, rotate: degrees(angle),
    });
  }
  pdf.setTitle(`${SAMPLE_MARK}: ${pdf.getTitle() || ""}`.trim());
  pdf.setSubject(SAMPLE_MARK);
  return pdf.save();
}
