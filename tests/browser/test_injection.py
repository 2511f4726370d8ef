"""Script injection through every input a learner or a file can reach, in Chromium:
typed knowledge-check blanks, the certificate fields, evaluation comments, an
imported progress file and progress forged in localStorage before the pages load.

Each test checks that no payload ran (`window.__pwned` stays unset, no dialog
opened, no uncaught error), that no payload became markup, that the page still
works, and that learner text shows literally wherever it is shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cert_helpers import issue, open_certificate, seed_course
from page_helpers import fetch_manifest, import_progress_file, open_course_page

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = '"><script>window.__pwned=1</script>'
SVG = "<svg onload=alert(1)>"
JS_URL = "javascript:window.__pwned=1"
PAYLOADS = (IMG, SCRIPT, SVG, JS_URL)

# Markup the payloads would leave behind if any reached the page as HTML.
_PLANTED = """() => [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src])')]
    .filter(el => !el.closest('head') && !(el.tagName === 'SCRIPT' && !/__pwned|alert\\(/.test(el.textContent)))
    .map(el => el.outerHTML.slice(0, 80))"""
_JS_LINKS = "() => [...document.querySelectorAll('[href], [src], [action]')].map(el => el.getAttribute('href') || el.getAttribute('src') || '')" \
            ".filter(v => /^\\s*javascript:/i.test(v))"


class Watch:
    """Dialogs and uncaught errors of one page; `clean()` asserts none happened and nothing was planted.
    A dialog the test itself causes is announced with `confirm_next()` and accepted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.expected = 0
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def confirm_next(self) -> None:
        self.expected += 1

    def _dialog(self, dialog: Any) -> None:
        if self.expected and dialog.type == "confirm":
            self.expected -= 1
            dialog.accept()
            return
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def clean(self, where: str) -> None:
        self.page.wait_for_timeout(300)  # an onerror/onload handler fires after the element is added
        assert self.page.evaluate("() => window.__pwned") is None, f"{where}: a payload ran"
        assert self.dialogs == [], f"{where}: {self.dialogs}"
        assert self.errors == [], f"{where}: {self.errors}"
        assert self.page.evaluate(_PLANTED) == [], f"{where}: payload markup in the page"
        assert self.page.evaluate(_JS_LINKS) == [], f"{where}: a javascript: link"


@pytest.fixture
def watch(page: Any) -> Watch:
    return Watch(page)


def _fill_question(manifest: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    for module in manifest["modules"]:
        for question in module["questions"]:
            if question["type"] == "fill":
                return module, question
    raise AssertionError("the course has no fill-in question")


def _choice_question(module: dict[str, Any]) -> dict[str, Any]:
    return next(q for q in module["questions"] if q["type"] != "fill")


def _stored(page: Any) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('ce_course_') || k.startsWith('quiz_progress_')).map(k => [k, localStorage.getItem(k)]))""")


def _quiz_key(module: dict[str, Any]) -> str:
    """mkdocs-quiz's storage key of a module page (the test server serves the site at /)."""
    return "quiz_progress_/" + module["url"]


# ---------------------------------------------------------------- what a learner types


@pytest.mark.parametrize("payload", [IMG, SCRIPT])
def test_typed_knowledge_check_blank(page: Any, site_url: str, watch: Watch, payload: str) -> None:
    """Depends on the quiz.js patch (hooks/coursekit/quiz/): mkdocs-quiz put a wrong typed answer into innerHTML."""
    module, question = _fill_question(fetch_manifest(page, site_url))
    open_course_page(page, site_url + module["url"])
    quiz = page.locator(f'[id="{question["id"]}"]')
    quiz.locator(".quiz-blank-input").first.fill(payload)
    quiz.locator("button.quiz-button[type=submit]").click()
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    watch.clean("after submitting the blank")
    assert payload.strip() in quiz.inner_text(), "the typed answer shows as typed"

    page.reload()  # the stored answer is restored into the page
    page.wait_for_selector("body[data-course-ready]")
    quiz = page.locator(f'[id="{question["id"]}"]')
    assert quiz.locator(".quiz-blank-input").first.input_value() == payload
    watch.clean("after restoring the stored blank")
    assert payload.strip() in quiz.inner_text()


def test_typed_certificate_fields(page: Any, site_url: str, watch: Watch) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, IMG, SCRIPT[:60], JS_URL)
    doc = page.locator(".course-cert-doc")
    assert doc.locator('[data-field="name"]').inner_text() == IMG
    assert doc.locator('[data-field="credentials"]').inner_text() == f"{SCRIPT[:60]} · License no. {JS_URL}"
    assert doc.get_attribute("aria-label") == f"Certificate of completion for {IMG}"
    watch.clean("after issuing")

    page.get_by_role("button", name="Re-issue with a new name").click()
    panel = page.locator(".course-cert-reissue-panel")
    assert panel.get_by_label("Full name (required)").input_value() == IMG
    panel.get_by_label("Full name (required)").fill(SVG)
    panel.get_by_role("button", name="Continue").click()
    assert SVG in panel.locator(".course-cert-confirm").inner_text()
    panel.get_by_role("button", name="Yes, re-issue").click()
    expect(doc.locator('[data-field="name"]')).to_have_text(SVG)
    page.reload()
    page.locator(".course-certificate[data-ready]").wait_for(state="attached")
    assert page.locator('.course-cert-doc [data-field="name"]').inner_text() == SVG
    watch.clean("after re-issuing and reloading")


def test_typed_evaluation_comments(page: Any, site_url: str, watch: Watch) -> None:
    manifest = seed_course(page, site_url, evaluation=False)
    evaluation = manifest["evaluation"]
    assert evaluation["comments"], "the course evaluation has comment fields"
    open_course_page(page, site_url + evaluation["url"])
    page.wait_for_selector("form.course-evaluation[data-ready]")
    for item in evaluation["items"]:
        page.locator(f'input[name="evaluation-{item["id"]}"][value="2"]').check()
    texts = {c["id"]: PAYLOADS[i % len(PAYLOADS)] for i, c in enumerate(evaluation["comments"])}
    for comment_id, text in texts.items():
        page.locator(f"#evaluation-{comment_id}").fill(text)
    page.get_by_role("button", name="Submit the evaluation").click()
    expect(page.locator("form.course-evaluation .course-form-status")).to_contain_text("saved")
    watch.clean("after submitting the evaluation")

    page.reload()
    page.wait_for_selector("form.course-evaluation[data-ready]")
    for comment_id, text in texts.items():
        assert page.locator(f"#evaluation-{comment_id}").input_value() == text
    watch.clean("after restoring the evaluation")


# ---------------------------------------------------------------- what a file brings


def test_imported_file_with_markup_in_an_answer_is_refused(page: Any, site_url: str, watch: Watch, tmp_path: Path) -> None:
    manifest = seed_course(page, site_url, attempts=[])
    module, fill = _fill_question(manifest)
    open_course_page(page, site_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my progress").click()
    exported = json.loads(Path(download.value.path()).read_text())
    before = _stored(page)
    status = page.locator('[data-course-widget="progress"] .course-form-status')
    choice = _choice_question(module)
    places = {
        "fill answer": lambda d: d["quizzes"][module["url"]].update({fill["id"]: {"answered": True, "correct": False, "selectedValues": [IMG]}}),
        "choice answer": lambda d: d["quizzes"][module["url"]].update({choice["id"]: {"answered": True, "correct": True, "selectedValues": [SCRIPT]}}),
        "answer to a removed question": lambda d: d["quizzes"][module["url"]].update({"gone--q--0000000000": {"answered": True, "correct": False, "selectedValues": [SVG]}}),
        "a response key": lambda d: d["record"]["postTest"]["attempts"].append(
            {"at": "2025-03-10T14:05:00.000Z", "score": 100, "correct": 1, "total": 1, "passed": True, "responses": {IMG: [SCRIPT]}}),
        "a date": lambda d: d["record"].update(startedAt=IMG),
        "a rating": lambda d: d["record"]["evaluation"]["likert"].update({manifest["evaluation"]["items"][0]["id"]: IMG}),
    }
    for where, change in places.items():
        data = json.loads(json.dumps(exported))
        change(data)
        import_progress_file(page, tmp_path, data, "hostile.json")
        expect(status).to_contain_text("nothing was changed")
        assert "damaged or incomplete" in status.inner_text(), where
        assert _stored(page) == before, where
        watch.clean(f"after importing markup in {where}")

    open_course_page(page, site_url + module["url"])
    watch.clean("on the module page after the refused imports")


def test_imported_learner_text_with_markup_shows_as_text(page: Any, site_url: str, watch: Watch, tmp_path: Path) -> None:
    """Markup in names and comments is valid text (a learner may type anything): it imports, and shows literally."""
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "Ann Lee")
    page.goto(site_url)
    page.wait_for_selector("body[data-course-ready]")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my progress").click()
    data = json.loads(Path(download.value.path()).read_text())
    data["record"]["certificate"].update(name=IMG, credential=SCRIPT[:60], license=JS_URL)
    comment = manifest["evaluation"]["comments"][0]["id"]
    data["record"]["evaluation"]["comments"][comment] = SVG
    path = tmp_path / "text.json"
    path.write_text(json.dumps(data))
    watch.confirm_next()  # "Importing replaces the progress ...": the learner agrees
    with page.expect_navigation():
        page.locator("#course-import-file").set_input_files(str(path))
    page.wait_for_selector("body[data-course-ready]")
    assert watch.expected == 0, "the import asked for confirmation"
    watch.clean("after importing")

    open_certificate(page, site_url, manifest)
    assert page.locator('.course-cert-doc [data-field="name"]').inner_text() == IMG
    assert page.locator('.course-cert-doc [data-field="credentials"]').inner_text() == f"{SCRIPT[:60]} · License no. {JS_URL}"
    watch.clean("on the certificate page")
    open_course_page(page, site_url + manifest["evaluation"]["url"])
    page.wait_for_selector("form.course-evaluation[data-ready]")
    assert page.locator(f"#evaluation-{comment}").input_value() == SVG
    watch.clean("on the evaluation page")


# ---------------------------------------------------------------- what is forged in storage before the pages load

_FORGE = """({ record, quizzes, key }) => {
  localStorage.clear();
  localStorage.setItem(key, JSON.stringify(record));
  for (const [storageKey, answers] of Object.entries(quizzes)) localStorage.setItem(storageKey, JSON.stringify(answers));
}"""


def _visit_every_course_page(page: Any, site_url: str, manifest: dict[str, Any], watch: Watch, module: dict[str, Any]) -> None:
    open_course_page(page, site_url)
    panel = page.locator('[data-course-widget="progress"]')
    expect(panel).to_contain_text("steps complete")
    for junk in ("undefined", "NaN", "[object Object]", "Invalid Date"):
        assert junk not in panel.inner_text(), junk
    watch.clean("course home")
    open_course_page(page, site_url + module["url"])
    watch.clean("module page")
    open_course_page(page, site_url + manifest["post_test"]["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")
    watch.clean("post-test page")
    open_course_page(page, site_url + manifest["evaluation"]["url"])
    page.wait_for_selector("form.course-evaluation[data-ready]")
    watch.clean("evaluation page")
    open_certificate(page, site_url, manifest)
    watch.clean("certificate page")


def test_forged_storage_with_hostile_text(page: Any, site_url: str, watch: Watch) -> None:
    """Every field of the right type, every text a payload: shown as text where shown."""
    manifest = fetch_manifest(page, site_url)
    module, fill = _fill_question(manifest)
    choice = _choice_question(module)
    course = manifest["course"]
    comment = manifest["evaluation"]["comments"][0]["id"]
    record = {
        "schema": 1, "courseId": course["id"], "startedAt": "2025-03-01T09:00:00.000Z",
        "postTest": {"attempts": [{"at": "2025-03-10T14:05:00.000Z", "score": 50, "correct": 6, "total": 12, "passed": False,
                                   "responses": {IMG: [0], manifest["post_test"]["questions"][0]["id"]: [0]}}]},
        "evaluation": {"submittedAt": "2025-03-10T14:20:00.000Z", "likert": {item["id"]: 3 for item in manifest["evaluation"]["items"]},
                       "comments": {comment: IMG}},
        "certificate": {
            "schema": 1, "number": "ABCD-EFGH-JKMN-PQRS-TVWX", "issuedAt": "2025-03-10T14:30:00.000Z", "completedOn": "2025-03-10",
            "name": IMG, "credential": SCRIPT[:60], "license": JS_URL,
            "course": {"id": course["id"], "version": SVG, "title": SCRIPT, "ceHours": 1, "provider": IMG, "accreditation": SVG},
            "signer": {"name": SCRIPT, "title": IMG}, "postTest": None, "replaces": [],
        },
    }
    quizzes = {_quiz_key(module): {
        fill["id"]: {"answered": True, "correct": False, "selectedValues": [IMG]},
        choice["id"]: {"answered": True, "correct": False, "selectedValues": [SCRIPT]},
        IMG: {"answered": True, "correct": True, "selectedValues": [SVG]},
    }}
    page.evaluate(_FORGE, {"record": record, "quizzes": quizzes, "key": f"ce_course_{course['id']}"})
    _visit_every_course_page(page, site_url, manifest, watch, module)

    doc = page.locator(".course-cert-doc")
    assert doc.locator('[data-field="name"]').inner_text() == IMG
    assert doc.locator(".course-cert-doc__course").inner_text() == SCRIPT
    assert doc.locator(".course-cert-doc__signer-name").inner_text() == SCRIPT
    assert SVG in doc.inner_text() and JS_URL in doc.inner_text()
    open_course_page(page, site_url + manifest["evaluation"]["url"])
    page.wait_for_selector("form.course-evaluation[data-ready]")
    assert page.locator(f"#evaluation-{comment}").input_value() == IMG
    watch.clean("evaluation page, comment restored")


def test_forged_storage_with_wrong_types(page: Any, site_url: str, watch: Watch) -> None:
    """Payloads where numbers, dates and objects belong: damaged parts are set aside, and every page still works."""
    manifest = fetch_manifest(page, site_url)
    module, fill = _fill_question(manifest)
    choice = _choice_question(module)
    course = manifest["course"]
    record = {
        "schema": 1, "courseId": course["id"], "startedAt": {"toString": IMG},
        "postTest": {"attempts": [
            {"at": IMG, "score": SCRIPT, "correct": IMG, "total": SVG, "passed": True},
            IMG,
            {"at": "2025-03-10T14:05:00.000Z", "score": 100, "correct": 1, "total": 12, "passed": True},
        ]},
        "evaluation": {"submittedAt": SCRIPT, "likert": IMG, "comments": [IMG]},
        "certificate": {"schema": 1, "number": IMG, "name": ["Ann"], "issuedAt": SCRIPT, "completedOn": IMG,
                        "course": {"title": IMG}, "signer": IMG},
    }
    quizzes = {_quiz_key(module): {
        fill["id"]: {"answered": IMG, "correct": True, "selectedValues": IMG},
        choice["id"]: {"answered": True, "correct": True, "selectedValues": [{"html": IMG}]},
    }}
    page.evaluate(_FORGE, {"record": record, "quizzes": quizzes, "key": f"ce_course_{course['id']}"})
    _visit_every_course_page(page, site_url, manifest, watch, module)

    widget = page.locator(".course-certificate")
    assert "The certificate stored in this browser is damaged" in widget.inner_text()
    assert widget.locator(".course-cert-doc").count() == 0
    assert widget.get_by_text("Pass the post-test").count() == 1, "a forged attempt with impossible counts does not pass"
    open_course_page(page, site_url)
    panel = page.locator('[data-course-widget="progress"]').inner_text()
    assert "not taken" in panel, "no attempt survives: none was whole"
