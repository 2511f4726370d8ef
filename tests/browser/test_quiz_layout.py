"""Module pages that read well (hooks/assets/module.css) and questions placed beside the
sections they test (<!-- course:check ... -->), in Chromium on the built course."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Characters on each full line of the article's paragraphs and list items (a paragraph's
# last line is left out: it is short by nature), measured from the rendered glyphs.
_LINE_LENGTHS_JS = """() => {
  const article = document.querySelector('article.md-content__inner');
  const blocks = article.querySelectorAll(':scope > p, :scope > ul > li, :scope > ol > li');
  const lengths = [];
  for (const block of blocks) {
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) lines.set(Math.round(rect.top / 4), (lines.get(Math.round(rect.top / 4)) || 0) + 1);
      }
    }
    lengths.push(...Array.from(lines.values()).slice(0, -1));
  }
  return lengths;
}"""


def _manifest(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "course-manifest.json").read_text(encoding="utf-8"))


def test_every_question_of_a_module_is_on_its_page_once_and_checks_sit_between_sections(built_site: Path) -> None:
    for module in _manifest(built_site)["modules"]:
        page = (built_site / module["url"] / "index.html").read_text(encoding="utf-8")
        on_page = re.findall(r'<div class="quiz(?: [^"]*)?"[^>]* id="([^"]+)"', page)
        assert sorted(on_page) == sorted(module["quizzes"]), module["url"]
        checks = page.count('<div class="course-check">')
        if checks:  # an inline check is followed by more teaching, not only by the final check
            first = page.index('<div class="course-check">')
            final = page.find('<div class="course-check course-check--final">')
            assert "<h2 " in page[first: final if final != -1 else len(page)], module["url"]


def test_the_module_stylesheet_is_linked_on_pages_with_knowledge_checks_only(built_site: Path) -> None:
    module = _manifest(built_site)["modules"][0]
    assert re.search(r'<link rel="stylesheet" href="[^"]*/module\.css">', (built_site / module["url"] / "index.html").read_text(encoding="utf-8"))
    assert "module.css" not in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1366, 390])
def test_module_text_has_a_comfortable_measure_and_blocks_at_body_size(page: Any, built_site: Path, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + _manifest(built_site)["modules"][0]["url"])
    lengths = page.evaluate(_LINE_LENGTHS_JS)
    average = sum(lengths) / len(lengths)
    assert len(lengths) >= 10 and average <= 75, f"{average:.1f} characters a line"  # 82 before module.css
    body = page.evaluate("() => getComputedStyle(document.querySelector('article.md-content__inner')).fontSize")
    sizes = page.locator(".admonition").evaluate_all("(els) => els.map((el) => getComputedStyle(el).fontSize)")
    assert body == "16px" and sizes and set(sizes) == {body}, sizes


@pytest.mark.parametrize("width", [1366, 390])
def test_a_wrapped_option_stays_beside_its_radio(page: Any, built_site: Path, site_url: str, width: int) -> None:
    url = site_url + _manifest(built_site)["modules"][0]["url"]
    long_text = "An answer option written long enough to wrap onto several lines of the question card, " * 3

    def with_long_label(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'(<label for="[^"]+">)[^<]*(</label>)', lambda m: m[1] + html.escape(long_text) + m[2], response.text(), count=1)
        route.fulfill(response=response, body=body)

    page.route(url, with_long_label)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    label = page.locator("label", has_text="An answer option written long").first
    geometry = label.evaluate("""(label) => {
      const input = document.getElementById(label.htmlFor);
      const range = document.createRange();
      range.selectNodeContents(label);
      const lines = Array.from(range.getClientRects(), (r) => Math.round(r.left));
      return {lines, inputRight: input.getBoundingClientRect().right};
    }""")
    assert len(geometry["lines"]) >= 2, geometry  # it wraps
    assert max(geometry["lines"]) - min(geometry["lines"]) <= 1, geometry  # every line starts at the same edge
    assert min(geometry["lines"]) > geometry["inputRight"], geometry  # beside the radio, never under it
