"""project: every path an organizer names lies inside the project and reads as UTF-8."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.project import Project, decode_utf8


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "course"
    (root / "docs").mkdir(parents=True)
    (root / "quizzes").mkdir()
    return Project(root=root, docs_dir=root / "docs")


@pytest.mark.parametrize(
    ("folder", "words"),
    [("docs", "inside the docs folder"), ("docs/quizzes", "inside the docs folder"), ("../other", "outside the project"),
     ("/tmp", "outside the project"), ("mkdocs.yml", "a file, not a folder")],
)
def test_a_banks_folder_in_the_wrong_place_is_named(project: Project, folder: str, words: str) -> None:
    (project.root / "mkdocs.yml").write_text("site_name: x\n")
    assert words in (project.folder_problem(folder) or "")


def test_a_good_banks_folder_has_no_problem(project: Project) -> None:
    assert project.folder_problem("quizzes") is None
    assert project.folder_problem("not-yet") is None  # a missing folder is reported where it is needed


def test_a_folder_linked_out_of_the_project_is_outside(project: Project, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", project.root / "linked")
    assert "outside the project" in (project.folder_problem("linked") or "")


def test_files_are_read_only_when_they_are_files_inside_the_project(project: Project, tmp_path: Path) -> None:
    bank = project.root / "quizzes" / "a.yml"
    bank.write_bytes(b"\xef\xbb\xbfquestions: []\n")
    assert project.read_text(bank) == "questions: []\n"
    os.symlink("gone.yml", project.root / "quizzes" / "b.yml")
    (tmp_path / "outside.yml").write_text("x: 1\n")
    os.symlink(tmp_path / "outside.yml", project.root / "quizzes" / "c.yml")
    (project.root / "quizzes" / "d.yml").mkdir()
    for name, words in (("b.yml", "does not exist"), ("c.yml", "outside the project"), ("d.yml", "a folder")):
        with pytest.raises(CourseError) as caught:
            project.read_text(project.root / "quizzes" / name)
        assert caught.value.file == f"quizzes/{name}" and caught.value.line is None
        assert words in caught.value.message


def test_text_that_is_not_utf8_names_the_line_of_the_first_bad_byte() -> None:
    with pytest.raises(CourseError) as caught:
        decode_utf8(b"a: 1\nb: caf\xe9\n", "quizzes/a.yml")
    assert caught.value.line == 2 and "0xe9" in caught.value.message
