"""scaffold + cli: the starter writes a whole course that follows the settings schema and
the builder's required options; add-module inserts its nav entry after the last module
without touching the rest of mkdocs.yml; every refusal names the file (and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import cli, scaffold
from coursekit.errors import CourseError
from coursekit.quiz.adapter import REQUIRED_OPTIONS
from coursekit.settings import parse_settings
from coursekit.yaml_source import load_yaml
from support import copy_mini_course

TITLE = 'Ethics: "Boundaries" & Roles #1'


def _config(course: Path) -> dict:
    return load_yaml((course / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml").data


def _new(tmp_path: Path, title: str = TITLE, **options: object) -> Path:
    target = tmp_path / "course"
    scaffold.new_course(target, scaffold.NewCourse(title=title, course_id=scaffold.course_id_for(title), **options))
    return target


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("title, expected", [
    ("Ethics in Practice", "ethics-in-practice"),
    ("Éthique & pratique clinique", "ethique-pratique-clinique"),
    ("  Knots -- 101!  ", "knots-101"),
    ("护理伦理", "course"),  # nothing ASCII left: a plain id the organizer can change with --id
])
def test_the_course_id_comes_from_the_title(title: str, expected: str) -> None:
    assert scaffold.course_id_for(title) == expected
    assert scaffold.COURSE_ID.match(scaffold.course_id_for(title))


@pytest.mark.parametrize("title", ["", "   ", "two\nlines", "tab\tinside", "x" * 201])
def test_a_title_must_be_one_printable_line(title: str) -> None:
    assert scaffold.title_problem(title)


# ---------------------------------------------------------------- new course


def test_a_new_course_has_every_page_and_bank(tmp_path: Path) -> None:
    course = _new(tmp_path)
    written = sorted(p.relative_to(course).as_posix() for p in course.rglob("*") if p.is_file())
    assert written == [
        "docs/certificate.md", "docs/evaluation.md", "docs/index.md", "docs/modules/introduction.md", "docs/post-test.md",
        "mkdocs.yml", "quizzes/evaluation.yml", "quizzes/introduction.yml", "quizzes/post-test.yml",
    ]
    for path in course.rglob("*"):
        if path.is_file():
            assert "${" not in path.read_text(encoding="utf-8"), f"an unfilled template field in {path}"
    home = (course / "docs" / "index.md").read_text(encoding="utf-8")
    for marker in ("progress", "details", "modules"):
        assert f"<!-- course:{marker} -->" in home


def test_the_new_settings_follow_the_schema(tmp_path: Path) -> None:
    course = _new(tmp_path, hours=1.5)
    doc = load_yaml((course / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    settings = parse_settings(doc.root().child("extra").child("course"), site_name=doc.data["site_name"])
    assert doc.data["site_name"] == settings.title == TITLE, "a title with quotes, ':' and '#' reads back unchanged"
    assert settings.id == "ethics-boundaries-roles-1" != "self-compassion-in-therapy"
    assert settings.ce_hours == 1.5 and settings.pass_mark == 80
    assert settings.rules.preset == "none", "a draft builds; the comment says to switch the CE rules on"
    assert "rules: apa" in (course / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_new_config_has_what_the_builder_needs(tmp_path: Path) -> None:
    course = _new(tmp_path)
    config = _config(course)
    assert [(course / hook).resolve() for hook in config["hooks"]] == [scaffold.BUILDER / "course.py"]
    quiz = next(entry["mkdocs_quiz"] for entry in config["plugins"] if isinstance(entry, dict) and "mkdocs_quiz" in entry)
    assert {name: quiz[name] for name in REQUIRED_OPTIONS} == REQUIRED_OPTIONS
    assert "search" in config["plugins"]
    assert config["theme"]["font"] is False
    assert (course / config["theme"]["custom_dir"]).resolve() == scaffold.REPOSITORY / "overrides"
    assert "quizzes" in config["watch"] and scaffold.BUILDER in [(course / w).resolve() for w in config["watch"]]
    assert "pymdownx.superfences" in config["markdown_extensions"] and "admonition" in config["markdown_extensions"]
    assert "site_url" in config
    assert "navigation.instant" not in config["theme"]["features"]


def test_at_the_repository_root_the_paths_are_the_repository_s_own() -> None:
    """What an organizer gets when replacing the sample course (rendered only, nothing written)."""
    files = scaffold.starter_files(scaffold.REPOSITORY, scaffold.NewCourse(title="Ethics", course_id="ethics"))
    config = load_yaml(files["mkdocs.yml"], "mkdocs.yml").data
    assert config["hooks"] == ["hooks/course.py"]
    assert config["theme"]["custom_dir"] == "overrides"
    assert config["watch"] == ["quizzes", "hooks"]


def test_an_existing_course_is_never_overwritten(tmp_path: Path) -> None:
    course = _new(tmp_path)
    home = (course / "docs" / "index.md").read_text(encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        scaffold.new_course(course, scaffold.NewCourse(title="Other", course_id="other"))
    assert caught.value.file.endswith("mkdocs.yml") and "--replace" in caught.value.message
    assert (course / "docs" / "index.md").read_text(encoding="utf-8") == home


def test_replace_swaps_the_course_and_leaves_hooks_and_tests_alone(tmp_path: Path) -> None:
    root = tmp_path / "fork"
    course = copy_mini_course(root)  # a course with its own banks folder ('banks') and docs
    keep = {course / "hooks" / "course.py": "# the builder\n", course / "tests" / "test_x.py": "# a test\n",
            course / "overrides" / "main.html": "{# theme #}\n", course / "README.md": "# readme\n"}
    for path, text in keep.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    scaffold.new_course(course, scaffold.NewCourse(title="Ethics", course_id="ethics"), replace=True)
    assert not (course / "banks").exists(), "the old course's banks folder (its banks_dir) is gone"
    assert not (course / "docs" / "lessons").exists(), "the old pages are gone"
    assert _config(course)["extra"]["course"]["id"] == "ethics"
    assert (course / "quizzes" / "introduction.yml").is_file()
    for path, text in keep.items():
        assert path.read_text(encoding="utf-8") == text, path


def test_replace_refuses_a_course_that_keeps_its_pages_in_a_protected_folder(tmp_path: Path) -> None:
    course = tmp_path / "fork"
    (course / "tests").mkdir(parents=True)
    (course / "tests" / "keep.md").write_text("keep", encoding="utf-8")
    (course / "mkdocs.yml").write_text("site_name: X\ndocs_dir: tests\n", encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        scaffold.new_course(course, scaffold.NewCourse(title="Ethics", course_id="ethics"), replace=True)
    assert (caught.value.file.endswith("mkdocs.yml"), caught.value.line) == (True, 2)
    assert (course / "tests" / "keep.md").read_text(encoding="utf-8") == "keep"
    assert (course / "mkdocs.yml").is_file()


def test_a_course_is_never_made_inside_the_builder() -> None:
    target = scaffold.BUILDER / "g-scaffold-test-course"
    with pytest.raises(CourseError, match="belongs to the builder"):
        scaffold.new_course(target, scaffold.NewCourse(title="Ethics", course_id="ethics"))
    assert not target.exists()


# ---------------------------------------------------------------- add-module


def test_add_module_inserts_after_the_last_module_and_keeps_the_rest(tmp_path: Path) -> None:
    course = _new(tmp_path)
    before = (course / "mkdocs.yml").read_text(encoding="utf-8")
    written = scaffold.add_module(course, "boundaries", "Boundaries & roles")
    after = (course / "mkdocs.yml").read_text(encoding="utf-8")
    old, new = before.splitlines(), after.splitlines()
    index = old.index("      - modules/introduction.md")
    assert new == old[:index + 1] + ["      - modules/boundaries.md"] + old[index + 1:], "one line added, comments kept"
    assert {p.relative_to(course).as_posix() for p in written} == {"docs/modules/boundaries.md", "quizzes/boundaries.yml", "mkdocs.yml"}
    page = (course / "docs" / "modules" / "boundaries.md").read_text(encoding="utf-8")
    assert "bank: boundaries" in page and "# Boundaries & roles" in page
    scaffold.add_module(course, "ethics-101", "Ethics 101")
    nav = _config(course)["nav"]
    assert nav[1] == {"Modules": ["modules/introduction.md", "modules/boundaries.md", "modules/ethics-101.md"]}


def test_add_module_follows_the_course_s_folders_and_entry_style(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)  # modules in docs/lessons/, banks in banks/
    config = course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      - lessons/bowline.md", "      - The bowline: lessons/bowline.md"),
                      encoding="utf-8")
    scaffold.add_module(course, "clove-hitch", "The clove hitch: a quick one")
    assert (course / "docs" / "lessons" / "clove-hitch.md").is_file() and (course / "banks" / "clove-hitch.yml").is_file()
    lessons = _config(course)["nav"][1]["Lessons"]
    assert lessons[-1] == {"The clove hitch: a quick one": "lessons/clove-hitch.md"}
    assert lessons[:-1] == ["lessons/reef-knot.md", {"The bowline": "lessons/bowline.md"}]


@pytest.mark.parametrize("slug, where", [
    ("introduction", "docs/modules/introduction.md"),  # the module exists
    ("post-test", "docs/post-test.md"),  # another page has the name
    ("evaluation", "docs/evaluation.md"),
])
def test_add_module_refuses_a_name_in_use(tmp_path: Path, slug: str, where: str) -> None:
    course = _new(tmp_path)
    before = (course / "mkdocs.yml").read_text(encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        scaffold.add_module(course, slug, "Again")
    assert caught.value.file.endswith(where) and "choose another slug" in caught.value.message
    assert (course / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_add_module_refuses_a_bank_in_use(tmp_path: Path) -> None:
    course = _new(tmp_path)
    (course / "quizzes" / "orphan.yml").write_text("questions: []\n", encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        scaffold.add_module(course, "orphan", "Orphan")
    assert caught.value.file.endswith("quizzes/orphan.yml")
    assert not (course / "docs" / "modules" / "orphan.md").exists()


def test_add_module_names_the_nav_line_it_cannot_edit(tmp_path: Path) -> None:
    course = _new(tmp_path)
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - Modules:\n      - modules/introduction.md\n", "  - Modules: [modules/introduction.md]\n"),
                      encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        scaffold.add_module(course, "boundaries", "Boundaries")
    line = config.read_text(encoding="utf-8").splitlines().index("  - Modules: [modules/introduction.md]") + 1
    assert (caught.value.file.endswith("mkdocs.yml"), caught.value.line) == (True, line)
    assert not (course / "docs" / "modules" / "boundaries.md").exists()


def test_add_module_needs_a_module_to_follow(tmp_path: Path) -> None:
    course = _new(tmp_path)
    config = course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Modules:\n      - modules/introduction.md\n", ""), encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        scaffold.add_module(course, "boundaries", "Boundaries")
    nav_line = config.read_text(encoding="utf-8").splitlines().index("nav:  # the order of the modules here is the course order") + 1
    assert caught.value.line == nav_line and "list the first module by hand" in caught.value.message


# ---------------------------------------------------------------- the command line


def test_the_command_line_makes_a_course_and_a_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = tmp_path / "ethics"
    assert cli.main(["new-course", str(course), "--title", "Ethics in Practice", "--hours", "2"]) == 0
    assert "ethics-in-practice" in capsys.readouterr().out
    assert cli.main(["add-module", "boundaries", "--title", "Boundaries", "--course", str(course)]) == 0
    assert "docs/modules/boundaries.md" in capsys.readouterr().out
    assert _config(course)["extra"]["course"]["ce_hours"] == 2.0


def test_the_command_line_prints_a_refusal_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = _new(tmp_path)
    assert cli.main(["new-course", str(course), "--title", "Again"]) == 1
    assert cli.main(["add-module", "introduction", "--title", "Again", "--course", str(course)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and all(line.startswith("error: ") for line in errors)
    assert "mkdocs.yml: a course is here already" in errors[0]
    assert "docs/modules/introduction.md: a page named 'introduction.md' exists already" in errors[1]
    assert "Traceback" not in "\n".join(errors)


@pytest.mark.parametrize("arguments", [
    ["new-course", "x", "--title", ""],
    ["new-course", "x", "--title", "T", "--hours", "0"],
    ["new-course", "x", "--title", "T", "--hours", "nan"],
    ["new-course", "x", "--title", "T", "--id", "has space"],
    ["add-module", "Bad_Slug", "--title", "T"],
    ["add-module", "slug"],
])
def test_the_command_line_refuses_bad_arguments(arguments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as caught:
        cli.main(arguments)
    assert caught.value.code == 2 and "error:" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [], "nothing written"
