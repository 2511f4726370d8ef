"""Integrity gate: a strict build prints no warning; no internal link, asset or anchor
in the built site is broken; every page has a title, a description and a language;
the site has a favicon, including /favicon.ico."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from support import ROOT, mkdocs_build

_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # http:, mailto:, javascript:, data:, //host


class _Page(HTMLParser):
    """What the gates need from one HTML file: links, ids, title, description, lang, icon."""

    LINKING = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
               ("iframe", "src"), ("area", "href"), ("video", "src"), ("audio", "src"), ("form", "action")}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang = ""
        self.title = ""
        self.description = ""
        self.icons: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        for linking_tag, attribute in self.LINKING:
            if tag == linking_tag and attribute in values:
                self.links.append(values[attribute])
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and values.get("name") == "description":
            self.description = values.get("content", "")
        elif tag == "link" and "icon" in values.get("rel", "").split():
            self.icons.append(values.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _pages(site: Path) -> dict[Path, _Page]:
    return {path.resolve(): _parse(path) for path in sorted(site.rglob("*.html"))}


def _target(site: Path, page: Path, link: str) -> tuple[Path, str]:
    """The file a relative or root-relative link points at, and its fragment."""
    url, fragment = urldefrag(link)
    path = unquote(urlsplit(url).path)
    if not path:
        return page, fragment
    base = site.resolve() if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, fragment


def _shown(site: Path, path: Path) -> str:
    return path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else str(path)


def test_the_strict_build_prints_no_warning(tmp_path: Path) -> None:
    result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    output = result.stderr + result.stdout
    assert result.returncode == 0, output
    assert not re.search(r"\b(WARNING|ERROR)\b", output), output


def test_no_internal_link_asset_or_anchor_is_broken(built_site: Path) -> None:
    pages = _pages(built_site)
    broken: list[str] = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            if not link or _EXTERNAL.match(link) or link == "#":
                continue
            target, fragment = _target(built_site, path, link)
            where = f"{_shown(built_site, path)}: {link}"
            checked += 1
            if not target.is_file():
                broken.append(f"{where} (no file {_shown(built_site, target)})")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{where} (no id '{fragment}' in {_shown(built_site, target)})")
    assert checked > 100
    assert broken == [], "\n".join(broken)


def test_every_page_has_a_title_a_description_and_a_language(built_site: Path) -> None:
    missing = [
        f"{_shown(built_site, path)}: " + ", ".join(
            name for name, value in (("title", page.title), ("meta description", page.description), ("html lang", page.lang))
            if not value.strip())
        for path, page in _pages(built_site).items()
        if not (page.title.strip() and page.description.strip() and page.lang.strip())
    ]
    assert missing == [], "\n".join(missing)


def test_the_site_has_a_favicon(built_site: Path) -> None:
    ico = built_site / "favicon.ico"
    assert ico.is_file(), "browsers and Lighthouse ask for /favicon.ico"
    assert ico.read_bytes()[:4] == b"\x00\x00\x01\x00", "favicon.ico is not an ICO file"
    for path, page in _pages(built_site).items():
        assert page.icons, f"{_shown(built_site, path)} links no icon"
        for icon in page.icons:
            target, _ = _target(built_site, path, icon)
            assert target.is_file() and target.stat().st_size > 0, f"{_shown(built_site, path)}: icon {icon} is missing"
