// The pen the certificate PDF draws every text with: it cuts a line into script and direction runs
// (pdf-runs.js), turns each run into glyphs (fontkit shapes the scripts that need it; the others map
// characters to glyphs from the piece's metrics) and draws them with the piece embedded as a CID font.
import { CidFont } from "./pdf-cidfont.js";
import { reversedClusters, visualRuns } from "./pdf-runs.js";

/** `fonts`: what pdf-fonts.js's fontsFor loaded. Returns the pen and `finish()`, to call before saving. */
export function createPen(PDFLib, pdf, page, { pieceOf, fonts }) {
  const embedded = new Map(); // piece -> CidFont, made on first use
  const tag = (i) => "CK" + String.fromCharCode(...[...i.toString(26).padStart(4, "0")].map((d) => 65 + parseInt(d, 26)));
  const cidFont = (piece) => {
    if (!embedded.has(piece)) {
      const { bytes, metrics } = fonts.get(piece);
      embedded.set(piece, new CidFont(PDFLib, pdf, bytes, piece.name, metrics, tag(embedded.size)));
    }
    return embedded.get(piece);
  };

  const shaped = new Map(); // text -> [{ piece, glyphs, units }]: measured once, drawn at any size
  const layout = (text) => {
    if (!shaped.has(text)) {
      shaped.set(text, visualRuns(text, pieceOf).filter((run) => run.piece).map((run) => {
        if (!fonts.has(run.piece)) throw new Error(`font piece ${run.piece.id} was not loaded for "${text}"`);
        const glyphs = glyphsOf(run, fonts.get(run.piece));
        return { piece: run.piece, glyphs, units: glyphs.reduce((sum, glyph) => sum + glyph.xAdvance, 0),
                 em: fonts.get(run.piece).metrics.unitsPerEm };
      }));
    }
    return shaped.get(text);
  };

  const pen = {
    width: (text, size) => layout(String(text)).reduce((sum, run) => sum + (run.units * size) / run.em, 0),
    draw: (text, { x, y, size, color }) => {
      let left = x;
      for (const run of layout(String(text))) {
        cidFont(run.piece).draw(page, run.glyphs, { x: left, y, size, color });
        left += (run.units * size) / run.em;
      }
    },
  };
  return { pen, finish: () => embedded.forEach((font) => font.finish()) };
}

/** A run's glyphs in drawing order (left to right), each with the text it stands for (for extraction). */
function glyphsOf(run, { metrics, face }) {
  if (face) {
    const { glyphs, positions } = face.layout(run.text);
    return glyphs.map((glyph, i) => ({
      id: glyph.id, text: String.fromCodePoint(...glyph.codePoints), xAdvance: positions[i].xAdvance,
      xOffset: positions[i].xOffset, yOffset: positions[i].yOffset,
    }));
  }
  const clusters = run.rtl ? reversedClusters(run.text) : [run.text];
  return clusters.flatMap((cluster) => [...cluster].map((char) => {
    const id = metrics.cmap[char.codePointAt(0)] ?? 0;
    return { id, text: char, xAdvance: metrics.advances[id] ?? 0, xOffset: 0, yOffset: 0 };
  }));
}
