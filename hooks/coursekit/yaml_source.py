"""Load YAML while remembering the line of every key and list item.

PyYAML's `safe_load` forgets where values came from and silently keeps the last
of two duplicate keys; organizers need both facts to fix their files, so we
compose the node tree once, record lines, and reject duplicate keys.

Course files (question banks, front matter) may not use anchors and aliases
(`&name`, `*name`): they save nothing in a bank, and a few nested aliases
("billion laughs") expand to gigabytes. They are refused from the parser's
event stream, before anything is composed.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Protocol

import yaml

from .errors import CourseError

PathKey = tuple[str | int, ...]


class Source(Protocol):
    """Where the values at each path were written: a file and a line."""

    def locate(self, path: PathKey) -> tuple[str, int | None]: ...


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

    def locate(self, path: PathKey) -> tuple[str, int | None]:
        return self.file, self.line(path)

    def root(self) -> "Value":
        return Value(self, (), self.data)


@dataclass(frozen=True)
class LayeredSource:
    """A configuration merged from several files (mkdocs.yml and its INHERIT parents), with lines.

    `data` is the merged result (MkDocs' loaded config). A path is located in the
    first file, child first, that writes it; else its nearest written ancestor is.
    With no file at all, the line is unknown (None).
    """

    docs: tuple[YamlDoc, ...]
    data: Any = None
    fallback_file: str = "mkdocs.yml"

    def locate(self, path: PathKey) -> tuple[str, int | None]:
        for length in range(len(path), -1, -1):
            for doc in self.docs:
                if path[:length] in doc.lines:
                    return doc.file, doc.lines[path[:length]]
        return (self.docs[0].file if self.docs else self.fallback_file), None

    def line(self, path: PathKey) -> int | None:
        return self.locate(path)[1]

    def root(self) -> "Value":
        return Value(self, (), self.data)


def load_config_chain(config_file: Path, data: Any = None) -> LayeredSource:
    """mkdocs.yml and the files it INHERITs from (as MkDocs resolves them), with the line of every key.

    MkDocs has read these files already; a file that cannot be read again only
    costs its line numbers. Labels are relative to the folder of mkdocs.yml.
    """
    docs: list[YamlDoc] = []
    path: Path | None = config_file
    seen: set[Path] = set()
    while path is not None and path not in seen:
        seen.add(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            break
        doc = load_yaml(text, os.path.relpath(path, config_file.parent).replace(os.sep, "/"), allow_aliases=True)
        docs.append(doc)
        parent = doc.data.get("INHERIT") if isinstance(doc.data, dict) else None
        path = Path(os.path.normpath(path.parent / parent)) if isinstance(parent, str) else None
    return LayeredSource(tuple(docs), data, config_file.name)


def load_yaml(text: str, file: str | Path, *, first_line: int = 1, allow_aliases: bool = False) -> YamlDoc:
    """Parse `text` once; lines are reported counting from `first_line`.

    Anchors and aliases are refused unless `allow_aliases` (mkdocs.yml, which
    MkDocs has already read, may use them).
    """
    file = str(file)
    try:
        if not allow_aliases and ("&" in text or "*" in text):
            _refuse_aliases(text, file, first_line)
        loader = _TaggedLoader(text)
        try:
            node = loader.get_single_node()
            lines: dict[PathKey, int] = {}
            if node is not None:
                _record_lines(node, (), lines, file, first_line, set())
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = _error_mark(exc)
        line = mark.line + first_line if mark is not None else None
        raise CourseError(file, line, f"this is not valid YAML ({_yaml_problem(exc, mark, text)}); check indentation and quoting") from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in bytes: find the character itself instead.
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text.count("\n", 0, bad.start()) + first_line if bad else None
        code = ord(bad.group()) if bad else exc.character
        raise CourseError(file, line, f"this YAML holds a control character (code {code:#x}) that YAML does not allow; delete it") from None
    except yaml.YAMLError as exc:
        raise CourseError(file, None, f"this YAML cannot be read: {exc}") from None
    except RecursionError:
        line = _first_line_deeper_than(_SANE_DEPTH, text, first_line)
        raise CourseError(file, line, f"this YAML is nested more than {_SANE_DEPTH} levels deep; flatten it") from None
    return YamlDoc(file, data, lines)


# Course files nest a few levels; PyYAML's composer recurses per level and gives up near 300.
_SANE_DEPTH = 100


def _first_line_deeper_than(depth: int, text: str, first_line: int) -> int | None:
    loader = _BaseLoader(text)
    level = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
                if level > depth:
                    return event.start_mark.line + first_line
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


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

# Errors whose cause is where something opened, not where the parser gave up (often the
# end of the file): an unclosed quote or bracket, a key without its ':'.
_OPENING_CONTEXTS = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow",
                     "while scanning a block scalar")


def _error_mark(exc: yaml.MarkedYAMLError) -> Any:
    opened, gave_up = exc.context_mark, exc.problem_mark
    if (opened is not None and (exc.context or "").startswith(_OPENING_CONTEXTS)
            and (gave_up is None or gave_up.line > opened.line)):
        return opened
    return gave_up or opened


def _yaml_problem(exc: yaml.MarkedYAMLError, mark: Any, text: str) -> str:
    """PyYAML's wording, with what to change for the mistakes organizers make most."""
    context = exc.context or ""
    if mark is exc.context_mark and context.startswith("while scanning a quoted scalar"):
        return "a quote opened on this line is never closed"
    if mark is exc.context_mark and context.startswith("while parsing a flow"):
        return "a '[' or '{' opened on this line is never closed"
    if mark is exc.context_mark and context.startswith("while scanning a simple key"):
        return "this line has no ':' after its key"
    if "mapping values are not allowed" in (exc.problem or ""):
        return "a ': ' inside a value starts a new key; put the whole value in quotes"
    if mark is not None and _indented_with_tab(text, mark.line):
        return "a tab is used for indentation; indent with spaces"
    problem = exc.problem or str(exc)
    return f"{context}: {problem}" if context and mark is exc.context_mark else problem


def _indented_with_tab(text: str, index: int) -> bool:
    lines = text.split("\n")
    if index >= len(lines):
        return False
    line = lines[index]
    return "\t" in line[: len(line) - len(line.lstrip())]


def _refuse_aliases(text: str, file: str, first_line: int) -> None:
    """Raise at the first anchor or alias; reading events expands nothing."""
    loader = _BaseLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            name = getattr(event, "anchor", None)
            if name is not None:
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                raise CourseError(
                    file, event.start_mark.line + first_line,
                    f"YAML anchors and aliases ('{sign}{name}') are not allowed in course files; write the value out in full",
                )
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], file: str, first: int, seen: set[int]) -> None:
    lines.setdefault(path, node.start_mark.line + first)
    if id(node) in seen:  # an alias: its contents were recorded where the anchor stands
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else f"<{key_node.id}>"
            line = key_node.start_mark.line + first
            if key in keys:
                raise CourseError(file, line, f"duplicate key '{key}' (first given on line {keys[key]}); keep one")
            keys[key] = line
            lines[path + (key,)] = line
            _record_lines(value_node, path + (key,), lines, file, first, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + first
            _record_lines(item, path + (index,), lines, file, first, seen)


# --------------------------------------------------------------------------
# Typed reading with errors that point at the offending line
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A value inside a YAML source, with its path, so any check can say where it failed."""

    doc: Source
    path: PathKey
    raw: Any

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path) or "(top level)"

    @property
    def subject(self) -> str:
        """How messages name this value: 'questions.0.prompt' in quotes, or 'the file' for the top."""
        return f"'{self.dotted}'" if self.path else "the file"

    @property
    def name(self) -> str:
        """The last key of the path, as the organizer wrote it."""
        return str(self.path[-1]) if self.path else "(top level)"

    @property
    def line(self) -> int | None:
        return self.doc.locate(self.path)[1]

    def error(self, message: str) -> CourseError:
        file, line = self.doc.locate(self.path)
        return CourseError(file, line, message)

    def mapping(self, *, required: set[str], optional: set[str] | None = None) -> dict[str, "Value"]:
        allowed = required | (optional or set())
        if not isinstance(self.raw, dict):
            if self.raw is None:
                raise self.error(f"{self.subject} is empty; give it its keys ({', '.join(sorted(allowed))})")
            raise self.error(f"{self.subject} must be a mapping of keys ({', '.join(sorted(allowed))}), not {_kind(self.raw)}")
        for key in self.raw:
            if not isinstance(key, str):
                raise self.error(f"{self.subject} has the key {key!r}, which is not a name; allowed keys: {', '.join(sorted(allowed))}")
            if key not in allowed:
                raise self.child(key).error(
                    f"unknown key '{shorten(key)}' in {self.subject}; allowed keys: {', '.join(sorted(allowed))}"
                )
        for key in sorted(required):
            if key not in self.raw:
                raise self.error(f"{self.subject} is missing the required key '{key}'")
            if self.raw[key] is None:
                raise self.child(key).error(f"{self.child(key).subject} is empty; give it a value")
        return {key: self.child(key) for key in self.raw}

    def child(self, key: str | int) -> "Value":
        return Value(self.doc, self.path + (key,), self.raw[key])

    def items(self) -> Iterator["Value"]:
        if not isinstance(self.raw, list):
            if self.raw is None:
                raise self.error(f"{self.subject} is empty; give it a list (items starting with '- ')")
            raise self.error(f"{self.subject} must be a list (items starting with '- '), not {_kind(self.raw)}")
        for index in range(len(self.raw)):
            yield self.child(index)

    def text(self, *, allow_empty: bool = False) -> str:
        """Text as written. A bare number or flag is refused: YAML changes it (1.10 becomes 1.1, 010 becomes 8)."""
        if isinstance(self.raw, bool):
            raise self.error(f"{self.subject} must be text; YAML reads a bare yes, no, on, off, true or false as a flag (here {str(self.raw).lower()}): put it in quotes")
        if isinstance(self.raw, (int, float)):
            raise self.error(f"{self.subject} must be text; YAML reads it as the number {self.raw!r}: put it in quotes ({self.name}: \"...\")")
        if self.raw is None:
            raise self.error(f"{self.subject} is empty; write some text")
        if not isinstance(self.raw, str):
            raise self.error(f"{self.subject} must be text, not {_kind(self.raw)}")
        value = self.raw.strip()
        if not value and not allow_empty:
            raise self.error(f"{self.subject} is empty; write some text")
        return value

    def number(self) -> float:
        """A finite number (YAML's .nan and .inf are refused)."""
        if self.raw is None:
            raise self.error(f"{self.subject} is empty; write a number")
        if isinstance(self.raw, bool) or not isinstance(self.raw, (int, float)):
            raise self.error(f"{self.subject} must be a number, not {_shown(self.raw)}")
        if not math.isfinite(self.raw):
            raise self.error(f"{self.subject} must be a finite number, not {self.raw!r}")
        return float(self.raw)

    def flag(self) -> bool:
        if self.raw is None:
            raise self.error(f"{self.subject} is empty; write true or false")
        if not isinstance(self.raw, bool):
            raise self.error(f"{self.subject} must be true or false, not {_shown(self.raw)}")
        return self.raw


def _kind(raw: Any) -> str:
    if isinstance(raw, dict):
        return "a mapping (key: value)"
    if isinstance(raw, list):
        return "a list"
    return f"the value {_shown(raw)}"


def _shown(raw: Any) -> str:
    """A value as the message quotes it, shortened: organizers' text can be long."""
    if isinstance(raw, dict):
        return "a mapping (key: value)"
    if isinstance(raw, list):
        return "a list"
    return repr(shorten(raw)) if isinstance(raw, str) else shorten(repr(raw))


def shorten(text: str, limit: int = 60) -> str:
    """Organizer text quoted in a message, cut to `limit` characters so that the message stays readable."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
