"""`python -m coursekit.organizer COMMAND` (with hooks/ on the path): keygen, check, sign, revoke.

See this package's __init__.py and README, "Signed certificates". A mistake the
organizer can fix is printed as "file:line: message" with exit status 1.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from ..errors import CourseError, run_command
from ..project import Project
from . import keys, records, roster
from .claims import Signed, sign_record
from .revoke import revoke
from .site import Course, find_config, load_course, load_settings, published_keys, published_revocations, refuse_inside


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = {"keygen": _keygen, "check": _check, "sign": _sign, "revoke": _revoke}[args.command]
    return run_command(lambda: command(args))


# --------------------------------------------------------------------------
# the commands
# --------------------------------------------------------------------------


def _keygen(args: argparse.Namespace) -> int:
    config = find_config(args.config)
    target = refuse_inside(args.out, config.parent, "the private signing key")
    pair = keys.generate(target, args.key_id)
    print(f"""Wrote the private signing key to {target} (readable by you only{', encrypted' if _encrypted() else ''}).
Keep it safe and out of the repository; anyone who holds it can sign certificates in your name.

Add the public key to mkdocs.yml, under extra: course: (if 'signing:' is there already, add the key
under its 'keys:' and keep the old ones: certificates signed with them name them):

{keys.settings_snippet(pair)}

Then build and publish the site: the verify page finds the key there.""")
    return 0


def _check(args: argparse.Namespace) -> int:
    course = load_course(args.config, args.site)
    checked = _checked(course, args)
    if args.roster:
        target = refuse_inside(args.roster, course.root, "the roster (it holds learners' personal data)")
        roster.write_roster(target, roster.rows(checked, course.manifest))
        print(f"Roster: {target}")
    return 0


def _sign(args: argparse.Namespace) -> int:
    course = load_course(args.config, args.site)
    if not course.manifest.get("signing") or not course.manifest.get("verify"):
        raise CourseError(course.config.name, None, "the built site has no signing settings or no verify page: add 'signing:' "
                                                    "to mkdocs.yml (README, 'Signed certificates') and build again")
    site_url = args.site_url or course.site_url
    if not site_url.startswith(("https://", "http://")):
        raise CourseError(course.config.name, None, "the verification links need the site's address: set site_url in "
                                                    "mkdocs.yml (or pass --site-url https://...)")
    out = refuse_inside(args.out, course.root, "the signed certificates (they hold learners' personal data)")
    key = keys.load_private_key(args.key)
    public = keys.public_key_text(key.public_key())
    published = published_keys(course)
    key_id = next((kid for kid, x in published.items() if x == public), None)
    if key_id is None:
        raise CourseError(str(args.key), None, "the site does not publish this key's public half, so no browser could verify "
                                               "what it signs: add it to mkdocs.yml's signing keys (keygen printed them) and build again")
    checked = _checked(course, args)
    wanted = {"pass", "review"} if args.include_review else {"pass"}
    now = datetime.now(timezone.utc)
    signed = {record.name: sign_record(record, course.manifest, key, key_id, site_url=site_url, signed_at=now)
              for record in checked if record.status in wanted}
    out.mkdir(parents=True, exist_ok=True)
    _write_links(out / "links.csv", list(signed.values()))
    roster.write_roster(out / "roster.csv", roster.rows(checked, course.manifest, signed))
    print(f"Signed {len(signed)} certificate(s) with key '{key_id}'.\n"
          f"  {out / 'links.csv'}: each learner's verification link (send it to them)\n"
          f"  {out / 'roster.csv'}: the roster, with the links and key id\n"
          "Open Badges 3.0 credentials are not written: the verification link is the certificate.")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    config = find_config(args.config)
    settings, data = load_settings(config)
    project = Project(root=config.parent, docs_dir=config.parent / str(data.get("docs_dir") or "docs"))
    path, added = revoke(settings, project, args.certificate_id, args.reason or "")
    if added:
        print(f"Revoked {args.certificate_id.strip().upper()}: written to {path}.\n"
              "Commit it, then build and publish the site: the verify page shows the certificate as revoked from then on. "
              "The list is public, reason included.")
    else:
        print(f"{args.certificate_id.strip().upper()} is on the revocation list already ({path}).")
    return 0


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _checked(course: Course, args: argparse.Namespace) -> list[records.Checked]:
    folder: Path = args.records
    if not folder.is_dir():
        raise CourseError(str(folder), None, "no such folder; name the folder that holds the learners' completion records")
    files = records.read_folder(folder)
    checked = records.check_records(files, course.manifest, revoked=published_revocations(course),
                                    min_share=args.min_share)
    _print_summary(course, checked)
    return checked


def _print_summary(course: Course, checked: list[records.Checked]) -> None:
    counts = records.summary(checked)
    print(f"Checked {len(checked)} record(s) against {course.label}:")
    print("  " + ", ".join(f"{counts[status]} {status}" for status in records.STATUSES))
    for record in checked:
        passing = record.passing
        score = f"{passing.score}% ({len(record.attempts)} attempt(s))" if passing else f"{len(record.attempts)} attempt(s)"
        print(f"  {record.status:<9} {record.name}  {record.learner.get('name', '?')}  {record.number or '-'}  {score}")
        for text in record.problems:
            print(f"              - {text}")
        for text in record.flags:
            print(f"              ? {text}")


def _write_links(path: Path, signed: list[Signed]) -> None:
    table = [{"certificate_id": s.record.number, "name": s.record.learner.get("name", ""),
              "email": s.record.learner.get("email", ""), "verification_url": s.link, "record_file": s.record.name}
             for s in signed]
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["certificate_id", "name", "email", "verification_url", "record_file"])
        writer.writeheader()
        for row in table:
            writer.writerow({key: roster.neutralised(value) for key, value in row.items()})


def _encrypted() -> bool:
    return bool(os.environ.get(keys.PASSPHRASE_VARIABLE))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m coursekit.organizer",
                                     description="Signed certificates: make a key, check learners' records, sign, revoke.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def course_options(command: argparse.ArgumentParser, *, site: bool = True) -> None:
        command.add_argument("--config", type=_path, help="the course's mkdocs.yml (default: found here or in a parent folder)")
        if site:
            command.add_argument("--site", type=_path, help="the built site (default: site/ beside mkdocs.yml; make build)")

    keygen = commands.add_parser("keygen", help="make an Ed25519 signing key pair",
                                 description="Write a new private key to OUT (outside the repository) and print the public "
                                             "key to add to mkdocs.yml. Set COURSEKIT_KEY_PASSPHRASE to encrypt the key.")
    keygen.add_argument("--out", type=_path, required=True, help="where to write the private key, e.g. ~/course-keys/2026.pem")
    keygen.add_argument("--key-id", help="the key's id (default: from the key itself)", type=_key_id)
    course_options(keygen, site=False)

    def record_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("records", type=_path, help="the folder of completion records (*.json) learners sent")
        command.add_argument("--min-share", type=float, default=records.DEFAULT_MIN_SHARE,
                             help="flag a course finished in less than this share of its modules' minutes (default 0.25)")
        course_options(command)

    check = commands.add_parser("check", help="check a folder of completion records and write the roster",
                                description="Grade every post-test attempt again, check the requirements, flag duplicates, "
                                            "records of another course version and implausible timings.")
    record_options(check)
    check.add_argument("--roster", type=_path, help="write the roster CSV here (outside the repository)")

    sign = commands.add_parser("sign", help="sign a certificate for each record that passes",
                               description="Check the records as 'check' does, then sign each passing one and write "
                                           "links.csv (each learner's verification link) and roster.csv into OUT.")
    record_options(sign)
    sign.add_argument("--key", type=_path, required=True, help="the private key keygen wrote")
    sign.add_argument("--out", type=_path, required=True, help="a folder outside the repository for links.csv and roster.csv")
    sign.add_argument("--site-url", help="the published site's address (default: site_url in mkdocs.yml)")
    sign.add_argument("--include-review", action="store_true", help="sign records flagged for review too")

    revoke_command = commands.add_parser("revoke", help="revoke a signed certificate",
                                         description="Add a certificate id to the revocation list the site publishes.")
    revoke_command.add_argument("certificate_id", help="the certificate id, e.g. 7K3D-...")
    revoke_command.add_argument("--reason", help="a short reason (published with the list)")
    course_options(revoke_command, site=False)
    return parser


def _path(text: str) -> Path:
    """A path as typed, '~' expanded (make passes it quoted, so no shell expands it)."""
    return Path(text).expanduser()


def _key_id(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", text):
        raise argparse.ArgumentTypeError(f"{text!r}: a key id is 1 to 64 letters, digits, '.', '_' or '-'")
    return text


if __name__ == "__main__":
    sys.exit(main())
