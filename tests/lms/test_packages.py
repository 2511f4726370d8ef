"""The LMS packages as files: one command builds the site and the three zips; the site is
the GitHub Pages site byte for byte; each manifest is valid against the ADL / cmi5
schemas; a zip holds the site, the launch page and its modules, and nothing else: no
answer key outside the pages that already hold it, no file from outside the site, no
absolute URL."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from lms_packages import STANDARDS, Packages, run_packages
from coursekit.assets import own_assets
from coursekit.lms.facts import CourseFacts
from coursekit.lms.launch import check_connect_source, launch_page
from coursekit.lms.manifests import cmi5_course_structure, scorm12_manifest, scorm2004_manifest
from coursekit.errors import CourseError
from support import copy_mini_course, edit
from xsd_validation import errors

LMS_ASSETS = Path(__file__).resolve().parents[2] / "hooks" / "lms-assets"
MANIFEST = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml"}
# Where a page holds the answer key: mkdocs-quiz's markup, the post-test key in the manifest.
ANSWER_KEY = re.compile(rb'data-correct|data-answer=|"correct":\s*\[')
RESOURCE = re.compile(rb'''(?:src|href|action|srcset)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]*)''', re.I)


@pytest.fixture(params=["course_packages", "mini_packages"])
def packages(request: pytest.FixtureRequest) -> Packages:
    return request.getfixturevalue(request.param)


def _entries(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _site_name(entry: str) -> str:
    """The ordinary site's file for a package entry: pages are `x.html` there `x/index.html` here."""
    if entry.endswith(".html") and entry != "index.html" and not entry.endswith("/index.html"):
        return entry.removesuffix(".html") + "/index.html"
    return entry


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_beside_the_packages_is_the_pages_site_byte_for_byte(course_packages: Packages, built_site: Path) -> None:
    assert _tree(course_packages.site) == _tree(built_site)
    for standard in STANDARDS:
        assert course_packages.zips[standard].is_file() and course_packages.zips[standard].parent == course_packages.site.parent
        assert f"{standard}: {course_packages.zips[standard]}" in course_packages.output
    launch_modules = {p.name for p in LMS_ASSETS.iterdir()}
    assert not any(Path(url).name in launch_modules for url in (a.url for a in own_assets().values())), \
        "the site's own assets never include the LMS modules"
    for path in built_site.rglob("*"):
        assert not path.relative_to(built_site).as_posix().startswith("lms/"), path
        if path.suffix in {".html", ".js"}:
            text = path.read_text(encoding="utf-8")
            assert "API_1484_11" not in text and "LMSInitialize" not in text and "lms/launch" not in text, path


def test_one_package_on_request(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    result = run_packages(course / "mkdocs.yml", tmp_path / "site", tmp_path / "out", "--only", "scorm2004")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["scorm2004.zip"]
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_course_error_is_one_line_naming_the_file(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    edit(course / "mkdocs.yml", "pass_mark: 70", "pass_mark: 120")
    result = run_packages(course / "mkdocs.yml", tmp_path / "site", tmp_path / "out")
    assert result.returncode == 1
    assert re.search(r"mkdocs\.yml:\d+: .*pass_mark", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("standard", STANDARDS)
def test_each_manifest_is_valid_against_the_schemas(packages: Packages, standard: str) -> None:
    document = _entries(packages.zips[standard])[MANIFEST[standard]]
    assert errors(standard, document) == []


def test_the_schemas_refuse_what_they_should(course_packages: Packages) -> None:
    """The validation can fail: each schema rejects a manifest with one wrong value."""
    scorm12 = _entries(course_packages.zips["scorm12"])["imsmanifest.xml"]
    scorm2004 = _entries(course_packages.zips["scorm2004"])["imsmanifest.xml"]
    cmi5 = _entries(course_packages.zips["cmi5"])["cmi5.xml"]
    assert errors("scorm12", scorm12.replace(b'adlcp:scormtype="sco"', b'adlcp:scormType="sco"'))
    assert errors("scorm2004", scorm2004.replace(b"<imsss:minNormalizedMeasure>", b"<imsss:minNormalizedMeasure>1"))
    assert errors("cmi5", cmi5.replace(b"<url>", b"<launchURL>").replace(b"</url>", b"</launchURL>"))


def test_the_manifests_say_what_an_lms_needs(course_packages: Packages) -> None:
    import json

    manifest = json.loads((course_packages.site / "course-manifest.json").read_text())
    mark = manifest["course"]["pass_mark"]
    scorm12 = _entries(course_packages.zips["scorm12"])["imsmanifest.xml"].decode()
    scorm2004 = _entries(course_packages.zips["scorm2004"])["imsmanifest.xml"].decode()
    cmi5 = _entries(course_packages.zips["cmi5"])["cmi5.xml"].decode()
    assert "<schemaversion>1.2</schemaversion>" in scorm12 and 'adlcp:scormtype="sco"' in scorm12
    assert f"<adlcp:masteryscore>{mark}</adlcp:masteryscore>" in scorm12
    assert "<schemaversion>2004 4th Edition</schemaversion>" in scorm2004 and 'adlcp:scormType="sco"' in scorm2004
    assert f"<imsss:minNormalizedMeasure>{mark / 100:g}</imsss:minNormalizedMeasure>" in scorm2004
    assert 'href="lms/launch.html"' in scorm12 and 'href="lms/launch.html"' in scorm2004
    assert re.search(r'<course id="urn:uuid:[0-9a-f-]{36}">', cmi5) and re.search(r'<au id="urn:uuid:[0-9a-f-]{36}"', cmi5)
    assert f'masteryScore="{mark / 100:g}"' in cmi5 and 'moveOn="CompletedAndPassed"' in cmi5
    assert 'launchMethod="AnyWindow"' in cmi5 and "<url>lms/launch.html</url>" in cmi5
    assert manifest["course"]["title"] in cmi5


def test_a_course_without_a_required_post_test_has_no_mastery_score() -> None:
    facts = CourseFacts(id="knots", title="Knots & <Lines>", version="1", description="D", language="en", direction="ltr",
                        pass_mark=70, post_test_required=False, assets="assets/course/x/",
                        course_iri="urn:uuid:6f1c5d7e-2b0a-5a8e-9c3d-4e7f1a2b3c4d", au_iri="urn:uuid:6f1c5d7e-2b0a-5a8e-9c3d-4e7f1a2b3c4e")
    files = ["index.html", "lms/launch.html"]
    for standard, document in (("scorm12", scorm12_manifest(facts, "lms/launch.html", files)),
                               ("scorm2004", scorm2004_manifest(facts, "lms/launch.html", files)),
                               ("cmi5", cmi5_course_structure(facts, "lms/launch.html"))):
        assert errors(standard, document) == [], standard
        text = document.decode()
        assert "mastery" not in text.lower() and "minNormalizedMeasure" not in text
        assert "Knots &amp; &lt;Lines&gt;" in text
    assert 'moveOn="Completed"' in cmi5_course_structure(facts, "lms/launch.html").decode()


def test_a_zip_holds_the_site_and_the_launch_page_and_nothing_else(packages: Packages) -> None:
    site = {p.relative_to(packages.site).as_posix() for p in packages.site.rglob("*") if p.is_file()}
    launch = {f"lms/{p.name}" for p in LMS_ASSETS.iterdir() if p.suffix in {".js", ".css"}} | {"lms/launch.html"}
    for standard in STANDARDS:
        entries = _entries(packages.zips[standard])
        names = list(entries)
        assert names[0] == MANIFEST[standard], "the manifest comes first"
        for name in names:
            assert not name.startswith(("/", "\\")) and ".." not in name.split("/") and "\\" not in name, name
            assert not name.endswith((".yml", ".yaml", ".md", ".py")), name
        own = {name for name in names if name in launch or name == MANIFEST[standard]}
        assert own == launch | {MANIFEST[standard]}
        for name in launch - {"lms/launch.html"}:
            assert entries[name] == (LMS_ASSETS / name.removeprefix("lms/")).read_bytes(), name
        outside = {name for name in names if name not in own and _site_name(name) not in site}
        assert outside == set(), f"files that are not the site's: {sorted(outside)}"
        assert {"404.html", "sitemap.xml", "sitemap.xml.gz"}.isdisjoint(names)


def test_no_answer_key_outside_the_pages_that_already_hold_it(packages: Packages) -> None:
    in_site = {p.relative_to(packages.site).as_posix() for p in packages.site.rglob("*")
               if p.is_file() and ANSWER_KEY.search(p.read_bytes())}
    assert in_site, "the site's quiz pages hold their keys: the check can see them"
    for standard in STANDARDS:
        holding = {_site_name(name) for name, data in _entries(packages.zips[standard]).items() if ANSWER_KEY.search(data)}
        assert holding <= in_site, sorted(holding - in_site)


def test_package_pages_register_no_offline_worker(packages: Packages) -> None:
    """The LMS decides when a package changes: its pages say "off", so sw-register.js removes any worker."""
    for standard in STANDARDS:
        pages = {name: data for name, data in _entries(packages.zips[standard]).items() if name.endswith(".html")
                 and not name.startswith("lms/")}
        assert pages, standard
        for name, data in pages.items():
            if b'name="course-offline"' in data:
                assert b'<meta name="course-offline" content="off">' in data, (standard, name)
        assert any(b'<meta name="course-offline" content="off">' in data for data in pages.values()), standard


def test_no_absolute_url_in_a_package(mini_packages: Packages) -> None:
    """The mini course sets a site_url; no package may carry it, nor a root-relative or
    absolute reference to a file (an LMS serves the package under a path of its own)."""
    for standard in STANDARDS:
        for name, data in _entries(mini_packages.zips[standard]).items():
            if not name.endswith((".html", ".css", ".js", ".json", ".xml")):
                continue
            assert b"courses.example.org" not in data, name
            for match in RESOURCE.finditer(data):
                target = (match.group(1) or match.group(2) or b"").strip()
                # Fragments, inline data, e-mail, and the course's forms that never submit (action="javascript:void(0);").
                if not target or target.startswith((b"#", b"data:", b"mailto:", b"javascript:void(0)")) or name.endswith(".js"):
                    continue
                assert not target.startswith(b"/"), f"{name}: root-relative {target!r}"
                is_link = re.search(rb"<a\b[^>]*$", data[:match.start()].rsplit(b">", 1)[-1]) is not None
                assert is_link or not re.match(rb"[a-z][a-z0-9+.-]*:", target, re.I), f"{name}: loads {target!r}"


def test_the_launch_page_keeps_the_sites_content_security_policy(course_packages: Packages) -> None:
    for standard in STANDARDS:
        page = _entries(course_packages.zips[standard])["lms/launch.html"].decode()
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", "no inline script, nothing from elsewhere"
        assert directives["frame-src"] == "'self'", "the course's own pages only"
        assert directives["connect-src"] == ("'self' https:" if standard == "cmi5" else "'self'")
        assert "<script>" not in page and "unsafe" not in policy
        assert f'data-lms="{standard}"' in page


def test_what_a_cmi5_page_may_reach_is_checked() -> None:
    for good in ("https:", "https://lms.example.org", "http://127.0.0.1:*", "http://localhost:8080"):
        assert check_connect_source(good) == good
    for bad in ("*", "'unsafe-inline'", "javascript:", "https://x.org; script-src *", "data:", "ftp://x.org"):
        with pytest.raises(CourseError):
            check_connect_source(bad)


def test_the_launch_page_escapes_the_course_title() -> None:
    facts = CourseFacts(id="c", title='A "title" <script>alert(1)</script>', version="1", description="", language="en",
                        direction="ltr", pass_mark=80, post_test_required=True, assets="assets/course/x/",
                        course_iri="urn:uuid:x", au_iri="urn:uuid:y")
    page = launch_page(facts, "scorm12")
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "&quot;title&quot;" in page
