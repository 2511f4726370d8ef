"""The starter's courses build: a new course builds with --strict at once, modules added with
add-module build and appear in the manifest in nav order, the CE rules, once switched on,
catch the starter's placeholders, and replacing a fork's sample course at its root works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from coursekit import scaffold
from support import ROOT, copy_mini_course, course_model, course_settings, docs_folder, edit, mkdocs_build


def _new_course(tmp_path: Path, title: str = "Ethics in Practice") -> Path:
    course = tmp_path / "course"
    scaffold.new_course(course, scaffold.NewCourse(title=title, course_id=scaffold.course_id_for(title)))
    return course


def _build(course: Path, site: Path) -> dict:
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads((site / "course-manifest.json").read_text(encoding="utf-8"))


def test_a_new_course_builds_strictly(tmp_path: Path) -> None:
    manifest = _build(_new_course(tmp_path), tmp_path / "site")
    assert manifest["course"]["id"] == "ethics-in-practice" and manifest["course"]["title"] == "Ethics in Practice"
    assert [m["slug"] for m in manifest["modules"]] == ["introduction"]
    assert len(manifest["modules"][0]["quizzes"]) == 5
    assert manifest["post_test"]["url"] == "post-test/" and manifest["post_test"]["questions"][0]["covers"] == "introduction"
    assert manifest["evaluation"]["items"] and manifest["certificate"]["url"] == "certificate/"
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-course-widget="progress"' in home and "<!-- course:" not in home


def test_added_modules_build_and_join_the_manifest_in_order(tmp_path: Path) -> None:
    course = _new_course(tmp_path)
    scaffold.add_module(course, "boundaries", "Boundaries & roles")
    scaffold.add_module(course, "consent", "Informed consent")
    manifest = _build(course, tmp_path / "site")
    assert [(m["slug"], m["title"]) for m in manifest["modules"]] == [
        ("introduction", "Introduction"), ("boundaries", "Boundaries & roles"), ("consent", "Informed consent")]
    for module in manifest["modules"]:
        page = tmp_path / "site" / module["url"] / "index.html"
        assert page.is_file() and f'id="{module["quizzes"][0]}"' in page.read_text(encoding="utf-8")


def test_add_module_in_another_course_builds(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    scaffold.add_module(course, "clove-hitch", "The clove hitch")
    manifest = _build(course, tmp_path / "site")
    assert [m["url"] for m in manifest["modules"]] == ["lessons/reef-knot/", "lessons/bowline/", "lessons/clove-hitch/"]


def test_switching_the_ce_rules_on_catches_the_draft(tmp_path: Path) -> None:
    course = _new_course(tmp_path)
    edit(course / "mkdocs.yml", "    rules: none\n", "    rules: apa\n")
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Course error in " in output and "preset" in output and "Traceback" not in output


def test_a_fork_replaces_the_sample_course_at_its_root(tmp_path: Path) -> None:
    """The organizer's first step in a fork, in a copy of this repository: the command of the
    copy's own builder, --replace at the root, then a strict build of the new course."""
    fork = tmp_path / "fork"
    banks = course_settings(ROOT).banks_dir
    sample = course_model(ROOT).modules[0]  # whichever course this checkout holds: its first module's page and bank
    page, bank = fork / docs_folder(ROOT) / sample.uri, fork / banks / f"{sample.bank}.yml"
    for name in ("hooks", "overrides", docs_folder(ROOT), banks):
        shutil.copytree(ROOT / name, fork / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", fork / "mkdocs.yml")
    (fork / "tests").mkdir()
    (fork / "tests" / "test_keep.py").write_text("# kept\n", encoding="utf-8")
    # The checkout's course may itself be a starter course, with the same file names: these mark the old one.
    old = [fork / docs_folder(ROOT) / "old-course-page.md", fork / banks / "old-course-bank.yml"]
    for path in old:
        path.write_text("# the old course\n", encoding="utf-8")
    command = [sys.executable, "-m", "coursekit", "new-course", ".", "--title", "Fork Replacement Check"]
    env = {**os.environ, "PYTHONPATH": str(fork / "hooks")}

    refused = subprocess.run(command, cwd=fork, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and refused.stderr.startswith("error: mkdocs.yml: ") and "--replace" in refused.stderr
    assert page.is_file() and bank.is_file() and all(path.is_file() for path in old), "nothing changed without --replace"

    builder = _files(fork / "hooks") | _files(fork / "overrides")
    replaced = subprocess.run(command + ["--replace"], cwd=fork, env=env, capture_output=True, text=True, timeout=60)
    assert replaced.returncode == 0, replaced.stderr
    assert not any(path.exists() for path in old), "the old course's pages and banks are gone"
    assert (fork / "tests" / "test_keep.py").read_text(encoding="utf-8") == "# kept\n"
    assert _files(fork / "hooks") | _files(fork / "overrides") == builder, "the builder is untouched"
    manifest = _build(fork, tmp_path / "site")
    assert manifest["course"]["id"] == "fork-replacement-check"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder.parent).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}
