// The SCORM run-time: finding the LMS's API and talking to it, for SCORM 1.2
// (window.API) and SCORM 2004 4th edition (window.API_1484_11). One session per
// launch: connect() initializes once, save() sets values and commits, end()
// sets the session time and exit, then finishes (which commits). What the values
// mean is scorm-data.js's; what the course state is, launch.js's.

import { scorm12Values, scorm2004Values, timespan12, isoDuration } from "./scorm-data.js";
import { SCORM12_LIMIT } from "./suspend.js";

const VERSIONS = {
  scorm12: {
    apiName: "API",
    call: { initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
            finish: "LMSFinish", error: "LMSGetLastError", errorText: "LMSGetErrorString" },
    element: { name: "cmi.core.student_name", suspend: "cmi.suspend_data", location: "cmi.core.lesson_location",
               mode: "cmi.core.lesson_mode", exit: "cmi.core.exit", time: "cmi.core.session_time" },
    limit: SCORM12_LIMIT,
    locationLimit: 255,
    values: (report, course) => scorm12Values(report, course),
    time: timespan12,
  },
  scorm2004: {
    apiName: "API_1484_11",
    call: { initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
            finish: "Terminate", error: "GetLastError", errorText: "GetErrorString" },
    element: { name: "cmi.learner_name", suspend: "cmi.suspend_data", location: "cmi.location",
               mode: "cmi.mode", exit: "cmi.exit", time: "cmi.session_time" },
    limit: 64000,
    locationLimit: 1000,
    values: (report) => scorm2004Values(report),
    time: isoDuration,
  },
};

/** The SCORM API object: the nearest one up the frames that hold this page, then up the opener's. */
export function findApi(name, start = window) {
  const climb = (win) => {
    for (let hops = 0; win && hops < 500; hops += 1) {
      try {
        if (win[name]) return win[name];
      } catch (error) {
        // a frame of another origin: keep climbing
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  let found = climb(start);
  if (!found) {
    try {
      found = start.top.opener ? climb(start.top.opener) : null;
    } catch (error) {
      found = null;
    }
  }
  return found;
}

export class ScormSession {
  constructor(standard, api = null) {
    this.version = VERSIONS[standard];
    this.api = api || findApi(this.version.apiName);
    this.limit = this.version.limit;
    this.ended = false;
  }

  /** Initialize and read what the LMS holds. Throws an Error whose message a learner can read. */
  connect() {
    if (!this.api) throw new Error("No learning management system was found");
    if (!this.invoke("initialize", "")) throw new Error(`The learning management system refused to start the session (${this.lastError()})`);
    const get = (element) => String(this.invoke("get", this.version.element[element]) ?? "");
    const mode = get("mode");
    return {
      learnerName: get("name"),
      saved: get("suspend"),
      location: get("location"),
      // The LMS shows a finished attempt again: nothing the learner does is recorded.
      review: mode === "review" || mode === "browse",
    };
  }

  /** Tell the LMS where the learner is; returns the errors the LMS reported ([] when none). */
  save({ report, course, suspend, location }) {
    const errors = this.setAll(this.values({ report, course, suspend, location }));
    if (!this.invoke("commit", "")) errors.push(this.lastError());
    return errors;
  }

  /** The end of the visit: everything once more, the session time and the exit, then finish (which commits). */
  end({ report, course, suspend, location, elapsed }) {
    if (this.ended) return [];
    this.ended = true;
    const values = {
      ...this.values({ report, course, suspend, location }),
      [this.version.element.time]: this.version.time(elapsed),
      // "suspend" keeps the learner's data for the next launch: learners come back for
      // their certificate and to retake the post-test (README: what the LMS receives).
      [this.version.element.exit]: "suspend",
    };
    const errors = this.setAll(values);
    if (!this.invoke("finish", "")) errors.push(this.lastError());
    return errors;
  }

  values({ report, course, suspend, location }) {
    const values = report ? { ...this.version.values(report, course) } : {};
    if (typeof suspend === "string") values[this.version.element.suspend] = suspend;
    if (location && location.length <= this.version.locationLimit) values[this.version.element.location] = location;
    return values;
  }

  setAll(values) {
    const errors = [];
    for (const [element, value] of Object.entries(values)) {
      if (!this.invoke("set", element, value)) errors.push(`${element}: ${this.lastError()}`);
    }
    return errors;
  }

  invoke(call, ...args) {
    const result = this.api[this.version.call[call]](...args);
    return call === "get" ? result : String(result) === "true";
  }

  lastError() {
    const code = String(this.api[this.version.call.error]());
    let text = "";
    try {
      text = String(this.api[this.version.call.errorText](code));
    } catch (error) {
      text = "";
    }
    return text ? `error ${code}: ${text}` : `error ${code}`;
  }
}
