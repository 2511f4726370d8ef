"""The roster: one row per learner, for the organizer's records (kept 5 to 6 years) and a board's upload.

UTF-8 with a byte-order mark (so spreadsheet programs read accented names right),
comma-separated, every cell that a spreadsheet would take for a formula (one
starting with =, +, -, @, a tab or a carriage return) prefixed with an apostrophe.
Duplicates get no row of their own: the record that stands names them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from .claims import Signed
from .records import Checked

COLUMNS = (
    "certificate_id", "status", "notes", "course_id", "course_version", "course_title", "provider",
    "approval_body", "approval_number", "delivery_format", "credit", "credit_unit",
    "name", "credentials", "license_number", "license_state", "email",
    "started_at", "completed_on", "post_test_score", "post_test_attempts", "pass_mark", "evaluation_submitted",
    "issued_at", "verification_url", "key_id", "record_file",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> str:
    """A cell's text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(checked: Iterable[Checked], manifest: dict[str, Any], signed: dict[str, Signed] | None = None) -> list[dict[str, str]]:
    course = manifest["course"]
    credit = course.get("credit") or {"amount": course["ce_hours"], "unit": "ce-hours"}
    approval = course.get("approval") or {}
    records = list(checked)
    duplicates: dict[str, list[str]] = {}
    for record in records:
        if record.duplicate_of:
            duplicates.setdefault(record.duplicate_of, []).append(record.name)
    table = []
    for record in records:
        if record.duplicate_of:
            continue
        issued = (signed or {}).get(record.name)
        passing = record.passing
        notes = record.problems + record.flags
        if record.name in duplicates:
            notes = notes + [f"duplicates: {', '.join(duplicates[record.name])}"]
        table.append({
            "certificate_id": record.number, "status": "signed" if issued else record.status, "notes": "; ".join(notes),
            "course_id": course["id"], "course_version": course["version"], "course_title": course["title"],
            "provider": course["provider"], "approval_body": approval.get("body", ""), "approval_number": approval.get("number", ""),
            "delivery_format": course.get("delivery_format", ""),
            "credit": credit["amount"] if credit["unit"] != "none" else "", "credit_unit": credit["unit"],
            "name": record.learner.get("name", ""), "credentials": record.learner.get("credential", ""),
            "license_number": record.learner.get("license", ""), "license_state": record.learner.get("licenseState", ""),
            "email": record.learner.get("email", ""),
            "started_at": _iso(record.started_at), "completed_on": record.completed_on,
            "post_test_score": f"{passing.score}" if passing else "",
            "post_test_attempts": str(len(record.attempts)) if record.attempts else "",
            "pass_mark": str(course["pass_mark"]),
            "evaluation_submitted": _iso(record.evaluation_submitted),
            "issued_at": _iso(issued.issued_at) if issued else "",
            "verification_url": issued.link if issued else "", "key_id": issued.key_id if issued else "",
            "record_file": record.name,
        })
    return table


def write_roster(path: Path, table: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in table:
            writer.writerow({column: neutralised(row.get(column, "")) for column in COLUMNS})


def _iso(moment: Any) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z") if moment else ""
