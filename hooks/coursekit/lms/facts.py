"""What a package needs to know about the course, read from the package's build.

The build's course-manifest.json is the one source of course facts (as for the
browser); the home page gives the language, direction and description the theme
wrote. Nothing is read from mkdocs.yml a second time.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError
from ..manifest import MANIFEST_URL

# A fixed namespace for the course's IRIs (urn:uuid, RFC 4122 version 5): the same
# course and site always get the same IRIs, another course or site others.
_IRI_NAMESPACE = uuid.UUID("6f1c5d7e-2b0a-5a8e-9c3d-4e7f1a2b3c4d")


@dataclass(frozen=True)
class CourseFacts:
    id: str
    title: str
    version: str
    description: str
    language: str
    direction: str
    pass_mark: int
    post_test_required: bool  # the certificate needs a passed post-test: the LMS judges mastery
    assets: str  # the course's own modules in the site, e.g. "assets/course/1a2b3c4d/"
    course_iri: str
    au_iri: str


def read_facts(site: Path, *, site_url: str = "") -> CourseFacts:
    """The facts of the course built in `site` (the package build); `site_url`: the
    organizer's, which only makes the course's IRIs unique to their site."""
    manifest_path = site / MANIFEST_URL
    if not manifest_path.is_file():
        raise CourseError(str(manifest_path), None, "the build wrote no course manifest; is this a course site?")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    course = manifest["course"]
    home = (site / "index.html").read_text(encoding="utf-8")
    needs = course.get("requirements") or {}
    assets = _course_assets(home)
    if assets is None or not (site / assets / "store.js").is_file():
        raise CourseError(str(site / "index.html"), None, "the home page loads none of the course's scripts "
                          "(assets/course/<hash>/course.js): is this a site built with the course's hooks?")
    name = f"{site_url.rstrip('/')}|{course['id']}"
    return CourseFacts(
        id=course["id"],
        title=course["title"],
        version=str(course["version"]),
        description=_meta_description(home) or course["title"],
        language=_html_attribute(home, "lang") or "en",
        direction=_html_attribute(home, "dir") or "ltr",
        pass_mark=int(course["pass_mark"]),
        post_test_required=bool(manifest.get("post_test")) and needs.get("post_test", True) is not False,
        assets=assets,
        course_iri=f"urn:uuid:{uuid.uuid5(_IRI_NAMESPACE, 'course ' + name)}",
        au_iri=f"urn:uuid:{uuid.uuid5(_IRI_NAMESPACE, 'au ' + name)}",
    )


def _course_assets(page: str) -> str | None:
    """The folder of the course's own modules, as the page loads them: 'assets/course/<hash>/'."""
    found = re.search(r'<script type="module" src="(?:\./)*(assets/course/[0-9a-f]+/)course\.js"', page)
    return found.group(1) if found else None


def _html_attribute(page: str, name: str) -> str | None:
    tag = re.search(r"<html\b[^>]*>", page, re.I)
    found = re.search(rf"\b{name}\s*=\s*[\"']([^\"']*)[\"']", tag.group(0), re.I) if tag else None
    return html.unescape(found.group(1)) if found else None


def _meta_description(page: str) -> str | None:
    found = re.search(r"<meta\s+name=[\"']description[\"']\s+content=[\"']([^\"']*)[\"']", page, re.I)
    return html.unescape(found.group(1)).strip() if found else None
