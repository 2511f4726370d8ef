"""The package zips: the package build of the site, the launch page with its
modules, and the manifest an LMS reads. Deterministic (sorted names, fixed
times), so the same source gives the same zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CourseError
from .facts import CourseFacts
from .launch import DEFAULT_CMI5_CONNECT, FOLDER, PAGE, LaunchFile, launch_files
from .manifests import cmi5_course_structure, scorm12_manifest, scorm2004_manifest

# Files of the site an LMS never serves: the theme's 404 page (root-relative links) and the sitemap.
LEFT_OUT = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
MANIFEST_FILE = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def package_name(standard: str) -> str:
    return f"{standard}.zip"


def site_files(site: Path) -> dict[str, Path]:
    """The site's files a package carries, by their path in the package."""
    files = {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}
    for name in files:
        if name == FOLDER or name.startswith(f"{FOLDER}/") or name in set(MANIFEST_FILE.values()):
            raise CourseError(name, None, f"the site has a file '{name}' where LMS packages put their own "
                              f"({FOLDER}/, imsmanifest.xml, cmi5.xml); rename it in the docs folder")
    return {name: path for name, path in files.items() if name not in LEFT_OUT}


def write_package(site: Path, facts: CourseFacts, standard: str, target: Path, *,
                  cmi5_connect: tuple[str, ...] = DEFAULT_CMI5_CONNECT) -> Path:
    """Write `target` (a .zip) for `standard` from the package build in `site`."""
    files = site_files(site)
    added = launch_files(facts, standard, cmi5_connect=cmi5_connect)
    names = sorted([*files, *(f.path for f in added)])
    if standard == "scorm12":
        manifest = LaunchFile(MANIFEST_FILE[standard], scorm12_manifest(facts, PAGE, names))
    elif standard == "scorm2004":
        manifest = LaunchFile(MANIFEST_FILE[standard], scorm2004_manifest(facts, PAGE, names))
    else:
        manifest = LaunchFile(MANIFEST_FILE[standard], cmi5_course_structure(facts, PAGE))
    entries = {name: path.read_bytes() for name, path in files.items()}
    entries.update({f.path: f.content for f in [*added, manifest]})
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries, key=lambda n: (n != manifest.path, n)):  # the manifest first, as LMSs like
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    partial.replace(target)
    return target
