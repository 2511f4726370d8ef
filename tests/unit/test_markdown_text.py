"""markdown_text: raw HTML in bank text is shown as text; code and blanks are left alone."""

from __future__ import annotations

import random
import re
import time

import markdown
import pytest

from mkdocs_quiz.parsing import FILL_BLANK_REGEX

from coursekit.markdown_text import blank_spans, escape_raw_html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("Wrong</label></form>", "Wrong&lt;/label>&lt;/form>"),
        ("a `<b>` and ``x <i> `y` `` <u>", "a `<b>` and ``x <i> `y` `` &lt;u>"),
        ("see <https://example.org/a> or <mailto:a@b.c>", "see <https://example.org/a> or <mailto:a@b.c>"),
        ("&lt;kept&gt; & 3 > 2", "&lt;kept&gt; & 3 > 2"),
        ("> quoted <b>\n\nnext", "> quoted &lt;b>\n\nnext"),
        ("x\n```html\n<div>\n```\n<p>", "x\n```html\n<div>\n```\n&lt;p>"),
        ("~~~~\n<a>\n~~~~\n<b>", "~~~~\n<a>\n~~~~\n&lt;b>"),
        ("~~~~\n<a>\n~~~\n<b>\n~~~~~\n<c>", "~~~~\n&lt;a>\n~~~\n&lt;b>\n~~~~~\n&lt;c>"),  # unclear fences: no code
        ("```\n<a>\n````\n", "```\n&lt;a>\n````\n"),  # fenced_code would not close it here
        ("```{.py}\n<a>\n```\n", "```{.py}\n&lt;a>\n```\n"),
        ("```\n<never closed>\n", "```\n&lt;never closed>\n"),
        ("`one\n<two>`", "`one\n&lt;two>`"),  # a span across lines may cross blocks: escaped, safe
        ("a `x\n`<b>` c", "a `x\n`&lt;b>` c"),  # Markdown may pair the first run with the second
        ("``a`b<x>` c", "``a`b&lt;x>` c"),  # no closing run of 2: Markdown's pairing is unclear
        ("\\`<b>\\`", "\\`&lt;b>\\`"),  # escaped backticks open no span
        ("[[<b>]] <b>", "[[&lt;b>]] &lt;b>"),
    ],
)
def test_raw_html_is_escaped_outside_code(text: str, escaped: str) -> None:
    assert escape_raw_html(text) == escaped


def test_fences_are_prose_where_the_site_has_no_fenced_code() -> None:
    assert escape_raw_html("```\n<a>\n```\n", fences=False) == "```\n&lt;a>\n```\n"


def test_blank_spans_agree_with_mkdocs_quiz() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice("[]a <") for _ in range(rng.randint(0, 16)))
        assert blank_spans(text) == [m.span() for m in re.finditer(FILL_BLANK_REGEX, text)], text


def test_blanks_are_kept_only_when_asked() -> None:
    assert escape_raw_html("A [[<b>]] <b>", blanks=True) == "A [[<b>]] &lt;b>"


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", 'x <img src=y onerror="z()">', "a</p></div><p>b",
                                  "`a`<b>`c`", "```\n<x>\n"])
def test_markdown_of_escaped_text_makes_no_element_from_the_text(text: str) -> None:
    html = markdown.markdown(escape_raw_html(text), extensions=["fenced_code"])
    assert "<script" not in html and "<img" not in html and "</div>" not in html and "<x>" not in html


def test_code_still_shows_its_code() -> None:
    html = markdown.markdown(escape_raw_html("Use `<br>` here.\n\n```\n<div>\n```\n"), extensions=["fenced_code"])
    assert "<code>&lt;br&gt;</code>" in html and "&lt;div&gt;" in html


@pytest.mark.parametrize("text", ["```x <\n" * 20_000, "<" + "`" * 100_000, "``a" * 30_000 + "<", "[[" * 100_000 + "<",
                                  "` " * 30_000 + "<", "\\`" * 30_000 + "<"])
def test_hostile_text_costs_linear_time(text: str) -> None:
    start = time.monotonic()
    escape_raw_html(text, blanks=True)
    blank_spans(text)
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("extensions", [[], ["fenced_code"], ["pymdownx.superfences"], ["md_in_html", "admonition", "pymdownx.superfences"]])
def test_no_text_mixes_into_a_tag_whatever_markdown_reads(extensions: list[str]) -> None:
    """Differential: random Markdown-ish text, escaped, never yields a <b> element in Python-Markdown."""
    tokens = ["`", "``", "```", "~~~", "<b>", "\n", "\n\n", "a", " ", "\\", "> ", "- ", "    ", "# ", "```py\n", "[[<b>]]"]
    rng = random.Random(11)
    md = markdown.Markdown(extensions=extensions)
    for _ in range(1500):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 14)))
        md.reset()
        assert "<b>" not in md.convert(escape_raw_html(text, fences=bool(extensions))), repr(text)
