"""Page weight: what a learner's browser downloads, first visit and repeat visit.

    python benchmarks/page_weight.py [--site DIR] [--verbose]

Builds the course with --strict (or measures an existing site/), serves it on
127.0.0.1 and opens four pages in Chromium, each in a fresh browser profile.
The server records every request the browser really makes (stylesheets,
scripts, ES module imports, fetch() of JSON, the search worker, fonts,
images), so nothing referenced only at run time is missed.

Cache model (stated, not guessed): files with a content hash in their URL
(`*.1a2b3c4d.min.js`, `assets/course/<hash>/...`) are served
`Cache-Control: max-age=31536000, immutable`; HTML is `no-store` (always
downloaded in full); every other file is `no-cache` with Last-Modified (a
repeat visit revalidates it: 304, no body). "Repeat visit" = the same page
opened again in the same profile (via about:blank).

Sizes: "raw" is the body as stored; "gzip" is the same body gzipped at level 6
(text types only: HTML, CSS, JS, JSON, SVG, XML, TXT; images and fonts count
as raw). A 304 costs 0 bytes of body. Headers are not counted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import CHROMIUM_ARGS, QuietHandler, build_course, chromium_path, gzip_size, kb, serve  # noqa: E402

PAGES = {
    "course home": "",
    "module (three-components)": "modules/three-components/",
    "post-test": "post-test/",
    "certificate": "certificate/",
}
# Issue targets (see benchmarks/README.md).
MODULE_HTML_GZIP_BUDGET = 6 * 1024
MODULE_FIRST_VISIT_GZIP_BUDGET = 120 * 1024

HASHED = re.compile(r"\.[0-9a-f]{8}\.(?:min\.)?(?:js|css)$|/assets/course/[0-9a-f]{8}/")
TEXT_TYPES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map")
PDF_LIBRARY = re.compile(r"pdf-lib|fontkit|jspdf|\.ttf$|\.otf$", re.I)


# --------------------------------------------------------------------------
# HTML weight without the teaching text (also used by tests/quality)
# --------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ProseFinder(HTMLParser):
    """Offsets of the text inside <article> that is not part of a quiz."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, in_article, kept)
        self.spans: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        in_article, kept = self._stack[-1][1:] if self._stack else (False, False)
        self._stack.append((tag, in_article or tag == "article", kept or "quiz" in classes or tag in ("script", "style")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                return

    def _text(self, length: int) -> None:
        if self._stack and self._stack[-1][1] and not self._stack[-1][2]:
            start = self._offset()
            self.spans.append((start, start + length))

    def handle_data(self, data: str) -> None:
        self._text(len(data))

    def handle_entityref(self, name: str) -> None:
        self._text(len(name) + 2)

    def handle_charref(self, name: str) -> None:
        self._text(len(name) + 3)


def strip_teaching_text(html: str) -> str:
    """The page with the text of its article removed, quizzes kept: the weight that
    the theme, the navigation, the builder and the question bank add to a page."""
    finder = _ProseFinder(html)
    finder.feed(html)
    finder.close()
    parts, last = [], 0
    for start, end in finder.spans:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return "".join(parts)


@dataclass(frozen=True)
class HtmlWeight:
    raw: int
    gzip: int
    gzip_without_text: int


def html_weight(path: Path) -> HtmlWeight:
    data = path.read_bytes()
    stripped = strip_teaching_text(data.decode("utf-8")).encode("utf-8")
    return HtmlWeight(raw=len(data), gzip=gzip_size(data), gzip_without_text=gzip_size(stripped))


# --------------------------------------------------------------------------
# Recording server
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Transfer:
    path: str
    status: int
    raw: int
    gzip: int


class _Recorder:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.lock = threading.Lock()
        self.transfers: list[Transfer] = []
        self._gzip_cache: dict[Path, int] = {}

    def file_for(self, url_path: str) -> Path | None:
        path = self.site / unquote(urlsplit(url_path).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def record(self, url_path: str, status: int) -> None:
        file = self.file_for(url_path)
        raw = gz = 0
        if status == 200 and file is not None:
            data = file.read_bytes()
            raw = len(data)
            if file.suffix in TEXT_TYPES:
                gz = self._gzip_cache.setdefault(file, gzip_size(data))
            else:
                gz = raw
        with self.lock:
            self.transfers.append(Transfer(urlsplit(url_path).path, status, raw, gz))

    def take(self) -> list[Transfer]:
        with self.lock:
            taken, self.transfers = self.transfers, []
        return taken


def _handler(recorder: _Recorder) -> type[QuietHandler]:
    class CachingHandler(QuietHandler):
        def _is_html(self) -> bool:
            path = urlsplit(self.path).path
            return path.endswith("/") or path.endswith(".html")

        def send_head(self):  # type: ignore[no-untyped-def]
            if self._is_html():
                del self.headers["If-Modified-Since"]
                del self.headers["If-None-Match"]
            return super().send_head()

        def end_headers(self) -> None:
            if self._is_html():
                self.send_header("Cache-Control", "no-store")
            elif HASHED.search(urlsplit(self.path).path):
                self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            else:
                self.send_header("Cache-Control", "no-cache")
            super().end_headers()

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            recorder.record(self.path, int(getattr(code, "value", code)))

    return CachingHandler


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


@dataclass
class Visit:
    transfers: list[Transfer]

    @property
    def requests(self) -> int:
        return len(self.transfers)

    @property
    def revalidated(self) -> int:
        return sum(t.status == 304 for t in self.transfers)

    @property
    def raw(self) -> int:
        return sum(t.raw for t in self.transfers)

    @property
    def gzip(self) -> int:
        return sum(t.gzip for t in self.transfers)

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for t in self.transfers:
            kinds[_kind(t.path)] = kinds.get(_kind(t.path), 0) + t.gzip
        return kinds


def _kind(path: str) -> str:
    if path.endswith("/") or path.endswith(".html"):
        return "html"
    suffix = Path(path).suffix.lower()
    return {".css": "css", ".js": "js", ".mjs": "js", ".json": "json", ".woff2": "font", ".woff": "font",
            ".ttf": "font", ".png": "image", ".svg": "image", ".ico": "image", ".jpg": "image", ".webp": "image"}.get(suffix, suffix or "other")


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def measure(site: Path) -> dict[str, tuple[Visit, Visit]]:
    from playwright.sync_api import sync_playwright

    recorder = _Recorder(site)
    results: dict[str, tuple[Visit, Visit]] = {}
    with serve(site, _handler(recorder)) as base, sync_playwright() as playwright:
        executable = chromium_path()
        browser = playwright.chromium.launch(args=CHROMIUM_ARGS, **({"executable_path": executable} if executable else {}))
        for name, url in PAGES.items():
            context = browser.new_context()
            page = context.new_page()
            recorder.take()
            page.goto(base + url)
            _settle(page)
            first = recorder.take()
            icon = page.evaluate("() => document.querySelector('link[rel~=icon]')?.getAttribute('href')")
            page.goto("about:blank")
            recorder.take()
            page.goto(base + url)
            _settle(page)
            repeat = recorder.take()
            context.close()
            # Headless Chromium skips the favicon; a real browser fetches it once.
            if icon:
                icon_url = urlsplit(urljoin(base + url, icon)).path
                if not any(t.path == icon_url for t in first):
                    recorder.record(icon_url, 200)
                    first += recorder.take()
            results[name] = (Visit(first), Visit(repeat))
        browser.close()
    return results


def _on_demand_pdf(site: Path) -> tuple[int, int, list[str]]:
    files = [p for p in site.rglob("*") if p.is_file() and PDF_LIBRARY.search(p.relative_to(site).as_posix()) and "LICENSE" not in p.name]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(gzip_size(p.read_bytes()) for p in files)
    return raw, gz, [p.relative_to(site).as_posix() for p in files]


def _stock_module_html(path: Path) -> bytes:
    """The page with the stylesheet and script mkdocs-quiz inlines into every page it
    processes put back (our hooks replace them with cached files)."""
    from mkdocs_quiz import plugin as quiz_plugin

    html = path.read_text(encoding="utf-8")
    return html.replace("</article>", quiz_plugin.style + quiz_plugin.js_script + "</article>", 1).encode("utf-8")


def report(site: Path, results: dict[str, tuple[Visit, Visit]], verbose: bool) -> dict[str, object]:
    print("Page weight (KB = 1024 bytes; gzip level 6; headers not counted)")
    print()
    header = f"{'page':28} {'HTML raw':>9} {'HTML gz':>8} {'w/o text gz':>11} | {'first: req':>10} {'raw':>7} {'gzip':>7} | {'repeat: req':>11} {'304':>4} {'raw':>6} {'gzip':>6}"
    print(header)
    print("-" * len(header))
    summary: dict[str, object] = {}
    for name, url in PAGES.items():
        first, repeat = results[name]
        weight = html_weight(site / url / "index.html")
        print(f"{name:28} {kb(weight.raw):>9} {kb(weight.gzip):>8} {kb(weight.gzip_without_text):>11} | "
              f"{first.requests:>10} {kb(first.raw):>7} {kb(first.gzip):>7} | "
              f"{repeat.requests:>11} {repeat.revalidated:>4} {kb(repeat.raw):>6} {kb(repeat.gzip):>6}")
        summary[name] = {
            "html_raw": weight.raw, "html_gzip": weight.gzip, "html_gzip_without_text": weight.gzip_without_text,
            "first_requests": first.requests, "first_raw": first.raw, "first_gzip": first.gzip,
            "repeat_requests": repeat.requests, "repeat_revalidated": repeat.revalidated,
            "repeat_raw": repeat.raw, "repeat_gzip": repeat.gzip,
            "first_gzip_by_kind": first.by_kind(),
            "pdf_library_on_first_visit": [t.path for t in first.transfers if PDF_LIBRARY.search(t.path)],
        }
    print()
    print("First visit, gzip KB by kind:")
    for name in PAGES:
        kinds = results[name][0].by_kind()
        print(f"  {name:28} " + ", ".join(f"{k} {kb(v)}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])))
    if verbose:
        for name in PAGES:
            first, repeat = results[name]
            print(f"\n{name}: first visit")
            for t in sorted(first.transfers, key=lambda t: -t.gzip):
                print(f"  {t.status} {kb(t.raw):>7} {kb(t.gzip):>7}  {t.path}")
            print(f"{name}: repeat visit")
            for t in repeat.transfers:
                print(f"  {t.status} {kb(t.raw):>7} {kb(t.gzip):>7}  {t.path}")

    module = summary["module (three-components)"]
    assert isinstance(module, dict)
    pdf_raw, pdf_gz, pdf_files = _on_demand_pdf(site)
    pdf_pages = [name for name in PAGES if summary[name]["pdf_library_on_first_visit"]]  # type: ignore[index]
    print()
    print("Targets:")
    print(f"  module page HTML <= 6 KB gzip:                {kb(module['html_gzip'])} KB  "
          f"{'MET' if module['html_gzip'] <= MODULE_HTML_GZIP_BUDGET else 'NOT MET'}"
          f"  (without its teaching text: {kb(module['html_gzip_without_text'])} KB "
          f"{'MET' if module['html_gzip_without_text'] <= MODULE_HTML_GZIP_BUDGET else 'NOT MET'})")
    print(f"  module page first visit <= 120 KB gzip total: {kb(module['first_gzip'])} KB  "
          f"{'MET' if module['first_gzip'] <= MODULE_FIRST_VISIT_GZIP_BUDGET else 'NOT MET'}")
    only_certificate = all(name == "certificate" for name in pdf_pages)
    print(f"  PDF library only on the certificate page:     "
          f"{'MET' if only_certificate else 'NOT MET'}; loaded on first visit by: {', '.join(pdf_pages) or 'no page'}; "
          f"on demand: {kb(pdf_raw)} KB raw, {kb(pdf_gz)} KB gzip ({', '.join(pdf_files) or 'no PDF library in the site'})")
    stock = _stock_module_html(site / PAGES["module (three-components)"] / "index.html")
    print(f"  baseline: the same module page as stock mkdocs-quiz writes it (its CSS and JS inlined): "
          f"{kb(len(stock))} KB raw, {kb(gzip_size(stock))} KB gzip, on every visit")
    summary["stock_module_html"] = {"raw": len(stock), "gzip": gzip_size(stock)}
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="measure this built site instead of building the course")
    parser.add_argument("--verbose", action="store_true", help="list every transfer")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_course(Path(tmp) / "site")
        summary = report(site, measure(site), args.verbose)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
