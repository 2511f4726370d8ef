// The completion summary: the completion record (completion-record.js) in words a clinician and a board can read,
// on the certificate page and printed on its own. Drawn from the same record the JSON download holds, so the two
// never disagree. Dates in the page's language (longDate: Intl), learner input as text only (el()).
import { el } from "./dom.js";
import { completionRecord } from "./completion-record.js";
import { contactText, credentialLine, creditText, localDate, longDate, tr } from "./certificate-text.js";

const PRINT_MODE = "summary"; // body[data-cert-print]: certificate.css prints the summary instead of the certificate

/** A timestamp as the learner's own calendar day, in words ("March 10, 2025"); null when there is none. */
function day(iso) {
  const moment = iso ? new Date(iso) : null;
  return moment && !Number.isNaN(moment.getTime()) ? longDate(localDate(moment)) : null;
}

/** Print the summary alone (portrait), then the page prints the certificate again. */
export function printSummary(win = window) {
  const body = win.document.body;
  body.dataset.certPrint = PRINT_MODE;
  win.addEventListener("afterprint", () => { delete body.dataset.certPrint; }, { once: true });
  win.print();
}

/** The summary section for `certificate`, from the learner's `record` and the course `manifest`. */
export function completionSummary(manifest, record, certificate, headingId) {
  const data = completionRecord(manifest, record, certificate);
  const row = (label, value, field) => (value ? el("div", { "data-field": field }, el("dt", {}, label), el("dd", {}, value)) : null);
  const learner = [data.learner.name, credentialLine(certificate)].filter(Boolean).join(" · ");
  const provider = [data.course.provider, contactText(certificate.course.contact)].filter(Boolean).join(" · ");
  const passing = data.postTest.passingAttempt;
  const printButton = el("button", { type: "button", class: "course-cert-button course-cert-button--secondary", "data-action": "print-summary" },
    tr.t("certificate.action.print_summary"));
  printButton.addEventListener("click", () => printSummary());

  return el("section", { class: "course-cert-summary", "aria-labelledby": headingId, "data-summary": "" },
    el("h2", { id: headingId }, tr.t("certificate.summary.title")),
    el("p", { class: "course-cert-noprint" }, tr.t("certificate.summary.intro")),
    el("p", { class: "course-cert-actions course-cert-noprint" }, printButton),
    el("dl", { class: "course-cert-summary__facts" },
      row(tr.t("certificate.summary.learner"), learner, "learner"),
      row(tr.t("certificate.summary.course"), data.course.title, "course"),
      row(tr.t("certificate.doc.version"), data.course.version, "version"),
      row(tr.t("certificate.summary.provider"), provider, "provider"),
      row(tr.t("certificate.summary.credit"), creditText(certificate), "credit"),
      row(tr.t("certificate.doc.delivery"), certificate.course.deliveryFormat, "delivery"),
      row(tr.t("certificate.summary.started"), day(data.startedAt), "started")),
    data.modules.length ? el("table", { class: "course-cert-summary__modules", "data-field": "modules" },
      el("caption", {}, tr.t("certificate.summary.modules")),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, tr.t("certificate.summary.module")),
        el("th", { scope: "col" }, tr.t("certificate.summary.module_completed")))),
      el("tbody", {}, ...data.modules.map((module) => el("tr", {},
        el("td", {}, module.title),
        el("td", {}, day(module.completedAt) || tr.t("certificate.summary.not_recorded")))))) : null,
    el("dl", { class: "course-cert-summary__facts" },
      manifest.post_test ? row(tr.t("certificate.summary.post_test"), passing
        ? tr.t("certificate.summary.post_test.result", { score: tr.percent(passing.score), correct: passing.correct, total: passing.total,
                                                         date: day(passing.at) })
        : tr.t("certificate.summary.post_test.none"), "post-test") : null,
      manifest.post_test && data.postTest.attempts.length
        ? row(tr.t("certificate.summary.post_test.attempts"), tr.number(data.postTest.attempts.length), "attempts") : null,
      manifest.evaluation ? row(tr.t("certificate.summary.evaluation"), data.evaluation
        ? tr.t("certificate.summary.evaluation.submitted", { date: day(data.evaluation.submittedAt) })
        : tr.t("certificate.summary.evaluation.none"), "evaluation") : null,
      row(tr.t("certificate.summary.certificate"),
          tr.t("certificate.summary.issued", { number: data.certificate.number, date: day(data.certificate.issuedAt) }), "certificate")));
}
