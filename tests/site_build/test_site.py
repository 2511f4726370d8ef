"""The built course: every bank rendered as quizzes, no answer key in sight, lean
pages, and a manifest that matches the configuration."""

from __future__ import annotations

import json
import re
from pathlib import Path


from dataclasses import asdict

from coursekit.banks import load_bank
from support import ROOT, copy_mini_course, course_model, course_settings, docs_folder, mkdocs_build


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_manifest_matches_the_configuration(built_site: Path) -> None:
    manifest = json.loads((built_site / "course-manifest.json").read_text())
    settings = course_settings(ROOT)  # defaults filled in as the build fills them (title: site_name)
    course = manifest["course"]
    assert course["id"] == settings.id
    assert course["version"] == settings.version
    assert course["title"] == settings.title and course["title"]
    assert course["ce_hours"] == settings.ce_hours
    assert course["pass_mark"] == settings.pass_mark
    assert course["signer"] == asdict(settings.signer)
    assert course["requirements"] == asdict(settings.requirements)
    assert [m["url"] for m in manifest["modules"]] == [m.url for m in course_model(ROOT).modules]
    for module in manifest["modules"]:
        assert (built_site / module["url"] / "index.html").is_file()


def test_every_bank_question_is_a_rendered_quiz_with_a_stable_id(built_site: Path) -> None:
    manifest = json.loads((built_site / "course-manifest.json").read_text())
    assert manifest["modules"] and manifest["post_test"]
    for entry in manifest["modules"] + [manifest["post_test"]]:
        bank = load_bank(ROOT / course_settings(ROOT).banks_dir / f"{entry['bank']}.yml", entry["bank"])
        html = _page(built_site, entry["url"])
        pattern = r'<div class="quiz(?: [^"]*)?"[^>]* id="([^"]+)"' if entry is not manifest["post_test"] else r'<fieldset class="course-question" id="([^"]+)"'
        rendered = re.findall(pattern, html)
        # each question once; `course:check` may place them out of bank order
        assert sorted(rendered) == sorted(bank.quiz_ids) and list(bank.quiz_ids) == entry["quizzes"]


def test_no_answer_markup_or_bank_file_is_published(built_site: Path) -> None:
    assert not list(built_site.rglob("*.yml")) and not list(built_site.rglob("*.yaml"))
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "[x]" not in html and "- [ ]" not in html, page
        assert "<quiz>" not in html and "mkdocs-quiz-source" not in html, page


def test_quiz_assets_are_cached_files_only_on_quiz_pages(built_site: Path) -> None:
    manifest = json.loads((built_site / "course-manifest.json").read_text())
    module_html = _page(built_site, manifest["modules"][0]["url"])
    assert re.search(r'<link rel="stylesheet" href="[./]*assets/mkdocs-quiz/quiz\.[0-9a-f]{8}\.css">', module_html)
    assert re.search(r'<script src="[./]*assets/mkdocs-quiz/quiz\.[0-9a-f]{8}\.js" defer>', module_html)
    assert "STORAGE_KEY_PREFIX" not in module_html  # quiz.js is not inlined
    assert ".quiz-blank-input" not in module_html  # nor is quiz.css
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "mkdocs-quiz/quiz." not in home


def test_answers_and_explanations_stay_out_of_the_search_index(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    first = json.loads((built_site / "course-manifest.json").read_text())["modules"][0]["bank"]
    bank = load_bank(ROOT / course_settings(ROOT).banks_dir / f"{first}.yml", first)
    # Words the pages themselves say may be indexed: an explanation can repeat the teaching text.
    pages = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in (ROOT / docs_folder(ROOT)).rglob("*.md"))
    starts = [q.explanation for q in bank.questions] + [o.feedback for q in bank.questions for o in q.options]
    checked = [start for start in (" ".join(t.split()[:6]) for t in starts) if len(start.split()) >= 4 and start not in pages]
    assert checked, "no explanation or feedback to look for"
    for start in checked:
        assert start not in text, start


def test_no_page_names_a_third_party_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Anything the browser would fetch by itself: scripts, images, stylesheets, preloads.
        fetched = re.findall(r'\ssrc="([^"]+)"', html) + re.findall(r'<link [^>]*href="([^"]+)"', html)
        for url in fetched:
            assert not re.match(r"(https?:)?//", url), f"{page}: {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_a_second_course_builds_with_the_same_hooks(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    site = tmp_path / "site"
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((site / "course-manifest.json").read_text())
    assert manifest["course"]["id"] == "knots-101"
    assert manifest["course"]["pass_mark"] == 70
    assert [m["slug"] for m in manifest["modules"]] == ["reef-knot", "bowline"]
    assert manifest["post_test"]["url"] == "final/"
    assert manifest["evaluation"]["scale"] == ["No", "Somewhat", "Yes"]
    home = (site / "index.html").read_text()
    assert "Harbour Sailing Club" in home and course_settings(ROOT).title not in home
    assert len(re.findall(r'class="quiz[ "]', _page(site, "lessons/bowline"))) == 3
