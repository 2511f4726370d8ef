"""A module's knowledge check in Chromium: answers survive a reload, and a rebuilt
bank (one question inserted, one edited) never moves, keeps or double-counts an answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from quiz_helpers import answer_quiz, stored_answers
from support import ROOT, course_settings, docs_folder, mkdocs_build, serve

pytestmark = pytest.mark.browser


def _copy_course(tmp_path: Path) -> Path:
    course = tmp_path / "course"
    course.mkdir()
    for name in (docs_folder(ROOT), course_settings(ROOT).banks_dir, "hooks", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, course / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", course / "mkdocs.yml")
    return course


def _build(course: Path, site: Path) -> dict[str, Any]:
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return json.loads((site / "course-manifest.json").read_text())


def test_answers_survive_reload_and_bank_edits(page: Any, external_requests: list[str], tmp_path: Path) -> None:
    course, site = _copy_course(tmp_path), tmp_path / "site"
    module = next(m for m in _build(course, site)["modules"] if len(m["quizzes"]) >= 3)
    first, second, third = module["quizzes"][:3]
    with serve(site) as base:
        page.goto(base + module["url"])
        answer_quiz(page, first, correctly=True)
        answer_quiz(page, second, correctly=False)
        answer_quiz(page, third, correctly=True)
        page.reload()
        stored = stored_answers(page)
        assert set(stored) == {first, second, third}
        assert [stored[q]["correct"] for q in (first, second, third)] == [True, False, True]
        assert page.locator(f'[id="{first}"] input:checked').count() >= 1  # restored on screen

        # The organizer inserts a question at the top and rewords the third one.
        bank = course / course_settings(ROOT).banks_dir / f"{module['bank']}.yml"
        data = yaml.safe_load(bank.read_text())
        data["questions"][2]["prompt"] += " (Reworded.)"
        data["questions"].insert(0, {
            "id": "inserted-first", "type": "single", "prompt": "A new first question?",
            "options": [{"text": "Yes", "correct": True, "feedback": "Right."}, {"text": "No", "feedback": "Not this one."}],
            "explanation": "Added later.",
        })
        bank.write_text(yaml.safe_dump(data, sort_keys=False))
        rebuilt = next(m for m in _build(course, site)["modules"] if m["url"] == module["url"])["quizzes"]
        assert rebuilt[1:3] == [first, second] and rebuilt[3] != third

        page.reload()
        stored = stored_answers(page)
        assert set(stored) == {first, second}, "the edited question's old answer must be dropped"
        assert stored[first]["correct"] is True and stored[second]["correct"] is False
        assert page.locator(f'[id="{rebuilt[0]}"] input:checked').count() == 0
        assert page.locator(f'[id="{rebuilt[3]}"] input:checked').count() == 0
        answered = page.locator("#quiz-progress-sidebar .quiz-progress-answered").inner_text()
        total = page.locator("#quiz-progress-sidebar .quiz-progress-total").first.inner_text()
        assert (answered, total) == ("2", str(len(rebuilt)))
    assert external_requests == []

