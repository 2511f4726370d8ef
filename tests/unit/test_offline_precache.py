"""offline: the precache the build lists, the worker it writes, what every page carries, the setting."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit import csp, offline
from coursekit.errors import CourseError
from coursekit.i18n import Catalogue
from coursekit.settings import parse_settings
from coursekit.yaml_source import load_yaml
from support import MINIMAL_SETTINGS


def _site(tmp_path: Path, files: dict[str, bytes]) -> Path:
    for path, content in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    return tmp_path


def _build_data(script: str) -> dict:
    return json.loads(re.search(r"^const BUILD = (\{.*\});", script, re.M)[1])


def test_large_optional_files_wait_for_first_use_and_the_worker_and_hidden_files_are_left_out(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": b"home", "modules/a/index.html": b"module", "course-manifest.json": b"{}",
        "assets/javascripts/bundle.1.min.js": b"js", "assets/javascripts/bundle.1.min.js.map": b"map",
        "assets/javascripts/lunr/min/lunr.de.min.js": b"de", "assets/pdf-fonts/cjk-04e.0a1b2c3d4e.ttf": b"cjk",
        "assets/pdf-fonts/manifest.json": b"latin", "sw.js": b"old worker", ".nojekyll": b"",
    })
    files = offline.site_files(site)
    assert [f.path for f in files.files] == [
        "assets/javascripts/bundle.1.min.js", "assets/pdf-fonts/manifest.json", "course-manifest.json",
        "index.html", "modules/a/index.html"]
    assert [f.path for f in files.on_first_use] == [
        "assets/javascripts/bundle.1.min.js.map", "assets/javascripts/lunr/min/lunr.de.min.js",
        "assets/pdf-fonts/cjk-04e.0a1b2c3d4e.ttf"]
    assert files.bytes == len(b"latin" b"js" b"{}" b"home" b"module")
    everything = offline.site_files(site, on_first_use=())
    assert len(everything.files) == 8 and everything.on_first_use == ()


def test_each_file_has_a_content_hash_and_any_change_makes_a_new_version(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": b"home", "a.js.map": b"map"})
    before = offline.site_files(site)
    (site / "index.html").write_bytes(b"home, edited")
    edited = offline.site_files(site)
    assert before.files[0].hash != edited.files[0].hash and before.version != edited.version
    (site / "a.js.map").write_bytes(b"map, edited")  # a file kept on first use: its cached copy must go too
    assert offline.site_files(site).version != edited.version
    assert offline.site_files(site).version == offline.site_files(site).version


def test_the_worker_lists_the_precache_by_path_and_hash(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": b"home", "post-test/index.html": b"test", "x.map": b"map"})
    precache = offline.write_worker(site, enabled=True)
    assert precache is not None
    script = (site / offline.WORKER_URL).read_text(encoding="utf-8")
    build = _build_data(script)
    assert build == {"offline": True, "version": precache.version,
                     "precache": {"index.html": precache.files[0].hash, "post-test/index.html": precache.files[1].hash}}
    assert "__BUILD__" not in script


def test_offline_off_writes_a_worker_that_removes_itself(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": b"home"})
    assert offline.write_worker(site, enabled=False) is None
    script = (site / offline.WORKER_URL).read_text(encoding="utf-8")
    assert _build_data(script) == {"offline": False, "version": "off", "precache": {}}
    assert "unregister()" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_written_worker_is_valid_javascript(tmp_path: Path, enabled: bool) -> None:
    site = _site(tmp_path, {"index.html": b"home", "naïve file's (1).html": b"odd name"})
    offline.write_worker(site, enabled=enabled)
    result = subprocess.run(["node", "--check", str(site / offline.WORKER_URL)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_file_notice_is_hidden_escaped_and_allowed_by_the_page_policy() -> None:
    notice = offline.file_notice_html(Catalogue("en", {"page.file_notice.title": "Opened <from> a file",
                                                       "page.file_notice.text": 'Use "the" web & address'}))
    assert 'role="alert" hidden>' in notice
    assert "Opened &lt;from&gt; a file" in notice and "Use &quot;the&quot; web &amp; address" in notice
    page = f'<html><head><meta charset="utf-8"></head><body>{notice}</body></html>'
    policy = csp.add_policy(page, page="docs/index.md").policy
    script = re.search(r"<script>(.*?)</script>", notice, re.S)[1]
    assert csp.sha256_source(script) in policy


def test_pages_say_whether_to_register_the_worker() -> None:
    assert offline.page_meta(True) == '<meta name="course-offline" content="on">'
    assert offline.page_meta(False) == '<meta name="course-offline" content="off">'


def _settings(text: str):
    return parse_settings(load_yaml(text, "mkdocs.yml").root().child("extra").child("course"), site_name="Site")


def test_offline_is_on_unless_the_organizer_turns_it_off() -> None:
    assert _settings(MINIMAL_SETTINGS).offline is True
    assert _settings(MINIMAL_SETTINGS + "    offline: false\n").offline is False
    with pytest.raises(CourseError) as caught:
        _settings(MINIMAL_SETTINGS + "    offline: sometimes\n")
    assert caught.value.line == 11 and "true or false" in caught.value.message


def test_the_built_course_precaches_every_page_and_what_the_pages_need(built_site: Path) -> None:
    build = _build_data((built_site / offline.WORKER_URL).read_text(encoding="utf-8"))
    assert build["offline"] is True
    precached = set(build["precache"])
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert pages <= precached, "every page works offline"
    assert {"course-manifest.json", "search/search_index.json", "404.html"} <= precached
    assert not {path for path in precached if path.endswith(".map") or path == offline.WORKER_URL}
    # Written last: it lists every file now in the site (the manifest, keys and revocations written after the pages too).
    everything = {f.path: f.hash for f in offline.site_files(built_site, on_first_use=()).files}
    assert {path: everything[path] for path in build["precache"]} == build["precache"]
    assert set(everything) - set(build["precache"]) == {f.path for f in offline.site_files(built_site).on_first_use} - set(
        build["precache"]), "the rest waits for first use"
    latin = [path for path in precached if path.startswith("assets/pdf-fonts/latin.")]
    assert len(latin) == 2, "this course's own script's PDF font (and its metrics) is precached: its PDF works offline"
    for page in pages:
        html = (built_site / page).read_text(encoding="utf-8")
        if 'name="course-offline"' in html:  # a course page (the theme's 404 page has no course scripts)
            assert '<meta name="course-offline" content="on">' in html and "course-file-notice" in html, page
    assert '<meta name="course-offline" content="on">' in (built_site / "index.html").read_text(encoding="utf-8")


def _font_site(tmp_path: Path) -> Path:
    """A site with a PDF-font manifest of three pieces: Latin (with the space), Arabic (shaped, also has the space), Han."""
    from coursekit.pdf_fonts import FOLDER

    pieces = [
        {"id": "latin", "font": "latin.1.ttf", "metrics": "latin.1.json", "ranges": [[0x20, 0x7E]], "shaping": False},
        {"id": "arabic", "font": "arabic.2.ttf", "metrics": "arabic.2.json", "ranges": [[0x20, 0x20], [0x600, 0x6FF]],
         "shaping": True},
        {"id": "cjk-04e", "font": "cjk-04e.3.ttf", "metrics": "cjk-04e.3.json", "ranges": [[0x4E00, 0x4EFF]], "shaping": False},
    ]
    files = {f"{FOLDER}/manifest.json": json.dumps({"version": 2, "pieces": pieces}).encode()}
    for piece in pieces:
        files[f"{FOLDER}/{piece['font']}"] = b"font"
        files[f"{FOLDER}/{piece['metrics']}"] = b"{}"
    files["assets/course/abc/vendor/fontkit/fontkit.umd.min.js"] = b"fontkit"
    return _site(tmp_path, files)


def test_the_pdf_fonts_of_the_courses_own_script_are_precached_and_the_rest_wait(tmp_path: Path) -> None:
    from coursekit.pdf_fonts import files_for_text

    site = _font_site(tmp_path)
    latin = files_for_text(site, "Self-Compassion in Therapy")
    assert [Path(p).name for p in latin] == ["latin.1.ttf", "latin.1.json"], "a space is the first piece's, not Arabic's"
    precache = offline.site_files(site, keep=latin)
    kept = {f.path for f in precache.files}
    assert "assets/pdf-fonts/latin.1.ttf" in kept and "assets/pdf-fonts/manifest.json" in kept
    later = {f.path for f in precache.on_first_use}
    assert {"assets/pdf-fonts/arabic.2.ttf", "assets/pdf-fonts/cjk-04e.3.ttf",
            "assets/course/abc/vendor/fontkit/fontkit.umd.min.js"} <= later

    arabic = files_for_text(site, "الرحمة بالذات")
    precache = offline.site_files(site, keep=arabic)
    kept = {f.path for f in precache.files}
    assert {"assets/pdf-fonts/arabic.2.ttf", "assets/course/abc/vendor/fontkit/fontkit.umd.min.js"} <= kept, \
        "a course in a shaped script keeps the shaping engine for its own certificate"
    assert "assets/pdf-fonts/cjk-04e.3.ttf" not in kept
