"""The course home's first screen and module cards as the build writes them (coursekit/render.py):
facts from the settings, the time from the pages, the first step as the action, links that work
from any page, and organizer text shown as text."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from coursekit.i18n import shipped_catalogue
from coursekit.render import _relative_url, modules_markdown, overview_html
from support import course_model

ENGLISH = shipped_catalogue("en")


@pytest.fixture(scope="module")
def course():  # type: ignore[no-untyped-def]
    return course_model()


def test_the_overview_states_the_facts_and_starts_at_the_first_module(course) -> None:  # type: ignore[no-untyped-def]
    out = overview_html(course, "", ENGLISH)
    s = course.settings
    assert html.escape(s.provider) in out
    assert ENGLISH.text(f"page.details.level.{s.level}") in out
    if s.credit_unit != "none":
        assert html.escape(ENGLISH.credit(s.ce_hours, s.credit_unit)) in out
    first = course.modules[0]
    assert f'class="md-button md-button--primary course-next-button" href="{first.url}"' in out
    assert out.count("md-button--primary") == 1
    assert html.escape(first.title) in out and ENGLISH.text("home.start") in out


def test_the_time_adds_up_the_modules_post_test_and_evaluation(course) -> None:  # type: ignore[no-untyped-def]
    def with_minutes(minutes: list[int]):  # type: ignore[no-untyped-def]
        modules = iter(minutes)
        pages = tuple(dataclasses.replace(p, minutes=next(modules)) if p.role == "module" else
                      dataclasses.replace(p, minutes=0) if p.role in ("post-test", "evaluation") else p for p in course.pages)
        return dataclasses.replace(course, pages=pages)

    count = len(course.modules)
    time = lambda c: re.search(r"<dt>Time</dt><dd>(.*?)</dd>", overview_html(c, "", ENGLISH)).group(1)  # noqa: E731
    assert time(with_minutes([50 // count] * count)) == f"About {50 // count * count} minutes"
    assert time(with_minutes([100] + [0] * (count - 1))) == "About 1.5 hours"  # 100 min: to the half hour
    assert time(with_minutes([110] + [0] * (count - 1))) == "About 2 hours"
    assert time(with_minutes([1] + [0] * (count - 1))) == "About 1 minute"


def test_organizer_text_stays_text_and_a_non_credit_course_shows_no_credit(course) -> None:  # type: ignore[no-untyped-def]
    hostile = "<img src=x onerror=alert(1)>"
    settings = dataclasses.replace(course.settings, provider=hostile, credit_unit="none")
    pages = tuple(dataclasses.replace(p, title=hostile) if p.role == "module" else p for p in course.pages)
    changed = dataclasses.replace(course, settings=settings, pages=pages)
    for out in (overview_html(changed, "", ENGLISH), modules_markdown(changed, "", ENGLISH)):
        assert "<img" not in out and html.escape(hostile) in out
    assert "<dt>Credit</dt>" not in overview_html(changed, "", ENGLISH)


def test_module_cards_link_each_module_with_a_place_for_its_status(course) -> None:  # type: ignore[no-untyped-def]
    out = modules_markdown(course, "", ENGLISH)
    cards = re.findall(r'<li class="course-module" data-course-step="([^"]+)">.*?href="([^"]+)".*?'
                       r'<p class="course-step-status"></p></li>', out)
    assert cards == [(m.url, m.url) for m in course.modules]
    assert f"Module 1 of {len(course.modules)} ({course.modules[0].minutes} min)" in out


@pytest.mark.parametrize(("target", "page", "link"), [
    ("modules/evidence/", "", "modules/evidence/"),
    ("modules/evidence/", "about/", "../modules/evidence/"),
    ("modules/evidence/", "modules/myths/", "../evidence/"),
    ("modules/evidence.html", "index.html", "modules/evidence.html"),
    ("modules/evidence.html", "a/b.html", "../modules/evidence.html"),
])
def test_links_work_from_any_page(target: str, page: str, link: str) -> None:
    assert _relative_url(target, page) == link
