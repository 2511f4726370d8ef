"""Revoking a signed certificate: its id goes on the revocation list in the repository, which the build publishes.

The list (`signing.revocations` in mkdocs.yml, revoked-certificates.json by
default) is public once the site is published, reason included; the verify page
shows a revoked certificate as revoked from the next deployment on.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from ..errors import CourseError
from ..project import Project
from ..settings import CourseSettings
from ..signing import CERTIFICATE_ID, REVOCATIONS_FORMAT, read_revocations, revocations_path


def revoke(settings: CourseSettings, project: Project, certificate_id: str, reason: str = "", *,
           now: datetime | None = None) -> tuple[Path, bool]:
    """Add `certificate_id` to the revocation list; returns the list's path and False when it was there already."""
    if settings.signing is None:
        file, line = settings.where()
        raise CourseError(file, line, "this course signs no certificates ('signing' is not set), so there is nothing to revoke")
    certificate_id = certificate_id.strip().upper()
    if not CERTIFICATE_ID.match(certificate_id):
        raise CourseError(certificate_id or "(empty)", None, "a certificate id has groups of four letters and digits joined by "
                                                             "'-', as the roster and the verify page show it")
    reason = " ".join(reason.split())
    if len(reason) > 200:
        raise CourseError("--reason", None, "keep the reason short (200 characters at most): it is published with the list")
    entries = read_revocations(project, settings.signing)
    path = revocations_path(project, settings.signing)
    if any(entry["id"] == certificate_id for entry in entries):
        return path, False
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    entries.append({"id": certificate_id, "revokedAt": moment, **({"reason": reason} if reason else {})})
    path.write_text(json.dumps({"format": REVOCATIONS_FORMAT, "revoked": entries}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path, True
