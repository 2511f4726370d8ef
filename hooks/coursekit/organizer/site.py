"""The course as the organizer's commands see it: mkdocs.yml's settings and the built site.

Records are checked against the built site's manifest (`course-manifest.json`):
it holds the post-test's answer key by question id (ids carry each question's
fingerprint), the pass mark, the requirements and the modules exactly as the
learners' browsers had them; signing checks the private key against the keys the
site publishes. Paths that would put learners' personal data or the private key
into the repository are refused here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CourseError
from ..manifest import MANIFEST_URL, manifest_hash
from ..settings import CourseSettings, parse_settings
from ..signing import KEYS_URL, REVOCATIONS_URL
from ..yaml_source import LayeredSource, load_config_chain


@dataclass(frozen=True)
class Course:
    config: Path  # mkdocs.yml
    settings: CourseSettings
    site_url: str  # mkdocs.yml's site_url ('' when unset)
    site: Path  # the built site
    manifest: dict[str, Any]

    @property
    def root(self) -> Path:
        return self.config.parent

    @property
    def label(self) -> str:
        course = self.manifest["course"]
        return f"{course['title']} {course['version']} (build {self.manifest.get('hash', '?')[:19]})"


def find_config(given: Path | None) -> Path:
    """mkdocs.yml: the one given, else the first in the working folder or a parent (so hooks/ works too)."""
    if given is not None:
        if not given.is_file():
            raise CourseError(str(given), None, "no such configuration file; name the course's mkdocs.yml with --config")
        return given.resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    raise CourseError("mkdocs.yml", None, "found no mkdocs.yml here or in a parent folder; run the command in the course "
                                          "(or its hooks/ folder), or name it with --config")


def load_settings(config: Path) -> tuple[CourseSettings, dict[str, Any]]:
    """The course settings as the build reads them (INHERIT followed), and the merged configuration."""
    chain = load_config_chain(config)
    data: dict[str, Any] = {}
    for doc in reversed(chain.docs):  # parents first, each child over them (as MkDocs merges)
        if isinstance(doc.data, dict):
            data = _merged(data, {k: v for k, v in doc.data.items() if k != "INHERIT"})
    source = LayeredSource(chain.docs, data, config.name)
    extra = source.root().child("extra") if isinstance(data.get("extra"), dict) else None
    if extra is None or "course" not in extra.raw:
        raise CourseError(config.name, None, "this mkdocs.yml has no 'extra: course:' block; is it a course?")
    settings = parse_settings(extra.child("course"), site_name=str(data.get("site_name") or ""))
    return settings, data


def load_course(config: Path | None, site: Path | None) -> Course:
    config = find_config(config)
    settings, data = load_settings(config)
    site = (site or config.parent / "site").resolve()
    manifest_file = site / MANIFEST_URL
    if not manifest_file.is_file():
        raise CourseError(_shown(site, config.parent), None, "this folder holds no built course (no course-manifest.json): "
                                                             "build the site first (make build), or name it with --site")
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CourseError(_shown(manifest_file, config.parent), None, f"the built manifest cannot be read ({error}); build the site again") from None
    if manifest.get("hash") and manifest_hash(manifest) != manifest["hash"]:
        raise CourseError(_shown(manifest_file, config.parent), None, "the built manifest does not match its own hash: it was "
                                                                      "edited after the build; build the site again")
    if manifest.get("course", {}).get("id") != settings.id:
        raise CourseError(_shown(manifest_file, config.parent), None, f"the built site is of the course "
                                                                      f"'{manifest.get('course', {}).get('id')}', not '{settings.id}' "
                                                                      "(mkdocs.yml): build the site again")
    return Course(config, settings, str(data.get("site_url") or ""), site, manifest)


def published_keys(course: Course) -> dict[str, str]:
    """The keys the built site publishes: key id -> public key (base64url)."""
    path = course.site / KEYS_URL
    if not path.is_file():
        raise CourseError(_shown(path, course.root), None, "the built site publishes no signing keys: add 'signing:' to "
                                                            "mkdocs.yml (see README, 'Signed certificates') and build again")
    keys = json.loads(path.read_text(encoding="utf-8")).get("keys", [])
    return {key["kid"]: key["x"] for key in keys if isinstance(key, dict) and "kid" in key and "x" in key}


def published_revocations(course: Course) -> set[str]:
    path = course.site / REVOCATIONS_URL
    if not path.is_file():
        return set()
    return {entry["id"] for entry in json.loads(path.read_text(encoding="utf-8")).get("revoked", []) if isinstance(entry, dict)}


def repository_of(path: Path) -> Path:
    """The git work tree holding `path` (the folder with .git), else `path` itself."""
    path = path.resolve()
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return path


def refuse_inside(target: Path, course_root: Path, what: str) -> Path:
    """`target`, resolved; a CourseError when it lies in the course's project or its git repository."""
    resolved = Path(os.path.abspath(os.path.expanduser(target)))
    resolved = resolved.parent.resolve() / resolved.name  # links in the folder resolved, the name kept
    for folder in {course_root.resolve(), repository_of(course_root)}:
        if resolved == folder or folder in resolved.parents:
            raise CourseError(str(target), None, f"this lies inside the repository ({folder}); {what} must be written "
                                                 "outside it, so that it can never be committed or published")
    return resolved


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged
