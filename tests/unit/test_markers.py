"""The marker registry: one rule for finding, checking and expanding `<!-- course:NAME -->`."""

from __future__ import annotations

import pytest

from coursekit.errors import CourseError
from coursekit.markers import REGISTRY, check_markers, check_no_raw_quiz, expand_markers, find_markers


@pytest.mark.parametrize("written", [
    "<!-- course:details -->", "<!--course:details-->", "<!--  course:details  -->",
    "<!-- course: details -->", "<!-- course :details -->", "<!--\tcourse:details\t-->",
])
def test_spacing_inside_a_marker_is_free(written: str) -> None:
    assert [m.name for m in find_markers(f"Intro\n\n{written}\n")] == ["details"]


def test_lines_count_from_the_given_first_line() -> None:
    text = "# Title\n\ntext\n<!-- course:modules -->\n"
    assert find_markers(text, first_line=7)[0].line == 10


@pytest.mark.parametrize("text", [
    "```\n<!-- course:nonsense -->\n```\n",
    "~~~markdown\n<!-- course:nonsense -->\n~~~\n",
    "    ```html\n    <!-- course:nonsense -->\n    ```\n",
    "Write `<!-- course:nonsense -->` where the table goes.\n",
    "Write ``<!-- course:nonsense --> `x` `` here.\n",
])
def test_markers_shown_as_code_are_left_alone(text: str) -> None:
    assert find_markers(text) == []
    check_markers(text, "docs/page.md", None)
    assert expand_markers(text, None, lambda name: pytest.fail(f"expanded {name}")) == text


def test_a_stray_backtick_does_not_hide_a_marker_in_the_next_paragraph() -> None:
    text = "A lone ` backtick.\n\n<!-- course:details --> and ` another\n"
    assert [m.name for m in find_markers(text)] == ["details"]


def test_unknown_marker_names_the_known_ones_and_the_line() -> None:
    with pytest.raises(CourseError) as caught:
        check_markers("a\n\n<!-- course:module-list -->\n", "docs/index.md", None, first_line=5)
    assert (caught.value.file, caught.value.line) == ("docs/index.md", 7)
    assert "unknown marker '<!-- course:module-list -->'" in caught.value.message
    assert all(name in caught.value.message for name in REGISTRY)


def test_repeated_marker_is_an_error_on_its_second_line() -> None:
    text = "<!-- course:knowledge-check -->\n\ntext\n<!--course:knowledge-check-->\n"
    with pytest.raises(CourseError) as caught:
        check_markers(text, "docs/m.md", "module", first_line=10)
    assert caught.value.line == 13
    assert "used twice (first on line 10)" in caught.value.message


@pytest.mark.parametrize(("name", "role"), [
    ("knowledge-check", None), ("knowledge-check", "post-test"), ("post-test", "module"),
    ("evaluation", None), ("certificate", "evaluation"),
])
def test_a_marker_on_a_page_it_does_not_belong_to(name: str, role: str | None) -> None:
    with pytest.raises(CourseError, match="belongs on a page with"):
        check_markers(f"<!-- course:{name} -->\n", "docs/p.md", role)


def test_page_markers_fit_any_page() -> None:
    for role in (None, "module", "post-test", "evaluation", "certificate"):
        check_markers("<!-- course:details -->\n<!-- course:modules -->\n<!-- course:progress -->\n", "docs/p.md", role)


def test_expansion_adds_the_role_marker_when_the_author_placed_none() -> None:
    out = expand_markers("# Module\n\nText.\n", "module", lambda name: f"[{name}]")
    assert out.endswith("[knowledge-check]\n")
    placed = expand_markers("# M\n\n<!--course:knowledge-check-->\n\nAfter.\n", "module", lambda name: f"[{name}]")
    assert placed == "# M\n\n[knowledge-check]\n\nAfter.\n"


def test_raw_quiz_outside_code_is_refused_with_its_line() -> None:
    with pytest.raises(CourseError) as caught:
        check_no_raw_quiz("# T\n\n<quiz>\nQ?\n</quiz>\n", "docs/m.md", first_line=6)
    assert caught.value.line == 8
    check_no_raw_quiz("# T\n\n```markdown\n<quiz>\nQ?\n</quiz>\n```\n", "docs/m.md")
