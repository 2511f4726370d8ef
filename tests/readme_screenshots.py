"""The README's pictures of the course, made from the built site: `make screenshots`.

Builds the course, serves it on 127.0.0.1, walks it as a learner in Chromium (Debian's
/usr/bin/chromium, as the tests do) and writes small PNGs to .github/readme/:

  home.png         the course home, first screen, part-way through the course
  module.png       a module section with its inline knowledge check answered
  post-test.png    the review a learner sees after passing the post-test
  certificate.png  the issued certificate

Run it again after changing the course or the theme; nothing here is course-specific: it reads
the course manifest for modules, questions and keys.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent / "hooks")]

from support import ROOT, mkdocs_build, serve  # noqa: E402

OUT = ROOT / ".github" / "readme"
VIEWPORT = {"width": 1280, "height": 800}
SAMPLE_NAME = "Dr. Ana Fernández-López"


def _chromium_args() -> dict[str, Any]:
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    args: dict[str, Any] = {"args": ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"]}
    if executable:
        args["executable_path"] = executable
    return args


def _settle(page: Any) -> None:
    """Wait for the course scripts to have drawn the page (fonts, widgets), then for layout to stop moving."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(300)


def _answer_check(page: Any, quiz: Any) -> None:
    """Answer one mkdocs-quiz question correctly, as a learner: click the right labels, or type the blanks."""
    blanks = quiz.locator(".quiz-blank-input")
    if blanks.count():
        for index in range(blanks.count()):
            blanks.nth(index).fill(blanks.nth(index).get_attribute("data-answer") or "")
    else:
        for index in range(quiz.locator("input[data-correct]").count()):
            option = quiz.locator("input[data-correct]").nth(index)
            quiz.locator(f'label[for="{option.get_attribute("id")}"]').click()
    quiz.locator("button.quiz-button[type=submit]").click()


def home(page: Any, url: str, manifest: dict[str, Any], out: Path) -> None:
    """Part-way through: the first module done, so the home offers "Continue"."""
    finish_modules(page, url, {"modules": manifest["modules"][:1]})
    page.goto(url)
    _settle(page)
    page.screenshot(path=out / "home.png")


def module(page: Any, url: str, manifest: dict[str, Any], out: Path) -> None:
    """A module the learner has just opened (the second, when there is one): its first inline check, answered."""
    page.goto(url + manifest["modules"][min(1, len(manifest["modules"]) - 1)]["url"])
    _settle(page)
    check = page.locator(".course-check").first  # the first check placed between the module's sections
    quiz = check.locator(".quiz").first
    if quiz.locator("button.quiz-button[type=submit]").is_visible():
        _answer_check(page, quiz)
    page.evaluate("(node) => window.scrollBy(0, node.getBoundingClientRect().top - 260)", check.element_handle())
    _settle(page)
    page.screenshot(path=out / "module.png")


def post_test(page: Any, url: str, manifest: dict[str, Any], out: Path) -> None:
    """Pass with one item wrong, so the review shows both a right and a wrong answer."""
    page.goto(url + manifest["post_test"]["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")
    by_id = {question["id"]: question for question in manifest["post_test"]["questions"]}
    shown = page.locator("form.course-post-test fieldset.course-question:not([hidden])").evaluate_all("s => s.map(x => x.id)")
    allowed_wrong = len(shown) - -(-manifest["course"]["pass_mark"] * len(shown) // 100)
    for number, qid in enumerate(shown):
        question = by_id[qid]
        values = question["correct"]
        if number == 1 and allowed_wrong >= 1:
            values = [next(i for i in range(question["options"]) if i not in question["correct"])]
        for value in values:
            page.locator(f'[id="{qid}"] input[value="{value}"]').check()
    page.locator("form.course-post-test button[type=submit]").click()
    page.locator(".course-result").wait_for()
    # The review of the item answered wrongly: the learner's answer, the right one and the explanation.
    missed = page.locator(".course-review-item:not(.is-correct)").first
    missed.wait_for()
    page.evaluate("(node) => window.scrollBy(0, node.getBoundingClientRect().top - 90)", missed.element_handle())
    _settle(page)
    page.screenshot(path=out / "post-test.png")


def evaluation(page: Any, url: str, manifest: dict[str, Any]) -> None:
    if not manifest.get("evaluation"):
        return
    page.goto(url + manifest["evaluation"]["url"])
    page.wait_for_selector("form.course-evaluation[data-ready]")
    scale = len(manifest["evaluation"]["scale"])
    for item in manifest["evaluation"]["items"]:
        page.locator(f'input[name="evaluation-{item["id"]}"][value="{scale}"]').check()
    page.locator("form.course-evaluation button[type=submit]").click()
    page.wait_for_timeout(300)


def certificate(page: Any, url: str, manifest: dict[str, Any], out: Path) -> None:
    page.goto(url + manifest["certificate"]["url"])
    page.locator(".course-certificate[data-ready]").wait_for(state="attached")
    page.locator("form.course-cert-form input[name=name]").fill(SAMPLE_NAME)
    page.locator("form.course-cert-form button[type=submit]").click()
    document = page.locator("article.course-cert-doc")
    document.wait_for()
    _settle(page)
    document.screenshot(path=out / "certificate.png")


def finish_modules(page: Any, url: str, manifest: dict[str, Any]) -> None:
    for entry in manifest["modules"]:
        page.goto(url + entry["url"])
        page.wait_for_load_state("networkidle")
        for qid in entry["quizzes"]:
            quiz = page.locator(f'[id="{qid}"]')
            if quiz.locator("button.quiz-button[type=submit]").is_visible():
                _answer_check(page, quiz)


def _shrink(picture: Path) -> None:
    """A 256-colour palette: a third of the bytes for flat UI pictures, no visible change."""
    from PIL import Image  # requirements-test.txt

    with Image.open(picture) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(picture, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the course now)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the pictures go (default: {OUT.relative_to(ROOT)})")
    options = parser.parse_args()
    out = options.out
    from playwright.sync_api import sync_playwright  # a test dependency: requirements-test.txt

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = options.site
        if site is None:
            site = Path(scratch) / "site"
            result = mkdocs_build(ROOT / "mkdocs.yml", site)
            if result.returncode:
                print(result.stderr + result.stdout, file=sys.stderr)
                return 1
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(**_chromium_args())
            page = browser.new_page(viewport=VIEWPORT, color_scheme="light", locale="en-US", service_workers="block")
            page.goto(url)
            manifest = page.evaluate("async () => (await fetch('course-manifest.json')).json()")
            home(page, url, manifest, out)
            module(page, url, manifest, out)
            finish_modules(page, url, manifest)
            post_test(page, url, manifest, out)
            evaluation(page, url, manifest)
            certificate(page, url, manifest, out)
            browser.close()
    for picture in sorted(out.glob("*.png")):
        _shrink(picture)
        print(f"{picture}  {picture.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
