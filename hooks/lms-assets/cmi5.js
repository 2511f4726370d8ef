// The cmi5 assignable unit's side of a launch: the LMS opens this page with
// endpoint, fetch, actor, registration and activityId in the URL; the page
// POSTs the fetch URL once for its authorization token, reads LMS.LaunchData
// from the LMS's State API, keeps the learner's progress in a state document of
// its own (so a later launch resumes) and sends its statements to the LMS's
// xAPI endpoint. Which statements, and when: cmi5-statements.js.

import { dueVerbs, judge, statement } from "./cmi5-statements.js";
import { isoDuration } from "./scorm-data.js";

const XAPI_VERSION = "1.0.3";
const PROGRESS_STATE = "ce-course-progress"; // this AU's own state document

export class Cmi5Session {
  constructor(location = window.location) {
    this.params = new URLSearchParams(location.search);
    this.limit = Infinity; // a state document has no SCORM 1.2 limit
    this.sent = new Set(); // verbs sent in this session
    this.registrationSent = {}; // {completed, passed}: sent in an earlier session of this registration
    this.queue = Promise.resolve();
    this.ended = false;
    this.started = Date.now();
  }

  /** The launch sequence up to "initialized". Throws an Error whose message a learner can read. */
  async connect() {
    const missing = ["endpoint", "fetch", "actor", "registration", "activityId"].filter((name) => !this.params.get(name));
    if (missing.length) throw new Error(`This page was not opened by a cmi5 learning management system (no ${missing.join(", ")})`);
    let actor;
    try {
      actor = JSON.parse(this.params.get("actor"));
    } catch (error) {
      throw new Error("The learning management system sent a learner this course cannot read");
    }
    const endpoint = this.params.get("endpoint");
    this.endpoint = endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
    this.token = await this.fetchToken(this.params.get("fetch"));
    const launch = await this.getState("LMS.LaunchData", actor);
    if (!launch) throw new Error("The learning management system gave no launch data (LMS.LaunchData)");
    this.launch = {
      actor,
      activityId: this.params.get("activityId"),
      registration: this.params.get("registration"),
      contextTemplate: launch.contextTemplate || {},
      masteryScore: typeof launch.masteryScore === "number" ? launch.masteryScore : null,
      launchMode: launch.launchMode || "Normal",
    };
    this.returnURL = typeof launch.returnURL === "string" ? launch.returnURL : null;
    const saved = (await this.getState(PROGRESS_STATE, actor)) || {};
    this.registrationSent = saved.sent && typeof saved.sent === "object" ? { ...saved.sent } : {};
    this.started = Date.now();
    const refused = await this.send(["initialized"], null);
    if (refused.length) throw new Error(`The learning management system's LRS refused this session (${refused[0]})`);
    this.sent.add("initialized");
    return {
      learnerName: typeof actor.name === "string" ? actor.name : "",
      saved: typeof saved.progress === "string" ? saved.progress : "",
      location: typeof saved.location === "string" ? saved.location : "",
      review: this.launch.launchMode !== "Normal",
    };
  }

  /** Keep the progress in the state document and send the statements now due. Resolves to the errors. */
  save(state) {
    this.queue = this.queue.then(() => this.saveNow(state, false)).catch((error) => [String(error.message || error)]);
    return this.queue;
  }

  /**
   * The end of the session: last statements and "terminated", sent with keepalive so that
   * they leave even while the page unloads. Resolves when sent (or at once during unload).
   */
  end(state) {
    if (this.ended) return Promise.resolve([]);
    this.ended = true;
    return this.saveNow(state, true).catch((error) => [String(error.message || error)]);
  }

  async saveNow(state, ending) {
    if (!this.launch) return [];
    this.attemptsAtStart ??= state.attempts.length; // the first save follows the restore
    const attemptOf = {
      passed: judge(state.attempts, this.launch.masteryScore).passed,
      failed: judge(state.attempts.slice(this.attemptsAtStart), this.launch.masteryScore).failed,
    };
    const now = { completed: Boolean(state.report?.completed), passed: attemptOf.passed, ending, failedInSession: attemptOf.failed };
    const verbs = state.report ? dueVerbs(now, this.registrationSent, this.sent, this.launch.launchMode) : []; // none in review
    for (const verb of verbs) {
      this.sent.add(verb);
      if (verb !== "failed") this.registrationSent[verb] = true;
    }
    // The state document goes first: a later launch knows what this one sent. Not written in review.
    const stateBody = { progress: state.suspend, location: state.location, sent: this.registrationSent };
    const writes = typeof state.suspend === "string" ? [this.putState(PROGRESS_STATE, stateBody, ending)] : [];
    const all = ending ? [...verbs, "terminated"] : verbs;
    if (all.length) writes.push(this.send(all, attemptOf, ending));
    const results = await Promise.all(writes);
    return results.flat();
  }

  /** POST statements (one request, in order); resolves to the errors ([] when accepted). */
  async send(verbs, attemptOf, keepalive = false) {
    const base = Date.now();
    const statements = verbs.map((verb, index) => statement(this.launch, verb, {
      id: uuid(),
      timestamp: new Date(base + index).toISOString(), // cmi5 orders by timestamp: "terminated" last
      durationText: isoDuration(base - this.started),
      attempt: attemptOf ? attemptOf[verb] : null,
    }));
    const response = await fetch(new URL("statements", this.endpoint), {
      method: "POST", headers: this.headers(), body: JSON.stringify(statements), keepalive,
    });
    return response.ok ? [] : [`the LRS refused ${verbs.join(", ")} (HTTP ${response.status})`];
  }

  async fetchToken(fetchUrl) {
    let body;
    try {
      const response = await fetch(fetchUrl, { method: "POST" });
      body = await response.json();
    } catch (error) {
      throw new Error("The learning management system did not answer this launch (fetch URL)");
    }
    if (!body || typeof body["auth-token"] !== "string") {
      throw new Error(`The learning management system refused this launch${body && body["error-text"] ? `: ${body["error-text"]}` : ""}`);
    }
    return body["auth-token"];
  }

  async getState(stateId, actor) {
    const response = await fetch(this.stateUrl(stateId, actor), { headers: this.headers() });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`The learning management system's State API failed (HTTP ${response.status})`);
    return response.json();
  }

  async putState(stateId, body, keepalive) {
    const response = await fetch(this.stateUrl(stateId, this.launch.actor), {
      method: "PUT", headers: this.headers(), body: JSON.stringify(body), keepalive,
    });
    return response.ok ? [] : [`the LMS did not keep the progress (HTTP ${response.status})`];
  }

  stateUrl(stateId, actor) {
    const url = new URL("activities/state", this.endpoint);
    url.search = new URLSearchParams({
      stateId, activityId: this.params.get("activityId"), agent: JSON.stringify(actor),
      registration: this.params.get("registration"),
    }).toString();
    return url;
  }

  headers() {
    return { Authorization: `Basic ${this.token}`, "X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json" };
  }
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
