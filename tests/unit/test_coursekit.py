"""Unit tests of coursekit.pages (the other modules have their own files: test_settings.py,
test_banks.py, test_yaml_source.py, test_model.py, test_project.py, test_markdown_text.py)."""

from __future__ import annotations

from coursekit.pages import count_words


def test_word_count_ignores_link_targets_and_comments() -> None:
    text = "Self-compassion helps ([Neff, 2023](../references.md#neff-2023)).\n<!-- course:knowledge-check -->\n"
    assert count_words(text) == 4  # Self-compassion, helps, Neff, 2023
