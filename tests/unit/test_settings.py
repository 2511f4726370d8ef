"""settings: one declared schema, honest defaults, every rule at the line to fix."""

from __future__ import annotations

import dataclasses

import pytest

from coursekit.errors import CourseError
from coursekit.settings import (
    DEFAULT_ACCREDITATION, Author, Contact, CourseSettings, Requirements, Signer, parse_settings, settings_table,
)
from coursekit.yaml_source import LayeredSource, load_yaml
from support import MINIMAL_SETTINGS

SETTINGS = MINIMAL_SETTINGS


def _settings(text: str = SETTINGS) -> CourseSettings:
    return parse_settings(load_yaml(text, "mkdocs.yml").root().child("extra").child("course"), site_name="Site")


def _error(old: str, new: str) -> CourseError:
    assert old in SETTINGS
    with pytest.raises(CourseError) as caught:
        _settings(SETTINGS.replace(old, new))
    return caught.value


def test_settings_defaults_are_honest() -> None:
    settings = _settings()
    assert settings.pass_mark == 80
    assert settings.accreditation == DEFAULT_ACCREDITATION
    assert "not been approved" in settings.accreditation
    assert settings.title == "Site"
    assert settings.requirements == Requirements(modules=True, post_test=True, evaluation=True)
    assert settings.authors == (Author("A", "PhD", "No relevant financial relationships."),)
    assert settings.signer == Signer(name="S", title="T") and settings.banks_dir == "quizzes"
    assert (settings.signer.credentials, settings.signer.signature) == ("", "")
    assert settings.delivery_format == "" and settings.contact is None  # the catalogue's "Online self-study"; no contact


def test_settings_error_names_the_line() -> None:
    error = _error("level: introductory", "level: expert")
    assert error.file == "mkdocs.yml" and error.line == 8
    assert "introductory, intermediate, advanced" in error.message


def test_every_setting_is_declared_once_with_help_and_a_reader() -> None:
    for schema in (CourseSettings, Author, Signer, Contact, Requirements):
        declared = [f for f in dataclasses.fields(schema) if "read" in f.metadata]
        assert declared and all(f.metadata["help"] and callable(f.metadata["read"]) for f in declared)
    table = settings_table()
    for f in dataclasses.fields(CourseSettings):
        if "read" in f.metadata:
            assert f"| `{f.name}` |" in table


def test_unknown_keys_are_named_with_the_allowed_ones_from_the_schema() -> None:
    error = _error("    level: introductory\n", "    level: introductory\n    colour: blue\n")
    assert error.line == 9
    allowed = sorted(f.name for f in dataclasses.fields(CourseSettings) if "read" in f.metadata)
    assert f"allowed keys: {', '.join(allowed)}" in error.message


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ('version: "1"', "version: 1.10", 4, "put it in quotes"),
        ('version: "1"', "version: 2", 4, "put it in quotes"),
        ("ce_hours: 1.5", "ce_hours: .nan", 9, "finite"),
        ("ce_hours: 1.5", "ce_hours: .inf", 9, "finite"),
        ("ce_hours: 1.5", "ce_hours: 0", 9, "positive number"),
        ("ce_hours: 1.5", "ce_hours: -2", 9, "positive number"),
        ("ce_hours: 1.5", "ce_hours:", 9, "'extra.course.ce_hours' is empty"),
        ("id: demo", "id: two words", 3, "only letters, digits"),
        ("provider: P", "provider: yes", 5, "put it in quotes"),
        ("authors: [{name: A, credentials: PhD}]", "authors: []", 6, "at least one author"),
        ("authors: [{name: A, credentials: PhD}]", "authors: [{name: A}]", 6, "missing the required key 'credentials'"),
        ("signer: {name: S, title: T}", "signer: S", 10, "must be a mapping"),
    ],
)
def test_a_wrong_value_is_refused_at_its_line(old: str, new: str, line: int, words: str) -> None:
    error = _error(old, new)
    assert error.line == line, error
    assert words in error.message


def test_a_certificate_for_nothing_is_refused() -> None:
    error = _error("    signer:", "    requirements: {modules: false, post_test: false, evaluation: false}\n    signer:")
    assert error.line == 10
    assert "at least one of modules, post_test, evaluation must be true" in error.message


def test_the_banks_folder_must_be_a_folder_of_its_own() -> None:
    error = _error("    signer:", "    banks_dir: .\n    signer:")
    assert error.line == 10 and "project folder itself" in error.message
    assert _settings(SETTINGS.replace("    signer:", "    banks_dir: banks/\n    signer:")).banks_dir == "banks"


def test_where_names_the_file_that_defines_a_setting() -> None:
    child = load_yaml("INHERIT: base.yml\nextra:\n  course:\n    pass_mark: 90\n", "mkdocs.yml")
    parent = load_yaml(SETTINGS, "base.yml")
    data = {"extra": {"course": {**parent.data["extra"]["course"], "pass_mark": 90}}}
    source = LayeredSource((child, parent), data)
    settings = parse_settings(source.root().child("extra").child("course"), site_name="Site")
    assert settings.pass_mark == 90
    assert settings.where("pass_mark") == ("mkdocs.yml", 4)
    assert settings.where("ce_hours") == ("base.yml", 9)
    assert settings.where("requirements", "post_test") == ("mkdocs.yml", 3)  # unset: its block
    assert "pass_mark" in settings.written and "requirements" not in settings.written


def test_the_readme_settings_table_is_the_schema() -> None:
    from support import ROOT
    from coursekit.settings import settings_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- settings-table:start -->\n", "<!-- settings-table:end -->"
    assert start in readme and end in readme, "README.md lost its settings-table markers"
    written = readme.split(start, 1)[1].split(end, 1)[0]
    assert written.strip() == settings_table().strip(), "README's settings table is stale: paste coursekit.settings.settings_table()"
