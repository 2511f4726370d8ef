"""The repository's course passes the CE rules its mkdocs.yml chooses (`extra.course.rules`).

The rules themselves live in hooks/coursekit/rules.py and are checked during every
build; tests/unit/test_rules.py makes each of them fail. Here: the course in this
checkout (whichever course that is, see tests/fork_check.sh) meets its own rules,
those rules have something to check, and they do run against it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.model import Course
from coursekit.rules import active_rules, find_citations, read_references
from support import ROOT, course_model, course_settings, docs_folder


@pytest.fixture(scope="module")
def course() -> Course:
    return course_model(ROOT)  # raises CourseError at the first rule the course breaks


def test_the_course_passes_the_rules_it_chooses(course: Course) -> None:
    chosen = course.settings.rules
    active = active_rules(chosen, course.settings.written)
    for name, value in chosen.overrides:
        assert (name in active) == (value is not None), name
    print(f"\nrules: preset {chosen.preset}; on: {', '.join(active) or 'none'}")


def test_the_rules_have_something_to_check(course: Course) -> None:
    """Guards against rules passing vacuously: each rule that is on finds its subject in the course."""
    active = active_rules(course.settings.rules, course.settings.written)
    assert course.modules and all(page.bank in course.banks for page in course.modules)
    if {"post_test_length", "post_test_covers", "true_false_max"} & set(active):
        post_test = course.page_with_role("post-test")
        assert post_test is not None and course.banks[post_test.bank or ""].questions
    if "objectives_min" in active:
        assert all(page.objectives for page in course.modules)
    if "references" in active:
        page = ROOT / active["references"]
        entries = read_references(page.read_text(encoding="utf-8"), active["references"])
        texts = [p.read_text(encoding="utf-8") for p in (ROOT / docs_folder(ROOT)).rglob("*.md") if p != page]
        assert entries and sum(len(find_citations(text)) for text in texts) >= len(entries)


def test_the_rules_run_against_this_course(tmp_path: Path, course: Course) -> None:
    """A copy that asks one objective more than its best-equipped module has fails, at a module."""
    root = tmp_path / "course"
    settings = course_settings(ROOT)
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in (docs_folder(ROOT), settings.banks_dir):
        shutil.copytree(ROOT / folder, root / folder)
    more = max(len(page.objectives) for page in course.modules) + 1
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    rules_at = settings.where("rules")[1] if "rules" in settings.written else None
    lines = text.splitlines(keepends=True)
    if rules_at is not None:
        del lines[rules_at - 1:_block_end(lines, rules_at - 1)]
    course_line = settings.where()[1]
    assert course_line is not None
    lines.insert(course_line, f"    rules: {{preset: none, objectives_min: {more}}}\n")
    config.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        course_model(root)
    assert caught.value.file in {page.src for page in course.modules}
    assert f"a module needs at least {more}" in caught.value.message


def _block_end(lines: list[str], start: int) -> int:
    """The index after a YAML key's block: the next line indented no deeper than the key."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return end
