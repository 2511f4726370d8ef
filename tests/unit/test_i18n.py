"""i18n: one catalogue per language with exactly the English keys and placeholders; organizer
overrides checked at their line; an unknown language named at theme.language; plural forms and
numbers as the browser's Intl gives them; credit as configuration (the unit, or none)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.i18n import (
    KEYS_FILE, Catalogue, available_languages, catalogue_problem, effective_catalogue, expected_keys, format_number,
    format_percent, plural_categories, plural_category, read_overrides, reference, shipped, shipped_catalogue, split_plural,
)
from coursekit.i18n.catalogue import FOLDER
from coursekit.manifest import manifest
from coursekit.model import Course, build_course
from coursekit.pages import PageSource
from coursekit.project import Project
from coursekit.render import course_details_markdown, objectives_markdown, post_test_html
from coursekit.settings import DEFAULT_ACCREDITATION, DEFAULT_DISCLOSURE, parse_settings
from coursekit.yaml_source import load_yaml
from support import MINIMAL_SETTINGS, MINI_COURSE, ROOT

LANGUAGE_AT = ("mkdocs.yml", 27)
NAV = ["index.md", "lessons/reef-knot.md", "lessons/bowline.md", "final.md", "feedback.md"]


def _overrides(text: str) -> dict[str, str]:
    doc = load_yaml(f"extra:\n  course:\n    strings:\n{text}", "mkdocs.yml")
    return read_overrides(doc.root().child("extra").child("course").child("strings"))


def _override_error(text: str) -> CourseError:
    with pytest.raises(CourseError) as caught:
        _overrides(text)
    return caught.value


# ---------------------------------------------------------------- the shipped catalogues


def test_the_course_ships_five_languages_arabic_among_them() -> None:
    assert set(available_languages()) >= {"en", "de", "es", "fr", "ar"}
    assert plural_categories("ar") == ("zero", "one", "two", "few", "many", "other")


@pytest.mark.parametrize("language", available_languages())
def test_every_catalogue_has_exactly_the_english_keys_and_placeholders(language: str) -> None:
    strings = shipped(language)
    assert catalogue_problem(language, strings) is None
    assert set(strings) == set(expected_keys(language))
    if language != "en":
        words = lambda text: re.sub(r"\{\w+\}|\W", "", text)  # noqa: E731 - what is left to translate
        same = [key for key, text in strings.items() if text == reference().get(key) and len(words(text)) > 8]
        assert not same, f"{language}.yml leaves these texts in English: {same}"


@pytest.mark.parametrize("language", available_languages())
def test_every_catalogue_is_one_json_text_per_line(language: str) -> None:
    """tests/js reads the catalogues without a YAML parser: `key: "text"` lines, the text a JSON string."""
    path = FOLDER / f"{language}.yml"
    read: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r'([A-Za-z0-9_.-]+): (".*")', line)
        assert match, f"{path.name}:{number}: write `key: \"text\"` on one line"
        read[match[1]] = json.loads(match[2])
    assert read == dict(shipped(language))


def test_a_catalogue_with_a_missing_or_extra_key_or_other_placeholders_is_named() -> None:
    strings = dict(shipped("de"))
    del strings["post_test.retake"]
    assert catalogue_problem("de", strings) == ("post_test.retake", "the key 'post_test.retake' is missing (English: \"Retake the post-test\")")
    strings = dict(shipped("de")) | {"post_test.retkae": "x"}
    key, message = catalogue_problem("de", strings)
    assert key == "post_test.retkae" and "did you mean 'post_test.retake'" in message
    strings = dict(shipped("de")) | {"next_step": "Weiter: {titel}"}
    key, message = catalogue_problem("de", strings)
    assert key == "next_step" and "{title} missing" in message and "{titel} unknown" in message
    strings = dict(shipped("de")) | {"progress.summary_few": "{done} von {total}"}
    key, message = catalogue_problem("de", strings)
    assert key == "progress.summary_few" and "its forms are progress.summary_one, progress.summary_other" in message


def test_english_defaults_of_the_settings_are_the_catalogue_texts() -> None:
    assert reference()["course.accreditation.default"] == DEFAULT_ACCREDITATION
    assert reference()["page.details.disclosure.none"] == DEFAULT_DISCLOSURE


def test_every_key_is_used_and_every_key_used_exists() -> None:
    """The catalogue and the code stay in step: no dead text, no text the code asks for in vain."""
    sources = [*(ROOT / "hooks" / "assets").glob("*.js"), *(ROOT / "hooks" / "coursekit").rglob("*.py")]
    code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    # The first argument of t(...), plural(...), text(...), label(...) and creditKey(..., key): its quoted keys.
    arguments = re.findall(r"\b(?:t|plural|text|label)\(([^()]*?)[,)]", code) + re.findall(r"creditKey\([^,]+,([^)]*)\)", code)
    used = {key for argument in arguments for key in re.findall(r"""["']([a-z][a-z0-9_.-]*)["']""", argument)
            if "." in key or key in reference()}  # a key, not a value compared on the way ("none")
    dynamic = ("page.details.level.", "credit.unit.", "credit.per.")  # completed in code: the level, the unit
    bases = {split_plural(key)[0] for key in reference()}
    unused = [key for key in reference()
              if split_plural(key)[0] not in used and key.removesuffix(".no_credit") not in used and not key.startswith(dynamic)]
    assert not unused, f"keys no code uses: {unused}"
    unknown = sorted(used - set(reference()) - bases)
    assert not unknown, f"keys the code uses that {KEYS_FILE} lacks: {unknown}"
    assert len(used) > 100, "the search for keys in the code found too few: its pattern no longer fits the code"


# ---------------------------------------------------------------- the effective catalogue


def test_overrides_replace_texts_and_keep_the_rest() -> None:
    overrides = _overrides('      post_test.retake: "Try the test again"\n      progress.summary_other: "{done}/{total} done"\n')
    catalogue = effective_catalogue("de", overrides, language_at=LANGUAGE_AT)
    assert catalogue.text("post_test.retake") == "Try the test again"
    assert catalogue.plural("progress.summary", 5, done=2, total=5) == "2/5 done"
    assert catalogue.text("post_test.passed") == shipped("de")["post_test.passed"]


@pytest.mark.parametrize(("override", "line", "words"), [
    ('      post_test.retakes: "Again"\n', 4, "unknown string key 'post_test.retakes' (did you mean 'post_test.retake'?)"),
    ('      nonsense: "Again"\n', 4, f"the keys are listed in {KEYS_FILE}"),
    ('      post_test.retake: ""\n', 4, "is empty"),
    ('      post_test.retake: 3\n', 4, "must be text"),
    ('      next_step: "Next: {page}"\n', 4, "{title} missing; {page} unknown"),
    ('      progress.summary_one: "{done} done"\n', 4, "{total} missing"),
])
def test_a_wrong_override_is_refused_at_its_line(override: str, line: int, words: str) -> None:
    error = _override_error('      post_test.passed: "Yes"\n'[:0] + override)
    assert (error.file, error.line) == ("mkdocs.yml", line)
    assert words in error.message


def test_a_plural_form_the_language_lacks_is_refused_at_its_line() -> None:
    overrides = _overrides('      progress.summary_few: "{done} von {total}"\n')
    with pytest.raises(CourseError) as caught:
        effective_catalogue("de", overrides, language_at=LANGUAGE_AT, override_at={"progress.summary_few": ("mkdocs.yml", 4)})
    assert caught.value.line == 4 and "not a plural form of the language 'de'" in caught.value.message
    assert effective_catalogue("ar", overrides, language_at=LANGUAGE_AT).plural("progress.summary", 5, done=1, total=5) == "1 von 5"


def test_a_language_without_a_catalogue_is_named_at_theme_language() -> None:
    with pytest.raises(CourseError) as caught:
        effective_catalogue("pt-BR", {}, language_at=LANGUAGE_AT)
    error = caught.value
    assert (error.file, error.line) == LANGUAGE_AT
    assert "theme.language is 'pt-BR'" in error.message and "available: ar, de, en, es, fr" in error.message


def test_a_language_without_a_catalogue_builds_when_the_overrides_give_every_text() -> None:
    everything = dict(shipped("en"))
    catalogue = effective_catalogue("nl", everything, language_at=LANGUAGE_AT)
    assert catalogue.language == "nl" and catalogue.text("post_test.retake") == "Retake the post-test"
    del everything["post_test.retake"]
    with pytest.raises(CourseError) as caught:
        effective_catalogue("nl", everything, language_at=LANGUAGE_AT)
    assert caught.value.line == LANGUAGE_AT[1] and "'post_test.retake' is missing" in caught.value.message


# ---------------------------------------------------------------- plurals and numbers, as Intl gives them

CASES = [  # language, value, fraction digits (min, max), number, plural category
    ("en", 1, (0, 3), "1", "one"), ("en", 1, (1, 2), "1.0", "other"), ("en", 12345.5, (0, 3), "12,345.5", "other"),
    ("de", 1234, (0, 3), "1.234", "other"), ("de", 0.5, (1, 2), "0,5", "other"), ("de", 1, (0, 3), "1", "one"),
    ("es", 1234, (0, 3), "1234", "other"), ("es", 12345, (0, 3), "12.345", "other"), ("es", 1, (1, 2), "1,0", "one"),
    ("es", 1_000_000, (0, 3), "1.000.000", "many"),
    ("fr", 1.5, (1, 2), "1,5", "one"), ("fr", 0, (0, 3), "0", "one"), ("fr", 2, (0, 3), "2", "other"),
    ("fr", 12345, (0, 3), "12\u202f345", "other"),
    ("ar", 0, (0, 3), "0", "zero"), ("ar", 1, (1, 2), "1.0", "one"), ("ar", 2, (0, 3), "2", "two"), ("ar", 3, (1, 2), "3.0", "few"),
    ("ar", 11, (0, 3), "11", "many"), ("ar", 100, (0, 3), "100", "other"), ("ar", 1.5, (1, 2), "1.5", "other"),
    ("ar", 103, (0, 3), "103", "few"), ("ar", 0.25, (1, 2), "0.25", "other"),
]


@pytest.mark.parametrize(("language", "value", "digits", "number", "category"), CASES)
def test_numbers_and_plural_forms_follow_cldr(language: str, value: float, digits: tuple[int, int], number: str, category: str) -> None:
    assert format_number(language, value, min_fraction=digits[0], max_fraction=digits[1]) == number
    assert plural_category(language, value, min_fraction=digits[0], max_fraction=digits[1]) == category


def test_percentages_read_as_in_each_language() -> None:
    assert [format_percent(language, 79.5) for language in ("en", "de", "fr", "ar")] == [
        "79.5%", "79,5\u00a0%", "79,5\u00a0%", "79.5\u200e%\u200e"]
    assert format_percent("en", 80) == "80%"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node to compare with its Intl")
def test_the_build_formats_numbers_and_plurals_exactly_as_the_browser_does() -> None:
    """Pages written at build time and widgets drawn by i18n.js show the same number the same way."""
    cases = [[language, value, digits[0], digits[1]] for language, value, digits, _, _ in CASES]
    cases += [[language, value, 0, 1] for language in ("en", "de", "es", "fr", "ar") for value in (80, 79.5, 100, 7)]
    script = """const cases = JSON.parse(process.argv[1]); console.log(JSON.stringify(cases.map(([l, v, min, max]) => [
      new Intl.NumberFormat(l, {minimumFractionDigits: min, maximumFractionDigits: max}).format(v),
      new Intl.PluralRules(l, {minimumFractionDigits: min, maximumFractionDigits: max}).select(v),
      new Intl.NumberFormat(l, {style: "percent", maximumFractionDigits: 1}).format(v / 100)])));"""
    intl = json.loads(subprocess.run(["node", "-e", script, json.dumps(cases)], capture_output=True, text=True, check=True).stdout)
    ours = [[format_number(l, v, min_fraction=lo, max_fraction=hi), plural_category(l, v, min_fraction=lo, max_fraction=hi),
             format_percent(l, v)] for l, v, lo, hi in cases]
    assert ours == intl


def test_a_catalogue_fills_placeholders_formats_numbers_and_names_credit() -> None:
    german = shipped_catalogue("de")
    assert german.text("post_test.number", number=3, total=12) == "Frage 3 von 12"
    assert german.text("position.knowledge_check", answered=1234, total=2000) == "Wissenscheck: 1.234 von 2.000 beantwortet"
    assert german.credit(1, "ce-hours") == "1,0 Fortbildungsstunden"
    assert shipped_catalogue("fr").credit(1, "contact-hours") == "1,0 heure de contact"
    assert shipped_catalogue("en").credit(0.25, "ceus") == "0.25 CEUs"
    assert shipped_catalogue("ar").credit(3, "ce-hours") == "3.0 ساعات تعليم مستمر"
    assert shipped_catalogue("en").credit(2, "none") == ""
    assert shipped_catalogue("es").plural("page.objectives.intro", 1, minutes=1).startswith("Tiempo estimado: **1 minuto**")


# ---------------------------------------------------------------- credit as configuration

SETTINGS = MINIMAL_SETTINGS


def _settings(text: str):  # noqa: ANN202 - CourseSettings
    return parse_settings(load_yaml(text, "mkdocs.yml").root().child("extra").child("course"), site_name="Site")


def _settings_error(text: str) -> CourseError:
    with pytest.raises(CourseError) as caught:
        _settings(text)
    return caught.value


def test_the_credit_unit_is_a_setting_with_ce_hours_its_amount() -> None:
    assert _settings(SETTINGS).credit_unit == "ce-hours"
    contact = _settings(SETTINGS + "    credit_unit: contact-hours\n")
    assert (contact.credit_unit, contact.ce_hours) == ("contact-hours", 1.5)
    error = _settings_error(SETTINGS + "    credit_unit: credits\n")
    assert error.line == 11 and "ce-hours, contact-hours, ceus, none" in error.message


def test_a_non_credit_course_may_leave_out_ce_hours_or_write_zero() -> None:
    assert _settings(SETTINGS.replace("    ce_hours: 1.5\n", "    credit_unit: none\n")).ce_hours == 0
    assert _settings(SETTINGS.replace("    ce_hours: 1.5\n", "    ce_hours: 0\n    credit_unit: none\n")).credit_unit == "none"


def test_a_credit_course_needs_a_positive_amount() -> None:
    missing = _settings_error(SETTINGS.replace("    ce_hours: 1.5\n", "    credit_unit: ceus\n"))
    assert missing.line == 2 and "missing the required key 'ce_hours'" in missing.message and "CEUs" in missing.message
    zero = _settings_error(SETTINGS.replace("ce_hours: 1.5", "ce_hours: 0"))
    assert zero.line == 9 and "positive number of CE hours" in zero.message and "credit_unit: none" in zero.message


def test_a_certificate_of_completion_for_nothing_is_refused_too() -> None:
    nothing = "    requirements: {modules: false, post_test: false, evaluation: false}\n"
    error = _settings_error(SETTINGS.replace("    ce_hours: 1.5\n", "    credit_unit: none\n") + nothing)
    assert error.line == 11 and "certificate of completion would be issued for nothing" in error.message


def _course(root: Path, settings_text: str) -> Course:
    doc = load_yaml(settings_text, "mkdocs.yml")
    settings = parse_settings(doc.root().child("extra").child("course"), site_name="Knots")
    sources = [PageSource(src=f"docs/{uri}", uri=uri, url=uri.removesuffix(".md") + "/",
                          text=(root / "docs" / uri).read_text(encoding="utf-8")) for uri in NAV]
    return build_course(settings, sources, Project(root=root, docs_dir=root / "docs"))


@pytest.fixture
def mini(tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "course"
    shutil.copytree(MINI_COURSE, root)
    return root, (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_details_and_the_manifest_show_credit_in_its_unit_in_the_course_language(mini: tuple[Path, str]) -> None:
    root, config = mini
    course = _course(root, config.replace("    ce_hours: 0.5\n", "    ce_hours: 0.5\n    credit_unit: contact-hours\n"))
    german = shipped_catalogue("de")
    details = course_details_markdown(course, german)
    assert "| **Fortbildungsumfang** | 0,5 Kontaktstunden |" in details
    assert "pro Kontaktstunde" in details and "| **Bestehensgrenze des Abschlusstests** | 70\u00a0% |" in details
    assert "Keine relevanten finanziellen Beziehungen." in details and "Mittelstufe" in details
    built = manifest(course, german)
    assert built["language"] == "de" and built["course"]["credit"] == {"amount": 0.5, "unit": "contact-hours"}
    assert built["course"]["ce_hours"] == 0.5
    assert built["course"]["accreditation"] == german.text("course.accreditation.default")
    assert built["strings"]["post_test.retake"] == "Abschlusstest wiederholen"
    assert not [key for key in built["strings"] if key.startswith("page.")], "texts only the build writes stay out"


def test_a_non_credit_course_has_no_credit_rows_and_no_reading_load(mini: tuple[Path, str]) -> None:
    root, config = mini
    # 5 hours of credit would fail the reading load; without credit nothing is checked against it.
    course = _course(root, config.replace("    ce_hours: 0.5\n", "    ce_hours: 5\n    credit_unit: none\n"))
    english = shipped_catalogue("en")
    details = course_details_markdown(course, english)
    for key in ("page.details.credit", "page.details.credit_basis", "page.details.accreditation"):
        assert f"**{english.text(key)}**" not in details
    assert "**Provider**" in details
    built = manifest(course, english)
    assert built["course"]["credit"]["unit"] == "none" and built["course"]["accreditation"] is None


def test_the_forms_the_build_writes_are_in_the_course_language(mini: tuple[Path, str]) -> None:
    root, config = mini
    course = _course(root, config)
    arabic = shipped_catalogue("ar")
    form = post_test_html(course.banks["final"], lambda text: f"<p>{text}</p>", arabic)
    total = len(course.banks["final"].questions)
    assert f"السؤال 1 من {total}" in form and "إرسال إجاباتي" in form and "Submit" not in form
    objectives = objectives_markdown(course.modules[0], arabic)
    assert objectives.startswith('!!! info "أهداف التعلّم"') and "**10 دقائق**" in objectives


def test_an_override_cannot_smuggle_markup_into_a_page(mini: tuple[Path, str]) -> None:
    root, config = mini
    course = _course(root, config)
    strings = Catalogue("en", {**shipped("en"), "page.objectives.title": 'Goals" onclick="x', "post_test.number": "<b>{number}</b>/{total}"})
    assert '!!! info "Goals&quot; onclick=&quot;x"' in objectives_markdown(course.modules[0], strings)
    assert "&lt;b&gt;1&lt;/b&gt;" in post_test_html(course.banks["final"], lambda text: text, strings)
