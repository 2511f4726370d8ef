// The certificate's words: the course's translator and the texts every view of a certificate
// shares (dates, credit, credentials, the foot note), drawn from the stored certificate.
import { translator } from "./i18n.js";

// The course's texts in the page's language (i18n.js), set by the page before anything is drawn.
// An exported `let` is a live binding: every module that imports `tr` sees the one set here.
export let tr = translator({}, "en");

/** Use the course's translator (certificate.js and verify.js call this once the manifest is loaded). */
export function useTranslator(translate) {
  tr = translate;
}

/** What we store for a learner's input: NFC, no control characters, single spaces, trimmed, bounded. */
export function cleanInput(value, limit) {
  return String(value ?? "").normalize("NFC").replace(/\p{Cc}/gu, " ").replace(/\s+/gu, " ").trim().slice(0, limit);
}


export function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2025-03-12" as a long date in the page's language ("March 12, 2025", "12. März 2025"). */
export function longDate(isoDay) {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(String(isoDay || ""));
  return day ? tr.date(day[0]) : String(isoDay || "");
}

/** The certificate's credit unit: as issued (certificates issued before units existed were in CE hours). */
export function creditUnit(certificate) {
  return certificate.course.creditUnit || "ce-hours";
}

/** "1.0 CE hours" in the unit the certificate was issued with; "" for a non-credit course. */
export function creditText(certificate) {
  return tr.credit(certificate.course.ceHours, creditUnit(certificate));
}

/** A text with its non-credit wording when the certificate carries no credit. */
export function creditKey(certificate, key) {
  return creditUnit(certificate) === "none" ? `${key}.no_credit` : key;
}

export function credentialLine(certificate) {
  const license = certificate.license ? tr.t("certificate.doc.license", { license: certificate.license }) : "";
  const state = certificate.licenseState ? tr.t("certificate.doc.license_state", { state: certificate.licenseState }) : "";
  return [certificate.credential, license, state].filter(Boolean).join(" · ");
}

/** The provider's contact as one line of text: "ce@example.org · https://example.org/ce" ("" without one). */
export function contactText(contact) {
  return contact ? [contact.email, contact.url].filter(Boolean).join(" · ") : "";
}

/** The note at the foot: self-issued (by the learner's browser) or signed by the organizer's key (verify.js). */
export function noteText(certificate) {
  return certificate.signed ? tr.t("certificate.doc.note.signed") : tr.t(creditKey(certificate, "certificate.doc.note"));
}

