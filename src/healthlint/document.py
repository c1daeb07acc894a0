"""`Document`: one article, decoded and parsed once, with cached views for the rules.

Positions follow one convention everywhere: lines are 1-based from the top of the file
(frontmatter included), columns are 1-based code points, and end columns are exclusive.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import NamedTuple

from healthlint.diagnostic import Span
from healthlint.frontmatter import parse_frontmatter
from healthlint.i18n import Messages

UTF8_BOM = b"\xef\xbb\xbf"
DEFAULT_MAX_FILE_SIZE = 5_000_000

# The loader does not know the run's language: its messages are i18n.Text, rendered by the engine.
MESSAGES = Messages(
    {
        "empty-file": {
            "en": "The file is empty: there is no frontmatter and no article text to publish.",
            "da": "Filen er tom: der er hverken frontmatter eller artikeltekst at udgive.",
        },
        "utf-16": {
            "en": "The file looks like UTF-16, not UTF-8: the site and the search engine cannot read it "
            "as it is. Save it as UTF-8 (in most editors: Save with encoding → UTF-8).",
            "da": "Filen ser ud til at være UTF-16, ikke UTF-8: sitet og søgemaskinen kan ikke læse den, "
            "som den er. Gem den som UTF-8 (i de fleste editorer: Gem med tegnkodning → UTF-8).",
        },
        "binary": {
            "en": "The file holds binary data (a NUL byte at byte offset {offset}), so it is not a Markdown "
            "article. Check that the right file was saved with a .md name.",
            "da": "Filen indeholder binære data (en NUL-byte ved byte-position {offset}), så den er ikke en "
            "Markdown-artikel. Tjek, at det er den rigtige fil, der er gemt med endelsen .md.",
        },
        "not-utf8": {
            "en": "The file is not valid UTF-8: byte 0x{byte:02X} at byte offset {offset} "
            "cannot be decoded{hint}. The page would show broken letters; save the file as UTF-8.",
            "da": "Filen er ikke gyldig UTF-8: byten 0x{byte:02X} ved byte-position {offset} "
            "kan ikke afkodes{hint}. Siden ville vise ødelagte bogstaver; gem filen som UTF-8.",
        },
        "latin-1": {
            "en": " (it looks like Latin-1/Windows-1252, where that byte is {letter!r})",
            "da": " (den ser ud til at være Latin-1/Windows-1252, hvor den byte er {letter!r})",
        },
    },
    __name__,
)


class LoadFailure(NamedTuple):
    """The file could not be turned into text; `code` is an HL0xx engine rule."""

    code: str
    message: str
    span: Span = Span(1, 1, 1, 2)


# ---------------------------------------------------------------------------------------
# Bytes to text


def decode(data: bytes) -> tuple[str, bool] | LoadFailure:
    """Return (text, had_bom) for UTF-8 input, or the reason the bytes are not an article."""
    if not data.removeprefix(UTF8_BOM).strip():  # a BOM alone is still an empty file
        return LoadFailure("HL005", MESSAGES.text("empty-file"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        return LoadFailure("HL003", MESSAGES.text("utf-16"))
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        return LoadFailure("HL002", MESSAGES.text("binary", offset=nul), Span.point(line, column))
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(UTF8_BOM) if bom else 0)
        line, column = _byte_position(data, error.start)
        hint = _encoding_hint(data, error.start)
        message = MESSAGES.text("not-utf8", byte=data[error.start], offset=offset, hint=hint)
        return LoadFailure("HL003", message, Span.point(line, column))
    return text, bom


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:2048]
    if len(sample) < 16:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nuls, odd_nuls) > half * 0.4 and min(even_nuls, odd_nuls) < half * 0.05


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    # Lines end at LF, CRLF or a lone CR, as the Document counts them (a file saved with CR
    # endings must not report every NUL or bad byte on line 1).
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    line = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def _encoding_hint(data: bytes, offset: int) -> str:
    chunk = data[max(0, offset - 20) : offset + 20]
    as_latin1 = chunk.decode("cp1252", "replace")
    if any(ch in as_latin1 for ch in "æøåÆØÅéü"):
        letter = data[offset : offset + 1].decode("cp1252", "replace")
        return MESSAGES.text("latin-1", letter=letter)
    return ""


# ---------------------------------------------------------------------------------------
# Views of the Markdown body


class Heading(NamedTuple):
    level: int
    text: str
    line: int
    span: Span  # the heading's text, without the `#` markers
    setext: bool


class Link(NamedTuple):
    href: str
    text: str  # link text, or an image's alt text
    span: Span  # the target (href) as written; for an image, the whole `![alt](src)`
    image: bool


class Cell(NamedTuple):
    text: str
    span: Span  # the cell's text without surrounding blanks; an empty cell spans its gap


class Row(NamedTuple):
    line: int
    cells: tuple[Cell, ...]
    span: Span  # the whole row as written


class Table(NamedTuple):
    header: Row
    delimiter: Row
    rows: tuple[Row, ...]
    start_line: int
    end_line: int
    parsed: bool  # False for a pipe block markdown-it did not accept as a table


class Paragraph(NamedTuple):
    start_line: int
    end_line: int
    content: str  # the inline source, lines joined with "\n"
    in_list: bool
    in_blockquote: bool


_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
_CONTAINER_PREFIX = re.compile(r"^(?:\s{0,3}>\s?)*")


def split_row(line: str, line_no: int) -> tuple[Cell, ...]:
    """Split a raw table row into cells as GFM does: every `|` splits unless escaped as `\\|`,
    even inside a code span (so the count matches what the page will show)."""
    prefix = _CONTAINER_PREFIX.match(line).end()
    body_start = prefix
    end = len(line.rstrip())
    while body_start < end and line[body_start] in " \t":
        body_start += 1
    if body_start < end and line[body_start] == "|":
        body_start += 1
    pipes = []
    i = body_start
    while i < end:
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "|":
            pipes.append(i)
        i += 1
    bounds = [body_start - 1, *pipes]
    if not pipes or pipes[-1] != end - 1:
        bounds.append(end)
    cells = []
    for left, right in zip(bounds, bounds[1:]):
        raw = line[left + 1 : right]
        stripped = raw.strip()
        if stripped:
            start = left + 1 + (len(raw) - len(raw.lstrip()))
            cells.append(Cell(stripped, Span(line_no, start + 1, line_no, start + 1 + len(stripped))))
        else:
            cells.append(Cell("", Span(line_no, left + 2, line_no, max(left + 2, right + 1))))
    return tuple(cells)


def is_delimiter_row(line: str) -> bool:
    cells = split_row(line, 0)
    return bool(cells) and "-" in line and all(_DELIMITER_CELL.match(c.text) for c in cells)


@lru_cache(maxsize=1)
def _markdown_parser():
    """One parser per process: building it (rule chains, options) costs more than a short article."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


class Document:
    """A decoded article: text, frontmatter with positions, Markdown tokens and cached views."""

    def __init__(self, path: str, text: str, *, bom: bool = False, rel_path: str | None = None):
        self.path = path
        self.rel_path = path if rel_path is None else rel_path  # relative to the site root (globs match it)
        self.bom = bom
        self._views: dict = {}
        self.newline = "\r\n" if "\r\n" in text else "\n"
        # markdown-it treats CR, LF and CRLF alike; so do our line numbers.
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines = self.text.split("\n")
        self._line_starts = [0]
        for line in self.lines[:-1]:
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self.frontmatter, self.body_offset = parse_frontmatter(self.text, self.position)
        self.body_start_line = self.line_of(self.body_offset) if self.body_offset < len(self.text) else len(self.lines) + 1

    @classmethod
    def from_bytes(cls, path: str, data: bytes, rel_path: str | None = None) -> "Document | LoadFailure":
        decoded = decode(data)
        if isinstance(decoded, LoadFailure):
            return decoded
        text, bom = decoded
        return cls(path, text, bom=bom, rel_path=rel_path)

    def view(self, key, build):
        """A view that a higher layer derives from this document (the page the site renders,
        a rule pack's passages), made once: the document keeps it, callers never set attributes."""
        found = self._views.get(key)
        if found is None:
            found = self._views[key] = build()
        return found

    # -- positions -------------------------------------------------------------------
    def line_of(self, offset: int) -> int:
        import bisect

        return bisect.bisect_right(self._line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def line_span(self, line: int) -> Span:
        """The visible text of a line (leading blanks skipped); a blank line gets column 1."""
        text = self.line_text(line)
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if end <= start:
            return Span(line, 1, line, 2)
        return Span(line, start + 1, line, end + 1)

    # -- Markdown ----------------------------------------------------------------------
    @cached_property
    def tokens(self) -> list:
        # Blank out the frontmatter so markdown-it's line maps are file lines.
        source = "\n" * (self.body_start_line - 1) + self.text[self.body_offset :]
        return _markdown_parser().parse(source)

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside fenced or indented code blocks (1-based)."""
        lines: set[int] = set()
        for token in self.tokens:
            if token.type in ("fence", "code_block") and token.map:
                lines.update(range(token.map[0] + 1, token.map[1] + 1))
        return frozenset(lines)

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        found = []
        tokens = self.tokens
        for index, token in enumerate(tokens):
            if token.type != "heading_open" or not token.map:
                continue
            line = token.map[0] + 1
            content = tokens[index + 1].content if index + 1 < len(tokens) else ""
            setext = token.markup in ("=", "-")
            found.append(Heading(int(token.tag[1]), content, line, self._heading_span(line, content, setext), setext))
        return tuple(found)

    def _heading_span(self, line: int, content: str, setext: bool) -> Span:
        raw = self.line_text(line)
        if setext:
            return self.line_span(line)
        marker = re.match(r"^(?:\s{0,3}>\s?)*\s*(?:[-*+]\s+|\d+[.)]\s+)*\s{0,3}#{1,6}", raw)
        start = marker.end() if marker else 0
        if content:
            found = raw.find(content.split("\n")[0], start)
            if found != -1:
                return Span(line, found + 1, line, found + 1 + len(content))
        return Span(line, start + 1, line, start + 2)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Links and images in the body, each placed on the line and column where it is written."""
        found = []
        for token in self.tokens:
            if token.type != "inline" or not token.children or not token.map:
                continue
            cursor_line, cursor_col = token.map[0] + 1, 0
            for child in token.children:
                if child.type not in ("link_open", "image"):
                    continue
                href = str(child.attrGet("src" if child.type == "image" else "href") or "")
                needle = "](" if child.type == "link_open" else "!["
                located = self.find_after(needle, cursor_line, cursor_col, token.map[1])
                if located is None:
                    continue
                line, column = located
                raw = self.line_text(line)
                if child.type == "image":
                    close = raw.find(")", column)
                    end = close + 1 if close != -1 else len(raw)
                    span = Span(line, column + 1, line, end + 1)
                    text = child.content
                else:
                    start = column + 2
                    end = start
                    while end < len(raw) and raw[end] not in " )":
                        end += 1
                    span = Span(line, start + 1, line, end + 1)
                    text = ""
                found.append(Link(href, text, span, child.type == "image"))
                cursor_line, cursor_col = line, span.end_column - 1
        return tuple(found)

    def find_after(self, needle: str, line: int, column: int, last_line: int) -> tuple[int, int] | None:
        """(line, column) of `needle` at or after (line, column), up to `last_line`; None if absent."""
        while line <= last_line:
            index = self.line_text(line).find(needle, column)
            if index != -1:
                return line, index
            line, column = line + 1, 0
        return None

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        found = []
        lists = quotes = 0
        tokens = self.tokens
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
            elif kind == "blockquote_open":
                quotes += 1
            elif kind == "blockquote_close":
                quotes -= 1
            elif kind == "paragraph_open" and token.map:
                inline = tokens[index + 1]
                found.append(
                    Paragraph(token.map[0] + 1, token.map[1], inline.content, lists > 0, quotes > 0)
                )
        return tuple(found)

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """Tables markdown-it accepted, plus pipe blocks it rejected because the delimiter row is off."""
        found = []
        for token in self.tokens:
            if token.type == "table_open" and token.map:
                found.append(self._table_from_lines(token.map[0] + 1, token.map[1], parsed=True))
        for paragraph in self.paragraphs:
            first, second = paragraph.start_line, paragraph.start_line + 1
            if second <= paragraph.end_line and "|" in self.line_text(first) and is_delimiter_row(self.line_text(second)):
                found.append(self._table_from_lines(first, paragraph.end_line, parsed=False))
        return tuple(sorted(found, key=lambda table: table.start_line))

    def _table_from_lines(self, first: int, last: int, parsed: bool) -> Table:
        def row(line: int) -> Row:
            return Row(line, split_row(self.line_text(line), line), self.line_span(line))

        rows = tuple(row(line) for line in range(first + 2, last + 1) if self.line_text(line).strip())
        return Table(row(first), row(first + 1), rows, first, last, parsed)
