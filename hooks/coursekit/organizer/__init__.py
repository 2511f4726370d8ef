"""The organizer's commands for signed certificates, run offline on the organizer's own machine.

    cd hooks && ../.venv/bin/python -m coursekit.organizer keygen --out ~/course-keys/2026.pem
    cd hooks && ../.venv/bin/python -m coursekit.organizer check RECORDS_FOLDER --roster ~/ce/roster.csv
    cd hooks && ../.venv/bin/python -m coursekit.organizer sign RECORDS_FOLDER --key ~/course-keys/2026.pem --out ~/ce/signed
    cd hooks && ../.venv/bin/python -m coursekit.organizer revoke XXXX-XXXX-XXXX-XXXX-XXXX --reason "..."

(or `make keygen`, `make check-records`, `make sign-records`, `make revoke`; README, "Signed certificates").

- keys.py: the Ed25519 key pair (the private key outside the repository, always);
- jws.py: compact JWS with EdDSA, the signed certificate's form;
- site.py: the course as the organizer's commands see it (mkdocs.yml's settings, the built site's manifest);
- records.py: checking learners' completion records (grading every post-test attempt again);
- roster.py: the roster CSV; claims.py: what a signed certificate says; revoke.py: the revocation list.

Standard library and `cryptography` only. A mistake the organizer can fix is printed as
"file:line: message" (CourseError) with exit status 1, never as a traceback.
"""
