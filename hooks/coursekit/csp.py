"""The Content-Security-Policy of each page, written into the page as a <meta>.

GitHub Pages cannot send headers, so every HTML file carries its own policy in
`<meta http-equiv="Content-Security-Policy">`, placed right after `<meta charset>`
(a meta policy governs only what follows it, and the charset must stay within
the first 1024 bytes). The policy is computed from the page's final HTML:
scripts run from this site's files and, inline, only when their exact text
hashes to one of the page's 'sha256-...' sources; no 'unsafe-inline',
'unsafe-eval' or 'unsafe-hashes' for scripts, and nothing from another host
unless the organizer lists it (`content_security_policy` in mkdocs.yml).

A meta policy ignores frame-ancestors, report-uri and sandbox: none is written.
Framework-free: the MkDocs glue is in hooks/course.py.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from dataclasses import dataclass
from typing import Iterator, Mapping

from .errors import CourseError
from .yaml_source import Value

# What every page gets. Inline <script> and <style> hashes are added per page.
BASE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    # No 'unsafe-inline': the theme's one <style> is hashed, Material writes no style
    # attributes, and mkdocs-quiz's are replaced by classes (coursekit/quiz/adapter.py).
    "style-src": ("'self'",),
    # Material's stylesheet draws its icons (admonitions, details, search, footnotes...)
    # as data: SVG images through CSS mask-image, which img-src governs.
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),  # Material's search worker, a file of this site
    "frame-src": ("'none'",),
    "media-src": ("'none'",),
    "object-src": ("'none'",),
    "form-action": ("'self'",),
    "base-uri": ("'self'",),
}
# What an organizer may loosen in mkdocs.yml, by listing https origins (or 'self').
EXTENSIBLE = ("script-src", "style-src", "img-src", "font-src", "connect-src", "worker-src",
              "frame-src", "media-src", "form-action")
# A browser ignores these in a <meta> policy: they need an HTTP header.
HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")
# Keywords that would let injected code run: refused wherever they come from.
_UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", "'wasm-unsafe-eval'")
_HTTPS_SOURCE = re.compile(r"https://(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]{1,5})?(/[\w.~%!$&()*+=:@/-]*)?", re.I)

META_NAME = "Content-Security-Policy"
_META = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy\b[^>]*>", re.I)
# One pass over the page: comments, raw-text elements (whose text is not markup), start tags.
_QUOTED_ATTRS = r"(?P<{0}>[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)"
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style)(?=[\s/>])" + _QUOTED_ATTRS.format("raw_attrs") + r">(?P<text>.*?)</(?P=raw)\s*>"
    r"|<(?P<tag>[a-z][^\s/>]*)" + _QUOTED_ATTRS.format("attrs") + r">",
    re.I | re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# The HTML standard's JavaScript MIME types: a <script> of any other type is a data
# block (Material's JSON config, for one) that never runs, so it needs no hash.
_SCRIPT_TYPES = {
    "", "module", "importmap", "speculationrules", "application/ecmascript", "application/javascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript",
    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
    "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
}

Extension = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class PolicedPage:
    html: str  # the page with its policy <meta>
    policy: str
    # style="..." attributes in the markup: the policy blocks them (use a class instead).
    blocked_styles: tuple[str, ...]


def add_policy(html: str, *, page: str, extension: Extension | None = None) -> PolicedPage:
    """The page with its policy <meta> inserted first in <head>.

    Raises CourseError naming `page` when it has an inline event handler (a hash cannot
    allow one without 'unsafe-hashes'), a policy <meta> of its own, or no <head>.
    """
    if _META.search(html):
        raise CourseError(page, None, f"this page already has a {META_NAME} <meta>; remove it (the build writes one into every page)")
    scan = _scan(html)
    if scan.handlers:
        listed = ", ".join(f"{name}=\"{value}\" on <{tag}>" for tag, name, value in scan.handlers[:3])
        raise CourseError(
            page, None,
            f"inline event handler {listed}: the page's {META_NAME} blocks it; "
            "attach the handler from a script file (addEventListener) instead",
        )
    policy = policy_text(
        script_hashes=[sha256_source(text) for text in scan.scripts],
        style_hashes=[sha256_source(text) for text in scan.styles],
        extension=extension,
    )
    at = _meta_position(html)
    if at is None:
        raise CourseError(page, None, f"this page has no <head> to carry its {META_NAME} <meta>")
    meta = f'\n<meta http-equiv="{META_NAME}" content="{_attribute(policy)}">'
    return PolicedPage(html[:at] + meta + html[at:], policy, tuple(scan.style_attributes))


def policy_text(*, script_hashes: list[str], style_hashes: list[str], extension: Extension | None = None) -> str:
    """The policy as written in the <meta>: directives in BASE_POLICY order, sources deduplicated."""
    directives = {name: list(sources) for name, sources in BASE_POLICY.items()}
    directives["script-src"] += script_hashes
    directives["style-src"] += style_hashes
    for name, sources in (extension or {}).items():
        directives[name] = (directives[name] if directives[name] != ["'none'"] else []) + list(sources)
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())


def sha256_source(text: str) -> str:
    """The CSP hash source of an inline element's text, as the browser computes it.

    Browsers hash the element's text after HTML parsing, which turns CR LF and CR
    into LF; nothing else changes inside <script> and <style>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def allow_current_scripts(html: str) -> str:
    """The page with its policy's script hashes recomputed from the scripts it now holds.

    For `mkdocs serve`, whose server adds a live-reload <script> (different in every
    response) to each page it sends: only that exact script is allowed, only there."""
    match = _META.search(html)
    if match is None:
        return html
    content = re.search(r"content\s*=\s*\"([^\"]*)\"", match.group(0))
    if content is None:
        return html
    directives = [part.strip().split() for part in html_lib.unescape(content.group(1)).split(";") if part.strip()]
    hashes = [sha256_source(text) for text in _scan(html).scripts]
    for directive in directives:
        if directive[0] == "script-src":
            directive[1:] = [s for s in directive[1:] if not s.startswith("'sha256-")] + hashes
    policy = "; ".join(" ".join(dict.fromkeys(d)) for d in directives)
    meta = f'<meta http-equiv="{META_NAME}" content="{_attribute(policy)}">'
    return html[: match.start()] + meta + html[match.end():]


def parse_extension(value: Value) -> dict[str, tuple[str, ...]]:
    """Validate the organizer's `content_security_policy` mapping (directive: [sources]).

    Only directives of EXTENSIBLE; only https origins (https://host[:port][/path],
    host may start with '*.') or 'self'; nothing that would let injected code run."""
    if not isinstance(value.raw, dict):
        raise value.error(f"'{value.dotted}' must be a mapping of directives to lists of https origins, "
                          "e.g. 'frame-src: [https://www.youtube-nocookie.com]'")
    extension: dict[str, tuple[str, ...]] = {}
    for name in value.raw:
        entry = value.child(name)
        if name in HEADER_ONLY:
            raise entry.error(f"'{name}' is ignored by browsers in a <meta> policy (it needs an HTTP header, "
                              "which GitHub Pages cannot send); remove it")
        if name not in EXTENSIBLE:
            raise entry.error(f"'{name}' cannot be set here; directives that may list extra origins: {', '.join(EXTENSIBLE)}")
        raw = entry.raw if isinstance(entry.raw, list) else [entry.raw]
        sources = []
        for index, source in enumerate(raw):
            at = entry.child(index) if isinstance(entry.raw, list) else entry
            sources.append(_source(at, name, source))
        if not sources:
            raise entry.error(f"'{entry.dotted}' lists no origin; list one or remove the key")
        extension[name] = tuple(sources)
    return extension


def describe_extension(extension: Extension) -> str:
    """'frame-src https://a, img-src https://b': for the build log."""
    return ", ".join(f"{name} {' '.join(sources)}" for name, sources in extension.items())


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


@dataclass
class _Scan:
    scripts: list[str]  # text of each inline script that runs
    styles: list[str]  # text of each <style>
    handlers: list[tuple[str, str, str]]  # (tag, attribute, value) of on...= attributes
    style_attributes: list[str]  # '<tag style="...">'


def _scan(html: str) -> _Scan:
    scan = _Scan([], [], [], [])
    for match in _TOKEN.finditer(html):
        if match.group("raw"):
            tag, attrs = match.group("raw").lower(), dict(_attributes(match.group("raw_attrs")))
            if tag == "script" and "src" not in attrs and attrs.get("type", "").strip().lower() in _SCRIPT_TYPES:
                scan.scripts.append(match.group("text"))
            elif tag == "style":
                scan.styles.append(match.group("text"))
            _check_attributes(scan, tag, match.group("raw_attrs"))
        elif match.group("tag"):
            _check_attributes(scan, match.group("tag").lower(), match.group("attrs"))
    return scan


def _check_attributes(scan: _Scan, tag: str, attrs: str) -> None:
    for name, value in _attributes(attrs):
        if name.startswith("on"):
            scan.handlers.append((tag, name, value))
        elif name == "style":
            scan.style_attributes.append(f'<{tag} style="{value}">')


def _attributes(text: str) -> Iterator[tuple[str, str]]:
    for match in _ATTR.finditer(text):
        value = next((v for v in match.groups()[1:] if v is not None), "")
        yield match.group(1).lower(), html_lib.unescape(value)


def _meta_position(html: str) -> int | None:
    """Where the policy goes: right after <meta charset> when it opens <head>, else right after <head>."""
    head = re.search(r"<head\b[^>]*>", html, re.I)
    if head is None:
        return None
    charset = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.I).match(html, head.end())
    return charset.end() if charset else head.end()


def _attribute(text: str) -> str:
    return html_lib.escape(text, quote=False).replace('"', "&quot;")


def _source(at: Value, directive: str, source: object) -> str:
    if not isinstance(source, str) or not source.strip():
        raise at.error(f"'{at.dotted}' must be an https origin such as https://www.example.org, not {source!r}")
    source = source.strip()
    keyword = "'" + source.strip("'\"").lower() + "'"  # quoted or not
    if keyword in _UNSAFE:
        if directive == "script-src":
            raise at.error(f"{source} in script-src would let injected script run; the course allows only its own "
                           "scripts and hashed inline ones: load extra scripts from an https origin instead")
        raise at.error(f"{source} is refused: the course keeps inline code and eval out of every page")
    if source in {"'self'", "self"}:
        return "'self'"
    if source in {"'none'", "none"}:
        raise at.error(f"'none' cannot loosen '{directive}'; remove the key to keep the course's default")
    if not _HTTPS_SOURCE.fullmatch(source):
        raise at.error(f"'{source}' is not an https origin; write it as https://host (with an optional :port or /path), "
                       "e.g. https://www.youtube-nocookie.com")
    return source
