"""A test LMS on 127.0.0.1: it serves unpacked packages and plays the LMS's server side.

- `/content/<name>/...`: the files of an unpacked package, as an LMS serves them.
- `/lms/scorm.html`: the SCORM LMS page (scorm-again in the top window, the package's
  launch page in an iframe); `/lms/commit/<registration>` keeps every commit it
  posts (JSON, also when sent as a text/plain beacon at unload), `/lms/state/<registration>`
  gives them back, so a relaunch starts from what the LMS kept.
- `/cmi5/...`: the cmi5 LMS: a one-time fetch URL that hands out the auth token, the
  State API (LMS.LaunchData and the AU's own documents, kept in memory), and the
  statements resource, forwarded to a real LRS (Ralph), which keeps them. Served to the
  AU from another origin (http://localhost:<port>) with CORS, as an LMS on its own host.
"""

from __future__ import annotations

import json
import mimetypes
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HARNESS = Path(__file__).resolve().parent / "harness"
SCORM_AGAIN = Path(__file__).resolve().parent / "node_modules" / "scorm-again" / "dist"


@dataclass
class Cmi5Launch:
    """What the LMS set up for one AU launch (one session)."""

    token: str
    launch_data: dict[str, Any]
    fetched: bool = False


@dataclass
class LmsState:
    content: dict[str, Path] = field(default_factory=dict)
    commits: dict[str, list[Any]] = field(default_factory=dict)
    launches: dict[str, Cmi5Launch] = field(default_factory=dict)  # by fetch key
    documents: dict[tuple[str, str, str, str], bytes] = field(default_factory=dict)  # the State API
    lrs: str = ""  # the real LRS's statements URL
    lrs_authorization: str = ""  # the LMS's own account there ("Basic ...")
    forwarded: list[tuple[str, int]] = field(default_factory=list)  # (method, status) of statement requests
    lock: threading.Lock = field(default_factory=threading.Lock)


class LmsServer:
    def __init__(self) -> None:
        self.state = LmsState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "LmsServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def lms_origin(self) -> str:
        """The cmi5 LMS's own origin: another host name for the same server."""
        return f"http://localhost:{self.port}"

    def commits(self, registration: str) -> list[Any]:
        with self.state.lock:
            return list(self.state.commits.get(registration, []))


class _Handler(BaseHTTPRequestHandler):
    state: LmsState

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    # ------------------------------------------------------------------ routing

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight of the cmi5 LMS
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Experience-API-Version")
        self.send_header("Access-Control-Max-Age", "600")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        path, query = self._path()
        if path.startswith("/content/"):
            name, _, rest = path[len("/content/"):].partition("/")
            return self._file(self.state.content.get(name), rest)
        if path.startswith("/lms/scorm-again/"):
            return self._file(SCORM_AGAIN, path[len("/lms/scorm-again/"):])
        if path.startswith("/lms/state/"):
            with self.state.lock:
                commits = list(self.state.commits.get(path[len("/lms/state/"):], []))
            return self._json(200, commits)
        if path.startswith("/lms/"):
            return self._file(HARNESS, path[len("/lms/"):])
        if path == "/cmi5/xapi/activities/state":
            return self._get_state(query)
        if path == "/cmi5/xapi/statements":
            return self._forward("GET", query)
        self._json(404, {"error": "not found"})

    def do_POST(self) -> None:  # noqa: N802
        path, query = self._path()
        body = self._body()
        if path.startswith("/lms/commit/"):
            registration = path[len("/lms/commit/"):]
            with self.state.lock:
                self.state.commits.setdefault(registration, []).append(json.loads(body or b"null"))
            return self._json(200, {"result": True, "errorCode": 0})
        if path.startswith("/cmi5/fetch/"):
            return self._fetch(path[len("/cmi5/fetch/"):])
        if path == "/cmi5/xapi/statements":
            return self._forward("POST", query, body)
        self._json(404, {"error": "not found"})

    def do_PUT(self) -> None:  # noqa: N802
        path, query = self._path()
        body = self._body()
        if path == "/cmi5/xapi/activities/state":
            return self._put_state(query, body)
        self._json(404, {"error": "not found"})

    # ------------------------------------------------------------------ cmi5

    def _fetch(self, key: str) -> None:
        with self.state.lock:
            launch = self.state.launches.get(key)
            first = launch is not None and not launch.fetched
            if launch:
                launch.fetched = True
        if not first:  # the fetch URL is one-time use (cmi5 8.2.3.1)
            return self._json(200, {"error-code": "1", "error-text": "This launch was already used"})
        self._json(200, {"auth-token": launch.token})

    def _launch(self) -> Cmi5Launch | None:
        """The launch whose session token authorizes this request (each session has its own)."""
        header = self.headers.get("Authorization", "")
        with self.state.lock:
            return next((launch for launch in self.state.launches.values()
                         if header.startswith("Basic ") and header[6:] == launch.token), None)

    def _authorized(self) -> bool:
        return self._launch() is not None

    def _state_key(self, query: dict[str, str]) -> tuple[str, str, str, str]:
        agent = json.loads(query.get("agent", "{}"))
        return (query.get("activityId", ""), json.dumps(agent, sort_keys=True), query.get("registration", ""),
                query.get("stateId", ""))

    def _get_state(self, query: dict[str, str]) -> None:
        if not self._authorized():
            return self._json(401, {"error": "unauthorized"})
        key = self._state_key(query)
        launch = self._launch()
        with self.state.lock:
            document = self.state.documents.get(key)
        if key[3] == "LMS.LaunchData" and launch is not None:
            document = json.dumps(launch.launch_data).encode()
        if document is None:
            return self._json(404, {"error": "no such document"})
        self._send(200, document, "application/json")

    def _put_state(self, query: dict[str, str], body: bytes) -> None:
        if not self._authorized():
            return self._json(401, {"error": "unauthorized"})
        key = self._state_key(query)
        if key[3] == "LMS.LaunchData":
            return self._json(403, {"error": "LMS.LaunchData is the LMS's"})
        with self.state.lock:
            self.state.documents[key] = body
        self._send(204, b"", "application/json")

    def _forward(self, method: str, query: dict[str, str], body: bytes | None = None) -> None:
        """Statements go on to the real LRS, sent with the LMS's own account there."""
        if not self._authorized():
            return self._json(401, {"error": "unauthorized"})
        url = self.state.lrs + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Authorization": self.state.lrs_authorization, "Content-Type": "application/json",
            "X-Experience-API-Version": self.headers.get("X-Experience-API-Version", "1.0.3")})
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        with self.state.lock:
            self.state.forwarded.append((method, status))
        self._send(status, payload, "application/json")

    # ------------------------------------------------------------------ helpers

    def _path(self) -> tuple[str, dict[str, str]]:
        parsed = urllib.parse.urlsplit(self.path)
        return urllib.parse.unquote(parsed.path), dict(urllib.parse.parse_qsl(parsed.query))

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _file(self, root: Path | None, relative: str) -> None:
        if root is None:
            return self._json(404, {"error": "no such package"})
        target = (root / relative).resolve()
        if root.resolve() not in target.parents or not target.is_file():
            return self._json(404, {"error": "not found"})
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix in {".js", ".mjs"}:
            kind = "text/javascript"
        self._send(200, target.read_bytes(), kind)

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
