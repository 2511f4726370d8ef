// Where the learner was reading: the rules, pure (no DOM, no storage).
//
// The record keeps one position (record.js, `position`): the course page last
// read (a step's url from the manifest: a module, the post-test or the
// evaluation), the id of the last heading scrolled past on it and that
// heading's text (shown on the course home: "Continue ... at <heading>").
// reading-position.js watches the page and writes through store.js; the
// course home's "Continue" opens the page at that heading (next-action.js).

export const HEADING_LIMIT = 120; // characters of a heading's text kept (a long one is cut with "…")
export const SECTION_LIMIT = 200; // characters of a heading id
export const WRITE_INTERVAL = 2000; // milliseconds: at most one write while the learner scrolls
// A heading id as Markdown's toc extension writes it (any script's letters, digits, - _ . :).
const SECTION_ID = /^[\p{L}\p{N}_.:-]+$/u;
const CONTROL = /\p{Cc}/u;

/** The urls a position may name: the course's step pages other than the certificate. */
export function positionUrls(manifest) {
  return [...manifest.modules.map((module) => module.url), manifest.post_test?.url, manifest.evaluation?.url].filter(Boolean);
}

/**
 * Check a stored or imported position.
 * @returns {{position: object|null, problem: boolean}}  `position`: the clean copy, or null when the
 *   value is damaged (`problem`) or names a page this build does not have (dropped, not a problem:
 *   pages may be renamed between builds).
 */
export function checkPosition(manifest, data) {
  const fine = (position) => ({ position, problem: false });
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { position: null, problem: true };
  const { url, section, heading } = data;
  const textOk = (value, max) => typeof value === "string" && value.length <= max && !CONTROL.test(value);
  if (!textOk(url, 1000)) return { position: null, problem: true };
  const sectionOk = section === null || section === undefined || (textOk(section, SECTION_LIMIT) && SECTION_ID.test(section));
  const headingOk = heading === null || heading === undefined || textOk(heading, HEADING_LIMIT);
  if (!sectionOk || !headingOk) return { position: null, problem: true };
  if (!positionUrls(manifest).includes(url)) return fine(null);
  return fine(makePosition(url, section, heading));
}

/** A position as it is stored: the url, then the section and its heading when there is one. */
export function makePosition(url, section = null, heading = null) {
  return section ? { url, section, heading: shortHeading(heading || "") } : { url, section: null, heading: null };
}

export function samePosition(a, b) {
  return Boolean(a && b) && a.url === b.url && (a.section || null) === (b.section || null) && (a.heading || null) === (b.heading || null);
}

/** A heading's text as kept: spaces collapsed, control characters dropped, at most HEADING_LIMIT characters. */
export function shortHeading(text) {
  const clean = String(text).replace(/\p{Cc}/gu, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  return chars.length <= HEADING_LIMIT ? clean : `${chars.slice(0, HEADING_LIMIT - 1).join("").trimEnd()}…`;
}

/**
 * The section being read: the last heading whose top has scrolled above the reading line
 * (`line` pixels below the top of the window), or null while the page's first heading is
 * still below it. `headings`: [{id, text, top}] in page order, `top` relative to the window.
 */
export function sectionAt(headings, line) {
  let current = null;
  for (const heading of headings) {
    if (heading.top > line) break;
    current = heading;
  }
  return current;
}

/**
 * When to write the position while the learner reads: at once when nothing was written for
 * `interval` ms, else once at the end of the interval with the latest position (a trailing
 * write); never a position equal to the last one written (`initial`: what the record holds).
 * `now` and `schedule` are given so that the rule can be tested without a clock.
 */
export class ThrottledWriter {
  constructor(write, { initial = null, now = () => Date.now(), schedule = (fn, ms) => setTimeout(fn, ms), interval = WRITE_INTERVAL } = {}) {
    this.write = write;
    this.now = now;
    this.schedule = schedule;
    this.interval = interval;
    this.written = initial;
    this.lastTime = -Infinity;
    this.pending = null;
    this.timerSet = false;
  }

  offer(position) {
    if (samePosition(position, this.written)) {
      this.pending = null;
      return;
    }
    this.pending = position;
    const wait = this.lastTime + this.interval - this.now();
    if (wait <= 0) {
      this.flush();
    } else if (!this.timerSet) {
      this.timerSet = true;
      this.schedule(() => {
        this.timerSet = false;
        this.flush();
      }, wait);
    }
  }

  /** Write what is pending now (also when the page is being left or hidden). */
  flush() {
    if (!this.pending) return;
    const position = this.pending;
    this.pending = null;
    this.lastTime = this.now();
    if (this.write(position) !== false) this.written = position;
  }
}
