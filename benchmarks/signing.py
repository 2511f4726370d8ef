"""Signed certificates: checking and signing 1,000 completion records, and the verify page's first-visit weight.

    python benchmarks/signing.py [--records 1000] [--verbose]

Builds the real course and the small test course with signing configured
(tests/signing_helpers.py: a real Ed25519 key, the verify page), writes N
learners' completion records as certificate.js makes them (every post-test
attempt with its responses), then:

1. times the organizer's `check` (every attempt graded again) and `sign`
   (one EdDSA signature per passing record) in-process on the real course's
   records, and the `sign` command end to end as an organizer runs it (a fresh
   Python) on the test course's;
2. opens one verification link in Chromium with a fresh profile and counts
   every byte the browser downloads until the certificate is shown valid (the
   recording server of page_weight.py; gzip level 6; headers not counted),
   then what the "Download PDF with QR code" button adds (pdf-lib, fontkit,
   the font: fetched only then).

Figures, not a test: the tests are tests/organizer/ and tests/browser/test_verify.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT / "tests"), str(ROOT / "hooks")]

from bench_common import CHROMIUM_ARGS, build_course, chromium_path, kb, serve  # noqa: E402
from page_weight import Visit, _handler, _Recorder  # noqa: E402
from signing_helpers import build, completion_record, make_key, organizer, signing_course, write_records  # noqa: E402

from coursekit.organizer import records  # noqa: E402
from coursekit.organizer.claims import sign_record  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-signing-") as scratch:
        folder = Path(scratch)
        key = make_key(folder / "keys", "bench-2026")
        config = signing_course(folder, [key])
        site = folder / "site"
        manifest = build(config, site)
        # Checking and signing in-process: records of the real course (its post-test pool and draw).
        course_manifest = json.loads((build_course(folder / "course-site") / "course-manifest.json").read_text(encoding="utf-8"))
        test = course_manifest["post_test"]
        print(f"Signed certificates: {args.records} completion records of {course_manifest['course']['title']} "
              f"(post-test: {test.get('draw') or len(test['questions'])} of {len(test['questions'])} questions, "
              "1 or 2 attempts each; 1 in 10 never passed)")
        print()
        _time_check_and_sign(course_manifest, _records(course_manifest, folder / "course-records", args.records), key, args.records)
        # The command end to end, and the verify page: the small test course, which signs.
        folder_of_records = _records(manifest, folder / "records", args.records)
        out = folder / "signed"
        start = time.perf_counter()
        run = organizer("sign", str(folder_of_records), "--key", str(folder / "keys" / "bench-2026.pem"), "--out", str(out),
                        "--site", str(site), "--site-url", "https://courses.example.org/knots/", cwd=config.parent)
        wall = time.perf_counter() - start
        if run.returncode != 0:
            sys.exit(run.stderr)
        with (out / "links.csv").open(encoding="utf-8-sig", newline="") as file:
            link = next(csv.DictReader(file))["verification_url"]
        print(f"  `sign` command on {args.records} records of the test course, end to end (fresh Python, check + sign + "
              f"links.csv + roster.csv): {wall:.2f} s")
        print(f"  a verification link: {len(link)} characters")
        print()
        _verify_page_weight(site, link.split("#", 1)[1], args.verbose)
    return 0


def _records(manifest: dict, folder: Path, count: int) -> Path:
    rng = random.Random(2026)
    return write_records(folder, {
        f"learner-{i:05d}.json": completion_record(manifest, name=f"Learner {i}", license_number=f"L-{i}",
                                                   email=f"learner{i}@example.org", passing=i % 10 != 0, rng=rng)
        for i in range(count)})


def _time_check_and_sign(manifest: dict, folder: Path, key: object, count: int) -> None:
    files = records.read_folder(folder)
    start = time.perf_counter()
    checked = records.check_records(files, manifest)
    check_seconds = time.perf_counter() - start
    passing = [r for r in checked if r.signable]
    start = time.perf_counter()
    now = datetime.now(timezone.utc)
    for record in passing:
        sign_record(record, manifest, key.private, key.key_id, site_url="https://courses.example.org/knots/", signed_at=now)  # type: ignore[attr-defined]
    sign_seconds = time.perf_counter() - start
    print(f"  check {count} records (read, grade every attempt again, requirements, timings, duplicates): "
          f"{check_seconds:.2f} s ({1000 * check_seconds / count:.2f} ms per record)")
    print(f"  sign {len(passing)} passing records (claims, EdDSA, link): {sign_seconds:.2f} s "
          f"({1000 * sign_seconds / max(1, len(passing)):.3f} ms per certificate)")
    print(f"  statuses: " + ", ".join(f"{n} {s}" for s, n in records.summary(checked).most_common()))


def _verify_page_weight(site: Path, token: str, verbose: bool) -> None:
    from playwright.sync_api import sync_playwright

    recorder = _Recorder(site)
    with serve(site, _handler(recorder)) as base, sync_playwright() as playwright:
        executable = chromium_path()
        browser = playwright.chromium.launch(args=CHROMIUM_ARGS, **({"executable_path": executable} if executable else {}))
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        recorder.take()
        page.goto(f"{base}verify/#{token}")
        page.locator('.course-verify[data-state="valid"]').wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        first = Visit(recorder.take())
        with page.expect_download():
            page.locator('[data-action="download-pdf"]').click()
        page.wait_for_load_state("networkidle")
        pdf = Visit(recorder.take())
        browser.close()
    print("Verify page, first visit (fresh profile, until the certificate shows as valid):")
    print(f"  {first.requests} requests, {kb(first.raw)} KB raw, {kb(first.gzip)} KB gzip; by kind (gzip KB): "
          + ", ".join(f"{k} {kb(v)}" for k, v in sorted(first.by_kind().items(), key=lambda kv: -kv[1])))
    print(f"  then 'Download PDF with QR code' adds {pdf.requests} requests, {kb(pdf.raw)} KB raw, {kb(pdf.gzip)} KB gzip")
    if verbose:
        for visit, title in ((first, "first visit"), (pdf, "PDF")):
            print(f"  {title}:")
            for transfer in sorted(visit.transfers, key=lambda t: -t.gzip):
                print(f"    {transfer.status} {kb(transfer.raw):>7} {kb(transfer.gzip):>7}  {transfer.path}")


if __name__ == "__main__":
    sys.exit(main())
