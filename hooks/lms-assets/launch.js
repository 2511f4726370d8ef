// The launch page of an LMS package (lms/launch.html): it holds the LMS session
// for the whole visit and shows the course's own pages in an iframe, so the
// learner moves between pages while the SCORM API (or the cmi5 session) stays
// initialized once. The course in the iframe is the ordinary site, unchanged:
// it keeps the learner's progress in this origin's localStorage, which this
// page shares, and this page reads it only through the course's own modules
// (store.js, requirements.js, progress-file.js, loaded from the site's assets),
// then tells the LMS: report.js decides what, suspend.js packs the progress.
//
// <html data-lms="scorm12|scorm2004|cmi5" data-course-assets="../assets/course/<hash>/">
// data-lms-state says where the session is (connecting, connected, review,
// standalone, ended), data-lms-saves counts the saves the LMS accepted.

import { Cmi5Session } from "./cmi5.js";
import { courseReport } from "./report.js";
import { ScormSession } from "./scorm.js";
import { courseLocation, displayName } from "./scorm-data.js";
import { LADDER, decodeProgress, encodeProgress } from "./suspend.js";

const SAVE_DELAY = 300; // milliseconds: one save for a burst of storage writes
const HOME = "index.html";

const root = document.documentElement;
const frame = document.querySelector("iframe.lms-course");
const status = document.querySelector(".lms-status");
const exitButton = document.querySelector(".lms-exit");

async function start() {
  state("connecting");
  const assets = new URL(root.dataset.courseAssets, document.baseURI);
  const [store, files, rules] = await Promise.all(
    ["store.js", "progress-file.js", "requirements.js"].map((name) => import(new URL(name, assets).href)));
  const manifest = await store.loadManifest();
  const session = root.dataset.lms === "cmi5" ? new Cmi5Session() : new ScormSession(root.dataset.lms);
  const course = { postTestRequired: rules.requiredKinds(manifest)["post-test"] };
  const siteRoot = store.SITE_ROOT;

  let connection;
  try {
    connection = await session.connect();
  } catch (error) {
    state("standalone");
    say(`${error.message}: your progress stays in this browser only.`, "warning");
    frame.addEventListener("load", () => openOtherSitesOutside(frame.contentDocument));
    show(siteRoot, HOME);
    return;
  }
  state(connection.review ? "review" : "connected");
  if (connection.review) say("Review: this visit is not recorded.", "info");
  restore(store, files, manifest, connection.saved);

  let where = courseLocation(connection.location) || HOME;
  let lastSuspend = connection.saved;
  const started = Date.now();

  const snapshot = () => {
    if (connection.review) return { report: null, course, attempts: [], suspend: undefined, location: where };
    const record = store.loadRecord(manifest);
    const report = courseReport({
      requirements: store.requirements(manifest, record), hasPostTest: Boolean(manifest.post_test),
      attempts: record.postTest.attempts, passed: store.passedAttempt(record), best: store.bestAttempt(record),
    });
    const packed = encodeProgress(manifest, store.exportProgress(manifest), session.limit);
    if (packed === null) {
      say("Your learning management system has no room for all of your progress: it keeps what it had before. " +
          "Your progress in this browser is complete.", "room");
    } else if (packed.left.length) {
      say(`Your learning management system keeps at most ${session.limit} characters of progress, so it does not ` +
          `keep: ${packed.left.join("; ")}. Everything else is saved.`, "room");
    } else if (status.dataset.kind === "room") {
      say("", "");
    }
    if (packed) lastSuspend = packed.text;
    return { report, course, attempts: record.postTest.attempts, suspend: lastSuspend, location: where };
  };

  let timer = null;
  const save = async () => {
    timer = null;
    const errors = await session.save(snapshot());
    if (errors.length) say(`Your learning management system did not save your progress (${errors[0]}).`, "error");
    else root.dataset.lmsSaves = String(Number(root.dataset.lmsSaves || 0) + 1);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  };

  // The course writes localStorage in the iframe; this page hears every write.
  window.addEventListener("storage", schedule);
  frame.addEventListener("load", () => {
    const page = frame.contentDocument;
    if (!page || !frame.contentWindow.location.pathname.startsWith(siteRoot.pathname)) return;
    where = courseLocation(frame.contentWindow.location.pathname.slice(siteRoot.pathname.length)) || where;
    if (page.title) document.title = page.title;
    openOtherSitesOutside(page);
    prefillName(page, displayName(connection.learnerName));
    schedule();
  });
  window.addEventListener("pagehide", () => {
    clearTimeout(timer);
    session.end({ ...snapshot(), elapsed: Date.now() - started });
    state("ended");
  });
  if (session.returnURL) offerExit(session, () => ({ ...snapshot(), elapsed: Date.now() - started }));

  await save(); // the LMS learns at once where the learner stands
  show(siteRoot, where);
}

/** Put the LMS's copy of the progress in this browser, or start fresh for this learner. */
function restore(store, files, manifest, saved) {
  if (!store.storageAvailable()) {
    say("This browser blocks storage: the course cannot keep your progress.", "error");
    return;
  }
  if (!saved) {
    store.startOver(manifest); // the LMS holds nothing: nothing of another learner on this computer shows
    return;
  }
  const decoded = decodeProgress(manifest, saved);
  const check = (progress) => files.validateProgressFile(manifest,
    { format: files.EXPORT_FORMAT, courseId: manifest.course.id, ...progress });
  let checked = decoded ? check(decoded) : { ok: false };
  // A typed answer the course no longer accepts would refuse the whole file: try without them.
  if (!checked.ok && decoded) checked = check(LADDER[0].apply(decoded));
  if (checked.ok) {
    store.writeProgress(manifest, checked);
    return;
  }
  store.startOver(manifest);
  say("Your saved progress could not be read, so the course starts from the beginning.", "warning");
}

function show(siteRoot, relative) {
  frame.src = new URL(relative, siteRoot).href;
}

/** Links to other sites open in a new tab: the launch page shows only the course. */
function openOtherSitesOutside(page) {
  if (!page || page.documentElement.dataset.lmsLinks) return;
  page.documentElement.dataset.lmsLinks = "outside";
  page.addEventListener("click", (event) => {
    // The course's document is another realm: its elements are no `instanceof Element` here.
    const link = typeof event.target?.closest === "function" ? event.target.closest("a[href]") : null;
    if (!link) return;
    const url = new URL(link.href, page.baseURI);
    if (url.origin === window.location.origin || !/^https?:$/.test(url.protocol)) return;
    event.preventDefault();
    window.open(url.href, "_blank", "noopener,noreferrer");
  }, true);
}

/** The LMS's name for the learner, written into the certificate's empty name field (never over the learner's). */
function prefillName(page, name) {
  if (!name) return;
  const fill = () => {
    for (const input of page.querySelectorAll('form.course-cert-form input[name="name"]')) {
      if (input.closest(".course-cert-reissue-panel") || input.value || input.dataset.lmsName) continue;
      input.value = name;
      input.dataset.lmsName = "filled";
      input.dispatchEvent(new page.defaultView.Event("input", { bubbles: true }));
    }
  };
  fill();
  new page.defaultView.MutationObserver(fill).observe(page.body || page.documentElement, { childList: true, subtree: true });
}

/** cmi5 gives a return address: an "Exit course" button ends the session and goes there. */
function offerExit(session, current) {
  let target;
  try {
    target = new URL(session.returnURL, window.location.href);
  } catch (error) {
    return;
  }
  if (!/^https?:$/.test(target.protocol)) return;
  exitButton.hidden = false;
  exitButton.addEventListener("click", async () => {
    exitButton.disabled = true;
    say("Saving and leaving the course…", "info");
    await session.end(current());
    state("ended");
    window.location.assign(target.href);
  });
}

function say(message, kind) {
  status.textContent = message;
  status.dataset.kind = kind;
  root.classList.toggle("lms-has-status", Boolean(message));
}

function state(name) {
  root.dataset.lmsState = name;
}

start().catch((error) => {
  console.error("LMS launch:", error);
  state("standalone");
  say("The course could not connect to your learning management system: your progress stays in this browser only.", "error");
  if (!frame.src) frame.src = new URL(`../${HOME}`, document.baseURI).href;
});
