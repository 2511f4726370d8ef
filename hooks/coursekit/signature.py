"""The signer's signature image: a PNG or JPEG in the docs folder, checked when the build starts.

MkDocs copies the docs folder into the site, so the certificate page shows the
image at the same path and the browser's PDF embeds the same bytes (pdf-lib
reads PNG and JPEG only). The type is read from the file's first bytes, not its
name, so a renamed GIF or WebP fails here rather than in a learner's PDF.
"""

from __future__ import annotations

from .errors import CourseError
from .project import Project
from .settings import SIGNATURE_MAX_KB, CourseSettings

_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def image_type(data: bytes) -> str | None:
    """'PNG' or 'JPEG' from the file's first bytes; None for anything else."""
    return next((kind for magic, kind in _MAGIC.items() if data.startswith(magic)), None)


def check_signature(settings: CourseSettings, project: Project) -> None:
    """Raise CourseError at the `signature` setting unless it names a PNG or JPEG of at most SIGNATURE_MAX_KB in the docs folder."""
    relative = settings.signer.signature
    if not relative:
        return
    file, line = settings.where("signer", "signature")
    path = project.docs_dir / relative
    where = project.label(path)
    if not project.published(path):
        raise CourseError(file, line, f"signature: '{relative}' leads outside the docs folder; put the image inside it (for example assets/signature.png)")
    if not path.is_file():
        raise CourseError(file, line, f"signature: there is no file {where}; the path is relative to the docs folder")
    size = path.stat().st_size
    if size > SIGNATURE_MAX_KB * 1000:
        raise CourseError(file, line, f"signature: {where} is {size // 1000} KB; keep it at most {SIGNATURE_MAX_KB} KB "
                                      "(a signature needs about 600 x 200 pixels)")
    with path.open("rb") as image:
        head = image.read(8)
    if image_type(head) is None:
        raise CourseError(file, line, f"signature: {where} is not a PNG or JPEG image (its first bytes say otherwise); "
                                      "save the signature as PNG or JPEG")
