"""Bank text is Markdown without raw HTML: a '<' is shown as '<', never read as a tag.

Question banks are data; their text lands inside quiz and post-test forms, where a
stray `</label></form>` or `<script>` would break the form or run. So at load time
every '<' outside code becomes '&lt;', which Markdown shows as a plain '<'.
Left alone, because Markdown shows them as written:
- code spans, where Markdown surely sees them (see `_code_spans`);
- fenced code blocks, when the site has a fenced-code extension and every fence
  line is plain (see `_fenced_blocks`);
- `[[answer]]` blanks of a fill prompt (mkdocs-quiz escapes the answer itself);
- autolinks `<https://...>`.
Entities an author writes (`&lt;`, `&amp;`) stay entities: they cannot make a tag.
Where it is unclear whether Markdown would see code, the text is escaped: safe,
though a '<' in such code then shows as '&lt;'. The work is linear in the text.
"""

from __future__ import annotations

import re

_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})[ \t]*[\w.+#-]*[ \t]*\n?")
_TICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:https?|ftp)://[^<>\s]*>|<mailto:[^<>\s]*>", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def blank_spans(text: str) -> list[tuple[int, int]]:
    """Where mkdocs-quiz finds `[[answer]]` blanks (its pattern `\\[\\[([^\\]]+)\\]\\]`, leftmost first),
    found in linear time: the regex retries every '[[' up to the next ']' (seconds on '[[[[...')."""
    spans: list[tuple[int, int]] = []
    start = text.find("[[")
    while start != -1:
        close = text.find("]", start + 2)
        if close == -1:
            break
        if close > start + 2 and text.startswith("]]", close):
            spans.append((start, close + 2))
            start = text.find("[[", close + 2)
        else:  # every '[[' before `close` meets the same ']' first: none of them can match either
            start = text.find("[[", close + 1)
    return spans


def escape_raw_html(markdown: str, *, blanks: bool = False, fences: bool = True) -> str:
    """`markdown` with every '<' outside code and autolinks (and `[[blanks]]` if asked) written as '&lt;'.

    `fences`: whether the site's Markdown has fenced code blocks (fenced_code, superfences).
    """
    if "<" not in markdown:
        return markdown
    lines = markdown.splitlines(keepends=True)
    out: list[str] = []
    position = 0
    for first, last in _fenced_blocks(lines) if fences else []:
        out += [_escape_prose("".join(lines[position:first]), blanks), *lines[first:last + 1]]
        position = last + 1
    out.append(_escape_prose("".join(lines[position:]), blanks))
    return "".join(out)


def _fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line of each fenced code block, or none at all when any fence line is unclear.

    Every line that starts with ``` or ~~~ must take part in a plain pair: an opening
    fence (with at most a language name) at the start of a line, then the very same
    fence alone. Both Python-Markdown's fenced_code (exact closing fence) and
    superfences (any long enough one) then read exactly these blocks.
    """
    fence_lines = [i for i, line in enumerate(lines) if line.lstrip().startswith(("```", "~~~"))]
    if len(fence_lines) % 2:
        return []
    blocks = []
    for first, last in zip(fence_lines[::2], fence_lines[1::2]):
        opening = _FENCE_OPEN.fullmatch(lines[first])
        if opening is None or lines[last].rstrip("\n").rstrip(" ") != opening.group(1):
            return []
        blocks.append((first, last))
    return blocks


def _escape_prose(text: str, blanks: bool) -> str:
    parts: list[str] = []
    position = 0
    for start, end in _code_spans(text):
        parts += [_escape(text[position:start], blanks), text[start:end]]
        position = end
    parts.append(_escape(text[position:], blanks))
    return "".join(parts)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans Markdown is sure to see, paragraph by paragraph.

    Python-Markdown closes a run of backticks with the next run of the same length
    in its block. Where each opening run has such a closer later on its own line,
    and no run follows a backslash, its spans are certainly these; in any other
    paragraph its reading is hard to predict, and no text is kept as code.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for paragraph_break in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = paragraph_break.start() if paragraph_break else len(text)
        spans += _paragraph_spans(text, [m.span() for m in _TICKS.finditer(text, start, end)])
        start = paragraph_break.end() if paragraph_break else len(text)
    return spans


def _paragraph_spans(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if any(a > 0 and text[a - 1] == "\\" for a, _ in runs):
        return []
    following: dict[int, list[int]] = {}  # run length -> indexes of the runs of that length, last first
    for index in range(len(runs) - 1, -1, -1):
        following.setdefault(runs[index][1] - runs[index][0], []).append(index)
    spans = []
    index = 0
    while index < len(runs):
        length = runs[index][1] - runs[index][0]
        same = following[length]
        while same and same[-1] <= index:
            same.pop()
        if not same or "\n" in text[runs[index][0]:runs[same[-1]][1]]:
            return []
        closer = same.pop()
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


def _escape(text: str, blanks: bool) -> str:
    kept = [m.span() for m in _AUTOLINK.finditer(text)] + (blank_spans(text) if blanks else [])
    parts: list[str] = []
    position = 0
    for start, end in sorted(kept):
        if start < position:
            continue  # overlaps a region kept already
        parts += [text[position:start].replace("<", "&lt;"), text[start:end]]
        position = end
    parts.append(text[position:].replace("<", "&lt;"))
    return "".join(parts)
