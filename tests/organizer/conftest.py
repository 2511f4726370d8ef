"""A course that signs, built once: the organizer's commands are tested against its built site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coursekit.organizer.keys import KeyPair
from signing_helpers import build, make_key, signing_course


@dataclass(frozen=True)
class SigningCourse:
    config: Path
    site: Path
    manifest: dict[str, Any]
    keys: Path  # the folder of the private keys (outside the repository)
    first: KeyPair
    second: KeyPair


@pytest.fixture(scope="session")
def signing(tmp_path_factory: pytest.TempPathFactory) -> SigningCourse:
    folder = tmp_path_factory.mktemp("organizer")
    keys = folder / "keys"
    first, second = make_key(keys, "club-2026"), make_key(keys, "club-2027")
    config = signing_course(folder, [first, second])
    site = folder / "site"
    return SigningCourse(config, site, build(config, site), keys, first, second)
