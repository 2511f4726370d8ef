"""Signed certificates in tests: a course that signs (the mini course with a verify page, a certificate page and
signing keys), real Ed25519 keys made by the organizer's own code, learners' completion records made from the built
manifest exactly as certificate.js writes them, and the organizer's command line run as an organizer runs it."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from coursekit.organizer import keys
from support import ROOT, copy_mini_course, mkdocs_build

SITE_URL = "https://courses.example.org/knots/"
SEND_TO = "records@example.org"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VERIFY_PAGE = """---
title: Verify a certificate
description: Check a signed certificate.
course:
  role: verify
---

# Verify a certificate

<!-- course:verify -->
"""
CERTIFICATE_PAGE = """---
title: Certificate
description: Your certificate.
course:
  role: certificate
---

# Certificate

<!-- course:certificate -->
"""


def make_key(folder: Path, key_id: str) -> keys.KeyPair:
    """A real key pair, written as keygen writes it (folder: outside the repository)."""
    return keys.generate(folder / f"{key_id}.pem", key_id)


def signing_course(folder: Path, published: list[keys.KeyPair], *, learner_fields: Any = None,
                   site_url: str = SITE_URL) -> Path:
    """A copy of the mini course that signs with `published` keys; returns its mkdocs.yml."""
    course = copy_mini_course(folder)
    config = course / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    (course / "docs" / "verify.md").write_text(VERIFY_PAGE, encoding="utf-8")
    (course / "docs" / "certificate.md").write_text(CERTIFICATE_PAGE, encoding="utf-8")
    data["nav"] += [{"Certificate": "certificate.md"}, {"Verify": "verify.md"}]
    data["site_url"] = site_url
    settings = data["extra"]["course"]
    settings["signing"] = {"send_to": SEND_TO, "keys": [{"id": k.key_id, "public_key": k.public_key} for k in published]}
    settings["learner_fields"] = learner_fields or {"name": "required", "credentials": "optional",
                                                    "license_number": "required", "license_state": "optional",
                                                    "email": "optional"}
    settings["approval"] = {"body": "Harbour Safety Board", "number": "HSB-0042"}
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


def build(config: Path, site: Path) -> dict[str, Any]:
    """Build the course (strict); returns its manifest."""
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads((site / "course-manifest.json").read_text(encoding="utf-8"))


def certificate_number(rng: random.Random) -> str:
    symbols = "".join(rng.choice(CROCKFORD) for _ in range(20))
    return "-".join(symbols[i:i + 4] for i in range(0, 20, 4))


def completion_record(manifest: dict[str, Any], *, name: str, license_number: str = "", email: str = "",
                      passing: bool = True, start: datetime | None = None, minutes: int = 240,
                      rng: random.Random | None = None, **learner: str) -> dict[str, Any]:
    """A learner's completion record as certificate.js downloads it (formatVersion 2), answered from the key."""
    rng = rng or random.Random()  # a fresh number for every record, as the browser makes them
    start = start or datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    stamp = lambda delta: (start + timedelta(minutes=delta)).isoformat(timespec="milliseconds").replace("+00:00", "Z")  # noqa: E731
    course = manifest["course"]
    modules = [{"slug": m["slug"], "title": m["title"], "url": m["url"], "total": len(m["quizzes"]),
                "answered": len(m["quizzes"]), "correct": len(m["quizzes"]), "state": "done", "score": 100,
                "completedAt": stamp(minutes * (i + 1) // (len(manifest["modules"]) + 2))}
               for i, m in enumerate(manifest["modules"])]
    attempts = [_attempt(manifest, stamp(minutes - 20), correct_share=0.0)]
    if passing:
        attempts.append(_attempt(manifest, stamp(minutes - 10), correct_share=1.0))
    evaluation = None
    if manifest.get("evaluation"):
        likert = {item["id"]: 4 for item in manifest["evaluation"]["items"]}
        evaluation = {"submittedAt": stamp(minutes - 5), "ratings": [], "comments": [],
                      "raw": {"submittedAt": stamp(minutes - 5), "likert": likert, "comments": {}}}
    passed = next((a for a in attempts if a["passed"]), None)
    fields = {"name": name, "credential": learner.get("credential", ""), "license": license_number}
    if learner.get("licenseState"):
        fields["licenseState"] = learner["licenseState"]
    if email:
        fields["email"] = email
    return {
        "format": "ce-course-completion-record", "formatVersion": 2, "notice": "Generated by the learner's own browser.",
        "generatedAt": stamp(minutes + 2),
        "course": {"id": course["id"], "version": course["version"], "title": course["title"], "ceHours": course["ce_hours"],
                   "creditUnit": course["credit"]["unit"], "provider": course["provider"],
                   "currentVersion": course["version"], "manifestHash": manifest["hash"]},
        "learner": fields,
        "certificate": {"number": certificate_number(rng), "issuedAt": stamp(minutes), "completedOn": stamp(minutes)[:10],
                        "replaces": []},
        "startedAt": stamp(0),
        "modules": modules,
        "postTest": {"passMark": course["pass_mark"],
                     "passingAttempt": {k: passed[k] for k in ("score", "correct", "total", "at")} if passed else None,
                     "attempts": attempts},
        "evaluation": evaluation,
    }


def _attempt(manifest: dict[str, Any], at: str, *, correct_share: float) -> dict[str, Any]:
    """An attempt over the whole post-test (or its first `draw`, balanced), with the share of right answers asked."""
    test = manifest["post_test"]
    questions = _drawn(test)
    right = round(correct_share * len(questions))
    responses = {}
    for index, question in enumerate(questions):
        key = sorted(question["correct"])
        wrong = [i for i in range(question["options"]) if i not in key][:1]
        responses[question["id"]] = key if index < right else wrong
    correct = right
    total = len(questions)
    score = round(100 * correct / total)
    return {"at": at, "score": score, "correct": correct, "total": total,
            "passed": correct * 100 >= manifest["course"]["pass_mark"] * total,
            "responses": responses, "drawn": [q["id"] for q in questions]}


def _drawn(test: dict[str, Any]) -> list[dict[str, Any]]:
    if not test.get("draw"):
        return list(test["questions"])
    groups: dict[Any, list[dict[str, Any]]] = {}
    for question in test["questions"]:
        groups.setdefault(question.get("covers"), []).append(question)
    per, extra = divmod(test["draw"], len(groups))
    drawn: list[dict[str, Any]] = []
    for index, members in enumerate(groups.values()):
        drawn += members[:per + (1 if index < extra else 0)]
    return drawn


def write_records(folder: Path, records: dict[str, dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, record in records.items():
        (folder / file_name).write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def organizer(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m coursekit.organizer ARGS`, as the README tells an organizer to run it (hooks/ on the path)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "coursekit.organizer", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)
