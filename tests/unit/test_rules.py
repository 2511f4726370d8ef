"""rules: the CE rules a course is checked against, chosen by preset, each able to fail at the file and line to fix.

Every rule is run against a copy of tests/mini_course (whose own rules are `none`)
with that one rule turned on and one thing changed; the error must name the exact
file and line (found by its text, so the tests read what they assert).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import pytest

from coursekit.banks import Bank
from coursekit.errors import CourseError
from coursekit.settings import CourseSettings
from coursekit.rules import (
    CE_PRESETS, DECLARED, DEFAULT_PRESET, MEASURABLE_VERBS, RULES, RuleSet, active_rules, answered_count,
    chosen_rules, credit_hours, find_citations, post_test_minimum, rules_table,
)
from support import MINI_COURSE, ROOT, course_model, course_settings

Edit = Callable[[Path], None]
REEF_PAGE, BOWLINE_PAGE, HOME = "docs/lessons/reef-knot.md", "docs/lessons/bowline.md", "docs/index.md"
REEF, BOWLINE, FINAL = "banks/reef.yml", "banks/bowline.yml", "banks/final.yml"
RULES_LINE = "    rules: none"


# --------------------------------------------------------------------------
# A copy of the mini course, edited
# --------------------------------------------------------------------------


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(MINI_COURSE, root)
    return root


def sub(file: str, old: str, new: str) -> Edit:
    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def append(file: str, text: str) -> Edit:
    def apply(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + text, encoding="utf-8")

    return apply


def rules(value: str) -> Edit:
    """Replace the mini course's `rules: none` line with `rules: <value>` (one line, or a block)."""

    def apply(root: Path) -> None:
        path = root / "mkdocs.yml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (index,) = [i for i, line in enumerate(lines) if line.startswith(RULES_LINE)]
        lines[index] = f"    rules: {value}\n"
        path.write_text("".join(lines), encoding="utf-8")

    return apply


def _line_of(root: Path, file: str, text: str) -> int:
    """The one line of `file` that holds `text`."""
    found = [n for n, line in enumerate((root / file).read_text(encoding="utf-8").splitlines(), start=1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {file}"
    return found[0]


def _error(root: Path, *edits: Edit) -> CourseError:
    for edit in edits:
        edit(root)
    with pytest.raises(CourseError) as caught:
        course_model(root)
    return caught.value


def test_the_mini_course_passes_with_its_rules_off(course_dir: Path) -> None:
    assert course_settings(course_dir).rules == RuleSet("none")
    assert course_model(course_dir).modules


# --------------------------------------------------------------------------
# Each rule fails, at the file and line to fix
# --------------------------------------------------------------------------

REFERENCES = "docs/references.md"
ASHLEY = "Ashley, C. W. (1944). *The Ashley book of knots*. Doubleday.\n{#ashley-1944}\n"
WITH_REFERENCES = (
    rules(f"{{preset: none, references: {REFERENCES}}}"),
    append(REFERENCES, "# References\n\n" + ASHLEY),
    append(REEF_PAGE, "\nThe reef knot is old (Ashley, 1944).\n"),
)

# (id, edits, file, text on the line the error names, words of the message)
CASES: list[tuple[str, tuple[Edit, ...], str, str, str]] = [
    ("objectives_min", (rules("{preset: none, objectives_min: 2}"),), REEF_PAGE, "  objectives:", "lists 1 learning objective(s); a module needs at least 2"),
    ("objective_verbs", (rules("{preset: none, objective_verbs: true}"),), REEF_PAGE, "- Tie a reef knot.", "does not start with a measurable verb (it starts with 'Tie')"),
    ("objective_verbs: Understand", (rules("{preset: none, objective_verbs: true}"), sub(REEF_PAGE, "Tie a reef knot.", "Understand the reef knot.")),
     REEF_PAGE, "- Understand the reef knot.", "'Understand' is not measurable"),
    ("objective_verbs: the organizer's list", (rules("{preset: none, objective_verbs: [Tie]}"),), BOWLINE_PAGE, "- Check a bowline", "start it with one of: Tie"),
    ("home_objectives_min: no section", (rules("{preset: none, home_objectives_min: 2}"),), HOME, "# Knot Tying Basics", "no section for the learning objectives"),
    ("home_objectives_min: too few", (rules("{preset: none, home_objectives_min: 2}"), append(HOME, "\n## Objectives\n\n- Tie a reef knot.\n\n## More\n\n- Not one.\n")),
     HOME, "## Objectives", "lists 1 learning objective(s); the course home needs at least 2"),
    ("module_sections", (rules('{preset: none, module_sections: ["Key points"]}'),), REEF_PAGE, "# The reef knot", 'no admonition titled "Key points"'),
    ("module_sections: one of several", (rules("{preset: none, module_sections: [[Practice, Exercise]]}"),
                                         append(REEF_PAGE, '\n!!! tip "Practice: tie it blind"\n    Close your eyes.\n')),
     BOWLINE_PAGE, "# The bowline", 'no admonition titled "Practice" or "Exercise"'),
    ("knowledge_check_min", (rules("{preset: none, knowledge_check_min: 3}"),), REEF, "- id: granny", f"the knowledge check of {REEF_PAGE} has 2 question(s)"),
    ("knowledge_check_types", (rules("{preset: none, knowledge_check_types: [single, multiple]}"),), REEF, "- id: granny", "has no 'multiple' question"),
    ("feedback", (rules("{preset: none, feedback: true}"), sub(BOWLINE, "        feedback: No, that is a noose.\n", "")),
     BOWLINE, "- text: A sliding loop", "the option 'A sliding loop' of question 'loop' has no feedback"),
    ("post_test_length", (rules("{preset: none, post_test_length: true}"),), FINAL, "questions:",
     "the post-test has 2 questions; 0.5 credit hour(s) need at least 10 (10 for the first hour, 5 per further started hour)"),
    ("post_test_length: a started hour counts", (rules("{preset: none, post_test_length: {first_hour: 2, each_further_hour: 1}}"),
                                                 sub("mkdocs.yml", "ce_hours: 0.5", "ce_hours: 1.25")),
     FINAL, "questions:", "1.25 credit hour(s) need at least 3"),
    ("post_test_length: no post-test", (rules("{preset: none, post_test_length: true}"), sub("mkdocs.yml", "  - Final quiz: final.md\n", ""),
                                        lambda root: (root / "docs" / "final.md").unlink(), lambda root: (root / FINAL).unlink(),
                                        sub("mkdocs.yml", "      evaluation: true", "      post_test: false")),
     "mkdocs.yml", "    rules: {preset: none, post_test_length: true}", "the course has no post-test"),
    ("post_test_covers: a question", (rules("{preset: none, post_test_covers: true}"), sub(FINAL, "    covers: bowline\n", "")),
     FINAL, "- id: f-bowline", "question 'f-bowline' does not say which module it tests"),
    ("post_test_covers: a module", (rules("{preset: none, post_test_covers: true}"), sub(FINAL, "covers: bowline", "covers: reef-knot")),
     FINAL, "questions:", "no post-test question covers the module 'bowline' (docs/lessons/bowline.md)"),
    ("true_false_max", (rules("{preset: none, true_false_max: 10}"), sub(FINAL, "text: a fixed loop", "text: 'True'"), sub(FINAL, "text: a hitch", "text: 'False'")),
     FINAL, "- id: f-bowline", "1 of the post-test's 2 questions are true/false (f-bowline); at most 10% may be"),
    ("pass_mark_range", (rules("{preset: none, pass_mark_range: [75, 100]}"),), "mkdocs.yml", "    pass_mark: 70", "the pass mark is 70%; a CE post-test's pass mark lies from 75 to 100"),
    ("reading_load: words_per_ce_hour turns it on", (sub("mkdocs.yml", "words_per_ce_hour: 200", "words_per_ce_hour: 100000"),),
     "mkdocs.yml", "    ce_hours: 0.5", "0.5 hours need at least 50000 (100000 words per CE hour)"),
    ("reading_load: the default words", (rules("{preset: none, reading_load: true}"), sub("mkdocs.yml", "    words_per_ce_hour: 200\n", "")),
     "mkdocs.yml", "    ce_hours: 0.5", "need at least 5000 (10000 words per CE hour)"),
    ("evaluation: not required", (rules("{preset: none, evaluation: true}"), sub("mkdocs.yml", "      evaluation: true", "      evaluation: false")),
     "mkdocs.yml", "      evaluation: false", "the evaluation must be required for the certificate"),
    ("evaluation: no page", (rules("{preset: none, evaluation: true}"), sub("mkdocs.yml", "      evaluation: true", "      evaluation: false"),
                             sub("mkdocs.yml", "  - Feedback: feedback.md\n", ""), lambda root: (root / "docs" / "feedback.md").unlink(),
                             lambda root: (root / "banks" / "feedback.yml").unlink()),
     "mkdocs.yml", "    rules: {preset: none, evaluation: true}", "the course has no evaluation"),
    ("named_authors", (rules("{preset: none, named_authors: true}"), sub("mkdocs.yml", "credentials: Master Rigger", "credentials: TBD")),
     "mkdocs.yml", "        credentials: TBD", "the author's credentials holds the placeholder 'TBD'"),
    ("named_authors: the README's example", (rules("{preset: none, named_authors: true}"), sub("mkdocs.yml", "name: Ada Rope", "name: Dr Jane Doe")),
     "mkdocs.yml", "      - name: Dr Jane Doe", "the author's name holds the placeholder 'Dr Jane Doe'"),
    ("named_authors: a signer without a name", (rules("{preset: none, named_authors: true}"), sub("mkdocs.yml", "      name: Ben Cleat\n", "")),
     "mkdocs.yml", "    signer:", "the certificate's signer has no name"),
    ("no_placeholders: a page", (rules("{preset: none, no_placeholders: true}"), append(BOWLINE_PAGE, "\nTODO: a photo of the knot.\n")),
     BOWLINE_PAGE, "TODO: a photo", "'TODO' is placeholder text"),
    ("no_placeholders: a setting", (rules("{preset: none, no_placeholders: true}"), sub("mkdocs.yml", "provider: Harbour Sailing Club", "provider: Your organization")),
     "mkdocs.yml", "    provider: Your organization", "'provider' holds the placeholder 'Your organization'"),
    ("no_placeholders: a bank", (rules("{preset: none, no_placeholders: true}"), sub(REEF, "explanation: The granny slips.", "explanation: Lorem ipsum.")),
     REEF, "explanation: Lorem ipsum.", "'Lorem ipsum' is placeholder text"),
    ("references: no such page", (rules("{preset: none, references: docs/sources.md}"),),
     "mkdocs.yml", "    rules: {preset: none, references: docs/sources.md}", "there is no page 'docs/sources.md'"),
    ("references: an unlisted work", WITH_REFERENCES + (append(BOWLINE_PAGE, "\nSailors still use it (Budworth & Perkins, 2001).\n"),),
     BOWLINE_PAGE, "(Budworth & Perkins, 2001)", "'Budworth & Perkins, 2001' cites a work docs/references.md does not list"),
    ("references: a narrative citation, wrong year", WITH_REFERENCES + (append(BOWLINE_PAGE, "\nAs Ashley (1945) shows, it holds.\n"),),
     BOWLINE_PAGE, "As Ashley (1945)", "'As Ashley (1945)' cites a work docs/references.md does not list"),
    ("references: in a bank", WITH_REFERENCES + (sub(REEF, "explanation: The granny slips.", "explanation: The granny slips (Doe et al., 2020)."),),
     REEF, "(Doe et al., 2020)", "no entry by Doe from 2020"),
    ("references: an uncited entry", WITH_REFERENCES + (append(REFERENCES, "\nPawson, D. (1998). *Pocket guide to knots*. Lyons.\n{#pawson-1998}\n"),),
     REFERENCES, "Pawson, D. (1998)", "the entry #pawson-1998 (Pawson, 1998) is cited nowhere"),
]


def test_every_rule_is_made_to_fail() -> None:
    assert {case[0].split(":")[0] for case in CASES} == set(RULES)


@pytest.mark.parametrize(("edits", "file", "text", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_rule_fails_at_the_line_to_fix(course_dir: Path, edits: tuple[Edit, ...], file: str, text: str, words: str) -> None:
    error = _error(course_dir, *edits)
    assert (error.file, error.line) == (file, _line_of(course_dir, file, text)), str(error)
    assert words in error.message, error.message


def test_citations_that_match_their_references_pass(course_dir: Path) -> None:
    for edit in WITH_REFERENCES + (append(BOWLINE_PAGE, "\nAshley's (1944) entry, and [Ashley, 1944](../references.md#ashley-1944).\n"),):
        edit(course_dir)
    assert course_model(course_dir).modules


def test_a_placeholder_in_sample_code_is_not_placeholder_text(course_dir: Path) -> None:
    rules("{preset: none, no_placeholders: true}")(course_dir)
    append(BOWLINE_PAGE, "\n```\n# TODO: splice\n```\n\nType `TODO` to mark it.\n")(course_dir)
    assert course_model(course_dir).modules


def test_the_message_says_which_rule_and_where_it_was_chosen(course_dir: Path) -> None:
    error = _error(course_dir, rules("\n      preset: none\n      knowledge_check_min: 3"))
    assert f"(rule 'knowledge_check_min' set in mkdocs.yml:{_line_of(course_dir, 'mkdocs.yml', 'knowledge_check_min: 3')})" in error.message

    fresh = course_dir.parent / "fresh"
    shutil.copytree(MINI_COURSE, fresh)
    error = _error(fresh, rules("nasw"))
    assert (error.file, error.line) == (REEF_PAGE, _line_of(fresh, REEF_PAGE, "  objectives:"))
    assert "(rule 'objectives_min' of the 'nasw' preset; see README, 'Rule presets')" in error.message


# --------------------------------------------------------------------------
# Presets and the organizer's values
# --------------------------------------------------------------------------


def test_preset_none_turns_every_rule_off() -> None:
    assert active_rules(RuleSet("none")) == {}


def test_the_ce_presets_turn_on_every_rule_with_a_ce_value() -> None:
    for preset in CE_PRESETS:
        assert set(active_rules(RuleSet(preset))) == {rule.name for rule in DECLARED if rule.ce is not None}
    assert active_rules(RuleSet("apa"))["objective_verbs"] == MEASURABLE_VERBS
    assert not {"Understand", "Know", "Learn", "Appreciate"} & set(MEASURABLE_VERBS)


def test_words_per_ce_hour_turns_the_reading_load_on_unless_the_rule_is_off() -> None:
    written = frozenset({"words_per_ce_hour"})
    assert active_rules(RuleSet("none"), written) == {"reading_load": True}
    assert active_rules(RuleSet("none", (("reading_load", None),)), written) == {}


def test_a_course_that_names_no_preset_is_checked_with_the_default(course_dir: Path) -> None:
    error = _error(course_dir, sub("mkdocs.yml", "    rules: none  # a club course, not CE credit: the builder's own checks only\n", ""))
    assert course_settings(course_dir).rules == RuleSet(DEFAULT_PRESET)
    assert f"of the '{DEFAULT_PRESET}' preset" in error.message


@pytest.mark.skipif("credit_unit" not in CourseSettings.__dataclass_fields__, reason="no credit_unit setting in this build")
def test_a_non_credit_course_that_names_no_preset_is_checked_with_none(course_dir: Path) -> None:
    sub("mkdocs.yml", "    rules: none  # a club course, not CE credit: the builder's own checks only\n", "")(course_dir)
    sub("mkdocs.yml", "    ce_hours: 0.5\n", "    ce_hours: 0.5\n    credit_unit: none\n")(course_dir)
    settings = course_settings(course_dir)
    assert settings.rules == RuleSet(DEFAULT_PRESET) and chosen_rules(settings) == RuleSet("none")
    assert course_model(course_dir).modules


def test_credit_hours_count_a_ceu_as_ten_hours() -> None:
    assert credit_hours(SimpleNamespace(ce_hours=0.2, credit_unit="ceus")) == pytest.approx(2.0)  # type: ignore[arg-type]
    assert credit_hours(SimpleNamespace(ce_hours=1.5, credit_unit="contact-hours")) == 1.5  # type: ignore[arg-type]
    assert credit_hours(SimpleNamespace(ce_hours=0, credit_unit="none")) == 0  # type: ignore[arg-type]
    assert credit_hours(SimpleNamespace(ce_hours=1.25)) == 1.25  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("block", "text", "words"),
    [
        ("preset: cpa", "preset: cpa", "the rule preset must be one of apa, nasw, none, not 'cpa'"),
        ("objective_min: 3", "objective_min: 3", "unknown key 'objective_min' in 'extra.course.rules'; allowed keys: "),
        ("objectives_min: two", "objectives_min: two", "must be a number"),
        ("objectives_min: 0", "objectives_min: 0", "a whole number of at least 1"),
        ("objectives_min:", "objectives_min:", "'rules.objectives_min' is empty"),
        ("true_false_max: 120", "true_false_max: 120", "a whole percentage from 0 to 100"),
        ("pass_mark_range: [90, 80]", "pass_mark_range: [90, 80]", "from the lowest to the highest"),
        ("pass_mark_range: 70", "pass_mark_range: 70", "must be a list"),
        ("knowledge_check_types: [single, essay]", "knowledge_check_types: [single, essay]", "not 'essay'"),
        ("objective_verbs: [Describe, Be able to]", "objective_verbs: [Describe, Be able to]", "'Be able to' is not one word"),
        ("module_sections: true", "module_sections: true", "has no preset value to turn on"),
        ("post_test_length: {first_hour: 10}", "post_test_length: {first_hour: 10}", "missing the required key 'each_further_hour'"),
    ],
)
def test_a_wrong_rule_setting_is_refused_at_its_line(course_dir: Path, block: str, text: str, words: str) -> None:
    rules("\n      " + ("" if block.startswith("preset") else "preset: none\n      ") + block)(course_dir)
    with pytest.raises(CourseError) as caught:
        course_settings(course_dir)
    error = caught.value
    assert (error.file, error.line) == ("mkdocs.yml", _line_of(course_dir, "mkdocs.yml", text)), str(error)
    assert words in error.message


def test_the_allowed_rule_names_come_from_the_declarations(course_dir: Path) -> None:
    rules("{colour: blue}")(course_dir)
    with pytest.raises(CourseError) as caught:
        course_settings(course_dir)
    assert f"allowed keys: {', '.join(sorted({'preset', *RULES}))}" in caught.value.message


def test_true_and_false_turn_a_rule_on_with_the_ce_value_or_off(course_dir: Path) -> None:
    rules("{preset: apa, objective_verbs: false, pass_mark_range: true, post_test_length: {first_hour: 4, each_further_hour: 2}}")(course_dir)
    chosen = course_settings(course_dir).rules
    assert chosen.value("objective_verbs") is None and chosen.value("pass_mark_range") == (70, 100)
    assert chosen.value("post_test_length") == (4, 2) and chosen.value("feedback") is True
    assert chosen.overridden("pass_mark_range") and not chosen.overridden("feedback")


# --------------------------------------------------------------------------
# Post-test length and citations, in detail
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("ce_hours", "expected"), [(0.5, 10), (1, 10), (1.0, 10), (1.25, 15), (1.5, 15), (2, 15), (2.5, 20), (3, 20)])
def test_post_test_minimum_rounds_started_hours_up(ce_hours: float, expected: int) -> None:
    assert post_test_minimum(ce_hours) == expected


def test_a_drawn_post_test_counts_the_questions_a_learner_answers() -> None:
    questions = tuple(range(20))
    assert answered_count(SimpleNamespace(questions=questions, draw=12)) == 12  # type: ignore[arg-type]
    assert answered_count(SimpleNamespace(questions=questions, draw=None)) == 20  # type: ignore[arg-type]
    assert answered_count(SimpleNamespace(questions=questions)) == 20  # type: ignore[arg-type]


@pytest.mark.skipif("draw" not in getattr(Bank, "__dataclass_fields__", {}), reason="banks have no 'draw:' key in this build")
def test_a_bank_drawing_too_few_fails_at_its_draw_line(course_dir: Path) -> None:
    edits = (rules("{preset: none, post_test_length: {first_hour: 2, each_further_hour: 1}}"),
             sub(FINAL, "questions:\n", "draw: 1\nquestions:\n"))
    error = _error(course_dir, *edits)
    assert (error.file, error.line) == (FINAL, _line_of(course_dir, FINAL, "draw: 1"))
    assert "the post-test draws 1 questions" in error.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as shown (Neff, 2023).", [("Neff", None, False, "2023")]),
        ("(Wilson et al., 2019; published online 2018)", [("Wilson", None, True, "2019")]),
        ("(Kirby & Gilbert, 2019)", [("Kirby", "Gilbert", False, "2019")]),
        ("[Neff (2023)](../references.md#neff-2023) says", [("Neff", None, False, "2023")]),
        ("Kirby and Gilbert's (2019) commentary", [("Kirby", "Gilbert", False, "2019")]),
        ("(Neff, n.d.)", [("Neff", None, False, "n.d.")]),
        ("(Greater Good in Action, n.d.)", [("Greater Good in Action", None, False, "n.d.")]),
        ("(Germer & Neff, 2013; Neff, 2023)", [("Germer", "Neff", False, "2013"), ("Neff", None, False, "2023")]),
        ("Crego et al. (2022) reviewed", [("Crego", None, True, "2022")]),
        ("in the June 2019 issue, 22 trials", []),
    ],
)
def test_citation_patterns(text: str, expected: list[tuple]) -> None:
    assert [(c.first, c.second, c.et_al, c.year) for c in find_citations(text)] == expected


def test_a_citation_knows_its_line_after_a_link() -> None:
    text = "First line.\nSee [the page](https://example.org/Smith,%202020/\nnext) and\n(Neff, 2023).\n"
    (citation,) = find_citations(text)
    assert citation.line == 4 and citation.text == "Neff, 2023"


# --------------------------------------------------------------------------
# The README's table is the declarations
# --------------------------------------------------------------------------


def test_the_readme_rules_table_is_the_declarations() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"
    assert start in readme and end in readme, "README.md lost its rules-table markers"
    written = readme.split(start, 1)[1].split(end, 1)[0]
    assert written.strip() == rules_table().strip(), "README's rules table is stale: paste coursekit.rules.rules_table()"
    for rule in DECLARED:
        assert rule.help and callable(rule.read) and callable(rule.check)
