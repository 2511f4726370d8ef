// A TrueType font piece embedded in a pdf-lib document without fontkit: a Type0 font over a CIDFontType2 with
// Identity-H encoding, so the two-byte codes are the piece's glyph ids and any glyph (shaped or not) can be drawn.
// The widths and the ToUnicode map (what makes the text extractable) are written at the end, from the glyphs drawn.

const TEXT_SPACE = 1000; // PDF glyph space units per em

export class CidFont {
  /** `metrics`: unitsPerEm, bbox, ascent, descent, capHeight, advances (per glyph id), as pdf_fonts.py writes them. */
  constructor(PDFLib, pdf, bytes, name, metrics, tag) {
    this.PDFLib = PDFLib;
    this.pdf = pdf;
    this.metrics = metrics;
    this.scale = TEXT_SPACE / metrics.unitsPerEm;
    this.baseFont = `${tag}+${name.replace(/[^A-Za-z0-9-]/g, "")}`;
    this.ref = pdf.context.nextRef();
    this.fontFile = pdf.context.register(pdf.context.flateStream(bytes, { Length1: bytes.length }));
    this.used = new Map(); // glyph id -> the text it stands for
    this.keys = new Map(); // page -> the font's name in its resources
  }

  /**
   * Draw glyphs left to right from (x, y): each { id, text, xAdvance, xOffset, yOffset } in font units, as a shaper gives
   * them (an unshaped glyph has its own advance and no offsets).
   */
  draw(page, glyphs, { x, y, size, color }) {
    const { PDFArray, PDFHexString, PDFNumber, PDFOperator, PDFOperatorNames: Ops } = this.PDFLib;
    const P = this.PDFLib;
    if (!this.keys.has(page)) this.keys.set(page, page.node.newFontDictionary("CourseFont", this.ref));
    const ops = [P.pushGraphicsState(), P.setFillingColor(color), P.beginText(), P.setFontAndSize(this.keys.get(page), size),
      P.setTextMatrix(1, 0, 0, 1, x, y)];
    let items = PDFArray.withContext(this.pdf.context);
    let rise = 0;
    const flush = () => { if (items.size()) ops.push(PDFOperator.of(Ops.ShowTextAdjusted, [items])); items = PDFArray.withContext(this.pdf.context); };
    // A TJ number moves the next glyph left by n/1000 em: so `shift(d)` moves it right by d font units.
    const shift = (d) => { if (Math.abs(d) > 0.01) items.push(PDFNumber.of(-Number((d * this.scale).toFixed(2)))); };
    for (const glyph of glyphs) {
      const yOffset = glyph.yOffset || 0;
      if (yOffset !== rise) {
        flush();
        ops.push(P.setTextRise(Number(((yOffset * size) / this.metrics.unitsPerEm).toFixed(3))));
        rise = yOffset;
      }
      const advance = this.metrics.advances[glyph.id] ?? 0;
      shift(glyph.xOffset || 0);
      items.push(PDFHexString.of(glyph.id.toString(16).padStart(4, "0")));
      shift(glyph.xAdvance - advance - (glyph.xOffset || 0));
      if (!this.used.get(glyph.id)) this.used.set(glyph.id, glyph.text || "");
    }
    flush();
    ops.push(P.endText(), P.popGraphicsState());
    page.pushOperators(...ops);
  }

  /** Write the font's dictionaries; call once, before saving. */
  finish() {
    const { PDFString } = this.PDFLib;
    const context = this.pdf.context;
    const m = this.metrics;
    const s = (v) => Math.round(v * this.scale);
    const ids = [...this.used.keys()].sort((a, b) => a - b);
    const widths = ids.flatMap((id) => [id, [s(m.advances[id] ?? 0)]]);
    const descriptor = context.register(context.obj({
      Type: "FontDescriptor", FontName: this.baseFont, Flags: 4, FontBBox: m.bbox.map(s), ItalicAngle: 0,
      Ascent: s(m.ascent), Descent: s(m.descent), CapHeight: s(m.capHeight), StemV: 80, FontFile2: this.fontFile,
    }));
    const cidFont = context.register(context.obj({
      Type: "Font", Subtype: "CIDFontType2", BaseFont: this.baseFont,
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
      FontDescriptor: descriptor, DW: s(m.advances[0] ?? 0), W: widths, CIDToGIDMap: "Identity",
    }));
    const toUnicode = context.register(context.flateStream(toUnicodeCmap(ids.map((id) => [id, this.used.get(id)]))));
    context.assign(this.ref, context.obj({
      Type: "Font", Subtype: "Type0", BaseFont: this.baseFont, Encoding: "Identity-H", DescendantFonts: [cidFont], ToUnicode: toUnicode,
    }));
  }
}

/** A ToUnicode CMap for two-byte glyph codes: [[glyphId, text]], glyphs standing for no text left out. */
export function toUnicodeCmap(entries) {
  const hex4 = (n) => n.toString(16).padStart(4, "0");
  const utf16 = (text) => [...text].map((char) => {
    const cp = char.codePointAt(0);
    if (cp < 0x10000) return hex4(cp);
    const v = cp - 0x10000;
    return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
  }).join("");
  const mapped = entries.filter(([, text]) => text);
  const blocks = [];
  for (let i = 0; i < mapped.length; i += 100) { // at most 100 entries per block
    const chunk = mapped.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([id, text]) => `<${hex4(id)}> <${utf16(text)}>`).join("\n")}\nendbfchar`);
  }
  return ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
    "1 begincodespacerange", "<0000> <ffff>", "endcodespacerange",
    ...blocks, "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"].join("\n");
}
