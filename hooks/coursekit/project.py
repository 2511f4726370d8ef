"""The organizer's project folder: every path they name is checked, then read, here.

A course is built from files an organizer names (the banks folder, bank files).
Each must lie inside the project (the folder of mkdocs.yml, links resolved), be
a readable file and hold UTF-8 text; each failure is a CourseError naming the
file, never an OSError or UnicodeDecodeError traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseError


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path

    def label(self, path: Path) -> str:
        """`path` as errors show it: relative to the project, with '/'."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(path, self.root)).as_posix()

    def contains(self, path: Path) -> bool:
        """True when `path`, links resolved, lies inside the project."""
        return _is_within(path.resolve(), self.root.resolve())

    def published(self, path: Path) -> bool:
        """True when `path` lies in the docs folder, whose files MkDocs copies into the site."""
        return _is_within(path.resolve(), self.docs_dir.resolve())

    def folder_problem(self, relative: str) -> str | None:
        """What is wrong with a folder the organizer named (relative to the project), or None."""
        path = self.root / relative
        if not self.contains(path):
            return f"'{relative}' lies outside the project folder; keep course files next to mkdocs.yml"
        if self.published(path):
            return (f"'{relative}' is inside the docs folder '{self.label(self.docs_dir)}', which MkDocs publishes: "
                    "the answer keys would be on the web; move the banks to a folder beside it (for example quizzes/)")
        if path.exists() and not path.is_dir():
            return f"'{relative}' is a file, not a folder"
        return None

    def check_file(self, path: Path) -> None:
        """Raise unless `path` is a regular file inside the project (a link may point to one)."""
        label = self.label(path)
        if path.is_symlink() and not path.exists():
            raise CourseError(label, None, f"this is a link to '{os.readlink(path)}', which does not exist; fix the link or delete it")
        if not self.contains(path):
            raise CourseError(label, None, f"this file lies outside the project folder (it leads to {path.resolve()}); keep course files inside the project")
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not a regular file"
            raise CourseError(label, None, f"this is {what}, not a file; rename or move it")

    def read_text(self, path: Path) -> str:
        """The text of a file the organizer named: inside the project, readable, UTF-8 (a BOM is dropped)."""
        label = self.label(path)
        self.check_file(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CourseError(label, None, f"this file cannot be read ({error.strerror or error}); check its permissions") from None
        return decode_utf8(data, label)


def decode_utf8(data: bytes, label: str) -> str:
    """UTF-8 text (a leading BOM dropped); other encodings name the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CourseError(label, line, f"this file is not UTF-8 text (byte 0x{data[error.start]:02x} on this line); save it with UTF-8 encoding") from None


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
