"""The certificate PDF for names in many scripts: each name gets a PDF in Chromium; pypdf reads the name back
where the script allows; the name as poppler renders the PDF is compared with Chromium's own rendering of
the same name in the same font pieces (shaped by HarfBuzz): ink box aspect and a downscaled image
similarity. The comparison fails for tofu boxes and for Arabic letters left unjoined (checked below).

Not extractable as the typed text: Devanagari and Bengali (a PDF keeps glyphs in visual order, so a vowel
sign drawn before its consonant is read first). Every request stays on 127.0.0.1."""

from __future__ import annotations

import io
import json
import subprocess
import unicodedata
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageOps

from cert_helpers import download, issue, open_certificate, pdf_text, seed_course

pytestmark = pytest.mark.browser

# name, whether pypdf gives it back as typed
NAMES = [
    ("latin", "Zoë Brontë-Núñez Łukasz", True),
    ("greek", "Ζωή Παπαδοπούλου", True),
    ("cyrillic", "Анна Каренина", True),
    ("arabic", "محمد عبد الله", True),
    ("hebrew", "משה כהן", True),
    ("devanagari", "प्रिया शर्मा", False),
    ("bengali", "রবীন্দ্রনাথ ঠাকুর", False),
    ("thai", "สมชาย ใจดี", True),
    ("chinese", "王小明", True),
    ("japanese", "山田 はなこ", True),
    ("korean", "김민준", True),
    ("mixed", "Sara כהן Levi", True),
]

PAGE_TOP_TO_NAME = 216  # points from the page's top to the name's baseline (certificate-pdf.js's layout)
DPI = 144
MIN_SIMILARITY = 0.88  # 1 - mean ink difference at a common size; measured 0.94-0.97 here, 0.67-0.75 drawn wrong
MAX_ASPECT_GAP = 0.12  # relative difference of the ink boxes' width/height


def _manifest(site_url: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(site_url + "assets/pdf-fonts/manifest.json") as response:
        return json.load(response)["pieces"]


def _pieces_for(name: str, pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pieces the name's characters fall in, in order of first use (Chromium's font fallback order)."""
    used: list[dict[str, Any]] = []
    for char in unicodedata.normalize("NFC", name):
        cp = ord(char)
        piece = next((p for p in pieces if any(lo <= cp <= hi for lo, hi in p["ranges"])), None)
        if piece and piece not in used and not char.isspace():
            used.append(piece)
    return used


def _ink(image: Image.Image) -> Image.Image:
    """The image cropped to its dark pixels, as greyscale (ink dark, paper white)."""
    grey = ImageOps.grayscale(image)
    mask = grey.point(lambda v: 255 if v < 140 else 0)
    box = mask.getbbox()
    assert box, "no ink: nothing was drawn"
    return grey.crop(box)


def _pdf_name_image(pdf: Path, tmp_path: Path) -> Image.Image:
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(prefix)], check=True)
    page = Image.open(f"{prefix}.png")
    scale = DPI / 72
    top, bottom = (PAGE_TOP_TO_NAME - 36) * scale, (PAGE_TOP_TO_NAME + 9) * scale  # above the rule under the name
    return _ink(page.crop((int(80 * scale), int(top), int(page.width - 80 * scale), int(bottom))))


def _browser_name_image(page: Any, site_url: str, name: str, pieces: list[dict[str, Any]]) -> Image.Image:
    faces = "".join(f'@font-face {{ font-family: "piece-{p["id"]}"; src: url("/assets/pdf-fonts/{p["font"]}"); }}'
                    for p in pieces)
    families = ", ".join(f'"piece-{p["id"]}"' for p in pieces)
    html = (f"<!doctype html><meta charset=utf-8><style>{faces} body {{ margin: 0; background: #fff; }}"
            f" p {{ font: 64px {families}; color: #000; display: inline-block; padding: 20px; margin: 0; white-space: pre; }}"
            f"</style><p dir=auto></p>")
    probe = site_url + "__pdf_script_probe.html"
    page.route(probe, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(probe)
    page.locator("p").evaluate("(p, name) => { p.textContent = name; }", name)
    page.evaluate("document.fonts.ready.then(() => Promise.all([...document.fonts].map((f) => f.load())))")
    return _ink(Image.open(io.BytesIO(page.locator("p").screenshot())))


def _compare(pdf_image: Image.Image, browser_image: Image.Image) -> tuple[float, float]:
    """(relative aspect gap, similarity in 0..1) of two inked names."""
    aspect = [image.width / image.height for image in (pdf_image, browser_image)]
    gap = abs(aspect[0] - aspect[1]) / aspect[1]
    size = (max(8, round(24 * aspect[1])), 24)
    a, b = (image.resize(size, Image.Resampling.BOX) for image in (pdf_image, browser_image))
    difference = sum(abs(x - y) for x, y in zip(a.getdata(), b.getdata())) / (255 * size[0] * size[1])
    return gap, 1 - difference


@pytest.mark.parametrize("script, name, extractable", NAMES, ids=[n[0] for n in NAMES])
def test_a_name_in_any_script_gets_a_pdf_that_looks_like_chromium_draws_it(
        page: Any, site_url: str, external_requests: list[str], tmp_path: Path, script: str, name: str,
        extractable: bool) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    number = issue(page, name)
    pdf = download(page, "download-pdf", tmp_path)

    text = " ".join(pdf_text(pdf).split())
    assert number in text
    if extractable:
        assert unicodedata.normalize("NFC", name) in text, f"{name!r} not in {text[:300]!r}"
    else:  # every letter is there, in the order the glyphs are drawn
        letters = [c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c) == "Lo"]
        assert all(letter in text for letter in letters), text[:300]

    pieces = _pieces_for(name, _manifest(site_url))
    assert pieces, "the name falls in no piece"
    gap, similarity = _compare(_pdf_name_image(pdf, tmp_path), _browser_name_image(page, site_url, name, pieces))
    assert gap < MAX_ASPECT_GAP and similarity > MIN_SIMILARITY, f"{script}: aspect gap {gap:.3f}, similarity {similarity:.3f}"
    assert external_requests == []


@pytest.mark.parametrize("name, wrong", [("محمد عبد الله", "\u200c".join("محمد عبد الله")), ("王小明", "□□□")],
                         ids=["unjoined-arabic", "tofu"])
def test_the_comparison_fails_for_unjoined_letters_and_tofu(page: Any, site_url: str, tmp_path: Path, name: str,
                                                             wrong: str) -> None:
    """The check above must be able to fail: the PDF's name against Chromium drawing it wrong."""
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, name)
    pdf_image = _pdf_name_image(download(page, "download-pdf", tmp_path), tmp_path)
    pieces = _pieces_for(name, _manifest(site_url)) + _pieces_for("□", _manifest(site_url))
    gap, similarity = _compare(pdf_image, _browser_name_image(page, site_url, wrong, pieces))
    assert gap >= MAX_ASPECT_GAP or similarity <= MIN_SIMILARITY, f"aspect gap {gap:.3f}, similarity {similarity:.3f}"


def test_a_latin_name_fetches_no_fontkit_and_no_other_script(page: Any, site_url: str, tmp_path: Path,
                                                             external_requests: list[str]) -> None:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "Zoë Brontë")
    download(page, "download-pdf", tmp_path)
    fetched = sorted(url.rsplit("/", 1)[-1].split(".")[0] for url in seen if "/vendor/" in url or "/pdf-fonts/" in url)
    assert fetched == ["latin", "latin", "manifest", "pdf-lib"], fetched
    assert external_requests == []


def test_an_arabic_name_loads_the_shaper(page: Any, site_url: str, tmp_path: Path) -> None:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "ليلى")
    download(page, "download-pdf", tmp_path)
    fetched = {url.rsplit("/", 1)[-1].split(".")[0] for url in seen if "/vendor/" in url or "/pdf-fonts/" in url}
    assert {"arabic", "fontkit", "runtime"} <= fetched and not any(f.startswith("cjk") for f in fetched), fetched
