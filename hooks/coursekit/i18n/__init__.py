"""The course interface in the course's language (`theme.language`).

One catalogue per language in this folder (`en.yml` is the reference), organizer
overrides from `extra.course.strings`, plural forms and number formats as the
browser's `Intl` gives them. The browser gets the effective catalogue through the
course manifest (`strings`, `language`) and reads it with hooks/assets/i18n.js.
"""

from __future__ import annotations

from .catalogue import (
    CREDIT_DIGITS, KEYS_FILE, Catalogue, available_languages, catalogue_problem, effective_catalogue, expected_keys,
    override_problem, placeholders, read_overrides, reference, shipped, shipped_catalogue, split_plural,
)
from .locale import format_number, format_percent, plural_categories, plural_category

__all__ = [
    "CREDIT_DIGITS", "KEYS_FILE", "Catalogue", "available_languages", "catalogue_problem", "effective_catalogue",
    "expected_keys", "format_number", "format_percent", "override_problem", "placeholders", "plural_categories",
    "plural_category", "read_overrides", "reference", "shipped", "shipped_catalogue", "split_plural",
]
