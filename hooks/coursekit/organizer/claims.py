"""What a signed certificate says: short claims, so that the verification link fits a QR code.

The names are hooks/assets/verify-token.js's, which checks them: jti (certificate
id: the learner's certificate number), iat (signed at, seconds), c / v / t (course
id, version, title), h / u (credit amount, unit), d (completion day), n (name),
cr (credentials), lic (license number), st (license state), s (post-test score).
The email address never goes into a certificate: the link may be shown to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from . import jws
from .records import Checked

_OPTIONAL = {"credential": "cr", "license": "lic", "licenseState": "st"}


@dataclass(frozen=True)
class Signed:
    record: Checked
    token: str
    link: str
    key_id: str
    issued_at: datetime


def claims_for(record: Checked, manifest: dict[str, Any], signed_at: datetime) -> dict[str, Any]:
    course = manifest["course"]
    credit = course.get("credit") or {"amount": course["ce_hours"], "unit": "ce-hours"}
    claims: dict[str, Any] = {
        "jti": record.number, "iat": int(signed_at.timestamp()),
        "c": course["id"], "v": str(course["version"]), "t": course["title"],
        "h": credit["amount"] if credit["unit"] != "none" else 0, "u": credit["unit"],
        "d": record.completed_on, "n": record.learner["name"],
    }
    asked = {f["key"] for f in course.get("learner_fields") or []} or set(_OPTIONAL)
    for key, claim in _OPTIONAL.items():
        if key in asked and record.learner.get(key):
            claims[claim] = record.learner[key]
    if record.passing is not None:
        claims["s"] = record.passing.score
    return claims


def verification_link(site_url: str, verify_url: str, token: str) -> str:
    """The verify page's address with the token in its fragment (a fragment never reaches a server log)."""
    return f"{site_url.rstrip('/')}/{verify_url.lstrip('/')}#{token}"


def sign_record(record: Checked, manifest: dict[str, Any], key: Ed25519PrivateKey, key_id: str, *,
                site_url: str, signed_at: datetime) -> Signed:
    token = jws.sign(claims_for(record, manifest, signed_at), key, key_id)
    return Signed(record, token, verification_link(site_url, manifest["verify"]["url"], token), key_id, signed_at)
