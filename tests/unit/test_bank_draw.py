"""banks: a post-test drawn from a pool (`draw:`), checked at the line to fix; the manifest carries it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.banks import draw_groups, load_bank
from coursekit.errors import CourseError
from coursekit.manifest import manifest
from coursekit.model import Course, build_course
from coursekit.pages import PageSource
from coursekit.project import Project
from coursekit.settings import parse_settings
from coursekit.yaml_source import load_yaml
from support import MINI_COURSE

NAV = ["index.md", "lessons/reef-knot.md", "lessons/bowline.md", "final.md", "feedback.md"]


def _question(qid: str, covers: str | None) -> str:
    covers_line = f"    covers: {covers}\n" if covers else ""
    return (f"  - id: {qid}\n    type: single\n{covers_line}    prompt: Which {qid}?\n    options:\n"
            "      - text: This\n        correct: true\n        feedback: Yes.\n"
            "      - text: That\n        feedback: No.\n    explanation: Because.\n")


def _pool(covers: list[str | None], draw: str | None = None) -> str:
    head = "title: Final\n" + (f"draw: {draw}\n" if draw is not None else "")
    return head + "questions:\n" + "".join(_question(f"q{n}", c) for n, c in enumerate(covers))


def _load(tmp_path: Path, text: str):
    path = tmp_path / "final.yml"
    path.write_text(text, encoding="utf-8")
    return load_bank(path, "banks/final.yml")


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(MINI_COURSE, root)
    return root


def _build(root: Path) -> Course:
    doc = load_yaml((root / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    settings = parse_settings(doc.root().child("extra").child("course"), site_name="Knots")
    sources = [PageSource(src=f"docs/{uri}", uri=uri, url=uri.removesuffix(".md") + "/",
                          text=(root / "docs" / uri).read_text(encoding="utf-8")) for uri in NAV]
    return build_course(settings, sources, Project(root=root, docs_dir=root / "docs"))


# ---------------------------------------------------------------- the setting itself


def test_draw_is_read_with_its_line_and_defaults_to_none(tmp_path: Path) -> None:
    bank = _load(tmp_path, _pool(["a", "a", "b", "b"], draw="2"))
    assert (bank.draw, bank.draw_line) == (2, 2)
    assert _load(tmp_path, _pool(["a", "b"])).draw is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "a whole number of at least 1, not 0"),
        ("-3", "a whole number of at least 1, not -3"),
        ("2.5", "a whole number of at least 1, not 2.5"),
        ("true", "a whole number of at least 1, not true"),
        ('"2"', "a whole number of at least 1, not '2'"),
        ("", "'draw' is empty"),
        ("5", "'draw: 5' asks for more questions than the bank has (4)"),
    ],
)
def test_a_bad_draw_is_refused_at_its_line(tmp_path: Path, value: str, expected: str) -> None:
    with pytest.raises(CourseError) as caught:
        _load(tmp_path, _pool(["a", "a", "b", "b"], draw=value))
    assert (caught.value.file, caught.value.line) == ("banks/final.yml", 2)
    assert expected in caught.value.message


def test_questions_without_covers_form_their_own_group(tmp_path: Path) -> None:
    bank = _load(tmp_path, _pool(["a", None, "b", None, "a"]))
    assert {name: [q.id for q in qs] for name, qs in draw_groups(bank).items()} == {
        "a": ["q0", "q4"], None: ["q1", "q3"], "b": ["q2"]}


# ---------------------------------------------------------------- in a course


def test_a_pool_that_fills_every_draw_builds_and_the_manifest_carries_the_draw(course_dir: Path) -> None:
    assert manifest(_build(course_dir))["post_test"]["draw"] is None
    final = course_dir / "banks" / "final.yml"
    final.write_text(_pool(["reef-knot", "bowline", "reef-knot", "bowline"], draw="2"), encoding="utf-8")
    post_test = manifest(_build(course_dir))["post_test"]
    assert post_test["draw"] == 2
    assert [q["covers"] for q in post_test["questions"]] == ["reef-knot", "bowline", "reef-knot", "bowline"]


def test_a_module_too_small_for_a_balanced_draw_is_named_at_the_draw_line(course_dir: Path) -> None:
    # 3 over 2 modules: each module may have to give ceil(3 / 2) = 2 questions; bowline has 1.
    (course_dir / "banks" / "final.yml").write_text(
        _pool(["reef-knot", "reef-knot", "bowline", "reef-knot"], draw="3"), encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        _build(course_dir)
    assert (caught.value.file, caught.value.line) == ("banks/final.yml", 2)
    assert "'bowline' has 1" in caught.value.message and "up to 2 questions from each" in caught.value.message


def test_draw_belongs_to_the_post_test_bank_only(course_dir: Path) -> None:
    reef = course_dir / "banks" / "reef.yml"
    text = reef.read_text(encoding="utf-8")
    assert text.startswith("title:")
    reef.write_text(text.replace("\n", "\ndraw: 1\n", 1), encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        _build(course_dir)
    assert (caught.value.file, caught.value.line) == ("banks/reef.yml", 2)
    assert "this bank is not the post-test's" in caught.value.message
