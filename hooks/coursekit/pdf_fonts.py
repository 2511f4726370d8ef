"""Font pieces for the certificate PDF: the source fonts in hooks/fonts/ cut by script at build time.

A learner's name may be in any script, but a PDF for a Latin name should not download a CJK
font. fontTools subsets each source font into pieces (one per script; CJK in chunks of 256
code points, so a name fetches only the chunks its characters fall in) and writes a manifest
the browser reads (hooks/assets/pdf-fonts.js). Each piece comes with its metrics (code point ->
glyph, advances) so the browser embeds it without fontkit; only scripts that need shaping load fontkit.

Subsetting CJK takes a while: results are cached under the user's cache folder, keyed by the
source fonts, the fontTools version and the plan, so repeated builds only copy bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .assets import Asset

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

FOLDER = "assets/pdf-fonts"  # site-relative; the manifest is FOLDER/manifest.json, pieces are content-hashed
_FONTS = Path(__file__).resolve().parent.parent / "fonts"
_FORMAT = 2  # bump when the output of this module changes for the same plan
_CJK_CHUNK = 256  # code points per CJK chunk

Ranges = tuple[tuple[int, int], ...]
_AROUND = ((0x20, 0x20), (0xA0, 0xA0), (0x200C, 0x200F), (0x25CC, 0x25CC))  # space, joiners, marks, dotted circle


@dataclass(frozen=True)
class Piece:
    id: str
    source: str  # under hooks/fonts/
    ranges: Ranges
    shaping: bool = False  # needs fontkit (joining, reordering, mark placement)
    rtl: bool = False
    chunked: bool = False  # CJK: one piece per 256 code points


# Latin (with Vietnamese), Greek and Cyrillic names and the course's texts; the rarer letters are a second piece.
_LATIN = ((0x20, 0x7E), (0xA0, 0x24F), (0x2B0, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1E00, 0x1EFF),
          (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x2122))
_LATIN_EXTRA = ((0x250, 0x2AF), (0x500, 0x52F), (0x530, 0x58F), (0x10A0, 0x10FF), (0x1F00, 0x1FFF), (0x2123, 0x214F),
                (0x2C60, 0x2C7F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F), (0xA720, 0xA7FF))

PLAN: tuple[Piece, ...] = (
    Piece("latin", "dejavu/DejaVuSans.ttf", _LATIN),
    Piece("latin-extra", "dejavu/DejaVuSans.ttf", _LATIN_EXTRA),
    Piece("hebrew", "noto/NotoSansHebrew-Regular.ttf", ((0x590, 0x5FF), (0xFB1D, 0xFB4F)) + _AROUND, rtl=True),
    Piece("arabic", "noto/NotoSansArabic-Regular.ttf",
          ((0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)) + _AROUND, shaping=True, rtl=True),
    Piece("devanagari", "noto/NotoSansDevanagari-Regular.ttf", ((0x900, 0x97F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)) + _AROUND,
          shaping=True),
    Piece("bengali", "noto/NotoSansBengali-Regular.ttf", ((0x980, 0x9FF),) + _AROUND, shaping=True),
    Piece("gurmukhi", "noto/NotoSansGurmukhi-Regular.ttf", ((0xA00, 0xA7F),) + _AROUND, shaping=True),
    Piece("gujarati", "noto/NotoSansGujarati-Regular.ttf", ((0xA80, 0xAFF),) + _AROUND, shaping=True),
    Piece("tamil", "noto/NotoSansTamil-Regular.ttf", ((0xB80, 0xBFF),) + _AROUND, shaping=True),
    Piece("telugu", "noto/NotoSansTelugu-Regular.ttf", ((0xC00, 0xC7F),) + _AROUND, shaping=True),
    Piece("kannada", "noto/NotoSansKannada-Regular.ttf", ((0xC80, 0xCFF),) + _AROUND, shaping=True),
    Piece("malayalam", "noto/NotoSansMalayalam-Regular.ttf", ((0xD00, 0xD7F),) + _AROUND, shaping=True),
    Piece("thai", "noto/NotoSansThai-Regular.ttf", ((0xE00, 0xE7F),) + _AROUND, shaping=True),
    Piece("cjk", "droid/DroidSansFallback.ttf",
          ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
           (0xF900, 0xFAFF), (0xFF00, 0xFFEF)), chunked=True),
)


def pdf_font_assets(plan: tuple[Piece, ...] = PLAN, cache_root: Path | None = None) -> list[Asset]:
    """The pieces, their metrics and the manifest, as files under FOLDER (from the cache when it has them)."""
    folder = _cache_folder(plan, cache_root)
    if not (folder / "manifest.json").is_file():
        _build_into(plan, folder)
    return [Asset(f"{FOLDER}/{path.name}", path.read_bytes()) for path in sorted(folder.iterdir())]


def files_for_text(site: Path, text: str) -> tuple[str, ...]:
    """Site paths (fnmatch patterns) of what draws `text` in a PDF: its pieces with their metrics, and the shaping
    engine when one of them needs it. The offline worker precaches these for the course's own texts."""
    manifest = json.loads((site / FOLDER / "manifest.json").read_text(encoding="utf-8"))
    code_points = {ord(char) for char in text}
    paths: list[str] = []
    shaping = False
    for index, entry in enumerate(manifest["pieces"]):
        # A character is drawn with the first piece that has it (pdf-fonts.js): spaces and joiners that every
        # script's piece carries count for the first one only.
        earlier = manifest["pieces"][:index]
        if any(_covers(entry, cp) and not any(_covers(other, cp) for other in earlier) for cp in code_points):
            paths += [f"{FOLDER}/{entry['font']}", f"{FOLDER}/{entry['metrics']}"]
            shaping = shaping or bool(entry["shaping"])
    if shaping:
        paths += ["assets/course/*/vendor/fontkit/*", "assets/course/*/vendor/regenerator-runtime/*"]
    return tuple(paths)


def _covers(entry: dict[str, Any], code_point: int) -> bool:
    return any(low <= code_point <= high for low, high in entry["ranges"])


def _cache_folder(plan: tuple[Piece, ...], cache_root: Path | None) -> Path:
    import fontTools

    key = hashlib.sha256(json.dumps([_FORMAT, fontTools.version, [asdict(piece) for piece in plan]]).encode())
    for source in sorted({piece.source for piece in plan}):
        key.update(hashlib.sha256((_FONTS / source).read_bytes()).digest())
    root = cache_root or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coursekit" / "pdf-fonts"
    return root / key.hexdigest()[:20]


def _build_into(plan: tuple[Piece, ...], folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=folder.parent))  # renamed into place when complete: no half-written cache
    entries = []
    for piece in plan:
        parts = _parts(piece)
        if piece.chunked:
            entries += [_entry(piece, part_id, font, scratch) for part_id, font in _chunks(piece, parts)]
        else:
            entries += [_entry(piece, part_id, _subset(piece, code_points), scratch) for part_id, code_points in parts]
    (scratch / "manifest.json").write_text(json.dumps({"version": _FORMAT, "pieces": entries}, separators=(",", ":")))
    try:
        scratch.rename(folder)
    except OSError:  # another build finished first
        shutil.rmtree(scratch, ignore_errors=True)


def _parts(piece: Piece) -> list[tuple[str, list[int]]]:
    """The code points of each part of a piece: those of its ranges the source font has."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(_FONTS / piece.source, lazy=True).getBestCmap()
    code_points = sorted(cp for cp in cmap if any(lo <= cp <= hi for lo, hi in piece.ranges))
    if not piece.chunked:
        return [(piece.id, code_points)]
    chunks: dict[int, list[int]] = {}
    for cp in code_points:
        chunks.setdefault(cp // _CJK_CHUNK, []).append(cp)
    return [(f"{piece.id}-{chunk:03x}", cps) for chunk, cps in sorted(chunks.items())]


def _subset(piece: Piece, code_points: list[int]) -> TTFont:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.hinting = False  # PDF viewers rasterise at print resolution; hints are a third of DejaVu
    options.layout_features = ["*"] if piece.shaping else []
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = [1, 2, 3, 4, 6]
    options.drop_tables += ["FFTM", "vhea", "vmtx"] + ([] if piece.shaping else ["GSUB", "GPOS", "GDEF"])
    font = TTFont(_FONTS / piece.source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    return font


def _chunks(piece: Piece, parts: list[tuple[str, list[int]]]) -> Iterator[tuple[str, TTFont]]:
    """Small fonts of a CJK font's glyphs, built directly: the subsetter takes seconds per chunk on a 3 MB font."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import TTFont

    source = TTFont(_FONTS / piece.source)
    cmap, glyf, hmtx, hhea, os2 = source.getBestCmap(), source["glyf"], source["hmtx"], source["hhea"], source["OS/2"]
    family = source["name"].getDebugName(1) or piece.id
    ps_name = source["name"].getDebugName(6) or piece.id
    for part_id, code_points in parts:
        names = list(dict.fromkeys([".notdef"] + [cmap[cp] for cp in code_points]))
        for name in names:  # grows while it runs: composite glyphs bring their components
            if glyf[name].isComposite():
                names += [c for c in glyf[name].getComponentNames(glyf) if c not in names]
        builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(names)
        builder.setupCharacterMap({cp: cmap[cp] for cp in code_points})
        builder.setupGlyf({name: glyf[name] for name in names})
        builder.setupHorizontalMetrics({name: hmtx[name] for name in names})
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
        builder.setupNameTable({"familyName": family, "styleName": "Regular", "psName": ps_name})
        builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                         usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent)
        builder.setupPost()
        yield part_id, builder.font


def _entry(piece: Piece, part_id: str, font: TTFont, folder: Path) -> dict[str, object]:
    """Save one part and its metrics; its line in the manifest."""
    buffer = io.BytesIO()
    font.save(buffer)
    code_points = sorted(font.getBestCmap())
    return {
        "id": part_id,
        "font": _save(folder, part_id, ".ttf", buffer.getvalue()),
        "metrics": _save(folder, part_id, ".json", json.dumps(_metrics(font), separators=(",", ":")).encode()),
        "name": font["name"].getDebugName(6) or part_id,
        "ranges": _as_ranges(code_points),
        "shaping": piece.shaping,
        "rtl": piece.rtl,
    }


def _metrics(font: TTFont) -> dict[str, object]:
    """What the browser needs to embed the piece as a CIDFontType2 without parsing it."""
    head, hhea, os2, hmtx = font["head"], font["hhea"], font["OS/2"], font["hmtx"]
    order = font.getGlyphOrder()
    gid = {name: i for i, name in enumerate(order)}
    return {
        "unitsPerEm": head.unitsPerEm,
        "bbox": [head.xMin, head.yMin, head.xMax, head.yMax],
        "ascent": hhea.ascent,
        "descent": hhea.descent,
        "capHeight": getattr(os2, "sCapHeight", hhea.ascent),
        "cmap": {str(cp): gid[name] for cp, name in sorted(font.getBestCmap().items())},
        "advances": [hmtx[name][0] for name in order],
    }


def _save(folder: Path, stem: str, suffix: str, data: bytes) -> str:
    name = f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{suffix}"
    (folder / name).write_bytes(data)
    return name


def _as_ranges(code_points: list[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for cp in code_points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges
