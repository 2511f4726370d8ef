"""The verify page in Chromium, with real keys and real signatures: certificates signed by the organizer's own
command (`python -m coursekit.organizer sign`), opened from their verification link. Valid; one character of the
name, the hours or the signature changed: not valid, with the reason; revoked; signed by a key the site does not
publish: unknown key; two published keys: both verify; a pasted code; a browser without Ed25519; the PDF's QR code,
rasterised by poppler and decoded by zxing-cpp, is the exact link; the certificate page says where to send the
record, and the record it downloads carries the course's learner fields and when a knowledge check was completed. No request leaves 127.0.0.1."""

from __future__ import annotations

import base64
import csv
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cert_helpers import download, open_certificate, record_key, seed_course
from coursekit.organizer import jws
from page_helpers import open_course_page
from quiz_helpers import answer_quiz
from signing_helpers import completion_record, make_key, organizer, signing_course, write_records
from support import mkdocs_build, serve

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Signed:
    url: str  # the site
    config: Path
    links: dict[str, str]  # learner name -> verification link, signed with the first key
    second: dict[str, str]  # the same, signed with the second key
    stranger: Any  # a key pair the site does not publish
    manifest: dict[str, Any]


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Signed]:
    """A course that publishes two keys, built and served; records signed with each key by the sign command."""
    folder = tmp_path_factory.mktemp("verify")
    keys_folder = folder / "keys"  # outside the repository, as keygen demands
    first, second, stranger = (make_key(keys_folder, name) for name in ("club-2026", "club-2027", "not-published"))
    config = signing_course(folder, [first, second])
    site = folder / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr + result.stdout
    manifest = json.loads((site / "course-manifest.json").read_text(encoding="utf-8"))
    records = write_records(folder / "records", {
        "anna.json": completion_record(manifest, name="Anna Kowalska", license_number="PSY 12345", email="anna@example.org",
                                       licenseState="CA"),
        "zoe.json": completion_record(manifest, name="Zoë Ångström", license_number="RN 7"),
    })
    with serve(site) as url:
        links = {}
        for pair, out in ((first, "out-1"), (second, "out-2")):
            run = organizer("sign", str(records), "--key", str(keys_folder / f"{pair.key_id}.pem"), "--out",
                            str(folder / out), "--site", str(site), "--site-url", url, cwd=config.parent)
            assert run.returncode == 0, run.stderr + run.stdout
            with (folder / out / "links.csv").open(encoding="utf-8-sig", newline="") as file:
                links[pair.key_id] = {row["name"]: row["verification_url"] for row in csv.DictReader(file)}
        yield Signed(url, config, links["club-2026"], links["club-2027"], stranger, manifest)


def _open(page: Any, link: str) -> Any:
    # A link to the page already open would only change its fragment, and the widget of the
    # previous check would still be there: every link opens a fresh page, as it does for a reader.
    page.goto("about:blank")
    page.goto(link)
    widget = page.locator('.course-verify[data-ready="true"]')
    widget.wait_for(state="attached")
    return widget


def _parts(link: str) -> tuple[str, dict[str, Any], str, str]:
    base, token = link.split("#", 1)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return base, claims, header, signature


def _with_claims(link: str, claims: dict[str, Any]) -> str:
    base, _, header, signature = _parts(link)
    payload = base64.urlsafe_b64encode(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()).rstrip(b"=").decode()
    return f"{base}#{header}.{payload}.{signature}"


# ---------------------------------------------------------------- valid, invalid, revoked, unknown key


def test_a_signed_certificate_opened_from_its_link_is_valid(page: Any, signed: Signed, external_requests: list[str]) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    widget = _open(page, signed.links["Anna Kowalska"])
    assert widget.get_attribute("data-state") == "valid"
    outcome = widget.locator(".course-verify-outcome")
    expect(outcome).to_contain_text("Valid: signed by the course organizer")
    expect(outcome).to_contain_text('"club-2026"')
    doc = widget.locator(".course-cert-doc")
    expect(doc.locator('[data-field="name"]')).to_have_text("Anna Kowalska")
    expect(doc.locator('[data-field="number"]')).to_have_text(_parts(signed.links["Anna Kowalska"])[1]["jti"])
    expect(doc).to_contain_text("License no. PSY 12345 · Licensed in CA")
    expect(doc).to_contain_text(signed.manifest["course"]["title"])
    expect(doc).to_contain_text("Signed by the course organizer with their key")
    expect(doc).not_to_contain_text("learner's own browser")
    expect(doc.locator(".course-verify-url")).to_have_text(signed.links["Anna Kowalska"])
    assert "anna@example.org" not in page.content(), "the email address is never part of a certificate"
    assert errors == [] and external_requests == []


@pytest.mark.parametrize("change", ["name", "hours", "signature"])
def test_one_changed_character_makes_it_invalid_with_the_reason(page: Any, signed: Signed, change: str,
                                                                 external_requests: list[str]) -> None:
    link = signed.links["Anna Kowalska"]
    base, claims, header, signature = _parts(link)
    if change == "name":
        tampered = _with_claims(link, {**claims, "n": "Anna Kowalsky"})
    elif change == "hours":
        tampered = _with_claims(link, {**claims, "h": claims["h"] + 5})
    else:
        payload = link.split("#", 1)[1].split(".")[1]
        middle = len(signature) // 2
        flipped = "A" if signature[middle] != "A" else "B"
        tampered = f"{base}#{header}.{payload}.{signature[:middle]}{flipped}{signature[middle + 1:]}"
    assert tampered != link
    widget = _open(page, tampered)
    assert widget.get_attribute("data-state") == "invalid"
    assert widget.get_attribute("data-reason") == "signature"
    expect(widget.locator(".course-verify-outcome")).to_contain_text("Not valid")
    expect(widget.locator(".course-verify-outcome")).to_contain_text("changed after it was signed")
    expect(widget.locator(".course-cert-doc")).to_have_count(0)
    assert external_requests == []


def test_a_broken_code_is_named_as_not_a_certificate(page: Any, signed: Signed, external_requests: list[str]) -> None:
    widget = _open(page, signed.url + "verify/#not-a-certificate")
    assert (widget.get_attribute("data-state"), widget.get_attribute("data-reason")) == ("invalid", "malformed")
    expect(widget.locator(".course-verify-outcome")).to_contain_text("three parts separated by dots")


def test_a_certificate_signed_with_a_key_the_site_does_not_publish_is_unknown(page: Any, signed: Signed,
                                                                              external_requests: list[str]) -> None:
    base, claims, _, _ = _parts(signed.links["Anna Kowalska"])
    forged = jws.sign(claims, signed.stranger.private, signed.stranger.key_id)
    widget = _open(page, f"{base}#{forged}")
    assert widget.get_attribute("data-state") == "unknown-key"
    expect(widget.locator(".course-verify-outcome")).to_contain_text("Unknown key")
    expect(widget.locator(".course-verify-outcome")).to_contain_text('"not-published"')
    # The same key under a published key's id: the signature does not match that key.
    impostor = jws.sign(claims, signed.stranger.private, "club-2026")
    widget = _open(page, f"{base}#{impostor}")
    assert (widget.get_attribute("data-state"), widget.get_attribute("data-reason")) == ("invalid", "signature")


def test_both_published_keys_verify(page: Any, signed: Signed, external_requests: list[str]) -> None:
    for links, kid in ((signed.links, "club-2026"), (signed.second, "club-2027")):
        for name, link in links.items():
            widget = _open(page, link)
            assert widget.get_attribute("data-state") == "valid", (kid, name)
            expect(widget.locator(".course-verify-outcome")).to_contain_text(f'"{kid}"')
            expect(widget.locator('.course-cert-doc [data-field="name"]')).to_have_text(name)
    assert external_requests == []


def test_a_revoked_certificate_is_shown_as_revoked(page: Any, signed: Signed, tmp_path: Path,
                                                  external_requests: list[str]) -> None:
    _, claims, _, _ = _parts(signed.links["Zoë Ångström"])
    course = tmp_path / "course"
    shutil.copytree(signed.config.parent, course)  # revoke in a copy: the served site stays as it was
    run = organizer("revoke", claims["jti"].lower(), "--reason", "Record found altered", cwd=course)
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    assert mkdocs_build(course / "mkdocs.yml", site).returncode == 0
    with serve(site) as url:
        widget = _open(page, url + "verify/#" + signed.links["Zoë Ångström"].split("#", 1)[1])
        assert widget.get_attribute("data-state") == "revoked"
        outcome = widget.locator(".course-verify-outcome")
        expect(outcome).to_contain_text(f"revoked certificate {claims['jti']} (issued to Zoë Ångström)")
        expect(outcome).to_contain_text("Reason given: Record found altered")
        expect(widget.locator(".course-cert-doc")).to_have_count(0)
        widget = _open(page, url + "verify/#" + signed.links["Anna Kowalska"].split("#", 1)[1])
        assert widget.get_attribute("data-state") == "valid", "only the revoked certificate is revoked"
    assert external_requests == []


# ---------------------------------------------------------------- pasting, browsers without Ed25519


def test_a_pasted_link_is_verified_and_becomes_the_address(page: Any, signed: Signed, external_requests: list[str]) -> None:
    _open(page, signed.url + "verify/")
    link = signed.links["Zoë Ångström"]
    page.get_by_label("Verification link or certificate code").fill("  " + link + "\n")
    page.get_by_role("button", name="Verify").click()
    widget = page.locator('.course-verify[data-state="valid"]')
    widget.wait_for()
    expect(widget.locator('.course-cert-doc [data-field="name"]')).to_have_text("Zoë Ångström")
    assert page.url == link
    expect(page.locator(".course-verify-outcome")).to_be_focused()
    expect(page.locator(".course-verify-status")).to_have_text("Valid: signed by the course organizer")


_NO_ED25519 = """
const original = SubtleCrypto.prototype.importKey;
SubtleCrypto.prototype.importKey = function (format, key, algorithm, ...rest) {
  const name = typeof algorithm === "string" ? algorithm : algorithm && algorithm.name;
  if (String(name).toLowerCase() === "ed25519") return Promise.reject(new DOMException("Unrecognized name", "NotSupportedError"));
  return original.call(this, format, key, algorithm, ...rest);
};
"""


def test_a_browser_without_ed25519_is_told_so(page: Any, signed: Signed, external_requests: list[str]) -> None:
    page.add_init_script(_NO_ED25519)  # as in a browser whose WebCrypto has no Ed25519
    widget = _open(page, signed.links["Anna Kowalska"])
    assert widget.get_attribute("data-state") == "unsupported"
    expect(widget).to_contain_text("This browser cannot check signatures")
    expect(widget).to_contain_text("Firefox 129 or later")
    expect(widget.locator(".course-cert-doc")).to_have_count(0)


# ---------------------------------------------------------------- the PDF's QR code, print


def _decode_qr(pdf: Path, folder: Path) -> list[str]:
    """Rasterise the PDF's page with poppler (150 dpi, grey) and decode every QR code on it with zxing-cpp."""
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", str(pdf), str(folder / "page")], check=True)
    data = (folder / "page.pgm").read_bytes()
    magic, width, height, maximum, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and maximum == b"255"
    image = memoryview(pixels[: int(width) * int(height)]).cast("B", (int(height), int(width)))
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is installed by `make setup-test`")
def test_the_pdf_carries_a_qr_code_of_the_exact_link(page: Any, signed: Signed, tmp_path: Path,
                                                     external_requests: list[str]) -> None:
    link = signed.links["Zoë Ångström"]
    _open(page, link)
    pdf = download(page, "download-pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert _decode_qr(pdf, tmp_path) == [link]
    assert external_requests == []


def test_the_printed_page_is_the_certificate_with_its_qr_code(page: Any, signed: Signed, external_requests: list[str]) -> None:
    widget = _open(page, signed.links["Anna Kowalska"])
    page.emulate_media(media="print")
    expect(widget.locator(".course-cert-doc")).to_be_visible()
    expect(widget.locator(".course-verify-qr")).to_be_visible()
    for hidden in (".course-verify-form", ".course-verify-outcome", ".md-header", ".md-sidebar--primary"):
        expect(page.locator(hidden).first).to_be_hidden()


# ---------------------------------------------------------------- the certificate page of a signing course


def test_the_certificate_page_says_where_to_send_a_record_with_the_courses_fields(page: Any, signed: Signed, tmp_path: Path,
                                                                                 external_requests: list[str]) -> None:
    first_module = signed.manifest["modules"][0]
    last_question = first_module["quizzes"][-1]
    manifest = seed_course(page, signed.url, attempts=[_passing_attempt(signed.manifest)], skip_quiz=last_question)
    open_course_page(page, signed.url + first_module["url"])
    answer_quiz(page, last_question)  # the learner completes the first module's knowledge check now
    page.wait_for_function("key => (JSON.parse(localStorage.getItem(key)) || {}).modules", arg=record_key(manifest))
    open_certificate(page, signed.url, manifest)
    form = page.locator("form.course-cert-form")
    expect(form.get_by_label("License number (required)")).to_be_visible()
    expect(form.get_by_label("License state or province (optional)")).to_be_visible()
    form.get_by_label("Full name (required)").fill("Anna Kowalska")
    form.get_by_label("Email address (optional)").fill("not an address")
    form.get_by_role("button", name="Issue certificate").click()
    expect(page.locator(".course-certificate [role=status]")).to_have_text("This field is required: fill it in.")
    expect(form.get_by_label("License number (required)")).to_be_focused()
    form.get_by_label("License number (required)").fill("PSY 12345")
    form.get_by_role("button", name="Issue certificate").click()
    expect(page.locator(".course-certificate [role=status]")).to_have_text("Enter an email address such as name@example.org.")
    form.get_by_label("Email address (optional)").fill("anna@example.org")
    form.get_by_label("License state or province (optional)").fill("CA")
    form.get_by_role("button", name="Issue certificate").click()

    send = page.locator(".course-cert-send")
    expect(send).to_contain_text("email it to")
    expect(send.get_by_role("link", name="records@example.org")).to_have_attribute("href", "mailto:records@example.org")
    expect(send.get_by_role("link", name="verify a certificate")).to_have_attribute("href", signed.url + "verify/")
    record = json.loads(download(page, "download-record", tmp_path).read_text(encoding="utf-8"))
    assert record["formatVersion"] == 2 and record["course"]["manifestHash"] == signed.manifest["hash"]
    assert record["learner"] == {"name": "Anna Kowalska", "credential": "", "license": "PSY 12345", "licenseState": "CA",
                                 "email": "anna@example.org"}
    stamps = [m["completedAt"] for m in record["modules"]]
    assert stamps[0] and datetime.fromisoformat(stamps[0].replace("Z", "+00:00")) > datetime.now(timezone.utc) - timedelta(minutes=10)
    assert stamps[1:] == [None] * (len(stamps) - 1), "a check completed before (or elsewhere) has no time to tell"
    assert record["postTest"]["attempts"][0]["responses"]
    assert external_requests == []


def _passing_attempt(manifest: dict[str, Any]) -> dict[str, Any]:
    attempt = completion_record(manifest, name="x")["postTest"]["attempts"][-1]
    return {**attempt, "at": "2025-03-10T14:05:00.000Z"}


# ---------------------------------------------------------------- accessibility, keyboard


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_verify_page_has_no_axe_violations(page: Any, signed: Signed, scheme: str, external_requests: list[str]) -> None:
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for link in (signed.links["Anna Kowalska"], signed.url + "verify/#not-a-certificate", signed.url + "verify/"):
        _open(page, link)
        result = axe.run(page, context=".course-verify", options=options)
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]] == [], link
    assert external_requests == []


def test_a_code_is_verified_with_the_keyboard_only(page: Any, signed: Signed, external_requests: list[str]) -> None:
    _open(page, signed.url + "verify/")
    page.get_by_label("Verification link or certificate code").focus()
    page.keyboard.insert_text(signed.links["Anna Kowalska"])
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Verify")).to_be_focused()
    page.keyboard.press("Enter")
    page.locator('.course-verify[data-state="valid"]').wait_for()
    expect(page.locator(".course-verify-outcome")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Download PDF with QR code")).to_be_focused()


def test_a_course_that_does_not_sign_says_so_on_its_verify_page(page: Any, site_url: str, external_requests: list[str]) -> None:
    manifest = page.goto(site_url + "course-manifest.json").json()
    if manifest["signing"] is not None or manifest["verify"] is None:
        pytest.skip("this course signs its certificates, or has no verify page")
    page.goto(site_url + manifest["verify"]["url"])
    widget = page.locator('.course-verify[data-ready="true"]')
    widget.wait_for(state="attached")
    assert widget.get_attribute("data-state") == "not-configured"
    expect(widget).to_contain_text("This course does not sign certificates")
    assert external_requests == []
