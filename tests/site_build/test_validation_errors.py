"""The real `mkdocs build` CLI prints a malformed course's one error as "file:line: message",
never a Python traceback, with and without --strict.

The whole corpus (malformed_cases.py, over a hundred courses) runs in one process in
test_malformed_corpus.py; this sample proves the CLI shows exactly what that runner sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from malformed_cases import CASES, assert_located, expected_location, make_course
from support import mkdocs_build

CLI_SAMPLE = [
    "bank: unclosed double quote",
    "settings: version 1.10 unquoted",
    "front matter: alias bomb",
    "inherit: an error in the parent",
    "not strict: fill in the post-test",
]


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_the_cli_prints_one_located_error(name: str, tmp_path: Path) -> None:
    entry = CASES[name]
    course = make_course(tmp_path, entry)
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site", strict=entry.strict)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith(("ERROR", "Error"))]
    assert len(errors) == 1, output
    assert errors[0].startswith("ERROR") and "Course error in " in errors[0]
    file, line = expected_location(course, entry.where)
    assert_located(errors[0], file, line)
    for words in entry.words:
        assert words in errors[0], output
    assert not (tmp_path / "site" / "course-manifest.json").exists()
