// pdf-runs.js: a line cut into runs of one font piece and one direction, in visual (drawing) order,
// and pdf-cidfont.js's ToUnicode map (what makes a PDF's text extractable).
import assert from "node:assert/strict";
import { test } from "node:test";

import { toUnicodeCmap } from "../../hooks/assets/pdf-cidfont.js";
import { reversedClusters, visualRuns } from "../../hooks/assets/pdf-runs.js";

// Pieces as the manifest orders them: Latin first (with space and punctuation), then scripts without space.
const LATIN = { id: "latin", rtl: false, covers: (cp) => cp < 0x250 || (cp >= 0x370 && cp < 0x500) || (cp >= 0x2000 && cp < 0x2070) };
const HEBREW = { id: "hebrew", rtl: true, covers: (cp) => (cp >= 0x590 && cp < 0x600) || cp === 0x20 };
const ARABIC = { id: "arabic", rtl: true, covers: (cp) => (cp >= 0x600 && cp < 0x700) || cp === 0x20 };
const CJK = { id: "cjk", rtl: false, covers: (cp) => cp >= 0x3000 && cp < 0xa000 };
const PIECES = [LATIN, HEBREW, ARABIC, CJK];
const pieceOf = (cp) => PIECES.find((piece) => piece.covers(cp)) ?? null;
const shown = (runs) => runs.map((run) => `${run.piece?.id ?? "none"}${run.rtl ? "<" : ">"}${run.text}`);

test("a Latin name is one left-to-right run, normalised to composed characters", () => {
  assert.deepEqual(shown(visualRuns("Jose\u0301 Núñez", pieceOf)), ["latin>José Núñez"]);
});

test("a Hebrew name keeps its space in its own right-to-left run", () => {
  assert.deepEqual(shown(visualRuns("משה כהן", pieceOf)), ["hebrew<משה כהן"]);
});

test("a CJK name borrows the space from the Latin piece, still in logical order", () => {
  assert.deepEqual(shown(visualRuns("王 小明", pieceOf)), ["cjk>王", "latin> ", "cjk>小明"]);
});

test("left-to-right base (first letter Latin): the Arabic run sits where it is, drawn right to left", () => {
  assert.deepEqual(shown(visualRuns("Anna محمد Lee", pieceOf)), ["latin>Anna ", "arabic<محمد", "latin> Lee"]);
});

test("right-to-left base (first letter Arabic): the runs are reversed, the Latin words keep their order; a space between directions takes the base", () => {
  assert.deepEqual(shown(visualRuns("محمد Anna Lee", pieceOf)), ["latin>Anna Lee", "arabic<محمد "]);
  assert.deepEqual(shown(visualRuns("محمد Anna Lee علي", pieceOf)), ["arabic< علي", "latin>Anna Lee", "arabic<محمد "]);
});

test("numbers read left to right inside right-to-left text", () => {
  assert.deepEqual(shown(visualRuns("علي 42", pieceOf)), ["latin>42", "arabic<علي "]);
});

test("a character no piece has is its own run without a piece", () => {
  assert.deepEqual(shown(visualRuns("Ann 😀", pieceOf)), ["latin>Ann ", "none>😀"]);
});

test("an unshaped right-to-left run is drawn cluster by cluster, marks kept after their letter", () => {
  assert.deepEqual(reversedClusters("שָׁלוֹם"), ["ם", "ו\u05b9", "ל", "ש\u05c1\u05b8"].map((c) => c.normalize("NFC")));
});

test("ToUnicode: glyph codes map to their text, beyond the BMP as surrogate pairs, in blocks of 100", () => {
  const cmap = toUnicodeCmap([[3, "A"], [4, ""], [5, "ffi"], [6, "𠀀"]]);
  assert.match(cmap, /3 beginbfchar\n<0003> <0041>\n<0005> <006600660069>\n<0006> <d840dc00>\nendbfchar/);
  assert.doesNotMatch(cmap, /<0004>/);
  const many = toUnicodeCmap(Array.from({ length: 150 }, (_, i) => [i + 1, "a"]));
  assert.deepEqual(many.match(/\d+ beginbfchar/g), ["100 beginbfchar", "50 beginbfchar"]);
});
