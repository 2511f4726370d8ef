"""The starter: a new course that builds at once, and new modules for it.

`new_course` fills the templates in starter/ (string.Template `${name}` fields)
with the course title, an id derived from it and the paths from the course to
this builder (its hooks and theme overrides). `add_module` writes a module page
and its question bank and lists the page in mkdocs.yml's nav after the last
module, editing the file's text so that the organizer's comments and layout
stay. Mistakes an organizer can fix are CourseErrors naming the file and line;
cli.py is the command line around these two functions.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from string import Template
from typing import Any, Iterator

from .errors import CourseError
from .pages import PageSource, read_course_page
from .yaml_source import PathKey, load_yaml

BUILDER = Path(__file__).resolve().parent.parent  # hooks/: course.py and coursekit/
REPOSITORY = BUILDER.parent
STARTER = Path(__file__).resolve().parent / "starter"
DOCS, BANKS, MODULES = "docs", "quizzes", "modules"  # where the starter puts pages, banks and modules
FIRST_MODULE = ("introduction", "Introduction")
_MODULE_TEMPLATES = ("module.md", "module.yml")  # filled once per module, by _module_files
# A course is never written into, and --replace never removes, these: the builder and its tests.
PROTECTED = ("hooks", "tests", "overrides", ".git", ".github")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COURSE_ID = re.compile(r"^[A-Za-z0-9_-]+$")  # what settings.py accepts as `id`
_PLAIN = re.compile(r"^[A-Za-z0-9_./][A-Za-z0-9_./-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_NAV_ITEM = re.compile(r"^(?P<lead>[ \t]*-[ \t]+)")


@dataclass(frozen=True)
class NewCourse:
    """What the organizer tells the starter; everything else is a TODO in the files."""

    title: str
    course_id: str
    provider: str = "TODO: the organization that offers the course"
    hours: float = 1.0


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by '-': 'Éthique & pratique' -> 'ethique-pratique'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].rstrip("-")


def course_id_for(title: str) -> str:
    """A course id from the title: a new course never keeps another course's id."""
    return slugify(title) or "course"


def title_problem(title: str) -> str | None:
    """Why a title cannot be used (None: it can): one line of printable text."""
    if not title.strip():
        return "the title is empty"
    if any(unicodedata.category(char) == "Cc" for char in title):
        return "the title must be one line without control characters"
    if len(title) > 200:
        return "the title is longer than 200 characters"
    return None


# --------------------------------------------------------------------------
# A new course
# --------------------------------------------------------------------------


def new_course(target: Path, course: NewCourse, *, replace: bool = False) -> list[Path]:
    """Write a new course into `target` (created if needed); returns the files written.

    A course already there (mkdocs.yml, its docs or banks folder) is refused unless
    `replace`: then those are removed first. hooks/, tests/ and the theme overrides
    are never touched, so this repository's own course can be replaced in place.
    """
    target = target.resolve()
    problem = title_problem(course.title)
    if problem or not COURSE_ID.match(course.course_id) or not course.hours > 0:
        raise ValueError(problem or f"invalid course id {course.course_id!r} or hours {course.hours!r}")  # cli.py checks first
    _refuse_builder_folder(target)
    files = starter_files(target, course)  # rendered before anything is removed or written
    existing = _existing_course(target)
    if existing and not replace:
        raise CourseError(label(existing[0]), None,
                          "a course is here already; the starter never overwrites one: choose another folder, "
                          "or pass --replace to replace this course (hooks/ and tests/ stay as they are)")
    for path in existing:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():  # gone already when it was inside a folder removed before it
            path.unlink()
    written: list[Path] = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def starter_files(target: Path, course: NewCourse) -> dict[str, str]:
    """Every file of the new course, by its path in the course folder, rendered."""
    slug, module_title = FIRST_MODULE
    fields = {
        "title": course.title,
        "title_yaml": _yaml(course.title),
        "title_md": _markdown(course.title),
        "description_yaml": _yaml(f"{course.title}: a continuing-education course."),
        "post_test_description_yaml": _yaml(f"The post-test of {course.title}."),
        "evaluation_description_yaml": _yaml(f"Tell us how well {course.title} met its objectives."),
        "certificate_description_yaml": _yaml(f"Your certificate of completion for {course.title}."),
        "post_test_title_yaml": _yaml(f"Post-test: {course.title}"),
        "post_test_prompt_yaml": _yaml(f"TODO: a question on the module {module_title}."),
        "course_id": course.course_id,
        "provider_yaml": _yaml(course.provider),
        "hours": _number(course.hours),
        "hooks": _yaml(_relative(BUILDER / "course.py", target)),
        "hooks_dir": _yaml(_relative(BUILDER, target)),
        "overrides": _yaml(_relative(REPOSITORY / "overrides", target)),
        "module_uri": f"{MODULES}/{slug}.md",
        "slug": slug,
    }
    files = {
        path.relative_to(STARTER).as_posix(): _render(path, fields)
        for path in sorted(STARTER.rglob("*")) if path.is_file() and path.name not in _MODULE_TEMPLATES
    }
    page, bank = f"{DOCS}/{MODULES}/{slug}.md", f"{BANKS}/{slug}.yml"
    files.update(_module_files(slug, module_title, page, bank))
    return files


def _existing_course(target: Path) -> list[Path]:
    """What a course in `target` consists of: its mkdocs.yml, docs folder and banks folder."""
    config = target / "mkdocs.yml"
    line_of: dict[str, int | None] = {DOCS: None, BANKS: None}  # folder name -> the line of mkdocs.yml naming it
    if config.is_file():
        try:
            doc = load_yaml(config.read_text(encoding="utf-8"), label(config), allow_aliases=True)
        except (CourseError, UnicodeDecodeError):
            doc = None  # unreadable: replaced as a whole, with the starter's folder names
        if doc is not None and isinstance(doc.data, dict):
            for key in (("docs_dir",), ("extra", "course", "banks_dir")):
                value = _get(doc.data, key)
                if isinstance(value, str):
                    line_of[value] = doc.lines.get(key)
    found = [config] if config.exists() else []
    for name in sorted(line_of):
        path = (target / name).resolve()
        if not path.exists() or path in found:
            continue
        if _protected(path, target):
            raise CourseError(label(config), line_of.get(name),
                              f"this course keeps its pages or banks in '{name}', which the starter never removes "
                              "(it holds the builder or its tests, or lies outside the course folder); move them first")
        found.append(path)
    return found


def _get(data: Any, path: PathKey) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _protected(path: Path, target: Path) -> bool:
    """True for a path --replace must not remove: the course folder itself, anything outside
    it, and anything that is or holds the builder, its tests or the repository's own files."""
    if path == target or not path.is_relative_to(target):
        return True
    keep = [target / name for name in PROTECTED] + [BUILDER, REPOSITORY / "tests"]
    return any(path == k or path.is_relative_to(k) or k.is_relative_to(path) for k in keep)


def _refuse_builder_folder(target: Path) -> None:
    for folder in (BUILDER, REPOSITORY / "tests", REPOSITORY / "overrides"):
        if target == folder or target.is_relative_to(folder):
            raise CourseError(label(target), None,
                              f"this folder belongs to the builder ({label(folder)}); put the course elsewhere, "
                              "or at the repository root to replace the sample course")


# --------------------------------------------------------------------------
# A new module
# --------------------------------------------------------------------------


def add_module(course_dir: Path, slug: str, title: str) -> list[Path]:
    """Write docs/<folder>/<slug>.md and <banks>/<slug>.yml, and list the page in mkdocs.yml's
    nav right after the last module (in the last module's folder). Returns the files written."""
    if not SLUG.match(slug):
        raise ValueError(f"invalid module slug {slug!r}")
    problem = title_problem(title)
    if problem:
        raise ValueError(problem)
    course_dir = course_dir.resolve()
    config = course_dir / "mkdocs.yml"
    shown = label(config)
    if not config.is_file():
        raise CourseError(shown, None, "there is no mkdocs.yml here: run add-module in a course folder (or pass --course FOLDER)")
    text = config.read_text(encoding="utf-8")
    doc = load_yaml(text, shown, allow_aliases=True)
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    nav = data.get("nav")
    if not isinstance(nav, list) or not nav:
        raise CourseError(shown, doc.lines.get(("nav",)),
                          "add-module lists the new page under 'nav', and this file has no nav list; write the nav here")
    docs_name = str(data.get("docs_dir") or DOCS)
    docs_dir = course_dir / docs_name
    course = (data.get("extra") or {}).get("course") if isinstance(data.get("extra"), dict) else None
    banks_dir = course_dir / str((course or {}).get("banks_dir") or BANKS)

    modules = list(_nav_modules(nav, ("nav",), docs_dir, docs_name))
    if not modules:
        raise CourseError(shown, doc.lines.get(("nav",)),
                          "the nav lists no module to add this one after; list the first module by hand (README, 'Add a module')")
    clash = next(iter(sorted(docs_dir.rglob(f"{slug}.md"))), None)
    if clash is not None:
        raise CourseError(label(clash), None, f"a page named '{slug}.md' exists already, and modules are named by their "
                                              "file name (covers:, the course manifest): choose another slug")
    bank = banks_dir / f"{slug}.yml"
    if bank.exists():
        raise CourseError(label(bank), None, f"a bank named '{slug}' exists already: choose another slug")

    last_path, last_uri, last_item = modules[-1]
    folder = PurePosixPath(last_uri).parent
    uri = (folder / f"{slug}.md").as_posix()
    config_text = _with_nav_entry(text, shown, doc.lines[last_path], last_uri, uri, title if isinstance(last_item, dict) else None)

    page_label = f"{docs_name}/{uri}"
    bank_label = _relative(bank, course_dir)
    written: list[Path] = []
    for relative, content in _module_files(slug, title, page_label, bank_label).items():
        path = course_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    config.write_text(config_text, encoding="utf-8")
    return written + [config]


def _nav_modules(entry: Any, path: PathKey, docs_dir: Path, docs_name: str) -> Iterator[tuple[PathKey, str, Any]]:
    """(path in the YAML, page path, the nav item) of every module page under nav, in order."""
    if isinstance(entry, list):
        for index, item in enumerate(entry):
            target = _nav_target(item)
            if target is not None:
                if _is_module(docs_dir, docs_name, target):
                    yield path + (index,), target, item
            else:
                yield from _nav_modules(item, path + (index,), docs_dir, docs_name)
    elif isinstance(entry, dict):
        for key, value in entry.items():
            yield from _nav_modules(value, path + (str(key),), docs_dir, docs_name)


def _nav_target(item: Any) -> str | None:
    """The page of a nav item that names one ('page.md' or 'Title: page.md'); None for a section."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _is_module(docs_dir: Path, docs_name: str, uri: str) -> bool:
    page = docs_dir / uri
    if "://" in uri or not uri.endswith(".md") or not page.is_file():
        return False
    source = PageSource(src=f"{docs_name}/{uri}", uri=uri, url="", text=page.read_text(encoding="utf-8"))
    found = read_course_page(source)
    return found is not None and found.role == "module"


def _with_nav_entry(text: str, shown: str, line: int, after_uri: str, uri: str, title: str | None) -> str:
    """mkdocs.yml's text with a nav item for `uri` on the line after `line`, in the same style
    ('- page.md' or '- Title: page.md') and indentation; comments and layout are kept."""
    rows = text.splitlines(keepends=True)
    row = rows[line - 1]
    lead = _NAV_ITEM.match(row)
    one_entry = rf"(?:[^\[\]{{}}]+:[ \t]+)?([\"']?){re.escape(after_uri)}\1[ \t]*(?:#.*)?"
    if lead is None or not re.fullmatch(one_entry, row[lead.end():].rstrip("\r\n")):
        raise CourseError(shown, line, "add-module adds the new module after this nav entry, but it is not a one-line "
                                       "'- page.md' or '- Title: page.md' item of a block list; write it as one and retry")
    entry = uri if title is None else f"{_yaml(title)}: {uri}"
    ending = "\r\n" if row.endswith("\r\n") else "\n"
    if not row.endswith("\n"):
        rows[line - 1] = row + ending
    rows.insert(line, f"{lead.group('lead')}{entry}{ending}")
    return "".join(rows)


def _module_files(slug: str, title: str, page_label: str, bank_label: str) -> dict[str, str]:
    """A module page (docs path -> text) and its bank, from starter/module.md and module.yml."""
    fields = {
        "slug": slug,
        "title_yaml": _yaml(title),
        "title_md": _markdown(title),
        "check_title_yaml": _yaml(f"Knowledge check: {title}"),
        "page_file": page_label,
        "bank_file": bank_label,
    }
    return {page_label: _render(STARTER / "module.md", fields), bank_label: _render(STARTER / "module.yml", fields)}


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


def _render(template: Path, fields: dict[str, str]) -> str:
    """A template with its `${name}` fields filled; a field the template names but nobody gives is a bug."""
    return Template(template.read_text(encoding="utf-8")).substitute(fields)


def _yaml(text: str) -> str:
    """A YAML scalar that reads back as `text`: plain when that is safe, else double-quoted (JSON is YAML)."""
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not re.fullmatch(r"[-+.0-9eE_]+", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _markdown(text: str) -> str:
    """Organizer text in a Markdown heading: shown as written, never as HTML."""
    return text.replace("<", "&lt;")


def _number(hours: float) -> str:
    """1 -> '1.0', 0.25 -> '0.25': a YAML number, never in exponent form."""
    text = f"{hours:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _relative(path: Path, start: Path) -> str:
    """`path` as mkdocs.yml names it: relative to the course folder (absolute across drives)."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:
        return path.as_posix()


def label(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()
