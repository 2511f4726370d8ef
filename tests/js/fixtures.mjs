// A small course manifest (schema 4) and a learner's finished course, for the
// unit tests of the pure browser modules. Shaped like hooks/coursekit/manifest.py's output.
import { catalogue } from "./catalogue.mjs";

export const MODULE_A = {
  slug: "reef-knot", title: "The reef knot", url: "lessons/reef-knot/", bank: "reef", minutes: 10,
  quizzes: ["reef--joins--aaaaaaaaaa", "reef--name--bbbbbbbbbb", "reef--uses--cccccccccc"],
  questions: [
    { id: "reef--joins--aaaaaaaaaa", type: "single", options: 3 },
    { id: "reef--name--bbbbbbbbbb", type: "fill", blanks: 2 },
    { id: "reef--uses--cccccccccc", type: "multiple", options: 4 },
  ],
};

export const MODULE_B = {
  slug: "bowline", title: "The bowline", url: "lessons/bowline/", bank: "bowline", minutes: 10,
  quizzes: ["bowline--loop--dddddddddd"],
  questions: [{ id: "bowline--loop--dddddddddd", type: "single", options: 2 }],
};

export const POST_TEST_QUESTIONS = [
  { id: "final--q1--1111111111", type: "single", options: 3, covers: "reef-knot", correct: [0] },
  { id: "final--q2--2222222222", type: "multiple", options: 4, covers: "reef-knot", correct: [1, 3] },
  { id: "final--q3--3333333333", type: "single", options: 2, covers: "bowline", correct: [1] },
];

/** A fresh manifest; `requirements` and page overrides change a copy. */
export function makeManifest({ requirements = {}, postTest = true, evaluation = true, certificate = true } = {}) {
  return structuredClone({
    schema: 4,
    language: "en",
    strings: catalogue("en"),
    course: {
      id: "knots-101", version: "0.3", title: "Knot Tying Basics", provider: "Harbour Sailing Club",
      ce_hours: 0.5, credit: { amount: 0.5, unit: "ce-hours" }, pass_mark: 70, accreditation: "Not approved.",
      signer: { name: "Ben Cleat", title: "Commodore" },
      requirements: { modules: true, post_test: true, evaluation: true, ...requirements },
    },
    modules: [MODULE_A, MODULE_B],
    post_test: postTest ? { slug: "final", title: "Final quiz", url: "final/", bank: "final",
                            quizzes: POST_TEST_QUESTIONS.map((q) => q.id), questions: POST_TEST_QUESTIONS } : null,
    evaluation: evaluation ? {
      url: "feedback/", title: "Feedback", form: "feedback",
      scale: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
      items: [{ id: "clear", statement: "Clear." }, { id: "useful", statement: "Useful." }],
      comments: [{ id: "better", prompt: "What would make it better?" }],
    } : null,
    certificate: certificate ? { url: "certificate/", title: "Certificate" } : null,
  });
}

export const PASSING = {
  at: "2025-03-10T14:05:00.000Z", score: 100, correct: 3, total: 3, passed: true,
  responses: { "final--q1--1111111111": [0], "final--q2--2222222222": [3, 1], "final--q3--3333333333": [1] },
};
export const FAILING = { at: "2025-03-09T10:00:00.000Z", score: 33, correct: 1, total: 3, passed: false };

export function makeCertificate() {
  return {
    schema: 1, number: "ABCD-EFGH-JKMN-PQRS-TVWX", issuedAt: "2025-03-10T14:30:00.000Z", completedOn: "2025-03-10",
    name: "Zoë Brontë", credential: "LCSW", license: "A-12345",
    course: { id: "knots-101", version: "0.3", title: "Knot Tying Basics", ceHours: 0.5,
              provider: "Harbour Sailing Club", accreditation: "Not approved." },
    signer: { name: "Ben Cleat", title: "Commodore" },
    postTest: { score: 100, correct: 3, total: 3, at: PASSING.at },
    replaces: [],
  };
}

export function makeRecord() {
  return {
    schema: 1, courseId: "knots-101", startedAt: "2025-03-01T09:00:00.000Z",
    postTest: { attempts: [structuredClone(FAILING), structuredClone(PASSING)] },
    evaluation: { submittedAt: "2025-03-10T14:20:00.000Z", likert: { clear: 5, useful: 1 }, comments: { better: "More knots." } },
    certificate: makeCertificate(),
  };
}

export function makeQuizzes() {
  return {
    [MODULE_A.url]: {
      "reef--joins--aaaaaaaaaa": { answered: true, correct: true, selectedValues: ["0"] },
      "reef--name--bbbbbbbbbb": { answered: true, correct: false, selectedValues: ["reef", "square knot"] },
      "reef--uses--cccccccccc": { answered: true, correct: true, selectedValues: ["3", "1"], firstTry: true },
    },
    [MODULE_B.url]: { "bowline--loop--dddddddddd": { answered: true, correct: true, selectedValues: ["1"] } },
  };
}

/** A whole progress file as exportProgress writes it. */
export function makeFile() {
  return {
    format: "ce-course-progress", courseId: "knots-101", courseVersion: "0.3", exportedAt: "2025-03-11T08:00:00.000Z",
    record: makeRecord(), quizzes: makeQuizzes(),
  };
}

export const INJECTIONS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  "<svg onload=alert(1)>",
  "</textarea><!--",
];
