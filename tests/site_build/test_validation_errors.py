"""Every content or configuration mistake fails `mkdocs build` with one message
naming the file, the line and what to change; never a Python traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import copy_mini_course, edit, mkdocs_build

# (file to edit, text to replace, replacement, expected "file:line" or (file prefix, text on the expected line),
#  expected words in the message)
CASES = {
    "malformed bank YAML": (
        "banks/reef.yml", "    type: single\n", "    type: [single\n", "banks/reef.yml:", "not valid YAML"),
    "malformed mkdocs.yml": (
        "mkdocs.yml", "    level: intermediate\n", "    level: [intermediate\n", ("mkdocs.yml\", line ", "level:"), "error parsing the configuration file"),
    "unknown key in a question": (
        "banks/reef.yml", "    type: fill\n", "    type: fill\n    hint: knots\n", "banks/reef.yml:15", "unknown key 'hint'"),
    "unknown key in settings": (
        "mkdocs.yml", "    level: intermediate\n", "    level: intermediate\n    colour: blue\n", ("mkdocs.yml:", "colour:"), "unknown key 'colour'"),
    "missing question id": (
        "banks/reef.yml", "  - id: granny\n    type: fill\n", "  - type: fill\n", "banks/reef.yml:13", "missing the required key 'id'"),
    "duplicate question id": (
        "banks/reef.yml", "  - id: granny\n", "  - id: crossing\n", "banks/reef.yml:13", "duplicate question id 'crossing'"),
    "no correct answer": (
        "banks/reef.yml", "        correct: true\n", "", "banks/reef.yml:6", "no option is marked"),
    "single choice with two correct": (
        "banks/reef.yml", "        feedback: That is a granny knot.\n",
        "        feedback: That is a granny knot.\n        correct: true\n", "banks/reef.yml:6", "exactly one correct"),
    "fewer than two options": (
        "banks/reef.yml", "      - text: Left over left\n        feedback: That is a granny knot.\n", "",
        "banks/reef.yml:6", "at least two options"),
    "empty prompt": (
        "banks/reef.yml", "    prompt: Which crossing order makes a reef knot?", '    prompt: ""',
        "banks/reef.yml:5", "'questions.0.prompt' is empty"),
    "bank that does not exist": (
        "docs/lessons/bowline.md", "  bank: bowline", "  bank: bowlines", "docs/lessons/bowline.md:5", "there is no bank 'bowlines'"),
    "bank no page uses": (
        "banks/spare.yml", None, "questions: []\n", "banks/spare.yml", "no page uses the bank 'spare'"),
    "module without objectives": (
        "docs/lessons/reef-knot.md", "  objectives:\n    - Tie a reef knot.\n", "", "docs/lessons/reef-knot.md:2",
        "a module needs 'objectives'"),
    "pass mark above 100": (
        "mkdocs.yml", "    pass_mark: 70", "    pass_mark: 120", ("mkdocs.yml:", "pass_mark:"), "'pass_mark' is a whole percentage from 1 to 100"),
    "pass mark of zero": (
        "mkdocs.yml", "    pass_mark: 70", "    pass_mark: 0", ("mkdocs.yml:", "pass_mark:"), "from 1 to 100"),
    "CE hours not positive": (
        "mkdocs.yml", "    ce_hours: 0.5", "    ce_hours: 0", ("mkdocs.yml:", "ce_hours:"), "'ce_hours' must be a positive number"),
    "CE hours not a number": (
        "mkdocs.yml", "    ce_hours: 0.5", "    ce_hours: one", ("mkdocs.yml:", "ce_hours:"), "'extra.course.ce_hours' must be a number"),
    "reading load below the declared hours": (
        "mkdocs.yml", "    ce_hours: 0.5", "    ce_hours: 3", ("mkdocs.yml:", "ce_hours:"), "need at least 600"),
    "a multiple-choice question with one correct option": (
        "banks/bowline.yml", "      - text: Leave a long tail\n        correct: true\n", "      - text: Leave a long tail\n",
        "banks/bowline.yml:15", "two or more correct"),
    "raw quiz in a page": (
        "docs/lessons/reef-knot.md", "# The reef knot\n", "# The reef knot\n\n<quiz>\nQ?\n- [x] a\n- [ ] b\n</quiz>\n",
        "docs/lessons/reef-knot.md:12", "not as <quiz> blocks"),
    "unknown marker": (
        "docs/index.md", "<!-- course:modules -->", "<!-- course:module-list -->", "docs/index.md:5", "unknown marker"),
    "post-test names a module that does not exist": (
        "banks/final.yml", "    covers: bowline", "    covers: clove-hitch", "banks/final.yml:13", "names no module"),
    "malformed front matter": (
        "docs/lessons/bowline.md", "  minutes: 12\n", "  minutes: [12\n", "docs/lessons/bowline.md:", "not valid YAML"),
    "unknown key in a page's course block": (
        "docs/lessons/bowline.md", "  minutes: 12\n", "  minutes: 12\n  level: hard\n", "docs/lessons/bowline.md:5", "unknown key 'level'"),
    "duplicate YAML key": (
        "banks/reef.yml", "    type: fill\n", "    type: fill\n    type: single\n", "banks/reef.yml:15", "duplicate key 'type' (first given on line 14)"),
}


# Without --strict a sample is enough: the checks do not depend on the flag.
NOT_STRICT_SAMPLE = ["malformed bank YAML", "duplicate question id", "bank no page uses", "pass mark above 100"]
RUNS = [(case, True) for case in CASES] + [(case, False) for case in NOT_STRICT_SAMPLE]


@pytest.mark.parametrize(("case", "strict"), RUNS, ids=[f"{c}-{'strict' if s else 'not-strict'}" for c, s in RUNS])
def test_mistake_fails_the_build_with_file_and_line(case: str, strict: bool, tmp_path: Path) -> None:
    file, old, new, where, words = CASES[case]
    course = copy_mini_course(tmp_path)
    if old is None:
        (course / file).write_text(new)
    else:
        edit(course / file, old, new)

    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site", strict=strict)
    if isinstance(where, tuple):  # the line where the given text stands after the edit
        prefix, needle = where
        lines = (course / "mkdocs.yml").read_text().splitlines()
        where = prefix + str(next(i for i, line in enumerate(lines, start=1) if needle in line))

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert where in output, output
    assert words in output, output
    errors = [line for line in output.splitlines() if line.startswith(("ERROR", "Error"))]
    assert len(errors) == 1, output


def test_the_unchanged_mini_course_builds(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
