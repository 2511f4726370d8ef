"""The organizer's Ed25519 key pair.

The private key is a PKCS#8 PEM file written outside the repository (site.py
refuses a path inside it), readable by its owner only, and never overwritten; it
is encrypted when COURSEKIT_KEY_PASSPHRASE is set. The public key goes into
mkdocs.yml (`signing: keys:`) with a key id, and the build publishes it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import CourseError
from ..signing import b64url

PASSPHRASE_VARIABLE = "COURSEKIT_KEY_PASSPHRASE"


@dataclass(frozen=True)
class KeyPair:
    private: Ed25519PrivateKey
    key_id: str

    @property
    def public_key(self) -> str:
        """The raw public key, base64url (a JWK's "x"), as mkdocs.yml lists it."""
        return public_key_text(self.private.public_key())


def public_key_text(key: Ed25519PublicKey) -> str:
    return b64url(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def thumbprint_id(public_key: str) -> str:
    """A key id from the key itself: the RFC 7638 JWK thumbprint (SHA-256), its first 12 base64url characters."""
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": public_key}, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode("ascii")).digest())[:12]


def generate(path: Path, key_id: str | None = None) -> KeyPair:
    """A new key pair; the private key written to `path` (which must not exist yet), mode 0600."""
    if path.exists():
        raise CourseError(str(path), None, "this file exists already; a signing key is never overwritten (certificates "
                                           "signed with it would no longer verify once its public key is replaced): choose another name")
    private = Ed25519PrivateKey.generate()
    pair = KeyPair(private, key_id or thumbprint_id(public_key_text(private.public_key())))
    passphrase = os.environ.get(PASSPHRASE_VARIABLE, "")
    encryption = (serialization.BestAvailableEncryption(passphrase.encode("utf-8")) if passphrase
                  else serialization.NoEncryption())
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return pair


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The private key of a PEM file keygen wrote (COURSEKIT_KEY_PASSPHRASE when it is encrypted)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CourseError(str(path), None, f"the signing key cannot be read ({error.strerror or error})") from None
    passphrase = os.environ.get(PASSPHRASE_VARIABLE, "")
    try:
        key = serialization.load_pem_private_key(data, password=passphrase.encode("utf-8") if passphrase else None)
    except TypeError:
        raise CourseError(str(path), None, f"this key is encrypted: set {PASSPHRASE_VARIABLE} to its passphrase") from None
    except ValueError:
        raise CourseError(str(path), None, "this is not a private key keygen wrote (a PEM file), or the passphrase is wrong") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CourseError(str(path), None, "this is not an Ed25519 key; make one with the keygen command")
    return key


def settings_snippet(pair: KeyPair) -> str:
    """What to add under `extra: course:` in mkdocs.yml."""
    return f"""    signing:
      send_to: records@example.org      # where learners send their completion record: an address or an https form
      keys:                             # keep old keys listed: the certificates they signed name them
        - id: {pair.key_id}
          public_key: {pair.public_key}"""
