"""Load YAML while remembering the line of every key and list item.

PyYAML's `safe_load` forgets where values came from and silently keeps the last
of two duplicate keys; organizers need both facts to fix their files, so we
compose the node tree once, record lines, and reject duplicate keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import CourseError

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML document plus the source line of each path in it."""

    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def root(self) -> "Value":
        return Value(self, (), self.data)


def load_yaml(text: str, file: str | Path, *, first_line: int = 1) -> YamlDoc:
    """Parse `text` once; lines are reported counting from `first_line`."""
    file = str(file)
    loader = _TaggedLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[PathKey, int] = {}
        if node is not None:
            _record_lines(node, (), lines, file, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or str(exc)
        raise CourseError(file, line, f"this is not valid YAML ({problem}); check indentation and quoting") from None
    except yaml.YAMLError as exc:
        raise CourseError(file, None, f"this YAML cannot be read: {exc}") from None
    finally:
        loader.dispose()
    return YamlDoc(file, data, lines)


# libyaml's parser when PyYAML was built with it (about 4x faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TaggedLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that tolerates MkDocs' custom tags (`!ENV`, `!!python/name:`)."""


def _construct_unknown(loader: yaml.BaseLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TaggedLoader.add_multi_constructor("!", _construct_unknown)
_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


def _record_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], file: str, first: int) -> None:
    lines.setdefault(path, node.start_mark.line + first)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + first
            if key in seen:
                raise CourseError(file, line, f"duplicate key '{key}' (first given on line {seen[key]}); keep one")
            seen[key] = line
            lines[path + (key,)] = line
            _record_lines(value_node, path + (key,), lines, file, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + first
            _record_lines(item, path + (index,), lines, file, first)


# --------------------------------------------------------------------------
# Typed reading with errors that point at the offending line
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A value inside a YamlDoc, with its path, so any check can say where it failed."""

    doc: YamlDoc
    path: PathKey
    raw: Any

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path) or "(top level)"

    def error(self, message: str) -> CourseError:
        return CourseError(self.doc.file, self.doc.line(self.path), message)

    def mapping(self, *, required: set[str], optional: set[str] | None = None) -> dict[str, "Value"]:
        if not isinstance(self.raw, dict):
            raise self.error(f"'{self.dotted}' must be a mapping of keys ({', '.join(sorted(required | (optional or set())))})")
        allowed = required | (optional or set())
        for key in self.raw:
            if key not in allowed:
                raise self.child(key).error(
                    f"unknown key '{key}' in '{self.dotted}'; allowed keys: {', '.join(sorted(allowed))}"
                )
        for key in sorted(required):
            if key not in self.raw or self.raw[key] is None:
                raise self.error(f"'{self.dotted}' is missing the required key '{key}'")
        return {key: self.child(key) for key in self.raw}

    def child(self, key: str | int) -> "Value":
        return Value(self.doc, self.path + (key,), self.raw[key])

    def items(self) -> Iterator["Value"]:
        if not isinstance(self.raw, list):
            raise self.error(f"'{self.dotted}' must be a list (items starting with '- ')")
        for index in range(len(self.raw)):
            yield self.child(index)

    def text(self, *, allow_empty: bool = False) -> str:
        if isinstance(self.raw, bool):
            raise self.error(f"'{self.dotted}' must be text; YAML reads a bare {self.raw!r} (yes/no/on/off/true/false) as a flag: put it in quotes")
        if not isinstance(self.raw, (str, int, float)):
            raise self.error(f"'{self.dotted}' must be text")
        value = str(self.raw).strip()
        if not value and not allow_empty:
            raise self.error(f"'{self.dotted}' is empty; write some text")
        return value

    def number(self) -> float:
        if isinstance(self.raw, bool) or not isinstance(self.raw, (int, float)):
            raise self.error(f"'{self.dotted}' must be a number, not {self.raw!r}")
        return float(self.raw)

    def flag(self) -> bool:
        if not isinstance(self.raw, bool):
            raise self.error(f"'{self.dotted}' must be true or false, not {self.raw!r}")
        return self.raw
