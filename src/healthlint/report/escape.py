"""File names and messages come from pull requests, so every reporter treats them as hostile.

A name may hold a line break followed by `::error …` (GitHub runs any output line starting
with `::` as a workflow command), terminal escape sequences, or bytes that are not UTF-8,
which Python keeps as lone surrogates (`caf\\udce9.md`) that cannot be encoded at all.

- `visible`: for output people read (full, concise, JUnit, the Markdown summary). Controls,
  line separators and bidi controls become escapes (`\\n`, `\\r`, `\\u001b`, `\\u2028`) and a
  byte that is not UTF-8 becomes `\\xe9`, so content can never start a line or reach a
  terminal raw.
- `valid` and `valid_json`: for formats whose own escaping handles controls (JSON): only
  the undecodable bytes become `\\xe9`, the same text `visible` shows.
- `raw_bytes`: a name's bytes as they are on disk, for percent-encoding (SARIF URIs).
- `utf8`: the writers' encoding, which never raises.
"""

from __future__ import annotations

import re

# C0 and C1 controls (DEL too), zero-width and bidi controls, the Unicode line and
# paragraph separators, and lone surrogates (undecodable bytes of a file name).
_NOT_VISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _undecodable(char: str) -> str:
    """How a lone surrogate reads: the byte it stands for (`\\xe9`), else its code point."""
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    if "\ud800" <= char <= "\udfff":
        return _undecodable(char)
    return f"\\u{ord(char):04x}"


def visible(text: str) -> str:
    """`text` on one line, with nothing a terminal or a CI log would act on."""
    # A tab becomes one space, so carets under a source line stay in place.
    return _NOT_VISIBLE.sub(_escape, text.replace("\t", " "))


def valid(text: str) -> str:
    """`text` with each undecodable byte written as `\\xe9`: encodable as UTF-8."""
    return _SURROGATE.sub(lambda m: _undecodable(m.group()), text)


def valid_json(encoded: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)`, where a lone surrogate is left
    raw inside a string, with each written as the JSON string for `valid` text (`\\\\xe9`)."""
    return _SURROGATE.sub(lambda m: "\\" + _undecodable(m.group()), encoded)


def raw_bytes(text: str) -> bytes:
    """The bytes a name has on disk: UTF-8, with undecodable bytes given back as they were."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (possible on Windows)
        return valid(text).encode("utf-8")


def utf8(text: str) -> bytes:
    """Report text as UTF-8. Reporters already made it valid; should one have missed a
    surrogate, it is written as an escape (`\\udce9`, valid in JSON too) rather than raising."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def markdown_text(text: str) -> str:
    """Text from an article or a path, safe inside a Markdown table cell: no markup, no HTML,
    no controls or undecodable bytes (shown as escapes, whose backslash is escaped in turn)."""
    return _MARKDOWN.sub(r"\\\1", visible(" ".join(text.split())))
