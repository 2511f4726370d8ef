"""Organizer text the hooks write into pages never becomes markup."""

from __future__ import annotations

from coursekit.i18n import shipped_catalogue
from coursekit.pages import CoursePage
from coursekit.render import fill_slot, objectives_markdown, widget_slot


def _module(objectives: tuple[str, ...]) -> CoursePage:
    return CoursePage(role="module", src="docs/m.md", uri="m.md", url="m/", title="M", slug="m", minutes=10,
                      bank="m", form=None, objectives=objectives, words=100)


def test_objectives_show_raw_html_as_text_but_keep_code() -> None:
    out = objectives_markdown(_module(("Spot <img src=x onerror=alert(1)> tags", "Use `<kbd>` well")), shipped_catalogue("en"))
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)>" in out
    assert "`<kbd>`" in out


def test_a_widget_slot_is_filled_once_and_only_where_it_stands() -> None:
    page = f"<p>a</p>{widget_slot('post-test').strip()}<p>b</p>"
    assert fill_slot(page, "post-test", "<form></form>") == "<p>a</p><form></form><p>b</p>"
    assert fill_slot(page, "evaluation", "<form></form>") == page
    assert 'data-course-widget="progress"' in widget_slot("progress")
