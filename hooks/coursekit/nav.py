"""mkdocs.yml's `nav`: walked once here, for the build's checks and for the tests."""

from __future__ import annotations

import posixpath
from typing import Any, Callable, Iterator

from .errors import CourseError
from .yaml_source import LayeredSource, PathKey


def nav_targets(entry: Any, path: PathKey = ("nav",)) -> Iterator[tuple[PathKey, str]]:
    """Every target under 'nav' (page paths and links), in nav order, with its path in the YAML."""
    if isinstance(entry, str):
        yield path, entry
    elif isinstance(entry, list):
        for index, item in enumerate(entry):
            yield from nav_targets(item, path + (index,))
    elif isinstance(entry, dict):
        for title, item in entry.items():
            yield from nav_targets(item, path + (str(title),))


def is_link(target: str) -> bool:
    return "://" in target or target.startswith(("/", "mailto:", "#"))


def check_nav(nav: Any, source: LayeredSource, page_exists: Callable[[str], bool]) -> None:
    """Each page listed once under 'nav', and only pages that exist; errors name the nav line."""
    if not isinstance(nav, list):
        return
    first: dict[str, int | None] = {}
    for path, target in nav_targets(nav):
        if is_link(target):
            continue
        file, line = source.locate(path)
        normalized = posixpath.normpath(target.replace("\\", "/"))
        if not page_exists(normalized):
            raise CourseError(file, line, f"'nav' lists '{target}', which is not a page in the docs folder; correct the path or add the page")
        if normalized in first:
            raise CourseError(file, line, f"'nav' lists '{target}' twice (first on line {first[normalized]}); list each page once")
        first[normalized] = line
