"""model: pages and banks fit together; cross-file mistakes name the file and line to fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.model import Course, build_course
from coursekit.pages import PageSource
from coursekit.project import Project
from coursekit.settings import parse_settings
from coursekit.yaml_source import load_yaml
from support import MINI_COURSE

NAV = ["index.md", "lessons/reef-knot.md", "lessons/bowline.md", "final.md", "feedback.md"]


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(MINI_COURSE, root)
    return root


def _build(root: Path, extra_pages: tuple[str, ...] = ()) -> Course:
    doc = load_yaml((root / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    settings = parse_settings(doc.root().child("extra").child("course"), site_name="Knots")
    sources = [
        PageSource(src=f"docs/{uri}", uri=uri, url=uri.removesuffix(".md") + "/", text=(root / "docs" / uri).read_text(encoding="utf-8"))
        for uri in NAV + list(extra_pages)
    ]
    return build_course(settings, sources, Project(root=root, docs_dir=root / "docs"))


def _error(root: Path, extra_pages: tuple[str, ...] = ()) -> CourseError:
    with pytest.raises(CourseError) as caught:
        _build(root, extra_pages)
    return caught.value


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_mini_course_fits_together(course_dir: Path) -> None:
    course = _build(course_dir)
    assert [m.slug for m in course.modules] == ["reef-knot", "bowline"]
    assert set(course.banks) == {"reef", "bowline", "final"} and course.evaluation is not None


def test_a_fill_question_in_the_post_test_is_refused_at_its_type(course_dir: Path) -> None:
    bank = course_dir / "banks" / "final.yml"
    bank.write_text(bank.read_text() + "  - id: gap\n    type: fill\n    prompt: A [[loop]].\n    explanation: Yes.\n")
    error = _error(course_dir)
    assert (error.file, error.line) == ("banks/final.yml", 25)
    assert "takes single and multiple questions only" in error.message


def test_two_modules_may_not_share_a_file_name(course_dir: Path) -> None:
    (course_dir / "docs" / "more").mkdir()
    shutil.copy(course_dir / "docs" / "lessons" / "bowline.md", course_dir / "docs" / "more" / "bowline.md")
    error = _error(course_dir, ("more/bowline.md",))
    assert (error.file, error.line) == ("docs/more/bowline.md", 3)
    assert "docs/lessons/bowline.md" in error.message and "same file name" in error.message


def test_a_second_post_test_is_named_at_its_role_line(course_dir: Path) -> None:
    (course_dir / "docs" / "again.md").write_text("---\ntitle: Again\ncourse:\n  role: post-test\n  bank: final\n---\n# Again\n")
    error = _error(course_dir, ("again.md",))
    assert (error.file, error.line) == ("docs/again.md", 4)


def test_a_missing_evaluation_form_is_named_at_the_form_line(course_dir: Path) -> None:
    _edit(course_dir / "docs" / "feedback.md", "form: feedback", "form: survey")
    (course_dir / "banks" / "feedback.yml").unlink()
    error = _error(course_dir)
    assert (error.file, error.line) == ("docs/feedback.md", 4)
    assert "no evaluation form 'survey'" in error.message


def test_a_page_naming_the_evaluation_form_as_its_bank_is_told_so(course_dir: Path) -> None:
    _edit(course_dir / "docs" / "lessons" / "bowline.md", "bank: bowline", "bank: feedback")
    error = _error(course_dir)
    assert (error.file, error.line) == ("docs/lessons/bowline.md", 5)
    assert "is an evaluation form" in error.message


def test_covers_belongs_to_the_post_test(course_dir: Path) -> None:
    _edit(course_dir / "banks" / "reef.yml", "    type: single\n", "    type: single\n    covers: reef-knot\n")
    error = _error(course_dir)
    assert (error.file, error.line) == ("banks/reef.yml", 5)


def test_banks_inside_the_docs_folder_are_refused(course_dir: Path) -> None:
    _edit(course_dir / "mkdocs.yml", "banks_dir: banks", "banks_dir: docs/banks")
    error = _error(course_dir)
    assert error.file == "mkdocs.yml" and "inside the docs folder" in error.message
    lines = (course_dir / "mkdocs.yml").read_text().splitlines()
    assert lines[error.line - 1].strip() == "banks_dir: docs/banks"


def test_an_unclosed_front_matter_is_not_a_silent_ordinary_page(course_dir: Path) -> None:
    _edit(course_dir / "docs" / "lessons" / "bowline.md", "loading it.\n---\n", "loading it.\n\n")
    error = _error(course_dir)
    assert (error.file, error.line) == ("docs/lessons/bowline.md", 1) and "never closed" in error.message
