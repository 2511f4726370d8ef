"""The settings of signed certificates (learner_fields, signing, approval) at the line to fix, and what the build
publishes: the keys as a JWK Set, the revocation list, the manifest with its hash; a signing course needs a verify page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coursekit.errors import CourseError
from coursekit.manifest import manifest_hash
from coursekit.settings import parse_settings
from coursekit.signing import DEFAULT_LEARNER_FIELDS, LearnerField, public_key_bytes
from coursekit.yaml_source import load_yaml
from signing_helpers import VERIFY_PAGE, signing_course
from support import MINIMAL_SETTINGS, copy_mini_course, edit, mkdocs_build

KEY = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"  # RFC 8037's example public key
BASE = MINIMAL_SETTINGS


def _settings(extra: str) -> Any:
    text = BASE + extra
    return parse_settings(load_yaml(text, "mkdocs.yml").root().child("extra").child("course"), site_name="Site")


def _error(extra: str) -> CourseError:
    with pytest.raises(CourseError) as caught:
        _settings(extra)
    return caught.value


def test_learner_fields_default_to_name_credentials_and_license_number() -> None:
    assert _settings("").learner_fields == DEFAULT_LEARNER_FIELDS
    assert _settings("").signing is None and _settings("").approval is None


def test_learner_fields_as_a_list_or_a_mapping() -> None:
    assert _settings("    learner_fields: [email, name, license_state]\n").learner_fields == (
        LearnerField("name", True), LearnerField("license_state", False), LearnerField("email", False))
    assert _settings("    learner_fields: {name: required, license_number: required, email: optional}\n").learner_fields == (
        LearnerField("name", True), LearnerField("license_number", True), LearnerField("email", False))


@pytest.mark.parametrize("extra, line, words", [
    ("    learner_fields: [credentials]\n", 11, "must include 'name'"),
    ("    learner_fields: [name, phone]\n", 11, "unknown learner field 'phone'"),
    ("    learner_fields: [name, email, email]\n", 11, "listed twice"),
    ("    learner_fields:\n      name: optional\n", 12, "always required"),
    ("    learner_fields:\n      name: required\n      email: maybe\n", 13, "required or optional, not 'maybe'"),
])
def test_wrong_learner_fields_are_named_at_their_line(extra: str, line: int, words: str) -> None:
    error = _error(extra)
    assert error.line == line and words in error.message


def test_signing_keys_and_where_to_send_records() -> None:
    settings = _settings(f"    signing:\n      send_to: mailto:records@example.org\n      keys:\n        - {{id: k1, public_key: {KEY}}}\n")
    assert settings.signing.send_to == "records@example.org" and settings.signing.send_to_kind == "email"
    assert [(k.id, k.public_key) for k in settings.signing.keys] == [("k1", KEY)]
    form = _settings(f"    signing:\n      send_to: https://forms.example.org/ce\n      keys: [{{id: k1, public_key: {KEY}}}]\n")
    assert form.signing.send_to_kind == "form" and form.signing.revocations == "revoked-certificates.json"


@pytest.mark.parametrize("signing, line, words", [
    (f"      send_to: nobody\n      keys: [{{id: k1, public_key: {KEY}}}]\n", 12, "an email address or an https:// form address"),
    (f"      send_to: http://forms.example.org\n      keys: [{{id: k1, public_key: {KEY}}}]\n", 12, "https:// form address"),
    ("      send_to: a@example.org\n      keys: [{id: k1, public_key: abc}]\n", 13, "43 base64url characters"),
    (f"      send_to: a@example.org\n      keys: [{{id: k1, public_key: {KEY[:-1]}B}}]\n", 13, "43 base64url characters"),
    (f"      send_to: a@example.org\n      keys:\n        - {{id: k1, public_key: {KEY}}}\n        - {{id: k1, public_key: {KEY}}}\n",
     15, "listed twice"),
    (f"      send_to: a@example.org\n      keys: [{{id: 'k 1', public_key: {KEY}}}]\n", 13, "a key id is 1 to 64"),
    ("      send_to: a@example.org\n      keys: []\n", 13, "lists no key"),
    ("      keys: []\n", 11, "missing the required key 'send_to'"),
])
def test_wrong_signing_settings_are_named_at_their_line(signing: str, line: int, words: str) -> None:
    error = _error("    signing:\n" + signing)
    assert error.line == line and words in error.message, (error.line, error.message)


def test_a_public_key_is_read_strictly() -> None:
    assert public_key_bytes(KEY) is not None
    assert public_key_bytes(KEY[:-1] + "p") is None, "unused bits set: not the canonical encoding"
    assert public_key_bytes(KEY + "A") is None and public_key_bytes("=" * 43) is None


# ---------------------------------------------------------------- the build


def test_the_build_publishes_the_keys_revocations_and_a_hashed_manifest(signing: Any) -> None:
    published = json.loads((signing.site / "certificate-keys.json").read_text())
    assert published == {"keys": [
        {"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": pair.key_id, "x": pair.public_key}
        for pair in (signing.first, signing.second)]}
    assert json.loads((signing.site / "revoked-certificates.json").read_text()) == {
        "format": "ce-certificate-revocations", "revoked": []}
    manifest = signing.manifest
    assert manifest["hash"] == manifest_hash(manifest) and manifest["hash"].startswith("sha256:")
    assert manifest["signing"] == {"send_to": "records@example.org", "send_to_kind": "email", "keys": "certificate-keys.json",
                                   "revocations": "revoked-certificates.json", "key_ids": ["club-2026", "club-2027"]}
    assert manifest["verify"]["url"] == "verify/"
    assert [(f["field"], f["key"], f["required"]) for f in manifest["course"]["learner_fields"]] == [
        ("name", "name", True), ("credentials", "credential", False), ("license_number", "license", True),
        ("license_state", "licenseState", False), ("email", "email", False)]
    assert manifest["course"]["approval"] == {"body": "Harbour Safety Board", "number": "HSB-0042"}
    verify_page = (signing.site / "verify" / "index.html").read_text()
    assert 'data-course-widget="verify"' in verify_page and "Content-Security-Policy" in verify_page


def test_a_course_without_signing_publishes_no_keys(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    (course / "docs" / "verify.md").write_text(VERIFY_PAGE, encoding="utf-8")
    edit(course / "mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Verify: verify.md\n")
    site = tmp_path / "site"
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert not (site / "certificate-keys.json").exists() and not (site / "revoked-certificates.json").exists()
    manifest = json.loads((site / "course-manifest.json").read_text())
    assert manifest["signing"] is None and manifest["verify"] == {"url": "verify/", "title": "Verify a certificate"}


def test_a_signing_course_without_a_verify_page_fails_the_build(tmp_path: Path, signing: Any) -> None:
    config = signing_course(tmp_path, [signing.first])
    (config.parent / "docs" / "verify.md").unlink()
    edit(config, "- Verify: verify.md\n", "")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    message = result.stderr + result.stdout
    assert "a course with 'signing' needs a verify page" in message and "mkdocs.yml:" in message


def test_the_verify_marker_belongs_on_the_verify_page(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    edit(course / "docs" / "index.md", "\n", "\n<!-- course:verify -->\n")
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0 and "'course: {role: verify}'" in result.stderr + result.stdout
