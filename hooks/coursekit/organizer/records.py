"""Checking learners' completion records (certificate.js's `completionRecord`) against the built course.

Every post-test attempt is graded again from its responses with the build's
answer key (by question id; ids carry each question's fingerprint, so a record
made with other questions names ids this build does not know). An attempt whose
counts differ from its own responses was changed after the fact; an attempt that
graded fewer questions than the post-test asks, or a draw that is not balanced
over the modules, was made up. Then the course's requirements, timings that
cannot be right, revoked certificates and duplicates (one learner, several
records: the latest certificate stands).

Each record gets one status:
- pass: every requirement met, nothing to doubt: `sign` signs it;
- review: requirements met, but timings to look at (`sign --include-review` signs it);
- fail: a requirement not met;
- rejected: not a record of this course and build, damaged, or changed after the fact;
- duplicate: another record of the same learner or certificate stands instead;
- revoked: its certificate number is on the revocation list.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

from ..signing import CERTIFICATE_ID

RECORD_FORMAT = "ce-course-completion-record"
FORMAT_VERSIONS = (1, 2)
MAX_RECORD_BYTES = 5 * 1024 * 1024
# How early a course can plausibly be finished: this share of the modules' estimated minutes.
DEFAULT_MIN_SHARE = 0.25
_CLOCK_SLACK = timedelta(minutes=5)  # learners' clocks differ a little from the organizer's
STATUSES = ("pass", "review", "fail", "rejected", "duplicate", "revoked")
LEARNER_KEYS = ("name", "credential", "license", "licenseState", "email")


@dataclass
class Attempt:
    at: datetime | None
    correct: int
    total: int
    passed: bool  # as graded again
    claimed: str  # what the record said, e.g. "11/12 (passed)"

    @property
    def score(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass
class Checked:
    """One record file, checked."""

    path: Path
    status: str = "pass"
    problems: list[str] = field(default_factory=list)  # why it is rejected or fails
    flags: list[str] = field(default_factory=list)  # what to look at (timings, another build)
    data: dict[str, Any] = field(default_factory=dict, repr=False)
    learner: dict[str, str] = field(default_factory=dict)
    number: str = ""  # the learner's certificate number (the signed certificate keeps it)
    replaces: tuple[str, ...] = ()
    issued_at: str = ""  # when the learner's browser issued it
    started_at: datetime | None = None
    completed_at: datetime | None = None  # when the last requirement was met
    attempts: list[Attempt] = field(default_factory=list)
    module_times: list[tuple[str, datetime]] = field(default_factory=list)  # (title, when its check was completed)
    evaluation_submitted: datetime | None = None
    duplicate_of: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def passing(self) -> Attempt | None:
        """The first attempt that passes when graded again (the one the certificate shows)."""
        return next((a for a in self.attempts if a.passed), None)

    @property
    def completed_on(self) -> str:
        if self.completed_at:
            return self.completed_at.date().isoformat()
        day = self.data.get("certificate", {}).get("completedOn") if isinstance(self.data.get("certificate"), dict) else None
        return day if isinstance(day, str) else ""

    @property
    def signable(self) -> bool:
        return self.status == "pass"

    def reject(self, problem: str) -> None:
        self.status = "rejected"
        self.problems.append(problem)

    def fail(self, problem: str) -> None:
        if self.status in ("pass", "review"):
            self.status = "fail"
        self.problems.append(problem)

    def flag(self, text: str) -> None:
        if self.status == "pass":
            self.status = "review"
        self.flags.append(text)


def read_folder(folder: Path) -> list[Path]:
    """The record files of a folder (*.json, sorted by name)."""
    return sorted(path for path in folder.iterdir() if path.is_file() and path.suffix.lower() == ".json")


def check_records(paths: Iterable[Path], manifest: dict[str, Any], *, revoked: set[str] = frozenset(),
                  min_share: float = DEFAULT_MIN_SHARE, now: datetime | None = None) -> list[Checked]:
    now = now or datetime.now(timezone.utc)
    checked = [check_record(path, manifest, min_share=min_share, now=now) for path in paths]
    for record in checked:
        if record.number and record.number in revoked and record.status not in ("rejected",):
            record.status = "revoked"
            record.problems.append(f"certificate {record.number} is on the revocation list")
    _mark_duplicates(checked)
    return checked


def check_record(path: Path, manifest: dict[str, Any], *, min_share: float = DEFAULT_MIN_SHARE,
                 now: datetime | None = None) -> Checked:
    record = Checked(path)
    data = _read(path, record)
    if data is None:
        return record
    record.data = data
    course = manifest["course"]
    their = data.get("course") if isinstance(data.get("course"), dict) else {}
    if their.get("id") != course["id"]:
        record.reject(f"a record of another course ('{_short(their.get('id'))}'), not '{course['id']}'")
        return record
    _learner(record, data, manifest)
    _certificate(record, data)
    if record.status == "rejected":
        return record
    _build(record, their, manifest)
    _post_test(record, data, manifest)
    if record.status == "rejected":
        return record
    _modules(record, data, manifest)
    _evaluation(record, data, manifest)
    _timings(record, data, manifest, min_share, now or datetime.now(timezone.utc))
    return record


# --------------------------------------------------------------------------
# the parts of a record
# --------------------------------------------------------------------------


def _read(path: Path, record: Checked) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        record.reject(f"cannot be read ({error.strerror or error})")
        return None
    if len(raw) > MAX_RECORD_BYTES:
        record.reject("too large to be a completion record")
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        record.reject("not a completion record (not JSON text)")
        return None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        record.reject("not a completion record (no 'format: ce-course-completion-record')")
        return None
    if data.get("formatVersion") not in FORMAT_VERSIONS:
        record.reject(f"a completion record of an unknown format version ({_short(data.get('formatVersion'))})")
        return None
    return data


def _learner(record: Checked, data: dict[str, Any], manifest: dict[str, Any]) -> None:
    learner = data.get("learner") if isinstance(data.get("learner"), dict) else {}
    for key in LEARNER_KEYS:
        value = learner.get(key, "")
        if not isinstance(value, str) or len(value) > 254 or any(unicodedata.category(c) == "Cc" for c in value):
            record.reject(f"the learner field '{key}' is damaged")
            return
        if value:
            record.learner[key] = value.strip()
    if not record.learner.get("name"):
        record.reject("the record names no learner")
        return
    fields = manifest["course"].get("learner_fields") or []
    missing = [f["field"] for f in fields if f.get("required") and not record.learner.get(f["key"])]
    if missing:
        record.fail(f"required learner field(s) left empty: {', '.join(missing)}")


def _certificate(record: Checked, data: dict[str, Any]) -> None:
    certificate = data.get("certificate") if isinstance(data.get("certificate"), dict) else {}
    number = certificate.get("number")
    if not isinstance(number, str) or not CERTIFICATE_ID.match(number):
        record.reject("the record has no certificate number of the form XXXX-XXXX-...")
        return
    record.number = number
    replaces = certificate.get("replaces") or []
    record.replaces = tuple(n for n in replaces if isinstance(n, str) and CERTIFICATE_ID.match(n)) if isinstance(replaces, list) else ()
    record.issued_at = certificate.get("issuedAt") if isinstance(certificate.get("issuedAt"), str) else ""
    record.started_at = _time(data.get("startedAt"))
    if record.started_at is None:
        record.reject("the record has no valid start time ('startedAt')")


def _build(record: Checked, their: dict[str, Any], manifest: dict[str, Any]) -> None:
    """Made with another build: said, not refused (the questions decide; see _post_test)."""
    version = manifest["course"]["version"]
    if their.get("version") != version:
        record.flag(f"certificate issued for version {_short(their.get('version'))}; this build is version {version}")
    elif their.get("manifestHash") and manifest.get("hash") and their["manifestHash"] != manifest["hash"]:
        record.flags.append("made with another build of this version (its questions match this one)")


def _post_test(record: Checked, data: dict[str, Any], manifest: dict[str, Any]) -> None:
    test = manifest.get("post_test")
    if not test:
        return
    key = {q["id"]: sorted(q["correct"]) for q in test["questions"]}
    expected = test.get("draw") or len(test["questions"])
    pass_mark = manifest["course"]["pass_mark"]
    section = data.get("postTest") if isinstance(data.get("postTest"), dict) else {}
    attempts = section.get("attempts") if isinstance(section.get("attempts"), list) else None
    if attempts is None:
        record.reject("the record has no post-test attempts list")
        return
    for number, attempt in enumerate(attempts, 1):
        if not isinstance(attempt, dict):
            record.reject(f"post-test attempt {number} is damaged")
            return
        responses = attempt.get("responses")
        if not isinstance(responses, dict):
            record.reject(f"post-test attempt {number} keeps no responses, so it cannot be graded again")
            return
        drawn = attempt.get("drawn") if isinstance(attempt.get("drawn"), list) else list(responses)
        unknown = [qid for qid in list(drawn) + list(responses) if qid not in key]
        if unknown:
            record.reject(f"post-test attempt {number} answers questions this build does not have "
                          f"({len(set(unknown))} unknown question ids, e.g. {_short(unknown[0])}): a record of another course "
                          f"version; check it against that version's build")
            return
        if len(set(drawn)) != len(drawn) or not set(responses) <= set(drawn):
            record.reject(f"post-test attempt {number} answers questions it did not draw")
            return
        if len(drawn) != expected or not _balanced(drawn, test):
            record.reject(f"post-test attempt {number} graded {len(drawn)} questions; the post-test asks {expected}"
                          + ("" if len(drawn) != expected else ", balanced over the modules"))
            return
        correct = sum(1 for qid in drawn if _chosen(responses.get(qid)) == key[qid])
        total = len(drawn)
        passed = total > 0 and correct * 100 >= pass_mark * total
        claimed = (attempt.get("correct"), attempt.get("total"), attempt.get("passed"))
        shown = f"{_short(claimed[0])}/{_short(claimed[1])} ({'passed' if claimed[2] is True else 'not passed'})"
        if claimed != (correct, total, passed):
            record.reject(f"post-test attempt {number} was changed after the fact: it says {shown}, "
                          f"its responses grade to {correct}/{total} ({'passed' if passed else 'not passed'})")
            return
        record.attempts.append(Attempt(_time(attempt.get("at")), correct, total, passed, shown))
    if manifest["course"]["requirements"].get("post_test", True) and record.passing is None:
        record.fail(f"no post-test attempt reaches the pass mark of {pass_mark}% ({len(record.attempts)} attempt(s))")


def _balanced(drawn: list[str], test: dict[str, Any]) -> bool:
    """A drawn attempt gives every module floor(draw/M) or one more question (hooks/assets/draw.js)."""
    if not test.get("draw"):
        return True
    group_of = {q["id"]: q.get("covers") for q in test["questions"]}
    groups = set(group_of.values())
    low = test["draw"] // len(groups)
    counts = Counter(group_of[qid] for qid in drawn)
    return all(low <= counts.get(group, 0) <= math.ceil(test["draw"] / len(groups)) for group in groups)


def _chosen(value: Any) -> list[int] | None:
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        return None
    return sorted(value) if len(set(value)) == len(value) else None


def _modules(record: Checked, data: dict[str, Any], manifest: dict[str, Any]) -> None:
    listed = {m.get("slug"): m for m in data.get("modules", []) if isinstance(m, dict)} if isinstance(data.get("modules"), list) else {}
    required = manifest["course"]["requirements"].get("modules", True)
    missing: list[str] = []
    unstamped: list[str] = []
    for module in manifest["modules"]:
        entry = listed.get(module["slug"])
        if entry is None or entry.get("state") != "done":
            missing.append(module["title"])
            continue
        if entry.get("total") != len(module["quizzes"]):
            missing.append(f"{module['title']} (another set of questions)")
            continue
        completed = _time(entry.get("completedAt"))
        if completed is None:
            unstamped.append(module["title"])
        else:
            record.module_times.append((module["title"], completed))
            record.completed_at = max(filter(None, (record.completed_at, completed)))
    if required and missing:
        record.fail(f"knowledge check(s) not completed: {', '.join(missing)}")
    if required and unstamped and data.get("formatVersion", 1) >= 2:
        record.flags.append(f"no completion time for the knowledge check(s) of: {', '.join(unstamped)}")


def _evaluation(record: Checked, data: dict[str, Any], manifest: dict[str, Any]) -> None:
    evaluation = data.get("evaluation") if isinstance(data.get("evaluation"), dict) else None
    record.evaluation_submitted = _time(evaluation.get("submittedAt")) if evaluation else None
    if manifest.get("evaluation") and manifest["course"]["requirements"].get("evaluation", True) and record.evaluation_submitted is None:
        record.fail("the course evaluation was not submitted")


def _timings(record: Checked, data: dict[str, Any], manifest: dict[str, Any], min_share: float, now: datetime) -> None:
    """Times that cannot be right: before the start, in the future, a course finished impossibly fast."""
    started = record.started_at
    assert started is not None
    passing = record.passing
    requirements = manifest["course"]["requirements"]
    ends = [record.completed_at if requirements.get("modules", True) else None,
            passing.at if passing and requirements.get("post_test", True) else None,
            record.evaluation_submitted if manifest.get("evaluation") and requirements.get("evaluation", True) else None]
    record.completed_at = max((t for t in ends if t), default=record.completed_at)
    generated = _time(data.get("generatedAt")) or now
    moments = [(f"the knowledge check of {title}", moment) for title, moment in record.module_times]
    moments += [("the evaluation", record.evaluation_submitted), ("the certificate", _time(record.issued_at))]
    moments += [(f"post-test attempt {i}", a.at) for i, a in enumerate(record.attempts, 1)]
    for what, moment in moments:
        if moment is None:
            continue
        if moment < started - _CLOCK_SLACK:
            record.flag(f"{what} is dated before the course was started ({_when(moment)} < {_when(started)})")
        if moment > min(generated, now) + _CLOCK_SLACK:
            record.flag(f"{what} is dated after the record was made or in the future ({_when(moment)})")
    issued = _time(record.issued_at)
    if passing and passing.at and issued and issued < passing.at - _CLOCK_SLACK:
        record.flag("the certificate was issued before the post-test was passed")
    estimated = sum(int(m.get("minutes") or 0) for m in manifest["modules"])
    if estimated and record.completed_at:
        minutes = (record.completed_at - started).total_seconds() / 60
        if 0 <= minutes < min_share * estimated:
            record.flag(f"course completed in {minutes:.0f} minutes; its modules take about {estimated} minutes")


def _mark_duplicates(checked: list[Checked]) -> None:
    """Records of one certificate (its number or one it replaces), or of one learner (name with license number or
    email): the latest certificate stands, the others are duplicates. The same name alone is only flagged."""
    candidates = [r for r in checked if r.number]
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for index, record in enumerate(candidates):
        for key in _identity_keys(record):
            if key in first:
                parent[root(index)] = root(first[key])
            else:
                first[key] = index
    groups: dict[int, list[Checked]] = {}
    for index, record in enumerate(candidates):
        groups.setdefault(root(index), []).append(record)
    for members in groups.values():
        if len(members) < 2:
            continue
        # The latest certificate stands; of copies of one file, the first by name.
        standing = max(sorted(members, key=lambda r: r.name), key=lambda r: (r.status != "rejected", r.issued_at))
        for record in members:
            if record is not standing:
                record.status = "duplicate"
                record.duplicate_of = standing.name
                record.problems.append(f"duplicate: {standing.name} holds the same learner's certificate")
    by_name: dict[str, list[Checked]] = {}
    for record in candidates:
        if record.status != "duplicate":
            by_name.setdefault(_name_key(record), []).append(record)
    for same in by_name.values():
        for record in same:
            others = [r.name for r in same if r is not record and not _told_apart(r, record)]
            if others:
                record.flag(f"the same name as {', '.join(others)}, with no license number or email to tell them apart: "
                            "the same person?")


def _told_apart(one: Checked, other: Checked) -> bool:
    """Two records of one name belong to two people when both give a license number (or email) and they differ."""
    return any(one.learner.get(key) and other.learner.get(key) for key in ("license", "email"))


def _name_key(record: Checked) -> str:
    return " ".join(unicodedata.normalize("NFKC", record.learner.get("name", "")).casefold().split())


def _identity_keys(record: Checked) -> list[str]:
    keys = [f"number:{n}" for n in (record.number, *record.replaces)]
    name = _name_key(record)
    for field_name in ("license", "email"):
        value = "".join(record.learner.get(field_name, "").casefold().split())
        if name and value:
            keys.append(f"{field_name}:{name}:{value}")
    return keys


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _when(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _short(value: Any, limit: int = 40) -> str:
    text = "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(checked: list[Checked]) -> Counter[str]:
    return Counter(record.status for record in checked)
