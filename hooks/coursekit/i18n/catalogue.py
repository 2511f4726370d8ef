"""The course interface's texts in one language: shipped catalogues, organizer overrides, and the checks.

A catalogue maps stable dotted keys to texts with `{name}` placeholders. `en.yml`
is the reference: every catalogue has its keys with the same placeholders. A
counted text is a group of plural forms (`key_one`, `key_other`, and in some
languages `_zero`, `_two`, `_few`, `_many`); each language gives exactly the forms
its plural rule chooses from (locale.py).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..errors import CourseError
from ..yaml_source import Value, load_yaml, shorten
from .locale import PLURAL_CATEGORIES, format_number, format_percent, plural_categories, plural_category

FOLDER = Path(__file__).resolve().parent
REFERENCE = "en"
# Where messages send organizers for the list of keys.
KEYS_FILE = "hooks/coursekit/i18n/en.yml"
# A credit amount shows one to two decimals: "1.0 CE hours", "0.25 contact hours".
CREDIT_DIGITS = {"min_fraction": 1, "max_fraction": 2}

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_PLURAL_FORM = re.compile(rf"^(?P<base>.+)_(?P<category>{'|'.join(PLURAL_CATEGORIES)})$")


def placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


def split_plural(key: str) -> tuple[str, str | None]:
    """('post_test.summary', 'one') for 'post_test.summary_one'; (key, None) for a plain key."""
    match = _PLURAL_FORM.match(key)
    return (match["base"], match["category"]) if match else (key, None)


# --------------------------------------------------------------------------
# The catalogue as the rest of the builder uses it
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """The effective texts of one language (shipped catalogue + organizer overrides)."""

    language: str
    strings: Mapping[str, str] = field(repr=False)

    def text(self, key: str, **params: object) -> str:
        return self._fill(self.strings[key], params)

    def plural(self, key: str, count: float, *, min_fraction: int = 0, max_fraction: int = 3, **params: object) -> str:
        """The plural form of `key` for `count` shown with these decimals (`_other` when the language lacks the form)."""
        category = plural_category(self.language, count, min_fraction=min_fraction, max_fraction=max_fraction)
        text = self.strings.get(f"{key}_{category}", self.strings[f"{key}_other"])
        return self._fill(text, params)

    def number(self, value: float, *, min_fraction: int = 0, max_fraction: int = 3) -> str:
        return format_number(self.language, value, min_fraction=min_fraction, max_fraction=max_fraction)

    def percent(self, value: float) -> str:
        return format_percent(self.language, value)

    def credit(self, amount: float, unit: str) -> str:
        """'1.0 CE hours': the amount in its unit; empty for a non-credit course."""
        if unit == "none":
            return ""
        return self.plural(f"credit.unit.{unit}", amount, amount=self.number(amount, **CREDIT_DIGITS), **CREDIT_DIGITS)

    def _fill(self, text: str, params: Mapping[str, object]) -> str:
        def value(match: re.Match[str]) -> str:
            given = params[match[1]]
            return self.number(given) if isinstance(given, (int, float)) and not isinstance(given, bool) else str(given)

        return _PLACEHOLDER.sub(value, text)


# --------------------------------------------------------------------------
# Shipped catalogues
# --------------------------------------------------------------------------


def available_languages() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in FOLDER.glob("*.yml")))


@lru_cache(maxsize=None)
def shipped(language: str) -> Mapping[str, str]:
    """A shipped catalogue as written (not checked: `catalogue_problem` does that)."""
    path = FOLDER / f"{language}.yml"
    root = load_yaml(path.read_text(encoding="utf-8"), _label(language)).root()
    return {key: root.child(key).text() for key in root.mapping(required=set(), optional=set(root.raw or {}))}


def reference() -> Mapping[str, str]:
    return shipped(REFERENCE)


def shipped_catalogue(language: str) -> Catalogue:
    """A shipped catalogue as it stands, without overrides."""
    return Catalogue(language, shipped(language))


def catalogue_problem(language: str, strings: Mapping[str, str]) -> tuple[str, str] | None:
    """(key, what is wrong) for the first key that does not fit the reference catalogue; None when all fit."""
    wanted = expected_keys(language)
    for key in strings:
        if key not in wanted:
            return key, _unknown_key_message(key, language)
    for key, english in wanted.items():
        if key not in strings:
            return key, f"the key '{key}' is missing (English: \"{shorten(english)}\")"
        problem = placeholder_problem(key, strings[key])
        if problem:
            return key, problem
    return None


def expected_keys(language: str) -> dict[str, str]:
    """Every key a catalogue in `language` has, with the English text it translates."""
    keys: dict[str, str] = {}
    for key, text in reference().items():
        base, category = split_plural(key)
        if category is None:
            keys[key] = text
        elif category == "other":
            keys.update({f"{base}_{form}": text for form in plural_categories(language)})
    return keys


def placeholder_problem(key: str, text: str) -> str | None:
    """The placeholders of a text must be those of its English text (for a plural form: of the `_other` form)."""
    base, category = split_plural(key)
    english = reference().get(f"{base}_other" if category else key)
    if english is None:
        return None
    wanted, found = placeholders(english), placeholders(text)
    if wanted == found:
        return None
    shown = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
    missing = ", ".join(f"{{{name}}}" for name in sorted(wanted - found))
    extra = ", ".join(f"{{{name}}}" for name in sorted(found - wanted))
    said = "; ".join(part for part in (missing and f"{missing} missing", extra and f"{extra} unknown") if part)
    return f"the text of '{key}' must use the placeholders of the English text ({shown}): {said}"


def _unknown_key_message(key: str, language: str) -> str:
    base, category = split_plural(key)
    if category and f"{base}_other" in reference():
        forms = ", ".join(f"{base}_{form}" for form in plural_categories(language))
        return f"'{key}' is not a plural form of the language '{language}'; its forms are {forms}"
    close = difflib.get_close_matches(key, list(reference()), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown string key '{shorten(key)}'{hint}; the keys are listed in {KEYS_FILE}"


def _label(language: str) -> str:
    return f"hooks/coursekit/i18n/{language}.yml"


# --------------------------------------------------------------------------
# The effective catalogue of a build
# --------------------------------------------------------------------------


def override_problem(key: str, text: str) -> str | None:
    """What is wrong with an organizer's text for `key` (any language): an unknown key or other placeholders."""
    base, category = split_plural(key)
    known = key in reference() or (category is not None and f"{base}_other" in reference())
    if not known:
        return _unknown_key_message(key, REFERENCE)
    return placeholder_problem(key, text)


def effective_catalogue(language: str, overrides: Mapping[str, str], *, language_at: tuple[str, int | None],
                        override_at: Mapping[str, tuple[str, int | None]] | None = None) -> Catalogue:
    """The shipped catalogue of `language` with the organizer's texts over it, checked whole.

    `language_at`: where theme.language is written; `override_at`: where each override is.
    A language without a catalogue builds only when the overrides give every text.
    """
    available = available_languages()
    if language in available:
        strings = dict(shipped(language))
    elif overrides:
        strings = {}
    else:
        raise CourseError(*language_at, (
            f"theme.language is '{shorten(language)}', but the course interface has no catalogue for it "
            f"(available: {', '.join(available)}); choose one of these, or translate every text of "
            f"{KEYS_FILE} under extra: course: strings:"))
    strings.update(overrides)
    problem = catalogue_problem(language, strings)
    if problem is not None:
        key, message = problem
        if key in overrides and override_at and key in override_at:
            raise CourseError(*override_at[key], message)
        if language in available:
            raise CourseError(_label(language), None, message)
        raise CourseError(*language_at, f"theme.language '{shorten(language)}' has no shipped catalogue and "
                                        f"extra.course.strings does not give every text: {message}")
    return Catalogue(language, strings)


def read_overrides(value: Value) -> dict[str, str]:
    """`extra.course.strings`: {key: text}; each key known and each text with the placeholders of its English text."""
    if not isinstance(value.raw, dict):
        raise value.error(f"{value.subject} must be a mapping of string keys to texts (keys: {KEYS_FILE}), not a {type(value.raw).__name__}"
                          if value.raw is not None else f"{value.subject} is empty; give it 'key: text' lines or delete it")
    overrides: dict[str, str] = {}
    for key in value.raw:
        if not isinstance(key, str):
            raise value.error(f"{value.subject} has the key {key!r}, which is not a string key (keys: {KEYS_FILE})")
        child = value.child(key)
        text = child.text()
        problem = override_problem(key, text)
        if problem:
            raise child.error(problem)
        overrides[key] = text
    return overrides
