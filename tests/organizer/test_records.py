"""Checking learners' completion records against the built course: passing, failing, changed after the fact, made up,
duplicated, of another course or version, with timings that cannot be right; and the roster CSV, read back."""

from __future__ import annotations

import copy
import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from coursekit.organizer.records import Checked, check_records
from coursekit.organizer.roster import COLUMNS, neutralised
from signing_helpers import completion_record, organizer, write_records

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def _check(folder: Path, manifest: dict[str, Any], records: dict[str, dict[str, Any]], **options: Any) -> dict[str, Checked]:
    write_records(folder, records)
    return {r.name: r for r in check_records(sorted(folder.glob("*.json")), manifest, now=NOW, **options)}


def _one(tmp_path: Path, manifest: dict[str, Any], record: dict[str, Any]) -> Checked:
    return _check(tmp_path / "records", manifest, {"r.json": record})["r.json"]


def test_a_passing_record_passes_and_is_graded_again(signing: Any, tmp_path: Path) -> None:
    record = _one(tmp_path, signing.manifest, completion_record(signing.manifest, name="Anna", license_number="1"))
    assert (record.status, record.problems, record.flags) == ("pass", [], [])
    total = len(signing.manifest["post_test"]["questions"])
    assert [(a.correct, a.total, a.passed) for a in record.attempts] == [(0, total, False), (total, total, True)]
    assert record.passing.score == 100 and record.completed_on == "2026-03-02"


def test_a_record_that_never_passed_fails(signing: Any, tmp_path: Path) -> None:
    record = _one(tmp_path, signing.manifest, completion_record(signing.manifest, name="Ben", license_number="2", passing=False))
    assert record.status == "fail"
    assert record.problems == [f"no post-test attempt reaches the pass mark of {signing.manifest['course']['pass_mark']}% (1 attempt(s))"]


def test_responses_changed_after_the_fact_are_caught(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Cleo", license_number="3")
    passing = data["postTest"]["attempts"][-1]
    question = next(iter(passing["responses"]))
    key = next(q for q in signing.manifest["post_test"]["questions"] if q["id"] == question)
    passing["responses"][question] = [i for i in range(key["options"]) if i not in key["correct"]][:1]  # now wrong
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "rejected"
    total = passing["total"]
    assert record.problems == [f"post-test attempt 2 was changed after the fact: it says {total}/{total} (passed), "
                               f"its responses grade to {total - 1}/{total} ("
                               f"{'passed' if (total - 1) * 100 >= signing.manifest['course']['pass_mark'] * total else 'not passed'})"]


def test_a_made_up_attempt_with_fewer_questions_is_rejected(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Dan", license_number="4")
    passing = data["postTest"]["attempts"][-1]
    first = passing["drawn"][0]
    passing.update(drawn=[first], responses={first: passing["responses"][first]}, correct=1, total=1, score=100)
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "rejected"
    assert "graded 1 questions; the post-test asks" in record.problems[0]


def test_a_record_of_another_course_version_is_rejected_with_the_reason(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Eve", license_number="5")
    data["course"]["version"] = "0.1"
    for attempt in data["postTest"]["attempts"]:  # the questions of that version had other fingerprints
        renamed = {qid.rsplit("--", 1)[0] + "--0000000000": chosen for qid, chosen in attempt["responses"].items()}
        attempt.update(responses=renamed, drawn=list(renamed))
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "rejected"
    assert "answers questions this build does not have" in record.problems[0]
    assert "another course version" in record.problems[0]
    assert record.flags == [f"certificate issued for version 0.1; this build is version {signing.manifest['course']['version']}"]


def test_a_record_of_another_build_with_the_same_questions_passes_with_a_note(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Fay", license_number="6")
    data["course"]["manifestHash"] = "sha256:" + "0" * 64
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "pass"
    assert record.flags == ["made with another build of this version (its questions match this one)"]


@pytest.mark.parametrize("damage, words", [
    (lambda d: d["course"].update(id="another-course"), "a record of another course ('another-course')"),
    (lambda d: d.update(format="something-else"), "not a completion record"),
    (lambda d: d["certificate"].update(number="1234"), "no certificate number"),
    (lambda d: d["learner"].update(name="Ann\u0007"), "the learner field 'name' is damaged"),
    (lambda d: d["postTest"]["attempts"][0].pop("responses"), "keeps no responses, so it cannot be graded again"),
])
def test_damaged_or_foreign_records_are_rejected(signing: Any, tmp_path: Path, damage: Any, words: str) -> None:
    data = completion_record(signing.manifest, name="Gus", license_number="7")
    damage(data)
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "rejected" and words in record.problems[0]


def test_a_file_that_is_not_json_is_rejected(signing: Any, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "x.json").write_bytes(b"\xff\xfe not json")
    [record] = check_records([folder / "x.json"], signing.manifest, now=NOW)
    assert record.status == "rejected" and record.problems == ["not a completion record (not JSON text)"]


def test_the_requirements_of_the_course_are_checked(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Hal", license_number="8")
    data["modules"][0]["state"] = "in-progress"
    data["evaluation"] = None
    data["learner"]["license"] = ""  # required by this course's learner_fields
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "fail"
    assert record.problems == ["required learner field(s) left empty: license_number",
                               f"knowledge check(s) not completed: {signing.manifest['modules'][0]['title']}",
                               "the course evaluation was not submitted"]


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(startedAt="2026-03-02T12:50:00.000Z"), "course completed in 5 minutes"),
    (lambda d: d["modules"][0].update(completedAt="2026-03-01T08:00:00.000Z"), "dated before the course was started"),
    (lambda d: d["postTest"]["attempts"][-1].update(at="2027-01-01T00:00:00.000Z"), "after the record was made or in the future"),
    (lambda d: d["certificate"].update(issuedAt="2026-03-02T11:00:00.000Z"), "issued before the post-test was passed"),
])
def test_implausible_timings_are_flagged_for_review(signing: Any, tmp_path: Path, change: Any, words: str) -> None:
    data = completion_record(signing.manifest, name="Ida", license_number="9")
    change(data)
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "review", record.problems
    assert any(words in flag for flag in record.flags), record.flags


def test_duplicates_keep_the_latest_certificate_of_a_learner(signing: Any, tmp_path: Path) -> None:
    first = completion_record(signing.manifest, name="Jo Smith", license_number="PSY 10", email="jo@example.org")
    again = copy.deepcopy(first)  # the same file sent twice
    reissued = copy.deepcopy(first)  # a new name later: a new number that replaces the first
    reissued["learner"]["name"] = "Jo Smith-Jones"
    reissued["certificate"].update(number="ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", replaces=[first["certificate"]["number"]],
                                   issuedAt="2026-03-03T10:00:00.000Z")
    reissued["generatedAt"] = "2026-03-03T10:01:00.000Z"
    same_person = completion_record(signing.manifest, name="jo  SMITH", license_number="psy10")
    other_person = completion_record(signing.manifest, name="Jo Smith", license_number="PSY 99")
    checked = _check(tmp_path / "records", signing.manifest, {"a.json": first, "b.json": again, "c.json": reissued,
                                                              "d.json": same_person, "e.json": other_person})
    assert checked["c.json"].status == "pass"
    assert {name: checked[name].status for name in ("a.json", "b.json", "d.json")} == dict.fromkeys(("a.json", "b.json", "d.json"), "duplicate")
    assert all(checked[name].duplicate_of == "c.json" for name in ("a.json", "b.json", "d.json"))
    assert checked["e.json"].status == "pass", "another license number: another person of the same name"


def test_the_same_name_without_a_license_or_email_is_flagged(signing: Any, tmp_path: Path) -> None:
    checked = _check(tmp_path / "records", signing.manifest, {
        "a.json": completion_record(signing.manifest, name="Kim Lee"),
        "b.json": completion_record(signing.manifest, name="Kim Lee"),
    })
    assert [checked[n].status for n in ("a.json", "b.json")] == ["fail", "fail"]  # the license number is required here
    assert all(any("the same name as" in flag for flag in checked[n].flags) for n in ("a.json", "b.json"))


def test_a_revoked_certificate_is_marked(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Lou", license_number="11")
    checked = _check(tmp_path / "records", signing.manifest, {"r.json": data}, revoked={data["certificate"]["number"]})
    assert checked["r.json"].status == "revoked"


# ---------------------------------------------------------------- the command and its roster


def test_the_check_command_prints_a_summary_and_writes_a_roster_that_reads_back(signing: Any, tmp_path: Path) -> None:
    manifest = signing.manifest
    tricky = {"formula.json": completion_record(manifest, name='=HYPERLINK("http://evil.example","x")', license_number="+1 555",
                                                email="@me@example.org", credential="-1+2"),
              "anna.json": completion_record(manifest, name="Anna Żółkiewska", license_number="PSY 1", email="anna@example.org"),
              "ben.json": completion_record(manifest, name="Ben", license_number="2", passing=False)}
    tricky["copy.json"] = copy.deepcopy(tricky["anna.json"])
    records = write_records(tmp_path / "records", tricky)
    roster = tmp_path / "out" / "roster.csv"
    run = organizer("check", str(records), "--site", str(signing.site), "--roster", str(roster), cwd=signing.config.parent)
    assert run.returncode == 0, run.stderr
    assert "Checked 4 record(s) against Knot Tying Basics" in run.stdout
    assert "2 pass, 0 review, 1 fail, 0 rejected, 1 duplicate, 0 revoked" in run.stdout

    assert roster.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for spreadsheets"
    with roster.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = {row["record_file"]: row for row in reader}
    assert sorted(rows) == ["anna.json", "ben.json", "formula.json"], "one row per learner: the duplicate is merged"
    formula = rows["formula.json"]
    assert formula["name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert (formula["license_number"], formula["email"], formula["credentials"]) == ("'+1 555", "'@me@example.org", "'-1+2")
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows.values() for value in row.values())
    anna = rows["anna.json"]
    assert anna["name"] == "Anna Żółkiewska" and anna["status"] == "pass" and anna["notes"] == "duplicates: copy.json"
    assert (anna["course_id"], anna["course_version"], anna["pass_mark"]) == (
        manifest["course"]["id"], manifest["course"]["version"], str(manifest["course"]["pass_mark"]))
    assert (anna["approval_body"], anna["approval_number"]) == ("Harbour Safety Board", "HSB-0042")
    assert anna["delivery_format"] == manifest["course"]["delivery_format"] == "Online self-study", "the catalogue's words, unset"
    assert (anna["credit"], anna["credit_unit"]) == (str(manifest["course"]["credit"]["amount"]), manifest["course"]["credit"]["unit"])
    assert (anna["post_test_score"], anna["post_test_attempts"]) == ("100", "2")
    assert anna["started_at"] == "2026-03-02T09:00:00Z" and anna["evaluation_submitted"] == "2026-03-02T12:55:00Z"
    assert anna["verification_url"] == "" and anna["key_id"] == "", "nothing is signed by check"
    assert rows["ben.json"]["status"] == "fail" and "pass mark" in rows["ben.json"]["notes"]


@pytest.mark.parametrize("value, shown", [("=1+1", "'=1+1"), ("+33 1", "'+33 1"), ("-5", "'-5"), ("@x", "'@x"),
                                          ("\tx", "'\tx"), ("Ann", "Ann"), ("", ""), ("a=b", "a=b")])
def test_formula_cells_are_neutralised(value: str, shown: str) -> None:
    assert neutralised(value) == shown


def test_the_roster_is_never_written_into_the_repository(signing: Any, tmp_path: Path) -> None:
    records = write_records(tmp_path / "records", {"a.json": completion_record(signing.manifest, name="M", license_number="1")})
    inside = signing.config.parent / "records" / "roster.csv"  # the course's folder is its repository here
    run = organizer("check", str(records), "--site", str(signing.site), "--roster", str(inside), cwd=signing.config.parent)
    assert run.returncode == 1 and "lies inside the repository" in run.stderr
    assert not inside.exists()


def test_a_site_that_was_not_built_is_named(signing: Any, tmp_path: Path) -> None:
    records = write_records(tmp_path / "records", {})
    run = organizer("check", str(records), "--site", str(tmp_path / "nowhere"), cwd=signing.config.parent)
    assert run.returncode == 1 and "build the site first (make build)" in run.stderr and "Traceback" not in run.stderr


def test_an_edited_manifest_is_refused(signing: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    manifest = json.loads((signing.site / "course-manifest.json").read_text(encoding="utf-8"))
    manifest["course"]["pass_mark"] = 1
    (site / "course-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = organizer("check", str(write_records(tmp_path / "records", {})), "--site", str(site), cwd=signing.config.parent)
    assert run.returncode == 1 and "edited after the build" in run.stderr


def test_times_are_read_with_their_offsets(signing: Any, tmp_path: Path) -> None:
    data = completion_record(signing.manifest, name="Ned", license_number="12")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    data["startedAt"] = start.isoformat()  # 14:00 UTC: after everything else
    record = _one(tmp_path, signing.manifest, data)
    assert record.status == "review" and any("before the course was started" in f for f in record.flags)
