// The course evaluation: every rating required, comments optional; answers are
// kept in the learner's record and go into the completion record.
import { el, fill } from "./dom.js";
import { courseTranslator } from "./i18n.js";
import { LIMITS } from "./record.js";
import { href, loadManifest, loadRecord, saveRecord } from "./store.js";

export async function mount(document) {
  const form = document.querySelector("form.course-evaluation");
  if (!form) return;
  const manifest = await loadManifest();
  const { t, date } = courseTranslator(manifest);
  const evaluation = manifest.evaluation;
  const status = form.querySelector(".course-form-status");
  const saved = loadRecord(manifest).evaluation;
  if (saved) restore(form, evaluation, saved, status, t("evaluation.submitted_on", { date: date(saved.submittedAt) }));

  form.dataset.ready = "true"; // for tests and styles: the form is live
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    status.classList.remove("course-error");
    const missing = evaluation.items.filter((item) => !form.querySelector(`input[name="evaluation-${item.id}"]:checked`));
    for (const item of evaluation.items) {
      form.querySelector(`#evaluation-${item.id}`).toggleAttribute("aria-invalid", missing.includes(item));
    }
    if (missing.length) {
      status.textContent = t("evaluation.unrated", { missing: missing.length, total: evaluation.items.length });
      form.querySelector(`input[name="evaluation-${missing[0].id}"]`).focus();
      return;
    }
    const likert = Object.fromEntries(evaluation.items.map((item) =>
      [item.id, Number(form.querySelector(`input[name="evaluation-${item.id}"]:checked`).value)]));
    const comments = Object.fromEntries(evaluation.comments.map((c) =>
      [c.id, form.querySelector(`#evaluation-${c.id}`).value.trim().slice(0, LIMITS.comment)]));
    try {
      const record = loadRecord(manifest);
      record.evaluation = { submittedAt: new Date().toISOString(), likert, comments };
      saveRecord(manifest, record);
    } catch (error) {
      status.classList.add("course-error");
      status.textContent = t("evaluation.not_saved");
      return;
    }
    fill(status, `${t("evaluation.saved")} `,
      manifest.certificate ? el("a", { href: href(manifest.certificate.url) }, t("next_step", { title: manifest.certificate.title })) : "");
  });
}

function restore(form, evaluation, saved, status, message) {
  for (const item of evaluation.items) {
    const value = saved.likert[item.id];
    const input = Number.isInteger(value) ? form.querySelector(`input[name="evaluation-${item.id}"][value="${value}"]`) : null;
    if (input) input.checked = true;
  }
  for (const comment of evaluation.comments) {
    const area = form.querySelector(`#evaluation-${comment.id}`);
    if (area) area.value = saved.comments[comment.id] || "";
  }
  status.textContent = message;
}
