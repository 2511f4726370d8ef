// The LMS side of a SCORM launch, for the tests: scorm-again 3.4 as window.API (SCORM 1.2)
// or window.API_1484_11 (SCORM 2004) in this top page, committing to the test server,
// then the package's launch page in an iframe. A relaunch loads what the last commit
// left, as an LMS does: status, score, location, suspend data, entry "resume" after
// exit "suspend", and the learner's name and mastery score it knows.
//
// ?standard=scorm12|scorm2004&registration=...&learner=Doe,%20Jane&mastery=70[&content=<unpacked package>]
(async () => {
  const params = new URLSearchParams(location.search);
  const standard = params.get("standard");
  const registration = params.get("registration");
  const mastery = params.get("mastery");
  const commits = await (await fetch(`state/${registration}`)).json();
  const last = commits.length ? commits[commits.length - 1].cmi : null;
  window.lmsErrors = [];
  const settings = {
    lmsCommitUrl: `commit/${registration}`,
    dataCommitFormat: "json",
    autocommit: false,
    mastery_override: false, // scorm-again turns it on when settings are given (its README says off)
    logLevel: 4,
    onLogMessage: (level, message) => { if (level >= 4) window.lmsErrors.push(String(message)); },
  };
  const score = (s) => Object.fromEntries(Object.entries(s || {}).filter(([key, value]) => value !== "" && ["raw", "min", "max", "scaled"].includes(key)));
  let api;
  if (standard === "scorm12") {
    api = window.API = new Scorm12API(settings);
    const initial = { core: { student_id: registration, student_name: params.get("learner") || "" }, student_data: {} };
    if (mastery) initial.student_data.mastery_score = mastery;
    if (last) {
      Object.assign(initial.core, { lesson_status: last.core.lesson_status, lesson_location: last.core.lesson_location,
                                    entry: last.core.exit === "suspend" ? "resume" : "", score: score(last.core.score) });
      initial.suspend_data = last.suspend_data;
    }
    api.loadFromJSON(initial);
  } else {
    api = window.API_1484_11 = new Scorm2004API(settings);
    const initial = { learner_id: registration, learner_name: params.get("learner") || "" };
    if (mastery) initial.scaled_passing_score = String(Number(mastery) / 100);
    if (last) {
      Object.assign(initial, { completion_status: last.completion_status, success_status: last.success_status,
                               location: last.location, suspend_data: last.suspend_data, score: score(last.score),
                               entry: last.exit === "suspend" ? "resume" : "" });
    }
    api.loadFromJSON(initial);
  }
  window.lmsReady = true;
  document.getElementById("sco").src = `../content/${params.get("content") || standard}/lms/launch.html`;
})().catch((error) => { window.lmsErrors = [String(error)]; });
