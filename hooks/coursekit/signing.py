"""Certificates the organizer signs and anyone can verify: the settings and the files the site publishes.

A static site cannot hold a private key, so the organizer signs offline
(`python -m coursekit.organizer sign`, coursekit/organizer/) and the site only
publishes what a browser needs to verify: the organizer's public keys (a
JWKS-like JSON, several keys by key id so keys can rotate) and the list of
revoked certificates. The verify page (hooks/assets/verify.js) reads both.

Also here: the learner fields a course asks for on its certificate (name always,
then credentials, licence number, licence state, email), because the completion
record, the signed claims and the organizer's roster all carry them.

Framework-free: the MkDocs glue is in hooks/course.py; the readers are used by
settings.py's schema.
"""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CourseError
from .project import Project
from .yaml_source import Value, shorten

if TYPE_CHECKING:
    from .model import Course

# Where the site publishes them (relative to the site root).
KEYS_URL = "certificate-keys.json"
REVOCATIONS_URL = "revoked-certificates.json"
# The revocation list in the repository (beside mkdocs.yml) unless `signing.revocations` names another file.
DEFAULT_REVOCATIONS = "revoked-certificates.json"
REVOCATIONS_FORMAT = "ce-certificate-revocations"

# The learner fields a certificate may ask for, in the order the form shows them.
# Each maps to the key the browser stores it under (certificate.js) and the claim a signed certificate carries.
LEARNER_FIELDS = ("name", "credentials", "license_number", "license_state", "email")
FIELD_KEYS = {"name": "name", "credentials": "credential", "license_number": "license",
              "license_state": "licenseState", "email": "email"}

_KEY_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
# A certificate number as certificate.js makes it: base32 Crockford in groups of four.
CERTIFICATE_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){1,15}$")


@dataclass(frozen=True)
class LearnerField:
    name: str  # one of LEARNER_FIELDS
    required: bool


DEFAULT_LEARNER_FIELDS = (LearnerField("name", True), LearnerField("credentials", False), LearnerField("license_number", False))


@dataclass(frozen=True)
class SigningKey:
    id: str  # the key id ("kid") a signed certificate names
    public_key: str  # the raw Ed25519 public key, base64url without padding (a JWK's "x")


@dataclass(frozen=True)
class Signing:
    keys: tuple[SigningKey, ...]
    send_to: str  # an email address or an https form URL
    revocations: str = DEFAULT_REVOCATIONS  # the revocation list in the repository, relative to mkdocs.yml

    @property
    def send_to_kind(self) -> str:
        return "form" if self.send_to.startswith("https://") else "email"


@dataclass(frozen=True)
class Approval:
    body: str  # the approving body, e.g. "American Psychological Association"
    number: str  # the provider's approval number with that body


# --------------------------------------------------------------------------
# Readers (settings.py's schema calls them with the YAML value)
# --------------------------------------------------------------------------


def read_learner_fields(value: Value) -> tuple[LearnerField, ...]:
    """`learner_fields: [name, credentials, email]` (each optional but name), or a mapping
    `{name: required, license_number: required, email: optional}`."""
    allowed = ", ".join(LEARNER_FIELDS)
    if isinstance(value.raw, dict):
        entries = [(str(key), value.child(key)) for key in value.raw]
    else:
        entries = [(item.text(), item) for item in value.items()]
    fields: list[LearnerField] = []
    for name, at in entries:
        if name not in LEARNER_FIELDS:
            raise at.error(f"unknown learner field '{shorten(name)}'; the fields a certificate can ask for: {allowed}")
        if any(f.name == name for f in fields):
            raise at.error(f"the learner field '{name}' is listed twice; list it once")
        required = name == "name"
        if isinstance(value.raw, dict):
            word = at.text().lower()
            if word not in ("required", "optional"):
                raise at.error(f"'{at.dotted}' is required or optional, not '{shorten(at.raw)}'")
            required = word == "required"
            if name == "name" and not required:
                raise at.error("the learner's name is always required: a certificate names its holder")
        fields.append(LearnerField(name, required))
    if not any(f.name == "name" for f in fields):
        raise value.error(f"'learner_fields' must include 'name' (a certificate names its holder); for example [name, {', '.join(LEARNER_FIELDS[1:3])}]")
    order = {name: index for index, name in enumerate(LEARNER_FIELDS)}
    return tuple(sorted(fields, key=lambda f: order[f.name]))


def read_approval(value: Value) -> Approval:
    keys = value.mapping(required={"body", "number"})
    return Approval(body=keys["body"].text(), number=keys["number"].text())


def read_signing(value: Value) -> Signing:
    keys = value.mapping(required={"keys", "send_to"}, optional={"revocations"})
    signing_keys: list[SigningKey] = []
    for item in keys["keys"].items():
        fields = item.mapping(required={"id", "public_key"})
        key_id = fields["id"].text()
        if not _KEY_ID.match(key_id):
            raise fields["id"].error(f"a key id is 1 to 64 letters, digits, '.', '_' or '-', not '{shorten(key_id)}'")
        if any(k.id == key_id for k in signing_keys):
            raise fields["id"].error(f"the key id '{key_id}' is listed twice; each key has its own id")
        public_key = fields["public_key"].text()
        if public_key_bytes(public_key) is None:
            raise fields["public_key"].error(
                "'public_key' is an Ed25519 public key as 43 base64url characters, as the keygen command prints it "
                "(python -m coursekit.organizer keygen); copy it again")
        signing_keys.append(SigningKey(key_id, public_key))
    if not signing_keys:
        raise keys["keys"].error("'signing.keys' lists no key; make one with the keygen command (see README, 'Signed certificates')")
    send_to = keys["send_to"].text()
    if send_to.lower().startswith("mailto:"):
        send_to = send_to[7:]
    if not (_EMAIL.match(send_to) or _https_url(send_to)):
        raise keys["send_to"].error(f"'send_to' is where learners send their completion record: an email address or an "
                                    f"https:// form address, not '{shorten(send_to)}'")
    revocations = keys["revocations"].text().replace("\\", "/") if "revocations" in keys else DEFAULT_REVOCATIONS
    return Signing(tuple(signing_keys), send_to, revocations)


def public_key_bytes(text: str) -> bytes | None:
    """The 32 bytes of a base64url Ed25519 public key, or None when it is not one (canonical encoding only)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{43}", text):
        return None
    raw = base64.urlsafe_b64decode(text + "=")
    return raw if len(raw) == 32 and b64url(raw) == text else None


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _https_url(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return parts.scheme == "https" and bool(parts.hostname) and not re.search(r"\s", text)


# --------------------------------------------------------------------------
# The build: checks, the manifest's part, the published files
# --------------------------------------------------------------------------


def check_signing(course: Course, project: Project) -> None:
    """A signing course has a verify page (its link is what the organizer sends) and a readable revocation list."""
    signing = course.settings.signing
    if signing is None:
        return
    if course.page_with_role("verify") is None:
        file, line = course.settings.where("signing")
        raise CourseError(file, line, "a course with 'signing' needs a verify page, where anyone checks a signed certificate: "
                                      "add a page with 'course: {role: verify}' and list it under 'nav' (see README, 'Signed certificates')")
    read_revocations(project, signing)


def revocations_path(project: Project, signing: Signing) -> Path:
    return project.root / signing.revocations


def read_revocations(project: Project, signing: Signing) -> list[dict[str, str]]:
    """The revocation list in the repository (none yet: empty), checked entry by entry."""
    path = revocations_path(project, signing)
    label = project.label(path)
    if project.published(path):
        raise CourseError(label, None, "the revocation list lies in the docs folder; keep it beside mkdocs.yml (the build publishes it)")
    if not path.exists():
        return []
    text = project.read_text(path)
    return parse_revocations(text, label)


def parse_revocations(text: str, label: str) -> list[dict[str, str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CourseError(label, error.lineno, f"this revocation list is not valid JSON ({error.msg}); "
                                               "let the revoke command write it (python -m coursekit.organizer revoke)") from None
    entries = data.get("revoked") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CourseError(label, None, "a revocation list is {\"revoked\": [{\"id\": ..., \"revokedAt\": ...}, ...]}; "
                                       "let the revoke command write it")
    seen: set[str] = set()
    clean: list[dict[str, str]] = []
    for index, entry in enumerate(entries):
        where = f"entry {index + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not CERTIFICATE_ID.match(entry["id"]):
            raise CourseError(label, None, f"{where} has no certificate id of the form XXXX-XXXX-...; let the revoke command write it")
        if not isinstance(entry.get("revokedAt"), str) or not _iso_time(entry["revokedAt"]):
            raise CourseError(label, None, f"{where} ({entry['id']}) has no 'revokedAt' date and time (ISO 8601)")
        reason = entry.get("reason", "")
        if not isinstance(reason, str) or len(reason) > 200:
            raise CourseError(label, None, f"{where} ({entry['id']}): 'reason' is a short text (200 characters at most)")
        if entry["id"] in seen:
            continue
        seen.add(entry["id"])
        clean.append({"id": entry["id"], "revokedAt": entry["revokedAt"], **({"reason": reason} if reason else {})})
    return clean


def _iso_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text


def signing_manifest(course: Course) -> dict[str, Any] | None:
    """The manifest's `signing`: where learners send their record and where the keys are; None without signing."""
    signing = course.settings.signing
    if signing is None:
        return None
    return {"send_to": signing.send_to, "send_to_kind": signing.send_to_kind, "keys": KEYS_URL,
            "revocations": REVOCATIONS_URL, "key_ids": [key.id for key in signing.keys]}


def published_keys(signing: Signing) -> dict[str, Any]:
    """The public keys as a JWK Set (RFC 7517), Ed25519 keys as OKP (RFC 8037)."""
    return {"keys": [{"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": key.id, "x": key.public_key}
                     for key in signing.keys]}


def published_files(course: Course, project: Project) -> dict[str, str]:
    """The files the site publishes for verifying (site-relative path -> text); none without signing."""
    signing = course.settings.signing
    if signing is None:
        return {}
    revoked = read_revocations(project, signing)
    return {
        KEYS_URL: json.dumps(published_keys(signing), indent=1) + "\n",
        REVOCATIONS_URL: json.dumps({"format": REVOCATIONS_FORMAT, "revoked": revoked}, ensure_ascii=False, indent=1) + "\n",
    }
