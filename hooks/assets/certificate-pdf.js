// The certificate PDF, generated in this browser with pdf-lib (loaded on demand, with only the font pieces
// its texts need: pdf-fonts.js; fontkit only for scripts that need shaping). Every text goes through the pen (pdf-pen.js).
import { signatureUrl } from "./certificate-model.js";
import { creditKey, creditText, credentialLine, longDate, noteText, tr } from "./certificate-text.js";
import { fontsFor, loadScript, maybeDrawable, missingCharacters } from "./pdf-fonts.js";
import { createPen } from "./pdf-pen.js";
import { visualRuns } from "./pdf-runs.js";

const VENDOR = {
  pdfLib: new URL("./vendor/pdf-lib/pdf-lib.min.js", import.meta.url),
};

/**
 * The distinct characters of `texts` no font piece can draw (emoji, controls, scripts without a piece): known
 * without fetching anything; `certificatePdf` then checks each character against the pieces themselves.
 */
export function unsupportedCharacters(texts) {
  const bad = new Set();
  for (const text of texts) {
    for (const char of String(text ?? "").normalize("NFC")) {
      if (char !== " " && !maybeDrawable(char)) bad.add(char);
    }
  }
  return [...bad];
}

/** Every string in the certificate (and the digits and signs of dates and numbers): the pieces to fetch. */
function textsToPrepare(certificate) {
  const strings = [];
  const walk = (value) => {
    if (typeof value === "string") strings.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(certificate);
  return [...strings, "0123456789 .,:;·-–/()%#+", tr.t("verify.pdf.caption"), longDate(certificate.completedOn),
    tr.t("certificate.doc.issued", { date: longDate(certificate.issuedAt.slice(0, 10)) })];
}

/** Every text of the learner and organizer the PDF would draw (for the unsupported-character check). */
export function pdfTexts(certificate) {
  return [certificate.name, certificate.credential, certificate.license, certificate.licenseState, certificate.course.title,
    certificate.course.version,
    certificate.course.provider, certificate.course.accreditation, certificate.course.deliveryFormat,
    certificate.course.contact?.email, certificate.course.contact?.url,
    certificate.signer.name, certificate.signer.credentials, certificate.signer.title];
}

/** The texts of the course's language the PDF draws: a language no font piece has gets no PDF at all. */
export function pdfLabels(certificate) {
  return [tr.t("certificate.doc.title"), tr.t("certificate.doc.certifies"), tr.t(creditKey(certificate, "certificate.doc.completed")),
    tr.t("certificate.doc.number"), noteText(certificate), creditText(certificate),
    longDate(certificate.completedOn), tr.t("certificate.pdf.completed", { date: "" })];
}

export class UnsupportedText extends Error {
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

/** Lines of at most maxWidth, broken at spaces, measured with the pen. */
function wrap(text, pen, size, maxWidth) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && pen.width(candidate, size) > maxWidth) {
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
  const [PDFLib, fonts] = await Promise.all([loadScript(VENDOR.pdfLib, "PDFLib"), fontsFor(textsToPrepare(certificate), visualRuns)]);
  const lacking = (texts) => [...new Set([...unsupportedCharacters(texts), ...missingCharacters(texts, fonts.pieceOf)])];
  const missing = lacking(pdfTexts(certificate));
  if (missing.length) throw new UnsupportedText(missing);
  if (lacking(pdfLabels(certificate)).length) throw new UnsupportedText([], true);

  const { PDFDocument, rgb } = PDFLib;
  const pdf = await PDFDocument.create();
  const [W, H] = pageSize();
  const page = pdf.addPage([W, H]);
  // Every text goes through the pen: it measures and draws with the font piece(s) the text needs.
  const { pen, finish: finishFonts } = createPen(PDFLib, pdf, page, fonts);
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
    while (fitted > 8 && pen.width(text, fitted) > maxWidth) fitted -= 0.5;
    const width = pen.width(text, fitted);
    pen.draw(text, { x: cx - width / 2, y, size: fitted, color });
    return width;
  };
  /** Draw a wrapped, centred paragraph, shrinking the size (down to minSize) to keep within maxLines; nothing is cut. */
  const block = (text, yTop, size, minSize, color, maxWidth, maxLines, leading = 1.3) => {
    let fitted = size;
    let lines = wrap(text, pen, fitted, maxWidth);
    while (lines.length > maxLines && fitted > minSize) {
      fitted -= 0.5;
      lines = wrap(text, pen, fitted, maxWidth);
    }
    lines.forEach((line, i) => center(line, yTop - i * fitted * leading, fitted, color, maxWidth));
    return yTop - (lines.length - 1) * fitted * leading;
  };

  let y = H - 80;
  // The signer's signature image (a PNG or JPEG of this site, checked at build) is fetched and embedded as it is.
  const signatureAt = signatureUrl(certificate.signer);
  let signature = null;
  if (signatureAt) {
    const response = await fetch(signatureAt);
    if (!response.ok) throw new Error(`signature: HTTP ${response.status}`);
    const image = new Uint8Array(await response.arrayBuffer());
    signature = image[0] === 0x89 ? await pdf.embedPng(image) : image[0] === 0xff ? await pdf.embedJpg(image) : null;
  }
  center(certificate.course.provider, y, 11, grey);
  y -= 50;
  center(tr.t("certificate.doc.title"), y, 32, teal);
  y -= 40;
  center(tr.t("certificate.doc.certifies"), y, 13, grey);
  y -= 46;
  // The name on one line down to 18 pt; a longer one on two lines (broken at spaces only) rather than tiny.
  const nameRoom = W - 170;
  let nameWidth;
  if (pen.width(certificate.name, 18) <= nameRoom || !certificate.name.includes(" ")) {
    nameWidth = center(certificate.name, y, 32, ink, nameRoom);
  } else {
    y = block(certificate.name, y + 12, 18, 12, ink, nameRoom, 2, 1.15);
    nameWidth = nameRoom;
  }
  const rule = Math.min(Math.max(440, nameWidth + 40), W - 150) / 2;
  page.drawLine({ start: { x: cx - rule, y: y - 12 }, end: { x: cx + rule, y: y - 12 }, thickness: 0.75, color: grey });
  y -= 32;
  const credentials = credentialLine(certificate);
  if (credentials) center(credentials, y, 11, grey);
  y -= 30;
  center(tr.t(creditKey(certificate, "certificate.doc.completed")), y, 13, grey);
  y -= 32;
  y = block(certificate.course.title, y, 20, 14, ink, W - 170, 2, 1.2) - 28;
  const facts = [creditText(certificate), certificate.course.deliveryFormat || "",
    tr.t("certificate.pdf.completed", { date: longDate(certificate.completedOn) })].filter(Boolean);
  if (certificate.postTest) facts.push(tr.t("certificate.pdf.score", { score: tr.percent(certificate.postTest.score) }));
  center(facts.join("  ·  "), y, 12, ink);
  y -= 30;
  if (certificate.course.accreditation) block(certificate.course.accreditation, y, 9, 7, grey, W - 240, 3);

  // Signer (left: signature, the person with credentials, the role) and certificate number (right).
  const base = 104;
  const left = 80;
  const right = W - 80;
  if (signature) {
    const scale = Math.min(170 / signature.width, 44 / signature.height, 1);
    page.drawImage(signature, { x: left, y: base + 20, width: signature.width * scale, height: signature.height * scale });
  }
  page.drawLine({ start: { x: left, y: base + 16 }, end: { x: left + 230, y: base + 16 }, thickness: 0.75, color: ink });
  const signer = certificate.signer;
  const person = [signer.name, signer.credentials].filter(Boolean).join(", ");
  // The person on the first line (a role alone, when no person is named, on up to two lines at a readable size).
  let signerNameSize = 12;
  let nameLines = person ? [person] : wrap(signer.title, pen, (signerNameSize = 11), 300);
  while (nameLines.length > (person ? 1 : 2) && signerNameSize > 8) nameLines = wrap(signer.title, pen, (signerNameSize -= 0.5), 300);
  while (person && signerNameSize > 8 && pen.width(person, signerNameSize) > 300) signerNameSize -= 0.5;
  nameLines.forEach((line, i) => pen.draw(line, { x: left, y: base - i * signerNameSize * 1.2, size: signerNameSize, color: ink }));
  let signerSize = 9;
  const role = person ? signer.title : "";
  let signerLines = role ? wrap(role, pen, signerSize, 300) : [];
  while (signerLines.length > 3 && signerSize > 6) signerLines = wrap(role, pen, (signerSize -= 0.5), 300);
  signerLines.forEach((line, i) => pen.draw(line, { x: left, y: base - 14 - i * signerSize * 1.2, size: signerSize, color: grey }));
  const rightText = (text, yy, size, color) =>
    pen.draw(text, { x: right - pen.width(text, size), y: yy, size, color });
  rightText(tr.t("certificate.doc.number"), base + 22, 9, grey);
  rightText(certificate.number, base + 4, 13, ink);
  rightText(tr.t("certificate.doc.issued", { date: longDate(certificate.issuedAt.slice(0, 10)) }), base - 14, 9, grey);
  // Small print: the course version and the provider's contact, then the note on who issued it.
  const contact = certificate.course.contact ? [certificate.course.contact.email, certificate.course.contact.url].filter(Boolean).join(" · ") : "";
  const small = [tr.t("certificate.pdf.version", { version: certificate.course.version }),
    contact ? tr.t("certificate.doc.contact", { contact }) : ""].filter(Boolean).join("  ·  ");
  center(small, 60, 7.5, grey, W - 200);
  block(noteText(certificate), 48, 7.5, 6.5, grey, W - 200, 2);
  // The verify page adds the QR code of the verification link here (verify.js), with this page's layout and pen.
  if (options.decorate) await options.decorate({ PDFLib, pdf, page, pen, width: W, height: H });

  pdf.setTitle(tr.t("certificate.pdf.title", { course: certificate.course.title }));
  pdf.setSubject(tr.t("certificate.pdf.subject", { number: certificate.number, name: certificate.name }));
  pdf.setAuthor(certificate.course.provider);
  pdf.setCreator(certificate.course.provider);
  pdf.setLanguage(tr.language); // the language its texts are in
  pdf.setCreationDate(new Date(certificate.issuedAt));
  pdf.setModificationDate(new Date(certificate.issuedAt));
  finishFonts(); // the fonts' widths and text maps, from the glyphs drawn
  return pdf.save();
}
