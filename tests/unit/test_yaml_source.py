"""yaml_source: line numbers, errors at the line to fix, refused aliases, typed reading."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.yaml_source import LayeredSource, Value, load_config_chain, load_yaml

BANK = """\
title: Knots
questions:
  - id: one
    type: single
    prompt: Which?
"""


def _error(text: str, **options: object) -> CourseError:
    with pytest.raises(CourseError) as caught:
        load_yaml(text, "f.yml", **options)  # type: ignore[arg-type]
    return caught.value


def test_every_key_and_item_has_its_line() -> None:
    doc = load_yaml(BANK, "f.yml")
    assert doc.line(("title",)) == 1
    assert doc.line(("questions", 0)) == 3
    assert doc.line(("questions", 0, "prompt")) == 5
    assert doc.line(("questions", 0, "missing")) == 3  # the nearest written ancestor


def test_lines_count_from_the_first_line_of_front_matter() -> None:
    assert load_yaml("course:\n  role: module\n", "page.md", first_line=2).line(("course", "role")) == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('a: 1\nb: "open\nc: 2\nd: 3\n', 2, "quote opened on this line is never closed"),
        ("a: 1\nb: 'open\nc: 2\n", 2, "quote opened on this line is never closed"),
        ("a: 1\nb: [x, y\nc: 2\n", 2, "'[' or '{' opened on this line is never closed"),
        ("a: 1\nb\nc: 2\n", 2, "no ':' after its key"),
        ("a:\n  b: 1\n\tc: 2\n", 3, "tab is used for indentation"),
        ("a: 1\nb: note: this\n", 2, "put the whole value in quotes"),
        ("a:\n  b: 1\n c: 2\n", 3, "not valid YAML"),
        ("a: b\x07c\n", 1, "control character"),
        ("a: " + "é" * 40 + "\nb: ok\nc: x\x07y\nd: 1\ne: 2\n", 3, "control character"),
    ],
    ids=["double quote", "single quote", "bracket", "no colon", "tab", "colon in value", "indentation", "control character",
         "control character after non-ASCII"],
)
def test_a_syntax_error_names_the_line_to_fix(text: str, line: int, words: str) -> None:
    error = _error(text)
    assert (error.file, error.line) == ("f.yml", line)
    assert words in error.message


def test_a_duplicate_key_names_both_lines() -> None:
    error = _error("a: 1\nb: 2\na: 3\n")
    assert error.line == 3 and "first given on line 1" in error.message


def test_anchors_and_aliases_are_refused_where_they_stand() -> None:
    error = _error("a: 1\nb: &x [1, 2]\nc: *x\n")
    assert error.line == 2 and "'&x'" in error.message
    error = _error("a: 1\nc: *nothing\n")
    assert error.line == 2 and "'*nothing'" in error.message


BOMB = "".join(
    ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n']
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)]
)


def test_a_billion_laughs_is_refused_at_once() -> None:
    start = time.monotonic()
    error = _error(BOMB)
    assert error.line == 1 and "anchors and aliases" in error.message
    assert time.monotonic() - start < 1


def test_where_aliases_are_allowed_lines_are_recorded_once_per_node() -> None:
    start = time.monotonic()
    doc = load_yaml(BOMB, "mkdocs.yml", allow_aliases=True)
    assert time.monotonic() - start < 2
    assert len(doc.lines) < 200  # 9**9 paths if every alias were walked
    assert doc.line(("l9",)) == 10


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    error = _error("a: 1\nb: " + "[" * 3000 + "]" * 3000 + "\n")
    assert error.line == 2 and "nested more than 100 levels" in error.message


def test_an_empty_mapping_value_is_reported_at_its_own_line() -> None:
    root = load_yaml("q:\n  id: a\n  prompt:\n", "f.yml").root()
    with pytest.raises(CourseError) as caught:
        root.child("q").mapping(required={"id", "prompt"})
    assert caught.value.line == 3 and "'q.prompt' is empty" in caught.value.message
    with pytest.raises(CourseError) as caught:
        root.child("q").mapping(required={"id", "type"}, optional={"prompt"})
    assert caught.value.line == 1 and "missing the required key 'type'" in caught.value.message


def test_keys_that_are_not_names_are_refused() -> None:
    root = load_yaml("1: a\n", "f.yml").root()
    with pytest.raises(CourseError, match="not a name"):
        root.mapping(required=set(), optional={"a"})


@pytest.mark.parametrize(
    ("raw", "words"),
    [(1.1, "number 1.1: put it in quotes"), (8, "put it in quotes"), (False, "as a flag (here false): put it in quotes"),
     (None, "is empty"), (["a"], "must be text, not a list"), ("  ", "is empty")],
)
def test_text_is_text_as_written(raw: object, words: str) -> None:
    with pytest.raises(CourseError) as caught:
        Value(load_yaml("v: x\n", "f.yml"), ("v",), raw).text()
    assert words in caught.value.message and caught.value.line == 1


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), -float("inf")])
def test_numbers_are_finite(raw: float) -> None:
    with pytest.raises(CourseError, match="finite number"):
        Value(load_yaml("v: 1\n", "f.yml"), ("v",), raw).number()


def test_yaml_nan_and_inf_reach_the_number_check() -> None:
    root = load_yaml("a: .nan\nb: .inf\nc: -.Inf\n", "f.yml").root()
    for key in "abc":
        with pytest.raises(CourseError, match="finite"):
            root.child(key).number()


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(CourseError) as caught:
        Value(load_yaml("v: x\n", "f.yml"), ("v",), "x" * 5000).number()
    assert len(caught.value.message) < 200


def test_layered_lines_come_from_the_child_first_then_its_parents() -> None:
    child = load_yaml("extra:\n  course:\n    pass_mark: 90\n", "mkdocs.yml")
    parent = load_yaml("site_name: x\nextra:\n  course:\n    id: a\n    pass_mark: 80\n", "base.yml")
    source = LayeredSource((child, parent))
    assert source.locate(("extra", "course", "pass_mark")) == ("mkdocs.yml", 3)
    assert source.locate(("extra", "course", "id")) == ("base.yml", 4)
    assert source.locate(("extra", "course", "level")) == ("mkdocs.yml", 2)
    assert LayeredSource(()).locate(("extra",)) == ("mkdocs.yml", None)


def test_the_inherit_chain_is_followed_like_mkdocs_does(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "shared" / "base.yml").write_text("extra:\n  course:\n    id: a\n")
    (tmp_path / "site" / "mkdocs.yml").write_text("INHERIT: ../shared/base.yml\nsite_name: x\n")
    source = load_config_chain(tmp_path / "site" / "mkdocs.yml", {"extra": {"course": {"id": "a"}}})
    assert [doc.file for doc in source.docs] == ["mkdocs.yml", "../shared/base.yml"]
    assert source.locate(("extra", "course", "id")) == ("../shared/base.yml", 3)
    assert source.root().child("extra").child("course").child("id").text() == "a"


def test_an_unreadable_or_circular_chain_only_loses_lines(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("INHERIT: mkdocs.yml\nsite_name: x\n")
    assert len(load_config_chain(tmp_path / "mkdocs.yml").docs) == 1
    (tmp_path / "mkdocs.yml").write_text("INHERIT: gone.yml\n")
    assert len(load_config_chain(tmp_path / "mkdocs.yml").docs) == 1
    assert load_config_chain(tmp_path / "nothing.yml").locate(("extra",)) == ("nothing.yml", None)
