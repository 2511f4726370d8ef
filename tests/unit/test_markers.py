"""The marker registry: one rule for finding, checking and expanding `<!-- course:NAME -->`."""

from __future__ import annotations

import re

import pytest

from coursekit.errors import CourseError
from coursekit.markers import REGISTRY, check_markers, check_no_raw_quiz, check_placements, expand_markers, find_markers


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
    assert expand_markers(text, None, lambda name, ids: pytest.fail(f"expanded {name}")) == text


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
    out = expand_markers("# Module\n\nText.\n", "module", lambda name, ids: f"[{name}]")
    assert out.endswith("[knowledge-check]\n")
    placed = expand_markers("# M\n\n<!--course:knowledge-check-->\n\nAfter.\n", "module", lambda name, ids: f"[{name}]")
    assert placed == "# M\n\n[knowledge-check]\n\nAfter.\n"


def test_raw_quiz_outside_code_is_refused_with_its_line() -> None:
    with pytest.raises(CourseError) as caught:
        check_no_raw_quiz("# T\n\n<quiz>\nQ?\n</quiz>\n", "docs/m.md", first_line=6)
    assert caught.value.line == 8
    check_no_raw_quiz("# T\n\n```markdown\n<quiz>\nQ?\n</quiz>\n```\n", "docs/m.md")


# ---- questions placed beside their sections: <!-- course:check ID ... --> ----------------------

BANK = ("origin", "metaphor", "signs", "limits")
_CHECKED_PAGE = "# M\n\nIntro.\n\n<!-- course:check origin, metaphor -->\n\n## Signs\n\n<!--course:check signs-->\n"


def _expanded(text: str, questions: tuple[str, ...] = BANK) -> str:
    return expand_markers(text, "module", lambda name, ids: f"[{name}: {' '.join(ids)}]", questions)


def test_check_markers_carry_their_question_ids_and_may_repeat() -> None:
    found = find_markers(_CHECKED_PAGE)
    assert [(m.name, m.arguments) for m in found] == [("check", ("origin", "metaphor")), ("check", ("signs",))]
    check_markers(_CHECKED_PAGE, "docs/m.md", "module")
    check_placements(_CHECKED_PAGE, "docs/m.md", BANK, "quizzes/m.yml")


def test_the_questions_placed_nowhere_form_the_final_check_at_the_end() -> None:
    out = _expanded(_CHECKED_PAGE)
    assert "[check: origin metaphor]" in out and "[check: signs]" in out
    assert out.endswith("[knowledge-check: limits]\n")
    placed = _expanded(_CHECKED_PAGE.replace("## Signs", "<!-- course:knowledge-check -->\n\n## Signs"))
    assert placed.index("[knowledge-check: limits]") < placed.index("## Signs")  # where the author put it
    assert _expanded("# M\n\nText.\n").endswith("[knowledge-check: origin metaphor signs limits]\n")  # no checks: the whole bank


def test_a_page_whose_checks_place_every_question_gets_no_empty_final_check() -> None:
    out = _expanded("# M\n\n<!-- course:check limits signs metaphor origin -->\n")
    assert "knowledge-check" not in out and out.endswith("[check: limits signs metaphor origin]\n")


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a\n\n<!-- course:check origin orgin -->\n", 12, ["'orgin' is not a question of this module's bank quizzes/m.yml", "origin, metaphor, signs, limits"]),
    ("<!-- course:check origin -->\n\n<!-- course:check signs origin -->\n", 12, ["'origin' is placed twice (first on line 10)"]),
    ("<!-- course:check origin origin -->\n", 10, ["'origin' is placed twice (in this same marker)"]),
    ("<!-- course:check origin metaphor signs limits -->\n\n<!-- course:knowledge-check -->\n", 12, ["final knowledge check would be empty"]),
])
def test_misplaced_questions_are_errors_at_their_line(text: str, line: int, words: list[str]) -> None:
    with pytest.raises(CourseError) as caught:
        check_placements(text, "docs/m.md", BANK, "quizzes/m.yml", first_line=10)
    assert (caught.value.file, caught.value.line) == ("docs/m.md", line)
    assert all(word in caught.value.message for word in words), caught.value.message


@pytest.mark.parametrize(("text", "role", "words"), [
    ("<!-- course:check -->\n", "module", "names the questions it places"),
    ("<!-- course:knowledge-check origin -->\n", "module", "takes nothing after its name; remove 'origin'"),
    ("<!-- course:details extra -->\n", None, "takes nothing after its name"),
    ("<!-- course:check origin -->\n", "post-test", "belongs on a page with 'course: {role: module}'"),
])
def test_check_markers_are_checked_like_every_marker(text: str, role: str | None, words: str) -> None:
    with pytest.raises(CourseError, match=re.escape(words)):
        check_markers(text, "docs/p.md", role)


def test_a_check_needs_a_bank() -> None:
    with pytest.raises(CourseError, match="needs a question bank"):
        check_markers("<!-- course:check origin -->\n", "docs/m.md", "module", has_bank=False)
