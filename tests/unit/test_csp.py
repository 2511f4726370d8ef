"""Unit tests of coursekit/csp.py: hashes of the exact inline text, where the <meta> goes,
inline handlers refused, the organizer's additions validated."""

from __future__ import annotations

import re

import pytest

from coursekit.csp import add_policy, allow_current_scripts, parse_extension, sha256_source
from coursekit.errors import CourseError
from coursekit.yaml_source import load_yaml

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>A page</title>
    <script>var a = 1;</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="assets/app.js"></script>
    <style>body { color: red }</style>
  </head>
  <body>
    <p>Text that mentions onclick="x" and <code>&lt;script&gt;</code> is only text.</p>
    <script type="module">
  import "./x.js";
</script>
  </body>
</html>
"""


def _policy(html: str) -> dict[str, list[str]]:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert content is not None
    return {part.split()[0]: part.split()[1:] for part in content.group(1).split("; ")}


def _extension(yaml_text: str) -> dict[str, tuple[str, ...]]:
    doc = load_yaml(yaml_text, "mkdocs.yml")
    return parse_extension(doc.root().child("extra").child("content_security_policy"))


def test_hash_is_the_published_value_for_the_exact_text() -> None:
    # The example of the CSP specification and MDN: <script>alert('Hello, world.');</script>
    assert sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert sha256_source("alert('Hello, world.'); ") != sha256_source("alert('Hello, world.');")
    # The HTML parser turns CR LF into LF before the browser hashes.
    assert sha256_source("a;\r\nb;") == sha256_source("a;\nb;")


def test_scripts_that_run_are_hashed_from_their_exact_text_and_nothing_else_allowed() -> None:
    policed = add_policy(PAGE, page="docs/page.md")
    policy = _policy(policed.html)
    hashes = [s for s in policy["script-src"] if s.startswith("'sha256-")]
    # The classic and the module script, whitespace included; not the JSON data block, not the file.
    assert hashes == [sha256_source("var a = 1;"), sha256_source('\n  import "./x.js";\n')]
    assert policy["script-src"][0] == "'self'" and len(policy["script-src"]) == 3
    assert policy["style-src"] == ["'self'", sha256_source("body { color: red }")]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    every_source = {s for sources in policy.values() for s in sources}
    assert {s for s in every_source if not s.startswith("'sha256-")} <= {"'self'", "'none'", "data:"}
    assert "'unsafe-inline'" not in policed.policy and "'unsafe-eval'" not in policed.policy
    assert not {"frame-ancestors", "report-uri", "sandbox"} & policy.keys()


def test_the_meta_follows_the_charset_and_precedes_every_script() -> None:
    html = add_policy(PAGE, page="docs/page.md").html
    meta = html.index('<meta http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<title>") < html.index("<script")
    without_charset = add_policy("<html><head><script>1</script></head><body></body></html>", page="p").html
    assert without_charset.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"')


def test_a_changed_script_changes_the_policy() -> None:
    first = add_policy(PAGE, page="p").policy
    assert add_policy(PAGE.replace("var a = 1;", "var a = 2;"), page="p").policy != first
    assert add_policy(PAGE.replace("<title>A page</title>", "<title>B</title>"), page="p").policy == first


@pytest.mark.parametrize("markup", [
    '<button onclick="go()">Go</button>',
    "<img src=x onerror=alert(1)>",
    "<form onsubmit='return false;'></form>",
    '<script src="a.js" onload="x()"></script>',
    '<div\n  ONMOUSEOVER = "x()">',
])
def test_an_inline_event_handler_fails_naming_the_page(markup: str) -> None:
    with pytest.raises(CourseError) as error:
        add_policy(PAGE.replace("</body>", markup + "</body>"), page="docs/modules/a.md")
    assert str(error.value).startswith("docs/modules/a.md: inline event handler")
    assert "addEventListener" in str(error.value)


def test_handler_look_alikes_are_not_handlers() -> None:
    page = PAGE.replace("</body>", '<div data-onclick="x" title="onclick=y"></div><!-- <a onclick="z"> --></body>')
    page = page.replace("var a = 1;", 'req.onloadend = function () {}; el.setAttribute("onclick", "");')
    assert add_policy(page, page="p").html


def test_style_attributes_are_reported_as_blocked() -> None:
    policed = add_policy(PAGE.replace("<p>", '<p style="text-align: right;">'), page="p")
    assert policed.blocked_styles == ('<p style="text-align: right;">',)
    assert add_policy(PAGE, page="p").blocked_styles == ()


def test_a_page_with_its_own_policy_or_no_head_fails() -> None:
    own = PAGE.replace("<title>", "<meta http-equiv=\"content-security-policy\" content=\"default-src *\"><title>")
    with pytest.raises(CourseError, match="already has a Content-Security-Policy"):
        add_policy(own, page="docs/x.html")
    with pytest.raises(CourseError, match="no <head>"):
        add_policy("<p>fragment</p>", page="docs/x.html")


def test_live_reload_script_is_allowed_only_where_it_is() -> None:
    built = add_policy(PAGE, page="p").html
    served = built.replace("</body>", "<script>livereload(1, 2);</script></body>")
    policy = _policy(allow_current_scripts(served))
    assert sha256_source("livereload(1, 2);") in policy["script-src"]
    assert sha256_source("var a = 1;") in policy["script-src"]
    assert policy["style-src"] == _policy(built)["style-src"]
    # A later response (another script) does not keep the earlier script's hash.
    again = allow_current_scripts(built.replace("</body>", "<script>livereload(1, 3);</script></body>"))
    assert sha256_source("livereload(1, 2);") not in _policy(again)["script-src"]
    assert allow_current_scripts("<p>no policy</p>") == "<p>no policy</p>"


def test_an_organizer_adds_origins_to_the_directives_it_names() -> None:
    extension = _extension("""\
extra:
  content_security_policy:
    frame-src: [https://www.youtube-nocookie.com]
    img-src: https://i.ytimg.com
    connect-src: ["'self'", "https://*.example.org:8443/api/"]
""")
    assert extension == {
        "frame-src": ("https://www.youtube-nocookie.com",),
        "img-src": ("https://i.ytimg.com",),
        "connect-src": ("'self'", "https://*.example.org:8443/api/"),
    }
    policy = _policy(add_policy(PAGE, page="p", extension=extension).html)
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com"]  # replaces 'none'
    assert policy["img-src"] == ["'self'", "data:", "https://i.ytimg.com"]
    assert policy["connect-src"] == ["'self'", "https://*.example.org:8443/api/"]
    assert policy["media-src"] == ["'none'"]


@pytest.mark.parametrize(("entry", "message"), [
    ("script-src: [\"'unsafe-inline'\"]", "'unsafe-inline' in script-src would let injected script run"),
    ("script-src: [\"'unsafe-eval'\"]", "'unsafe-eval' in script-src would let injected script run"),
    ("script-src: [unsafe-inline]", "in script-src would let injected script run"),
    ("style-src: [\"'unsafe-inline'\"]", "is refused"),
    ("frame-ancestors: [\"'none'\"]", "needs an HTTP header"),
    ("sandbox: [allow-scripts]", "needs an HTTP header"),
    ("report-uri: [https://r.example.org]", "needs an HTTP header"),
    ("default-src: [https://cdn.example.org]", "cannot be set here"),
    ("scripts-src: [https://cdn.example.org]", "cannot be set here"),
    ("frame-src: [http://www.example.org]", "is not an https origin"),
    ("frame-src: [\"https:\"]", "is not an https origin"),
    ("frame-src: ['*']", "is not an https origin"),
    ("img-src: [\"data:\"]", "is not an https origin"),
    ("frame-src: [\"https://a.org; script-src *\"]", "is not an https origin"),
    ("frame-src: [\"'none'\"]", "cannot loosen"),
    ("frame-src: []", "lists no origin"),
    ("frame-src: [42]", "must be an https origin"),
])
def test_an_organizer_cannot_open_the_policy_to_injected_code(entry: str, message: str) -> None:
    with pytest.raises(CourseError) as error:
        _extension(f"extra:\n  content_security_policy:\n    {entry}\n")
    assert message in str(error.value)
    assert str(error.value).startswith("mkdocs.yml:3: ")


def test_the_extension_must_be_a_mapping() -> None:
    with pytest.raises(CourseError, match="mkdocs.yml:2: .* must be a mapping of directives"):
        _extension("extra:\n  content_security_policy: [https://www.youtube-nocookie.com]\n")
