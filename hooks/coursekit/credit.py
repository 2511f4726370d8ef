"""Credit as configuration: the amount (`ce_hours`) in its unit (`credit_unit`), and the accreditation statement.

A non-credit course (`credit_unit: none`) shows no credit line anywhere and no
statement about credit unless the organizer writes one.
"""

from __future__ import annotations

from typing import Any

from .i18n import Catalogue
from .settings import CourseSettings


def has_credit(settings: CourseSettings) -> bool:
    return settings.credit_unit != "none"


def accreditation_text(settings: CourseSettings, strings: Catalogue) -> str | None:
    """The organizer's statement; unset, the plain 'not approved' one in the course's language (none without credit)."""
    if "accreditation" in settings.written:
        return settings.accreditation
    return strings.text("course.accreditation.default") if has_credit(settings) else None


def credit_manifest(settings: CourseSettings) -> dict[str, Any]:
    """The manifest's `course.credit`: {amount, unit} (unit "none" for a non-credit course)."""
    return {"amount": settings.ce_hours, "unit": settings.credit_unit}
