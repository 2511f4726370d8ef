"""The organizer's keys, signing and revoking, with real Ed25519 (cryptography) and an independent verifier (PyJWT)."""

from __future__ import annotations

import base64
import csv
import json
import shutil
import stat
from pathlib import Path
from typing import Any

import jwt
import pytest

from coursekit.organizer import jws, keys
from signing_helpers import SITE_URL, completion_record, organizer, write_records
from support import ROOT, mkdocs_build


def _links(folder: Path) -> list[dict[str, str]]:
    with (folder / "links.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def _token(link: str) -> str:
    return link.split("#", 1)[1]


# ---------------------------------------------------------------- keygen


def test_keygen_writes_the_private_key_outside_the_repository_only(signing: Any, tmp_path: Path) -> None:
    inside = ROOT / "keys" / "course.pem"
    run = organizer("keygen", "--out", str(inside), cwd=ROOT / "hooks")
    assert run.returncode == 1 and "lies inside the repository" in run.stderr
    assert not inside.exists() and not inside.parent.exists()
    inside_course = signing.config.parent / "course.pem"  # a course of its own, outside this repository
    assert organizer("keygen", "--out", str(inside_course), cwd=signing.config.parent).returncode == 1
    assert not inside_course.exists()

    target = tmp_path / "keys" / "2026.pem"
    run = organizer("keygen", "--out", str(target), "--key-id", "club-2026", cwd=ROOT / "hooks")
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    private = keys.load_private_key(target)
    public = keys.public_key_text(private.public_key())
    assert f"- id: club-2026\n          public_key: {public}" in run.stdout
    again = organizer("keygen", "--out", str(target), cwd=ROOT / "hooks")
    assert again.returncode == 1 and "never overwritten" in again.stderr
    assert keys.public_key_text(keys.load_private_key(target).public_key()) == public


def test_a_key_is_encrypted_when_a_passphrase_is_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.pem"
    run = organizer("keygen", "--out", str(target), cwd=ROOT / "hooks", env={keys.PASSPHRASE_VARIABLE: "correct horse"})
    assert run.returncode == 0 and "ENCRYPTED" in target.read_text()
    monkeypatch.delenv(keys.PASSPHRASE_VARIABLE, raising=False)
    with pytest.raises(Exception, match="encrypted"):
        keys.load_private_key(target)
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, "correct horse")
    assert keys.load_private_key(target)


def test_the_default_key_id_is_the_keys_thumbprint() -> None:
    # RFC 8037, appendix A.3: the thumbprint of its example key.
    assert keys.thumbprint_id("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo") == "kPrK_qmxVWaY"


# ---------------------------------------------------------------- sign


@pytest.fixture
def signed_out(signing: Any, tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    manifest = signing.manifest
    records = {"anna.json": completion_record(manifest, name="Anna Żółkiewska", license_number="PSY 1", email="anna@example.org",
                                              credential="PhD", licenseState="CA"),
               "ben.json": completion_record(manifest, name="Ben", license_number="2", passing=False)}
    records["copy.json"] = json.loads(json.dumps(records["anna.json"]))
    folder = write_records(tmp_path / "records", records)
    out = tmp_path / "signed"
    run = organizer("sign", str(folder), "--key", str(signing.keys / "club-2026.pem"), "--out", str(out),
                    "--site", str(signing.site), cwd=signing.config.parent)
    assert run.returncode == 0, run.stderr
    assert "Signed 1 certificate(s) with key 'club-2026'" in run.stdout
    return out, records


def test_sign_writes_a_verification_link_per_passing_record(signing: Any, signed_out: Any) -> None:
    out, records = signed_out
    [link] = _links(out)
    anna = records["anna.json"]
    assert link["certificate_id"] == anna["certificate"]["number"] and link["name"] == "Anna Żółkiewska"
    assert link["verification_url"].startswith(SITE_URL + "verify/#")
    with (out / "roster.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["record_file"]: row for row in csv.DictReader(file)}
    assert sorted(rows) == ["anna.json", "ben.json"]
    assert (rows["anna.json"]["status"], rows["anna.json"]["key_id"]) == ("signed", "club-2026")
    assert rows["anna.json"]["verification_url"] == link["verification_url"] and rows["anna.json"]["issued_at"]
    assert (rows["ben.json"]["status"], rows["ben.json"]["verification_url"]) == ("fail", "")


def test_pyjwt_verifies_the_tokens_against_the_published_keys(signing: Any, signed_out: Any) -> None:
    out, records = signed_out
    token = _token(_links(out)[0]["verification_url"])
    published = jwt.PyJWKSet.from_dict(json.loads((signing.site / "certificate-keys.json").read_text()))
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in published.keys if k.key_id == kid)
    claims = jwt.decode(token, key.key, algorithms=["EdDSA"])
    anna = records["anna.json"]
    course = signing.manifest["course"]
    assert claims == {"jti": anna["certificate"]["number"], "iat": claims["iat"], "c": course["id"], "v": course["version"],
                      "t": course["title"], "h": course["credit"]["amount"], "u": course["credit"]["unit"], "d": "2026-03-02",
                      "n": "Anna Żółkiewska", "cr": "PhD", "lic": "PSY 1", "st": "CA", "s": 100}
    assert "anna@example.org" not in json.dumps(claims), "no email address in a certificate"
    with pytest.raises(jwt.InvalidSignatureError):  # the other published key did not sign it
        jwt.decode(token, next(k for k in published.keys if k.key_id != kid).key, algorithms=["EdDSA"])
    header, payload, signature = token.split(".")
    changed = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    changed["h"] = changed["h"] + 1
    forged = base64.urlsafe_b64encode(json.dumps(changed).encode()).rstrip(b"=").decode()
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{header}.{forged}.{signature}", key.key, algorithms=["EdDSA"])
    assert jws.verify(token, {kid: signing.first.public_key}) == claims
    assert jws.verify(f"{header}.{forged}.{signature}", {kid: signing.first.public_key}) is None


def test_a_key_the_site_does_not_publish_signs_nothing(signing: Any, tmp_path: Path) -> None:
    stranger = tmp_path / "stranger.pem"
    assert organizer("keygen", "--out", str(stranger), cwd=ROOT / "hooks").returncode == 0
    records = write_records(tmp_path / "records", {"a.json": completion_record(signing.manifest, name="A", license_number="1")})
    run = organizer("sign", str(records), "--key", str(stranger), "--out", str(tmp_path / "out"), "--site", str(signing.site),
                    cwd=signing.config.parent)
    assert run.returncode == 1 and "the site does not publish this key" in run.stderr
    assert not (tmp_path / "out").exists()


def test_signed_data_is_never_written_into_the_repository(signing: Any, tmp_path: Path) -> None:
    records = write_records(tmp_path / "records", {"a.json": completion_record(signing.manifest, name="A", license_number="1")})
    inside = signing.config.parent / "signed"
    run = organizer("sign", str(records), "--key", str(signing.keys / "club-2026.pem"), "--out", str(inside),
                    "--site", str(signing.site), cwd=signing.config.parent)
    assert run.returncode == 1 and "lies inside the repository" in run.stderr and not inside.exists()


def test_the_second_key_signs_too(signing: Any, tmp_path: Path) -> None:
    records = write_records(tmp_path / "records", {"a.json": completion_record(signing.manifest, name="A", license_number="1")})
    run = organizer("sign", str(records), "--key", str(signing.keys / "club-2027.pem"), "--out", str(tmp_path / "out"),
                    "--site", str(signing.site), cwd=signing.config.parent)
    assert run.returncode == 0, run.stderr
    token = _token(_links(tmp_path / "out")[0]["verification_url"])
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": "club-2027"}
    assert jws.verify(token, {"club-2027": signing.second.public_key})


# ---------------------------------------------------------------- revoke


def test_revoke_adds_the_id_to_the_list_the_build_publishes(signing: Any, tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(signing.config.parent, course)
    run = organizer("revoke", "abcd-efgh-jkmn-pqrs-tvwx", "--reason", "Issued in error", cwd=course)
    assert run.returncode == 0, run.stderr
    listed = json.loads((course / "revoked-certificates.json").read_text())
    assert [(e["id"], e["reason"]) for e in listed["revoked"]] == [("ABCD-EFGH-JKMN-PQRS-TVWX", "Issued in error")]
    again = organizer("revoke", "ABCD-EFGH-JKMN-PQRS-TVWX", cwd=course)
    assert again.returncode == 0 and "already" in again.stdout
    assert len(json.loads((course / "revoked-certificates.json").read_text())["revoked"]) == 1
    bad = organizer("revoke", "ABCD-IIII", cwd=course)
    assert bad.returncode == 1 and "groups of four" in bad.stderr

    site = tmp_path / "site"
    assert mkdocs_build(course / "mkdocs.yml", site).returncode == 0
    published = json.loads((site / "revoked-certificates.json").read_text())
    assert [e["id"] for e in published["revoked"]] == ["ABCD-EFGH-JKMN-PQRS-TVWX"]
    record = completion_record(signing.manifest, name="R", license_number="1")
    record["certificate"]["number"] = "ABCD-EFGH-JKMN-PQRS-TVWX"
    checked = organizer("check", str(write_records(tmp_path / "records", {"r.json": record})), "--site", str(site), cwd=course)
    assert "1 revoked" in checked.stdout and "is on the revocation list" in checked.stdout


def test_a_course_that_does_not_sign_has_nothing_to_revoke(tmp_path: Path) -> None:
    run = organizer("revoke", "ABCD-EFGH-JKMN-PQRS-TVWX", cwd=ROOT / "tests" / "mini_course")
    assert run.returncode == 1 and "signs no certificates" in run.stderr
    assert not (ROOT / "tests" / "mini_course" / "revoked-certificates.json").exists()


def test_a_damaged_revocation_list_fails_the_build_naming_it(signing: Any, tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(signing.config.parent, course)
    (course / "revoked-certificates.json").write_text('{"revoked": [\n  {"id": "nope"}\n]}\n')
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "revoked-certificates.json: entry 1 has no certificate id" in result.stderr + result.stdout
    (course / "revoked-certificates.json").write_text('{"revoked": [\n')
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert "revoked-certificates.json:2: this revocation list is not valid JSON" in result.stderr + result.stdout


def test_private_keys_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text()
    assert "*.pem" in ignored.splitlines()
