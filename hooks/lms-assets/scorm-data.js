// SCORM data-model values from a course report (report.js): pure, so the
// mapping can be read and tested on its own. scorm.js writes them.

/**
 * SCORM 1.2 has one status for completion and success (cmi.core.lesson_status).
 * - "passed": nothing is missing for the certificate and the post-test is passed;
 * - "completed": nothing is missing and the course needs no passed post-test;
 * - "failed": the post-test the certificate needs was taken and not passed (a retake
 *   can still pass it: the status then moves on);
 * - "incomplete": everything else.
 */
export function scorm12Values(report, { postTestRequired }) {
  let status = "incomplete";
  if (report.completed) status = report.success === "passed" ? "passed" : "completed";
  else if (postTestRequired && report.success === "failed") status = "failed";
  const values = { "cmi.core.lesson_status": status };
  if (report.score) {
    values["cmi.core.score.min"] = decimal(report.score.min);
    values["cmi.core.score.max"] = decimal(report.score.max);
    values["cmi.core.score.raw"] = decimal(report.score.raw);
  }
  return values;
}

/** SCORM 2004: completion and success are separate; progress_measure says how far (0..1). */
export function scorm2004Values(report) {
  const values = {
    "cmi.completion_status": report.completed ? "completed" : "incomplete",
    "cmi.success_status": report.success,
    "cmi.progress_measure": decimal(report.progress),
  };
  if (report.score) {
    values["cmi.score.scaled"] = decimal(report.score.scaled);
    values["cmi.score.min"] = decimal(report.score.min);
    values["cmi.score.max"] = decimal(report.score.max);
    values["cmi.score.raw"] = decimal(report.score.raw);
  }
  return values;
}

/** A number as SCORM's decimal text: at most four decimals, truncated, never "1e-7". */
export function decimal(value) {
  const truncated = Math.trunc(value * 10000) / 10000;
  return truncated.toFixed(4).replace(/\.?0+$/, "") || "0";
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours from 2 to 4 digits). */
export function timespan12(milliseconds) {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.min(9999, Math.floor(centiseconds / 360000));
  const minutes = Math.floor((centiseconds % 360000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, "0")}`;
}

/** An ISO 8601 duration (SCORM 2004 timeinterval, xAPI/cmi5 duration): PT1H2M3.45S. */
export function isoDuration(milliseconds) {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.floor(centiseconds / 360000);
  const minutes = Math.floor((centiseconds % 360000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  let text = "PT";
  if (hours) text += `${hours}H`;
  if (minutes) text += `${minutes}M`;
  if (seconds || text === "PT") text += `${Number(seconds.toFixed(2))}S`;
  return text;
}

/**
 * The learner's name as LMSs give it, for the certificate: "Doe, Jane" (SCORM 1.2's
 * documented form, and common in 2004) becomes "Jane Doe"; control characters and
 * repeated spaces go; null when there is no name.
 */
export function displayName(lmsName) {
  const clean = String(lmsName ?? "").normalize("NFC").replace(/\p{Cc}/gu, " ").replace(/\s+/gu, " ").trim();
  if (!clean) return null;
  const parts = clean.split(",");
  if (parts.length === 2 && parts[0].trim() && parts[1].trim()) return `${parts[1].trim()} ${parts[0].trim()}`;
  return clean;
}

/**
 * A page of the course as a location an LMS keeps ("modules/backdraft.html"): relative to
 * the site root, no scheme, no "..", nothing that leaves the course. null for anything else,
 * so that a damaged or forged location is simply not used.
 */
export function courseLocation(text) {
  if (typeof text !== "string" || text.length > 255) return null;
  if (!/^(?:[A-Za-z0-9._~-]+\/)*[A-Za-z0-9._~-]*(?:#[A-Za-z0-9._~-]*)?$/.test(text)) return null;
  if (text.split(/[/#]/).some((part) => part === "." || part === "..")) return null;
  return text;
}
