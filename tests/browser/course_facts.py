"""What the browser tests expect of whichever course is built, read from its manifest or built pages,
never written down: steps, requirements, hours as the certificate prints them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

# Which requirement switch (mkdocs.yml `requirements:`) governs each kind of step, and its page in the manifest.
KINDS = {"module": ("modules", "modules"), "post-test": ("post_test", "post_test"), "evaluation": ("evaluation", "evaluation")}


def steps(manifest: dict[str, Any]) -> int:
    """The steps the progress panel counts: every module, the post-test and the evaluation when the course has them."""
    return len(manifest["modules"]) + bool(manifest["post_test"]) + bool(manifest["evaluation"])


def has_step(manifest: dict[str, Any], kind: str) -> bool:
    return bool(manifest[KINDS[kind][1]])


def required(manifest: dict[str, Any], kind: str) -> bool:
    """Whether the certificate needs this kind of step (a course without the page needs nothing of it)."""
    return has_step(manifest, kind) and manifest["course"]["requirements"][KINDS[kind][0]] is not False


def step_count(manifest: dict[str, Any], kind: str) -> int:
    return len(manifest["modules"]) if kind == "module" else int(has_step(manifest, kind))


def required_steps(manifest: dict[str, Any]) -> int:
    return sum(step_count(manifest, kind) for kind in KINDS if required(manifest, kind))


def hours_text(hours: float) -> str:
    """CE hours as the certificate prints them (certificate.js, hoursText): 1.0, 0.5, 0.25."""
    return f"{hours:.1f}" if float(hours * 10).is_integer() else str(hours)


def home_heading(built_site: Path) -> str:
    """The text of the course home's first heading, as built (its permalink sign left out)."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", (built_site / "index.html").read_text(encoding="utf-8"), re.S)
    assert match, "the course home has no <h1>"
    text = re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", match.group(1))
    return html.unescape(text).strip()


def article_paragraphs(built_site: Path, url: str = "") -> int:
    """How many paragraphs the built page's article holds before any script runs."""
    page = (built_site / url / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", page, re.S)
    return len(re.findall(r"<p[\s>]", article.group(0))) if article else 0
