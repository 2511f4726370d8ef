"""After a post-test attempt, in Chromium: a fail names the modules to review (from the
questions' `covers`) and shows no key; a pass shows every drawn question with the learner's
answer, the correct one and the explanation, marked in words; after a reload each attempt
can be reviewed, but only once the learner has passed. Dates read in the page's language.
The post-test's options stay out of the search index, and so does the evaluation's scale."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cert_helpers import seed_course, stored_record
from page_helpers import fetch_manifest, open_course_page

pytestmark = pytest.mark.browser

SHOWN = "form.course-post-test fieldset.course-question:not([hidden])"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
               "resultTypes": ["violations"]}


def _questions(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in manifest["post_test"]["questions"]}


def _take(page: Any, manifest: dict[str, Any], wrong: set[int]) -> dict[str, Any]:
    """Answer the shown questions, wrongly at the positions in `wrong`; submit by keyboard; the attempt stored."""
    questions = _questions(manifest)
    ids = page.locator(SHOWN).evaluate_all("sets => sets.map(s => s.id)")
    for number, qid in enumerate(ids):
        question = questions[qid]
        other = next(i for i in range(question["options"]) if i not in question["correct"])
        for value in ([other] if number in wrong else question["correct"]):
            page.locator(f'[id="{qid}"] input[value="{value}"]').check()
    page.locator("form.course-post-test button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".course-result")).to_contain_text("The pass mark is")
    return stored_record(page, manifest)["postTest"]["attempts"][-1]


def _open_post_test(page: Any, site_url: str, manifest: dict[str, Any]) -> None:
    open_course_page(page, site_url + manifest["post_test"]["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")


def _option_text(page: Any, qid: str, index: int) -> str:
    return " ".join(page.locator(f'[id="{qid}-{index}"] + .course-option-text').text_content().split())


def test_a_fail_names_the_modules_to_review_and_never_the_key(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    questions = _questions(manifest)
    _open_post_test(page, site_url, manifest)
    shown = page.locator(SHOWN).count()
    attempt = _take(page, manifest, wrong={0, *range(shown // 2, shown)})  # the first and the second half wrong
    assert not attempt["passed"]

    wrong_modules = {questions[qid]["covers"] for n, qid in enumerate(attempt["drawn"]) if n == 0 or n >= shown // 2}
    expected = [m for m in manifest["modules"] if m["slug"] in wrong_modules]
    assert expected
    links = page.locator(".course-result .course-review-modules a")
    assert links.all_inner_texts() == [m["title"] for m in expected], "the modules a wrong answer covers, in course order"
    hrefs = links.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert hrefs == ["/" + m["url"] for m in expected]

    # No key: no review, no marks, and the answered form is put away until a retake.
    result = page.locator(".course-result").inner_text()
    assert "Correct answer" not in result and "Your answer" not in result
    expect(page.locator("#course-review")).to_be_hidden()
    assert page.locator(".course-review-item, .course-badge").count() == 0
    expect(page.locator("form.course-post-test")).to_be_hidden()
    assert page.locator(".course-attempts .course-review-button").count() == 0, "no review before a pass"
    page.reload()
    page.wait_for_selector("form.course-post-test[data-ready]")
    assert page.locator(".course-attempts li").count() == 1
    assert page.locator(".course-attempts .course-review-button").count() == 0, "nor after a reload"
    expect(page.locator("form.course-post-test")).to_be_visible()  # a new page: a fresh form


def test_a_pass_reviews_every_drawn_question_with_answer_key_and_explanation(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    questions = _questions(manifest)
    _open_post_test(page, site_url, manifest)
    shown = page.locator(SHOWN).count()
    mark = manifest["course"]["pass_mark"]
    misses = max(n for n in range(shown) if (shown - n) * 100 >= mark * shown)  # as many wrong as still passes
    wrong = set(range(shown - misses, shown))
    attempt = _take(page, manifest, wrong=wrong)
    assert attempt["passed"] and attempt["correct"] == shown - misses

    review = page.locator("#course-review")
    expect(review).to_be_visible()
    expect(review.get_by_role("heading", name="Your answers, question by question")).to_be_visible()
    items = review.locator(".course-review-item")
    assert items.count() == shown == len(attempt["drawn"])
    for number, qid in enumerate(attempt["drawn"]):
        item = items.nth(number)
        heading = item.locator("h3").inner_text()
        verdict = "Incorrect" if number in wrong else "Correct"
        assert heading.startswith(f"Question {number + 1} of {shown}") and heading.endswith(verdict), heading
        key = questions[qid]["correct"]
        chosen = attempt["responses"][qid]
        mine = [" ".join(t.split()) for t in item.locator("li:has(.course-badge.is-chosen) .course-review-text").all_text_contents()]
        right = [" ".join(t.split()) for t in item.locator("li:has(.course-badge.is-key) .course-review-text").all_text_contents()]
        assert sorted(mine) == sorted(_option_text(page, qid, i) for i in chosen), "the learner's answer, in words"
        assert sorted(right) == sorted(_option_text(page, qid, i) for i in key), "the correct answer, in words"
        explanation = item.locator(".course-review-explanation")
        assert explanation.locator(".course-review-explanation-title").inner_text() == "Explanation"
        assert len(explanation.inner_text()) > len("Explanation") + 20, "the bank's explanation"
        assert item.locator(".course-review-feedback").count() >= 1, "the feedback of the options chosen or right"
    missed = review.locator("a[href^='#course-review-']")
    assert missed.all_inner_texts() == [f"Question {n + 1}" for n in sorted(wrong)]
    for target in missed.evaluate_all("links => links.map(a => a.getAttribute('href').slice(1))"):
        assert page.locator(f'[id="{target}"]').count() == 1
    assert page.locator("form.course-post-test .course-review-notes:not([hidden])").count() == 0


def test_after_a_reload_each_attempt_can_be_reviewed_once_passed(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    questions = manifest["post_test"]["questions"][: manifest["post_test"]["draw"] or None]
    drawn = [q["id"] for q in questions]
    right = {q["id"]: q["correct"] for q in questions}
    wrong = {q["id"]: [next(i for i in range(q["options"]) if i not in q["correct"])] for q in questions}
    first_wrong = {**right, drawn[0]: wrong[drawn[0]]}
    total = len(drawn)
    failed = {"at": "2026-11-26T06:29:07.000Z", "score": 0, "correct": 0, "total": total, "passed": False,
              "responses": wrong, "drawn": drawn}
    passed = {"at": "2026-11-27T15:00:00.000Z", "score": round(100 * (total - 1) / total), "correct": total - 1,
              "total": total, "passed": True, "responses": first_wrong, "drawn": drawn}
    seed_course(page, site_url, attempts=[failed, passed])
    _open_post_test(page, site_url, manifest)

    history = page.locator(".course-attempts")
    # Dates in the page's language: the long date with the time, as Intl writes it here, never 11/26/2026.
    expected = page.evaluate("""at => new Intl.DateTimeFormat(document.documentElement.lang,
        { dateStyle: "long", timeStyle: "short" }).format(new Date(at))""", failed["at"])
    assert expected in history.inner_text() and not re.search(r"\d{1,2}/\d{1,2}/\d{4}", history.inner_text())

    buttons = history.locator(".course-review-button")
    assert buttons.count() == 2
    assert buttons.first.get_attribute("aria-label") == f"Review answers: attempt of {expected}"
    buttons.nth(1).click()
    expect(buttons.nth(1)).to_have_attribute("aria-expanded", "true")
    review = page.locator("#course-review")
    expect(review).to_be_visible()
    assert page.evaluate("() => document.activeElement.id") == "course-review-title"
    items = review.locator(".course-review-item")
    assert items.count() == total
    assert items.first.locator("h3").inner_text().endswith("Incorrect")
    assert all(h.endswith("Correct") for h in items.locator("h3").all_inner_texts()[1:])
    assert review.locator("a[href^='#course-review-']").all_inner_texts() == ["Question 1"]

    buttons.first.click()  # another attempt replaces the review
    expect(buttons.nth(1)).to_have_attribute("aria-expanded", "false")
    expect(items.first.locator("h3")).to_contain_text("Incorrect")
    assert items.count() == total and "Correct answer" in review.inner_text()
    buttons.first.click()  # and the same button closes it
    expect(review).to_be_hidden()


def test_the_result_and_review_meet_wcag_in_both_schemes_with_a_calm_focus_ring(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.evaluate("() => localStorage.clear()")
        _open_post_test(page, site_url, manifest)
        _take(page, manifest, wrong=set())
        result = page.locator(".course-result")
        assert page.evaluate("() => document.activeElement.classList.contains('course-result')")
        ring = result.evaluate("""el => { const s = getComputedStyle(el);
            return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
                     accent: getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim() }; }""")
        assert ring["style"] == "solid" and ring["width"] >= 2, "the focus stays visible"
        accent = page.evaluate("c => { const el = document.createElement('i'); el.style.color = c; document.body.append(el);"
                               " const rgb = getComputedStyle(el).color; el.remove(); return rgb; }", ring["accent"])
        assert ring["color"] != accent, "not the accent orange that read like an error"
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, f"{scheme}: " + json.dumps([(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])


def test_the_forms_options_stay_out_of_the_search_index(built_site: Path) -> None:
    manifest = json.loads((built_site / "course-manifest.json").read_text())
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    docs = {doc["location"]: doc for doc in index["docs"]}
    post_test = " ".join(doc["text"] for loc, doc in docs.items() if loc.split("#")[0] == manifest["post_test"]["url"])
    html = (built_site / manifest["post_test"]["url"] / "index.html").read_text(encoding="utf-8")
    options = re.findall(r'<span class="course-option-text">(.*?)</span></label>', html)
    assert options and post_test, "the post-test page has options and an entry in the index"
    assert not [o for o in options if len(o) > 12 and o in post_test], "no option text in the index"
    assert "Question 1 of" not in post_test
    evaluation = " ".join(doc["text"] for loc, doc in docs.items() if loc.split("#")[0] == manifest["evaluation"]["url"])
    scale = manifest["evaluation"]["scale"]
    assert all(item["statement"][:40] in evaluation for item in manifest["evaluation"]["items"]), "the statements stay"
    longest = max(scale, key=len)
    assert longest not in evaluation, "the rating labels, repeated under every statement, do not"
