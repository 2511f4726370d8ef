// The font pieces of the certificate PDF: which pieces a text needs, and loading them (and fontkit, only for a
// script that needs shaping). The pieces are cut at build time (hooks/coursekit/pdf_fonts.py) and listed in
// assets/pdf-fonts/manifest.json; each is fetched only when a PDF draws a character it has.

const MANIFEST = new URL("../../pdf-fonts/manifest.json", import.meta.url); // this file is assets/course/<hash>/pdf-fonts.js
const SHAPER = [ // fontkit needs regenerator-runtime's global for Indic scripts (pdf-lib #785): loaded first
  { url: new URL("./vendor/regenerator-runtime/runtime.js", import.meta.url), global: "regeneratorRuntime" },
  { url: new URL("./vendor/fontkit/fontkit.umd.min.js", import.meta.url), global: "fontkit" },
];

/**
 * Scripts some piece draws, for the synchronous check before a PDF is offered (the pieces themselves are only
 * fetched for the PDF, where `missingCharacters` checks each character against them). Mirrors PLAN in pdf_fonts.py.
 */
const SCRIPTS = new RegExp("[" + ["Latin", "Greek", "Cyrillic", "Armenian", "Georgian", "Hebrew", "Arabic", "Devanagari",
  "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Telugu", "Kannada", "Malayalam", "Thai", "Han", "Hiragana", "Katakana",
  "Hangul", "Bopomofo"].map((name) => `\\p{Script=${name}}`).join("") + "]", "u");

/** Whether some piece may draw `char`: a letter of a script above, a mark, punctuation or a symbol (not an emoji or control). */
export function maybeDrawable(char) {
  if (/\p{Extended_Pictographic}/u.test(char) && char.codePointAt(0) > 0xff) return false;
  if (/[\u200c-\u200f]/u.test(char)) return true; // joiners and direction marks: Persian names use ZWNJ
  if (/\p{C}/u.test(char)) return false; // control, other format, private use, unassigned
  return SCRIPTS.test(char) || /[\p{Script=Common}\p{Script=Inherited}]/u.test(char);
}

const scripts = new Map();
/** A classic script from our origin (the pages' policy allows 'self' scripts), once; resolves to its global. */
export function loadScript(url, globalName) {
  if (window[globalName]) return Promise.resolve(window[globalName]);
  if (!scripts.has(globalName)) {
    scripts.set(globalName, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url.href;
      script.async = true;
      script.onload = () => (window[globalName] ? resolve(window[globalName]) : reject(new Error(`${globalName} missing`)));
      script.onerror = () => { scripts.delete(globalName); script.remove(); reject(new Error(`could not load ${url.pathname}`)); };
      document.head.append(script);
    }));
  }
  return scripts.get(globalName);
}

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return as === "json" ? response.json() : new Uint8Array(await response.arrayBuffer());
}

let manifest = null;
async function loadManifest() {
  manifest ??= fetchOk(MANIFEST, "json").then((data) => data.pieces.map((piece) => ({ ...piece, covers: coverage(piece.ranges) })))
    .catch((error) => { manifest = null; throw error; });
  return manifest;
}

/** A test for "is cp in these sorted [first, last] ranges" (binary search: a CJK chunk has many). */
function coverage(ranges) {
  return (cp) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < ranges[mid][0]) hi = mid - 1;
      else if (cp > ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** The first piece (in the manifest's order: Latin first, CJK last) that has the character. */
function pieceFinder(pieces) {
  const found = new Map();
  return (cp) => {
    if (!found.has(cp)) found.set(cp, pieces.find((piece) => piece.covers(cp)) ?? null);
    return found.get(cp);
  };
}

/** The distinct characters of `texts` no piece has (a space or a line break needs none). */
export function missingCharacters(texts, pieceOf) {
  const missing = new Set();
  for (const text of texts) {
    for (const char of String(text ?? "").normalize("NFC")) {
      if (!/\s/u.test(char) && !/[\u200c-\u200f]/u.test(char) && !pieceOf(char.codePointAt(0))) missing.add(char);
    }
  }
  return [...missing];
}

const loaded = new Map(); // piece id -> Promise<{ bytes, metrics }>
function loadPiece(piece) {
  if (!loaded.has(piece.id)) {
    loaded.set(piece.id, Promise.all([fetchOk(new URL(piece.font, MANIFEST)), fetchOk(new URL(piece.metrics, MANIFEST), "json")])
      .then(([bytes, metrics]) => ({ bytes, metrics }))
      .catch((error) => { loaded.delete(piece.id); throw error; }));
  }
  return loaded.get(piece.id);
}

async function loadShaper() {
  for (const { url, global } of SHAPER) await loadScript(url, global); // in order: fontkit needs the runtime's global
  return window.fontkit;
}

/**
 * Everything needed to draw `texts`: `pieceOf`, the characters no piece has (`missing`), and for each piece the
 * texts use its bytes, metrics and (when it needs shaping) a fontkit face.
 */
export async function fontsFor(texts, runsOf) {
  const pieces = await loadManifest();
  const pieceOf = pieceFinder(pieces);
  const missing = missingCharacters(texts, pieceOf);
  const needed = new Set();
  for (const text of texts) for (const run of runsOf(String(text ?? ""), pieceOf)) if (run.piece) needed.add(run.piece);
  const shaping = [...needed].some((piece) => piece.shaping);
  const [fontkit, ...parts] = await Promise.all([shaping ? loadShaper() : null, ...[...needed].map(loadPiece)]);
  const fonts = new Map();
  [...needed].forEach((piece, i) => {
    fonts.set(piece, { ...parts[i], face: piece.shaping ? fontkit.create(parts[i].bytes) : null });
  });
  return { pieceOf, missing, fonts };
}
