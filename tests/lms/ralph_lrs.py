"""Run Ralph (ralph-malph 5.1.0), a real LRS, on 127.0.0.1 with its file-system backend.

    python ralph_lrs.py PORT DIRECTORY USERNAME PASSWORD

Two measured pitfalls of Ralph 5.1.0, handled here in one place:
- its file-system backend writes statements with the "create" operation, so only the
  first POST succeeds (every later one answers 500, "Statements bulk indexation
  failed", because the file exists): the backend is set to append instead;
- `ralph auth` (the cli extra, which pins click below the version MkDocs runs with)
  is not needed: the credentials file is written here with Ralph's own models.
Ralph keeps statements only (no State API): the test LMS (lms_server.py) plays the rest.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(port: str, directory: str, username: str, password: str) -> None:
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    auth_file = folder / "auth.json"
    os.environ.update({
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(auth_file),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "statements"),
    })
    import bcrypt
    from ralph.api.auth.basic import ServerUsersCredentials, UserCredentials

    user = UserCredentials(
        username=username, hash=bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode("ascii"),
        scopes=["all"], agent={"mbox": "mailto:lms@example.org", "objectType": "Agent"})
    auth_file.write_text(ServerUsersCredentials.model_validate([user]).model_dump_json(exclude_none=True), encoding="utf-8")

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # see above

    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")


if __name__ == "__main__":
    main(*sys.argv[1:5])
