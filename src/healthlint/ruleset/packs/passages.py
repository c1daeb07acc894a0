"""The text a pack rule searches, by scope, with a way back to file positions."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from healthlint.diagnostic import Span
from healthlint.language import abbreviations
from healthlint.ruleset.packs.compiled import (
    _FAQ_HEADING,
    _FRONTMATTER_SCOPES,
    _MYTHS_HEADING,
    SCOPES,
)

# ---------------------------------------------------------------------------------------
# Passages: the text a rule searches, with a way back to file positions


class _Passage(NamedTuple):
    scope: str
    text: str  # markup removed, line breaks as spaces: what patterns see
    offsets: tuple[int, ...]  # for each character of `text`, its offset in `raw`
    raw: str
    starts: tuple[tuple[int, int], ...]  # for each line of `raw`: (file line, 1-based column)
    section: int
    unit: tuple

    def span(self, start: int, end: int) -> Span:
        raw_start = self.offsets[start]
        raw_end = self.offsets[end - 1] + 1
        line, column = self._position(raw_start)
        end_line, end_column = self._position(raw_end)
        return Span(line, column, end_line, end_column)

    def raw_slice(self, start: int, end: int) -> str:
        return self.raw[self.offsets[start] : self.offsets[end - 1] + 1]

    def _position(self, raw_offset: int) -> tuple[int, int]:
        index = self.raw.count("\n", 0, raw_offset)
        line_start = self.raw.rfind("\n", 0, raw_offset) + 1
        file_line, column = self.starts[index]
        return file_line, column + raw_offset - line_start

    def sub(self, start: int, end: int, scope: str) -> "_Passage":
        return _Passage(scope, self.text[start:end], self.offsets[start:end], self.raw, self.starts, self.section, self.unit)


# Inline Markdown that is not text: link targets, link brackets, emphasis, code ticks, HTML tags.
_MARKUP = re.compile(
    r"!\[[^\]\n]*\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"  # an image: its alt text describes a picture, it is not prose
    r"|\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"
    r"|!?\[|\]"
    r"|\*+|`+|~~"
    r"|(?<![\wæøåÆØÅ])_+|_+(?![\wæøåÆØÅ])"
    r"|<[A-Za-z/!][^<>\n]*>"
)
def _spaces(text: str) -> str:
    """Line breaks, tabs and no-break spaces as plain spaces (same length, so offsets hold)."""
    return text.replace("\n", " ").replace("\t", " ").replace("\u00a0", " ").replace("\u202f", " ")


def _clean(raw: str) -> tuple[str, tuple[int, ...]]:
    if not any(ch in raw for ch in "*`[]<_~"):
        return _spaces(raw), tuple(range(len(raw)))
    kept: list[str] = []
    offsets: list[int] = []
    position = 0
    for markup in _MARKUP.finditer(raw):
        kept.append(raw[position : markup.start()])
        offsets.extend(range(position, markup.start()))
        position = markup.end()
    kept.append(raw[position:])
    offsets.extend(range(position, len(raw)))
    return _spaces("".join(kept)), tuple(offsets)


def _passage(scope: str, raw: str, starts, section: int, unit: tuple) -> _Passage:
    text, offsets = _clean(raw)
    return _Passage(scope, text, offsets, raw, tuple(starts), section, unit)


def _content_starts(doc, first_line: int, content: str) -> list[tuple[int, int]]:
    """Where each line of a paragraph's content starts in the file (markers and indent stripped)."""
    starts = []
    for index, piece in enumerate(content.split("\n")):
        line = first_line + index
        source = doc.line_text(line)
        wanted = piece.rstrip()
        visible = source.rstrip()
        if wanted and visible.endswith(wanted):
            column = len(visible) - len(wanted) + 1
        else:
            found = source.find(wanted) if wanted else -1
            column = found + 1 if found != -1 else 1
        starts.append((line, column))
    return starts


def _passages(doc) -> dict[str, tuple[_Passage, ...]]:
    # Several rules ask for the same passages: the document keeps them.
    return doc.view("pack passages", lambda: _collect_passages(doc))


def _collect_passages(doc) -> dict[str, tuple[_Passage, ...]]:
    heading_lines = [heading.line for heading in doc.headings]

    def section(line: int) -> int:
        return bisect.bisect_right(heading_lines, line)

    found: dict[str, list[_Passage]] = {scope: [] for scope in SCOPES}
    for key_scope, key in _FRONTMATTER_SCOPES.items():
        field = doc.frontmatter.fields.get(key)
        if field is None or not isinstance(field.value, str) or not field.value.strip() or field.value_span is None:
            continue
        span = field.value_span
        written = doc.line_text(span.line)[span.column - 1 : span.end_column - 1]
        if span.line == span.end_line and written == field.value:
            found[key_scope].append(_passage(key_scope, field.value, [(span.line, span.column)], 0, ("fm", key)))
        else:
            # Folded, escaped or multi-line values: every match points at the value's start.
            text = _spaces(field.value)
            found[key_scope].append(
                _Passage(key_scope, text, (0,) * len(text), " ", ((span.line, span.column),), 0, ("fm", key))
            )

    for heading in doc.headings:
        lines = heading.text.split("\n")
        starts = [(heading.span.line, heading.span.column)] + _content_starts(doc, heading.line + 1, "\n".join(lines[1:]))[: len(lines) - 1]
        found["heading"].append(_passage("heading", heading.text, starts, section(heading.line), ("h", heading.line)))

    unparsed_tables = {table.start_line for table in doc.tables if not table.parsed}
    for paragraph in doc.paragraphs:
        if paragraph.start_line in unparsed_tables:
            continue  # a pipe block that failed to parse as a table: its cells are read below
        scope = "list-item" if paragraph.in_list else "paragraph"
        starts = _content_starts(doc, paragraph.start_line, paragraph.content)
        found[scope].append(
            _passage(scope, paragraph.content, starts, section(paragraph.start_line), ("p", paragraph.start_line))
        )

    for table in doc.tables:
        for row in (table.header, *table.rows):
            for cell in row.cells:
                if cell.text:
                    found["table-cell"].append(
                        _passage("table-cell", cell.text, [(cell.span.line, cell.span.column)], section(row.line), ("row", row.line))
                    )

    del found["sentence"]  # split only when a rule asks for sentences: see _scope
    passages = {scope: tuple(sorted(items, key=lambda p: (p.starts[0], p.offsets[:1]))) for scope, items in found.items()}
    passages[_HEADINGS_KEY] = tuple(doc.headings)
    return passages


_KINDS_KEY = "section-kinds"  # beside the scopes: the kinds of each section, by its number (made when asked)
_HEADINGS_KEY = "headings"


def _section_kinds(headings) -> tuple[frozenset[str], ...]:
    """For section 0 (before the first heading) and each heading's section: `myths` and `faq`
    when it or a heading above it names them (`## 5 myter om whiplash`, `### Myte: …`)."""
    kinds: list[frozenset[str]] = [frozenset()]
    above: list[tuple[int, frozenset[str]]] = []  # (level, kinds) of the enclosing headings
    for heading in headings:
        while above and above[-1][0] >= heading.level:
            above.pop()
        lower = heading.text.lower()
        own = set()
        if ("myt" in lower or "misforst" in lower) and _MYTHS_HEADING.search(heading.text):
            own.add("myths")
        if ("spørgsmål" in lower or "faq" in lower) and _FAQ_HEADING.search(heading.text):
            own.add("faq")
        inherited = above[-1][1] if above else frozenset()
        current = frozenset(own) | inherited
        above.append((heading.level, current))
        kinds.append(current)
    return tuple(kinds)


def _scope(passages: dict[str, tuple[_Passage, ...]], scope: str) -> tuple[_Passage, ...]:
    if scope == "sentence" and scope not in passages:
        passages[scope] = tuple(
            passage.sub(start, end, "sentence")
            for prose in ("paragraph", "list-item", "table-cell")
            for passage in passages[prose]
            for start, end in _sentence_bounds(passage.text)
        )
    return passages[scope]


# The tokenizer's abbreviations, without their final full stop ("f.eks", "ca", "m"): one list.
_ABBREVIATIONS = frozenset(abbreviation[:-1] for abbreviation in abbreviations.ALL)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of one passage's text (one line: line breaks are already spaces)."""
    from healthlint.language.tokenize import tokenize_text

    return [
        (sentence.span.column - 1, sentence.span.end_column - 1)
        for sentence in tokenize_text(text).sentences
        if sentence.span.line == sentence.span.end_line == 1
    ]


def _simple_sentence_bounds(text: str) -> list[tuple[int, int]]:
    """A quick split for `report: each-match` (one finding per sentence), which only needs to
    tell sentences apart: ends at `.`, `!`, `?`, `:` before a space, not after one of the
    tokenizer's abbreviations or in `17. maj`."""
    bounds = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        before = re.search(r"([\wæøåÆØÅ.]+)$", text[start : end.start()])
        word = before.group(1).lower() if before else ""
        following = text[end.end() :].lstrip()
        if end.group() == "." and (word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS):
            continue
        if end.group() == "." and word.isdigit() and following[:1].islower():
            continue  # an ordinal: "17. maj"
        bounds.append((start, end.end()))
        start = end.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text) and text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return [(s, e) for s, e in bounds if text[s:e].strip()]
