// A line of text cut into runs of one font piece and one direction, in the order they are drawn (left to right).
// A small bidi for names and one-line texts: letters are strong (right-to-left when their piece is), numbers
// run left to right, spaces and punctuation take the direction around them, the base direction is that of
// the first letter. Pure: no DOM, no PDF (tests/js/pdf-runs.test.mjs).

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
const MARK = /\p{M}/u;

/**
 * `pieceOf(codePoint)` gives the font piece that draws a character ({ id, rtl }) or null.
 * Returns [{ text, piece, rtl }] in visual order; a run's text stays in logical order (drawing reverses an RTL run).
 */
export function visualRuns(text, pieceOf) {
  const chars = [...String(text ?? "").normalize("NFC")];
  if (!chars.length) return [];
  const cps = chars.map((char) => char.codePointAt(0));
  const strong = chars.map((char, i) => LETTER.test(char) ? (pieceOf(cps[i])?.rtl ? "rtl" : "ltr") : NUMBER.test(char) ? "num" : null);
  const base = strong.find((dir) => dir === "rtl" || dir === "ltr") ?? "ltr";
  const dirs = resolveDirections(chars, strong, base);
  const pieces = assignPieces(chars, cps, dirs, pieceOf);

  const runs = [];
  chars.forEach((char, i) => {
    const last = runs.at(-1);
    if (last && last.piece === pieces[i] && last.rtl === (dirs[i] === "rtl")) last.text += char;
    else runs.push({ text: char, piece: pieces[i], rtl: dirs[i] === "rtl" });
  });
  return reorder(runs, base);
}

/**
 * Each character's piece: a letter or number its own; a space, punctuation or mark the piece of the letter before
 * it (or else after it) in the same direction when that piece has it, so it does not cut the run.
 */
function assignPieces(chars, cps, dirs, pieceOf) {
  const own = cps.map((cp) => pieceOf(cp));
  const neutral = chars.map((char) => !LETTER.test(char) && !NUMBER.test(char));
  const pieces = [];
  chars.forEach((_, i) => {
    if (!neutral[i]) return pieces.push(own[i]);
    const previous = i > 0 && dirs[i - 1] === dirs[i] ? pieces[i - 1] : null;
    let next = i + 1;
    while (next < chars.length && neutral[next]) next++;
    const following = next < chars.length && dirs[next] === dirs[i] ? own[next] : null;
    const fits = [previous, following].find((piece) => piece && covers(piece, cps[i], pieceOf));
    return pieces.push(fits ?? own[i]);
  });
  return pieces;
}

function covers(piece, cp, pieceOf) {
  return typeof piece.covers === "function" ? piece.covers(cp) : pieceOf(cp) === piece;
}

/** Numbers read left to right; a mark follows its letter; other neutrals take their neighbours' direction when both agree. */
function resolveDirections(chars, strong, base) {
  const dirs = strong.map((dir) => (dir === "num" ? "ltr" : dir));
  chars.forEach((char, i) => { if (MARK.test(char) && i > 0 && dirs[i - 1]) dirs[i] = dirs[i - 1]; });
  for (let i = 0; i < dirs.length; i++) {
    if (dirs[i]) continue;
    let end = i;
    while (end < dirs.length && !dirs[end]) end++;
    const before = i > 0 ? dirs[i - 1] : base;
    const after = end < dirs.length ? dirs[end] : base;
    dirs.fill(before === after ? before : base, i, end);
    i = end - 1;
  }
  return dirs;
}

/** Unicode's rule L2 with two or three levels: reverse every sequence at or above each level, highest first. */
function reorder(runs, base) {
  const level = (run) => (base === "rtl" ? (run.rtl ? 1 : 2) : (run.rtl ? 1 : 0));
  const levels = runs.map(level);
  let order = runs.map((_, i) => i);
  for (let min = Math.max(...levels); min >= 1; min--) {
    const next = [];
    for (let i = 0; i < order.length;) {
      if (levels[order[i]] < min) { next.push(order[i++]); continue; }
      const start = i;
      while (i < order.length && levels[order[i]] >= min) i++;
      next.push(...order.slice(start, i).reverse());
    }
    order = next;
  }
  return order.map((i) => runs[i]);
}

/** The grapheme clusters of `text`, reversed: an unshaped right-to-left run drawn left to right, marks kept on their letter. */
export function reversedClusters(text) {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return [...segmenter.segment(text)].map((part) => part.segment).reverse();
}
