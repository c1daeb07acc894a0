"""`Document`: one article, decoded and parsed once, with cached views for the rules.

Positions follow one convention everywhere: lines are 1-based from the top of the file
(frontmatter included), columns are 1-based code points, and end columns are exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from healthlint.diagnostic import Span
from healthlint.i18n import Messages

UTF8_BOM = b"\xef\xbb\xbf"
DEFAULT_MAX_FILE_SIZE = 5_000_000

# Frontmatter is a handful of keys; anything far beyond this is hostile or broken.
MAX_FRONTMATTER_CHARS = 64_000
MAX_YAML_NESTING = 50
MAX_YAML_NODES = 10_000

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
        "unclosed": {
            "en": "The frontmatter opens with `---` on line 1 but never closes: the whole article is read "
            "as settings, so the page has no text. Add a line with `---` after the last setting.",
            "da": "Frontmatter åbner med `---` på linje 1, men lukkes aldrig: hele artiklen læses som "
            "indstillinger, så siden har ingen tekst. Tilføj en linje med `---` efter den sidste indstilling.",
        },
        "empty-frontmatter": {
            "en": "The frontmatter is empty: the page has no title, dates or meta title.",
            "da": "Frontmatter er tom: siden har ingen titel, datoer eller metatitel.",
        },
        "too-large": {
            "en": "The frontmatter is too large or too deeply nested to be real article settings "
            "(limits: {chars} characters, {levels} levels); it was not read.",
            "da": "Frontmatter er for stor eller for dybt indlejret til at være rigtige artikelindstillinger "
            "(grænser: {chars} tegn, {levels} niveauer); den blev ikke læst.",
        },
        "not-yaml": {
            "en": "The frontmatter is not valid YAML: {problem}{context}. The site cannot read any setting "
            "in it; a common cause is a value with `:` that needs quotes.",
            "da": 'Frontmatter er ikke gyldig YAML (YAML-læseren melder: "{problem}{context}"). Sitet kan ikke '
            "læse nogen af indstillingerne; en almindelig årsag er en værdi med `:`, der skal stå i anførselstegn.",
        },
        "does-not-parse": {"en": "it does not parse", "da": "den kan ikke fortolkes"},
        "not-yaml-error": {
            "en": "The frontmatter is not valid YAML ({error}).",
            "da": "Frontmatter er ikke gyldig YAML ({error}).",
        },
        "not-mapping": {
            "en": "The frontmatter is not a list of `key: value` settings, so the page has no title or dates. "
            'Write one setting per line, such as `title: "Hekseskud i lænden"`.',
            "da": "Frontmatter er ikke en række `nøgle: værdi`-indstillinger, så siden har ingen titel eller datoer. "
            'Skriv én indstilling pr. linje, fx `title: "Hekseskud i lænden"`.',
        },
        "aliases": {
            "en": "The frontmatter expands to more than {nodes} values (YAML aliases such as `*a` "
            "repeat data); it was not read. Article settings never need aliases.",
            "da": "Frontmatter folder sig ud til mere end {nodes} værdier (YAML-aliaser som `*a` "
            "gentager data); den blev ikke læst. Artikelindstillinger har aldrig brug for aliaser.",
        },
        "unsafe": {
            "en": "The frontmatter uses a YAML feature the site cannot read: {problem}. "
            "Use plain `key: value` settings; YAML tags such as `!!python/object` are never run.",
            "da": 'Frontmatter bruger en YAML-funktion, som sitet ikke kan læse (YAML-læseren melder: "{problem}"). '
            "Brug almindelige `nøgle: værdi`-indstillinger; YAML-tags som `!!python/object` bliver aldrig kørt.",
        },
        "value-unreadable": {
            "en": "A frontmatter value cannot be read ({error}).",
            "da": "En værdi i frontmatter kan ikke læses ({error}).",
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
# Frontmatter


class Field(NamedTuple):
    """One top-level frontmatter key with its value and where both stand in the file."""

    key: str
    value: Any
    key_span: Span
    value_span: Span | None  # None when the key has no value at all (`title:`)
    quoted: bool = False
    # For list and mapping values: the same shape as `value`, with the Span of each scalar.
    inner: Any = None


class FrontMatterError(NamedTuple):
    kind: str  # "unclosed" | "syntax" | "not-mapping" | "unsafe"
    message: str
    span: Span


@dataclass
class FrontMatter:
    present: bool = False
    start_line: int = 0  # line of the opening `---`
    end_line: int = 0  # line of the closing `---` (0 when it never closes)
    fields: dict[str, Field] = field(default_factory=dict)
    duplicates: list[Field] = field(default_factory=list)
    error: FrontMatterError | None = None

    def get(self, key: str, default: Any = None) -> Any:
        found = self.fields.get(key)
        return default if found is None else found.value


_YAML_LOADER = None


def _yaml_loader_class():
    # libyaml's loader is several times faster on frontmatter; fall back when it is missing.
    global _YAML_LOADER
    if _YAML_LOADER is None:
        import yaml

        _YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _YAML_LOADER


def _boundary_re() -> re.Pattern:
    # python-frontmatter's own boundary: a line of three or more dashes.
    import frontmatter

    return frontmatter.YAMLHandler.FM_BOUNDARY


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


class _Budget(Exception):
    pass


class _Start:
    index = 0  # a YAML mark at the start of the frontmatter


_START = _Start()


def _nesting_depth(text: str) -> int:
    """An upper bound of the YAML nesting, found without parsing (libyaml recurses in C)."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    indents = {len(line) - len(line.lstrip(" -")) for line in text.split("\n") if line.strip()}
    return max(deepest, len(indents))


def parse_frontmatter(text: str, position) -> tuple[FrontMatter, int]:
    """Split and parse the frontmatter; return it and the 0-based offset where the body starts.
    `position` turns an offset in `text` into the file's (line, column)."""
    fm = FrontMatter()
    if not text.startswith("---"):
        return fm, 0
    boundaries = _boundary_re().finditer(text)
    opening = next(boundaries, None)
    if opening is None or opening.start() != 0:
        return fm, 0
    fm.present = True
    fm.start_line = 1
    closing = next(boundaries, None)
    if closing is None:
        fm.error = FrontMatterError("unclosed", MESSAGES.text("unclosed"), Span(1, 1, 1, 4))
        return fm, 0
    fm.end_line = position(closing.start())[0]
    body_start = text.find("\n", closing.start())
    body_start = len(text) if body_start == -1 else body_start + 1
    start = opening.end()
    # YAML's marks count NEL, LS and PS as line breaks, which the file's lines do not: place a
    # mark by its character index instead of its line and column.
    _read_yaml(fm, text[start : closing.start()], lambda mark: position(start + mark.index))
    return fm, body_start


def _read_yaml(fm: FrontMatter, source: str, place) -> None:
    """Parse `source`; `place(mark)` is a YAML mark's (line, column) in the file."""
    import yaml

    def span_of(node) -> Span:
        return Span(*place(node.start_mark), *place(node.end_mark))

    if not source.strip():
        fm.error = FrontMatterError("not-mapping", MESSAGES.text("empty-frontmatter"), Span(1, 1, 1, 4))
        return
    if len(source) > MAX_FRONTMATTER_CHARS or _nesting_depth(source) > MAX_YAML_NESTING:
        message = MESSAGES.text("too-large", chars=MAX_FRONTMATTER_CHARS, levels=MAX_YAML_NESTING)
        fm.error = FrontMatterError("unsafe", message, Span(1, 1, 1, 4))
        return
    loader = _yaml_loader_class()(source)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = place(mark) if mark else place(_START)
        problem = error.problem or MESSAGES.text("does-not-parse")
        context = f" {error.context}" if error.context else ""
        message = MESSAGES.text("not-yaml", problem=problem, context=context)
        fm.error = FrontMatterError("syntax", message, Span.point(line, column))
        return
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        fm.error = FrontMatterError("syntax", MESSAGES.text("not-yaml-error", error=type(error).__name__), Span(1, 1, 1, 4))
        return
    finally:
        loader.dispose()

    if not isinstance(root, yaml.MappingNode):
        fm.error = FrontMatterError(
            "not-mapping", MESSAGES.text("not-mapping"), span_of(root) if root is not None else Span(1, 1, 1, 4)
        )
        return

    budget = [MAX_YAML_NODES]
    constructor = _yaml_loader_class()("")

    def scalar_span(node) -> Span:
        span = span_of(node)
        if node.style in ("'", '"') and span.line == span.end_line:
            return Span(span.line, span.column + 1, span.end_line, span.end_column - 1)
        return span

    def span_tree(node, depth: int = 0):
        if depth > MAX_YAML_NESTING:
            raise _Budget
        if isinstance(node, yaml.ScalarNode):
            return scalar_span(node)
        if isinstance(node, yaml.SequenceNode):
            return [span_tree(child, depth + 1) for child in node.value]
        return {str(key.value): span_tree(value, depth + 1) for key, value in node.value}

    def convert(node, depth: int = 0):
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_YAML_NESTING:
            raise _Budget
        if isinstance(node, yaml.ScalarNode):
            try:
                return constructor.construct_object(node, deep=True)
            except ValueError:
                # An unquoted impossible date (`2025-02-30`) is YAML's timestamp but no real date:
                # keep the text, so the date rules can point at it.
                return node.value
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            raise yaml.constructor.ConstructorError(None, None, f"the tag {node.tag!r} is not allowed", node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            return [convert(child, depth + 1) for child in node.value]
        result = {}
        for key_node, value_node in node.value:
            key = convert(key_node, depth + 1)
            result[key if isinstance(key, (str, int, float, bool)) else str(key)] = convert(value_node, depth + 1)
        return result

    try:
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            key = str(key_node.value)
            value = convert(value_node)
            is_null = isinstance(value_node, yaml.ScalarNode) and value is None
            empty_plain = is_null and value_node.value == ""
            quoted = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("'", '"')
            scalar = isinstance(value_node, yaml.ScalarNode)
            value_span = None if empty_plain else (scalar_span(value_node) if scalar else span_of(value_node))
            inner = None if scalar else span_tree(value_node)
            entry = Field(key, value, span_of(key_node), value_span, quoted, inner)
            if key in fm.fields:
                fm.duplicates.append(entry)
            fm.fields[key] = entry
    except _Budget:
        fm.fields.clear()
        fm.error = FrontMatterError("unsafe", MESSAGES.text("aliases", nodes=MAX_YAML_NODES), Span(1, 1, 1, 4))
    except yaml.constructor.ConstructorError as error:
        fm.fields.clear()
        mark = error.problem_mark
        line, column = place(mark) if mark else (1, 1)
        fm.error = FrontMatterError("unsafe", MESSAGES.text("unsafe", problem=error.problem), Span.point(line, column))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        fm.fields.clear()
        fm.error = FrontMatterError("syntax", MESSAGES.text("value-unreadable", error=error), Span(1, 1, 1, 4))
    finally:
        # The loader and the two recursive helpers refer to themselves: break those cycles
        # here, so an article leaves no garbage for the cycle collector (which a run calls rarely).
        constructor.dispose()
        convert = span_tree = None  # noqa: F841


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

    def __init__(self, path: str, text: str, *, bom: bool = False):
        self.path = path
        self.rel_path = path  # relative to the site root; the engine sets it
        self.bom = bom
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
    def from_bytes(cls, path: str, data: bytes) -> "Document | LoadFailure":
        decoded = decode(data)
        if isinstance(decoded, LoadFailure):
            return decoded
        text, bom = decoded
        return cls(path, text, bom=bom)

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
                located = self._find_after(needle, cursor_line, cursor_col, token.map[1])
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

    def _find_after(self, needle: str, line: int, column: int, last_line: int) -> tuple[int, int] | None:
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
