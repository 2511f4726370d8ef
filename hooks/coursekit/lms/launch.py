"""The launch page of a package (lms/launch.html) and the files beside it.

The page comes from hooks/lms-assets/launch.html with the course's title and
language filled in, and carries a Content-Security-Policy made by csp.py as for
every page of the site: scripts only from the package's own files (no inline
script), and frames only from the package, for the course's iframe. A cmi5
launch page also talks to the LMS's xAPI endpoint, which only the launch URL
names: its connect-src lists what the organizer allows (https: by default).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .. import csp
from ..errors import CourseError
from .facts import CourseFacts

FOLDER = "lms"  # where the launch page and its modules go in a package
PAGE = f"{FOLDER}/launch.html"
_ASSETS = Path(__file__).resolve().parent.parent.parent / "lms-assets"
# What a cmi5 launch page may connect to besides its own origin: the LMS's endpoint.
DEFAULT_CMI5_CONNECT = ("https:",)
_SOURCE = re.compile(r"(?:https?:|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::(?:\d{1,5}|\*))?)")


@dataclass(frozen=True)
class LaunchFile:
    path: str  # in the package
    content: bytes


def launch_files(facts: CourseFacts, standard: str, *, cmi5_connect: tuple[str, ...] = DEFAULT_CMI5_CONNECT) -> list[LaunchFile]:
    """The launch page for `standard` and the modules and stylesheet it loads."""
    files = [LaunchFile(f"{FOLDER}/{path.name}", path.read_bytes())
             for path in sorted(_ASSETS.iterdir()) if path.suffix in {".js", ".css"}]
    return [LaunchFile(PAGE, launch_page(facts, standard, cmi5_connect=cmi5_connect).encode("utf-8")), *files]


def launch_page(facts: CourseFacts, standard: str, *, cmi5_connect: tuple[str, ...] = DEFAULT_CMI5_CONNECT) -> str:
    template = (_ASSETS / "launch.html").read_text(encoding="utf-8")
    fields = {
        "language": facts.language, "direction": facts.direction, "standard": standard,
        "assets": f"../{facts.assets}", "title": facts.title,
    }
    page = re.sub(r"\{(\w+)\}", lambda m: html.escape(fields[m.group(1)], quote=True), template)
    extension: dict[str, tuple[str, ...]] = {"frame-src": ("'self'",)}
    if standard == "cmi5":
        extension["connect-src"] = tuple(check_connect_source(source) for source in cmi5_connect)
    return csp.add_policy(page, page=PAGE, extension=extension).html


def check_connect_source(source: str) -> str:
    """A source the cmi5 launch page may reach: 'https:', or an http(s) origin (port may be *)."""
    if not _SOURCE.fullmatch(source):
        raise CourseError("--cmi5-connect", None, f"'{source}' is not a scheme (https:) or an origin such as "
                          "https://lms.example.org or http://127.0.0.1:*")
    return source
