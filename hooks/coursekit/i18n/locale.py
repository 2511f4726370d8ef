"""Plural forms and number formats for the texts the build writes, as the browser's `Intl` gives them.

The browser scripts use `Intl.PluralRules` and `Intl.NumberFormat` (hooks/assets/i18n.js);
this is their small equivalent for the languages the course ships (CLDR rules, measured
against Chromium 156 and Node 20), so a number reads the same on a page written at build
time and in a widget drawn in the browser. Other languages get English rules here
(the browser still follows its own; README, "The course's language").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, NamedTuple

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class _Operands(NamedTuple):
    """CLDR's plural operands: n absolute value, i integer digits, v number of visible fraction digits."""

    n: Decimal
    i: int
    v: int


def _en(o: _Operands) -> str:
    return "one" if o.i == 1 and o.v == 0 else "other"


def _millions(o: _Operands) -> bool:
    return o.i != 0 and o.i % 1_000_000 == 0 and o.v == 0


def _es(o: _Operands) -> str:
    if o.n == 1:
        return "one"
    return "many" if _millions(o) else "other"


def _fr(o: _Operands) -> str:
    if o.i in (0, 1):
        return "one"
    return "many" if _millions(o) else "other"


def _ar(o: _Operands) -> str:
    whole = o.n == o.n.to_integral_value()
    rest = int(o.n) % 100 if whole else -1
    if o.n == 0:
        return "zero"
    if o.n == 1:
        return "one"
    if o.n == 2:
        return "two"
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


class _Locale(NamedTuple):
    plural: Callable[[_Operands], str]
    categories: tuple[str, ...]  # the plural forms a catalogue gives (its rule's results)
    decimal: str
    group: str
    min_grouping: int  # digits before the first group separator appears (Spanish: 1234 but 12.345)
    percent: str  # where the number goes: "{}"


_LOCALES = {
    "en": _Locale(_en, ("one", "other"), ".", ",", 1, "{}%"),
    "de": _Locale(_en, ("one", "other"), ",", ".", 1, "{}\u00a0%"),
    "es": _Locale(_es, ("one", "many", "other"), ",", ".", 2, "{}\u00a0%"),
    "fr": _Locale(_fr, ("one", "many", "other"), ",", "\u202f", 1, "{}\u00a0%"),
    "ar": _Locale(_ar, PLURAL_CATEGORIES, ".", ",", 1, "{}\u200e%\u200e"),
}


def _locale(language: str) -> _Locale:
    return _LOCALES.get(language.split("-")[0].lower(), _LOCALES["en"])


def plural_categories(language: str) -> tuple[str, ...]:
    """The plural forms a catalogue in this language gives for each counted text."""
    return _locale(language).categories


def _digits(value: float, min_fraction: int, max_fraction: int) -> str:
    """The number as Intl shows it before separators: rounded half away from zero, trailing zeros cut to `min_fraction`."""
    text = f"{Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-max_fraction), rounding='ROUND_HALF_UP'):f}"
    if "." in text:
        whole, fraction = text.split(".")
        fraction = fraction.rstrip("0").ljust(min_fraction, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    elif min_fraction:
        text += "." + "0" * min_fraction
    return text


def plural_category(language: str, value: float, *, min_fraction: int = 0, max_fraction: int = 3) -> str:
    """The plural form for `value` as it is shown (1 and 1.0 can differ, as in Intl.PluralRules)."""
    digits = _digits(value, min_fraction, max_fraction)
    whole, _, fraction = digits.partition(".")
    return _locale(language).plural(_Operands(Decimal(digits), int(whole), len(fraction)))


def format_number(language: str, value: float, *, min_fraction: int = 0, max_fraction: int = 3) -> str:
    """`value` as Intl.NumberFormat(language, {minimumFractionDigits, maximumFractionDigits}) shows it."""
    locale = _locale(language)
    whole, _, fraction = _digits(value, min_fraction, max_fraction).partition(".")
    if len(whole) >= 4 + locale.min_grouping - 1:
        groups = []
        while len(whole) > 3:
            whole, group = whole[:-3], whole[-3:]
            groups.insert(0, group)
        whole = locale.group.join([whole, *groups])
    sign = "-" if value < 0 and any(c not in "0.," for c in whole + fraction) else ""
    return sign + whole + (locale.decimal + fraction if fraction else "")


def format_percent(language: str, percent: float) -> str:
    """A percentage (80 for 80 %) as Intl's percent style shows it, with at most one decimal."""
    return _locale(language).percent.format(format_number(language, percent, max_fraction=1))
