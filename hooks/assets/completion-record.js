// The completion record: the JSON file a learner sends to the organizer, who checks it against the course.
import { moduleProgress } from "./store.js";
import { creditKey, creditUnit, tr } from "./certificate-text.js";

const RECORD_FORMAT = "ce-course-completion-record";

/**
 * The file an organizer can check against their own records (python -m coursekit.organizer check): the course and
 * the build it was made with (`manifestHash`), the learner fields, when each knowledge check was completed, every
 * post-test attempt with its responses by question id (ids carry the question's fingerprint), so that the organizer
 * grades it again, the evaluation and the self-issued certificate's number.
 */
export function completionRecord(manifest, record, certificate) {
  const evaluation = record.evaluation;
  const scale = manifest.evaluation?.scale || [];
  return {
    format: RECORD_FORMAT,
    formatVersion: 2,
    notice: tr.t(creditKey(certificate, "certificate.record.notice")),
    generatedAt: new Date().toISOString(),
    course: { id: certificate.course.id, version: certificate.course.version, title: certificate.course.title,
              ceHours: certificate.course.ceHours, creditUnit: creditUnit(certificate), provider: certificate.course.provider,
              currentVersion: String(manifest.course.version), manifestHash: manifest.hash ?? null,
              // Added within format 2 (readers ignore what they do not know): as printed on the certificate.
              ...(certificate.course.deliveryFormat ? { deliveryFormat: certificate.course.deliveryFormat } : {}),
              ...(certificate.course.contact ? { contact: certificate.course.contact } : {}) },
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
