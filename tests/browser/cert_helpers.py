"""Reaching the certificate page quickly: a learner's finished course seeded into localStorage.

The seeded data follows the contract in spec/journey.md: mkdocs-quiz's
`quiz_progress_<pathname>` entries per module and the `ce_course_<id>@<site path>` record.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pypdf

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_FORMAT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4})+$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
PASSING = {"at": "2025-03-10T14:05:00.000Z", "score": 92, "correct": 11, "total": 12, "passed": True}
FAILING = {"at": "2025-03-09T10:00:00.000Z", "score": 58, "correct": 7, "total": 12, "passed": False}

_SEED = """
async ({ modules, attempts, evaluation, skipQuiz }) => {
  const manifest = await (await fetch(new URL("course-manifest.json", location.origin + "/"))).json();
  localStorage.clear();
  for (const module of manifest.modules) {
    const answers = {};
    for (const id of module.quizzes) {
      if (id === skipQuiz) continue;
      answers[id] = { answered: true, correct: true, selectedValues: [] };
    }
    if (modules) localStorage.setItem("quiz_progress_" + new URL(module.url, location.origin + "/").pathname, JSON.stringify(answers));
  }
  let filled = null;
  if (evaluation) {
    filled = { submittedAt: "2025-03-10T14:20:00.000Z", likert: {}, comments: {} };
    manifest.evaluation.items.forEach((item, i) => { filled.likert[item.id] = 1 + (i % manifest.evaluation.scale.length); });
    manifest.evaluation.comments.forEach((item) => { filled.comments[item.id] = "Comment for " + item.id; });
  }
  const record = { schema: 1, courseId: manifest.course.id, startedAt: "2025-03-01T09:00:00.000Z",
                   postTest: { attempts }, evaluation: filled, certificate: null };
  localStorage.setItem(`ce_course_${manifest.course.id}@/`, JSON.stringify(record)); // the site is served at /
  return manifest;
}
"""


def seed_course(page: Any, site_url: str, *, modules: bool = True, attempts: list[dict[str, Any]] | None = None,
                evaluation: bool = True, skip_quiz: str | None = None) -> dict[str, Any]:
    """Open the site and store a learner's progress; returns the course manifest."""
    page.goto(site_url)
    return page.evaluate(_SEED, {"modules": modules, "attempts": [FAILING, PASSING] if attempts is None else attempts,
                                 "evaluation": evaluation, "skipQuiz": skip_quiz})


def open_certificate(page: Any, site_url: str, manifest: dict[str, Any]) -> None:
    page.goto(site_url + manifest["certificate"]["url"])
    page.locator(".course-certificate[data-ready]").wait_for(state="attached")


def record_key(manifest: dict[str, Any], site_path: str = "/") -> str:
    """Where the course scripts keep the learner's record: per course id and site (store.js recordKeyFor)."""
    return f"ce_course_{manifest['course']['id']}@{site_path}"


def stored_record(page: Any, manifest: dict[str, Any]) -> dict[str, Any]:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", record_key(manifest))


def issue(page: Any, name: str, credential: str = "", license_number: str = "") -> str:
    """Fill the issue form and submit it; returns the certificate number shown."""
    form = page.locator("form.course-cert-form")
    form.get_by_label("Full name (required)").fill(name)
    form.get_by_label("Credentials (optional)").fill(credential)
    form.get_by_label("License number (optional)").fill(license_number)
    form.get_by_role("button", name="Issue certificate").click()
    return certificate_number(page)


def certificate_number(page: Any) -> str:
    number = page.locator('.course-cert-doc [data-field="number"]')
    number.wait_for()
    return number.inner_text().strip()


def reissue(page: Any, name: str) -> str:
    page.get_by_role("button", name="Re-issue with a new name").click()
    panel = page.locator(".course-cert-reissue-panel")
    panel.get_by_label("Full name (required)").fill(name)
    panel.get_by_role("button", name="Continue").click()
    panel.get_by_role("button", name="Yes, re-issue").click()
    page.locator('.course-cert-doc [data-field="name"]', has_text=name).wait_for()
    return certificate_number(page)


def download(page: Any, action: str, folder: Path) -> Path:
    try:
        with page.expect_download(timeout=20_000) as info:
            page.locator(f'[data-action="{action}"]').click()
    except Exception as error:  # say what the page told the learner instead
        status = page.locator(".course-certificate [role=status]").inner_text()
        raise AssertionError(f"no download after {action!r}; status: {status!r}") from error
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return unicodedata.normalize("NFC", text)


def long_date(iso_day: str) -> str:
    """A day as the English certificate shows it (Intl, dateStyle long): "March 12, 2025"."""
    year, month, day = iso_day[:10].split("-")
    return f"{MONTHS[int(month) - 1]} {int(day)}, {year}"


def number_bits(number: str) -> float:
    """Random bits a number of this format can hold: 5 per base32 Crockford symbol."""
    assert NUMBER_FORMAT.match(number), number
    symbols = number.replace("-", "")
    assert all(groups == 4 for groups in map(len, number.split("-")))
    return len(symbols) * 5
