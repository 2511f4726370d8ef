"""mkdocs.yml's nav, walked once: the build's checks and the tests read it the same way."""

from __future__ import annotations

import pytest

from coursekit.errors import CourseError
from coursekit.nav import check_nav, nav_targets
from coursekit.yaml_source import LayeredSource, load_yaml

NAV = """\
nav:
  - Home: index.md
  - Modules:
      - modules/a.md
      - B: modules/b.md
  - Elsewhere: https://example.org/
"""


def _source(text: str) -> LayeredSource:
    doc = load_yaml(text, "mkdocs.yml")
    return LayeredSource((doc,), doc.data)


def test_targets_come_in_nav_order_with_their_yaml_paths() -> None:
    nav = load_yaml(NAV, "mkdocs.yml").data["nav"]
    assert list(nav_targets(nav)) == [
        (("nav", 0, "Home"), "index.md"), (("nav", 1, "Modules", 0), "modules/a.md"),
        (("nav", 1, "Modules", 1, "B"), "modules/b.md"), (("nav", 2, "Elsewhere"), "https://example.org/"),
    ]


def test_a_page_listed_twice_is_named_at_its_second_line() -> None:
    text = NAV.replace("      - B: modules/b.md\n", "      - B: modules/a.md\n")
    with pytest.raises(CourseError) as caught:
        check_nav(load_yaml(text, "mkdocs.yml").data["nav"], _source(text), lambda path: True)
    assert (caught.value.file, caught.value.line) == ("mkdocs.yml", 5)
    assert "twice (first on line 4)" in caught.value.message


def test_a_missing_page_is_named_and_links_are_not_pages() -> None:
    with pytest.raises(CourseError) as caught:
        check_nav(load_yaml(NAV, "mkdocs.yml").data["nav"], _source(NAV), lambda path: path != "modules/b.md")
    assert caught.value.line == 5 and "'modules/b.md', which is not a page" in caught.value.message
    check_nav(load_yaml(NAV, "mkdocs.yml").data["nav"], _source(NAV), lambda path: not path.startswith("http"))
