"""Compact JWS (RFC 7515) signed with EdDSA over Ed25519 (RFC 8037): a signed certificate's form.

Header {"alg": "EdDSA", "kid": ...}; payload: the claims as compact UTF-8 JSON;
the signature over "header.payload", all three base64url without padding. The
verify page checks it with WebCrypto (hooks/assets/verify-token.js); any JOSE
library with EdDSA reads it too (the tests use PyJWT).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..signing import b64url, public_key_bytes


def sign(claims: dict[str, Any], key: Ed25519PrivateKey, key_id: str) -> str:
    header = _part({"alg": "EdDSA", "kid": key_id})
    payload = _part(claims)
    signature = key.sign(f"{header}.{payload}".encode("ascii"))
    return f"{header}.{payload}.{b64url(signature)}"


def verify(token: str, public_keys: dict[str, str]) -> dict[str, Any] | None:
    """The claims of `token` when its signature matches the key it names (key id -> base64url key); else None."""
    try:
        header_text, payload_text, signature_text = token.split(".")
        header = json.loads(_bytes(header_text))
        raw = public_key_bytes(public_keys.get(header.get("kid"), "")) if header.get("alg") == "EdDSA" else None
        if raw is None:
            return None
        Ed25519PublicKey.from_public_bytes(raw).verify(_bytes(signature_text), f"{header_text}.{payload_text}".encode("ascii"))
        claims = json.loads(_bytes(payload_text))
    except (ValueError, InvalidSignature, AttributeError):
        return None
    return claims if isinstance(claims, dict) else None


def _part(value: dict[str, Any]) -> str:
    return b64url(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _bytes(text: str) -> bytes:
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64url(data) != text:
        raise ValueError("not canonical base64url")
    return data
