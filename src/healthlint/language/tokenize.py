"""Prose of an article — paragraphs, list items, table cells — split into sentences and words.

Every word and sentence keeps its place in the file (`Span`: 1-based line, column in code
points, end exclusive), so rules can point at it. Only prose counts: headings, code, URLs,
HTML and frontmatter are left out; a link's text is prose, its target is not.

markdown-it gives a paragraph's lines but not the columns of its inline content, so the
inline source is read here, character by character, with its file position: markup that the
reader never sees (`**`, `[`, `](url)`) is dropped, things that are not prose (`code`, URLs,
HTML) become a separator, and everything else keeps the position where it is written.
"""

from __future__ import annotations

import re
import weakref
from itertools import repeat
from typing import TYPE_CHECKING, Iterable, NamedTuple

from healthlint.diagnostic import Span
from healthlint.language import abbreviations

if TYPE_CHECKING:
    from healthlint.document import Document

# Stands for something that is written but is not prose (code span, URL, HTML tag): it
# separates words and is shown as "…" in a sentence's text.
SEPARATOR = "\ufffc"
# Invisible characters that may sit inside a word (soft hyphen, zero-width space/joiners).
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

# Ends a sentence where the text shows no stop: a hard line break, or the end of a line that
# holds only a bold label (`**Udgangsstilling**` above its text).
BREAK = "\u2029"
_TERMINATOR_RUN = re.compile("[.!?:]+|" + BREAK)
_BOLD_LABEL = re.compile(r"^\s*(\*\*|__)[^*_\n]+\1\s*:?\s*$")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum accepts
# A word is long (LIX) when it has more than this many letters.
LONG_WORD_LETTERS = 6
_CLOSERS = frozenset(")]\"'”’»")
# A word: letters, with single hyphens or apostrophes inside; not glued to a digit (`B12`, `3D`).
WORD_RE = re.compile(r"(?<![^\W_])[^\W\d_]+(?:[-‐'’][^\W\d_]+)*(?![^\W_])")
_URL_RE = re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>\ufffc]*", re.IGNORECASE)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_RE = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<![A-Z]+[^>]*>|<!\[CDATA\[.*?\]\]>"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>",
    re.DOTALL,
)
_AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>")
_SPECIAL = re.compile("[\\\\`<&!\\[\\]*~_\n\t\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPECIAL_PLAIN = re.compile("[\n\t\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Word(NamedTuple):
    # A flat named tuple: an article makes thousands of these, so the position is stored as
    # plain numbers and the letter count once, and `span` is built only for a word reported.
    text: str  # as written, with internal hyphens and apostrophes
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    letters: int  # length in letters: `NSAID’er` has 7, `knæ-til-bryst-øvelsen` 18

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)


class Sentence(NamedTuple):
    text: str  # what the reader sees, whitespace collapsed; code and URLs shown as "…"
    span: Span
    words: tuple[Word, ...]
    terminated: bool  # ends in . ! ? or : (False for the unpunctuated end of a cell or item)
    long_words: int = 0  # words of more than six letters (LIX), counted once here


class ProseUnit(NamedTuple):
    kind: str  # "paragraph" | "list_item" | "table_cell" | "text"
    span: Span
    sentences: tuple[Sentence, ...]
    words: tuple[Word, ...] = ()  # every sentence's words, in order


# ---------------------------------------------------------------------------------------
# Views of a Document

_UNITS: "weakref.WeakKeyDictionary[Document, tuple[ProseUnit, ...]]" = weakref.WeakKeyDictionary()


def prose_units(doc: "Document") -> tuple[ProseUnit, ...]:
    """The article's prose in file order: paragraphs, list items and table body cells.

    Table header cells are column labels, read like headings, so they are not prose.
    Computed once per document.
    """
    cached = _UNITS.get(doc)
    if cached is None:
        cached = _UNITS[doc] = tuple(_document_units(doc))
    return cached


def sentences(doc: "Document") -> tuple[Sentence, ...]:
    return tuple(sentence for unit in prose_units(doc) for sentence in unit.sentences)


def words(doc: "Document") -> tuple[Word, ...]:
    return tuple(word for unit in prose_units(doc) for word in unit.words)


def tokenize_text(text: str, line: int = 1, column: int = 1, *, markdown: bool = False, kind: str = "text") -> ProseUnit:
    """Sentences and words of a piece of text that starts at (line, column) in the file.

    For frontmatter values and tests; `markdown=True` reads inline Markdown as in the body.
    """
    if "\n" not in text:  # one line: headings, cells, most frontmatter values
        positions = list(zip(repeat(line), range(column, column + len(text))))
        return _unit(kind, text, positions, (line, column + len(text)), markdown=markdown)
    positions = []
    current_line, current_column = line, column
    for ch in text:
        positions.append((current_line, current_column))
        if ch == "\n":
            current_line, current_column = current_line + 1, 1
        else:
            current_column += 1
    end = (current_line, current_column)
    return _unit(kind, text, positions, end, markdown=markdown)


def _document_units(doc: "Document") -> Iterable[ProseUnit]:
    table_lines = {line for table in doc.tables for line in range(table.start_line, table.end_line + 1)}
    units = []
    for paragraph in doc.paragraphs:
        if paragraph.start_line in table_lines:
            continue  # a pipe table markdown-it did not accept: its cells are read below
        kind = "list_item" if paragraph.in_list else "paragraph"
        source, positions, end = _paragraph_source(doc, paragraph)
        units.append(_unit(kind, source, positions, end, markdown=True))
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if not cell.text:
                    continue
                line, column = cell.span.line, cell.span.column
                positions = [(line, column + offset) for offset in range(len(cell.text))]
                units.append(_unit("table_cell", cell.text, positions, (line, column + len(cell.text)), markdown=True))
    units = [unit for unit in units if unit.sentences]
    units.sort(key=lambda unit: (unit.span.line, unit.span.column))
    return units


def _paragraph_source(doc: "Document", paragraph) -> tuple[str, list[tuple[int, int]], tuple[int, int]]:
    """The paragraph's inline source with the file position of each character.

    markdown-it strips container prefixes (`> `, `- `, indentation) from each line, so each
    content line is the end of its file line, up to trailing blanks.
    """
    positions: list[tuple[int, int]] = []
    content_lines = paragraph.content.split("\n")
    end = (paragraph.start_line, 1)
    for index, content_line in enumerate(content_lines):
        line = paragraph.start_line + index
        raw = doc.line_text(line)
        raw_trimmed, content_trimmed = raw.rstrip(), content_line.rstrip()
        if content_trimmed and raw_trimmed.endswith(content_trimmed):
            offset = len(raw_trimmed) - len(content_trimmed)
        else:  # tabs expanded in the indentation: fall back to the first visible character
            offset = len(raw) - len(raw.lstrip())
        positions.extend(zip(repeat(line), range(offset + 1, offset + 1 + len(content_line))))
        end = (line, offset + len(content_trimmed) + 1)
        if index < len(content_lines) - 1:
            positions.append((line, offset + len(content_line) + 1))
    return paragraph.content, positions, end


# ---------------------------------------------------------------------------------------
# Inline Markdown → what the reader sees


def _visible(source: str, positions: list[tuple[int, int]], markdown: bool) -> tuple[str, list[tuple[int, int]]]:
    chars: list[str] = []
    where: list[tuple[int, int]] = []

    def emit(text: str, at: int) -> None:
        for ch in text:
            chars.append(ch)
            where.append(positions[at])

    separators: dict[int, int] = {}  # start → end of text that is not prose
    for pattern in (_URL_RE, _EMAIL_RE):
        for match in pattern.finditer(source):
            separators.setdefault(match.start(), _trim_url(source, match))
    dropped: dict[int, int] = {}  # start → end of markup the reader does not see
    special = _SPECIAL if markdown else _SPECIAL_PLAIN
    n = len(source)
    i = 0
    while i < n:
        if i not in separators:
            # Copy the run of ordinary characters up to the next one that needs a look.
            match = special.search(source, i)
            stop = match.start() if match else n
            if separators:
                stop = min([stop, *(start for start in separators if i < start < stop)])
            if stop > i:
                chars.extend(source[i:stop])
                where.extend(positions[i:stop])
                i = stop
                continue
        if i in dropped:
            i = dropped[i]
            continue
        if i in separators:
            emit(SEPARATOR, i)
            i = separators[i]
            continue
        ch = source[i]
        if ch in _INVISIBLE:
            i += 1
            continue
        if ch == "\n" or ch == "\t":
            emit(BREAK if markdown and ch == "\n" and _line_break(source, i) else " ", i)
            i += 1
            continue
        if not markdown:
            emit(ch, i)
            i += 1
            continue
        if ch == "\\" and i + 1 < n and (source[i + 1] in _ASCII_PUNCTUATION or source[i + 1] == "\n"):
            emit(source[i + 1] if source[i + 1] != "\n" else BREAK, i + 1)  # `\` at a line end: a hard break
            i += 2
            continue
        if ch == "`":
            run = _run_length(source, i, "`")
            close = _closing_backticks(source, i + run, run)
            if close != -1:
                emit(SEPARATOR, i)
                i = close + run
            else:
                emit("`" * run, i)
                i += run
            continue
        if ch == "<":
            match = _AUTOLINK_RE.match(source, i) or _HTML_RE.match(source, i)
            if match:
                emit(SEPARATOR, i)
                i = match.end()
                continue
        if ch == "&":
            match = _ENTITY_RE.match(source, i)
            if match:
                import html  # only articles with entities pay for html.entities

                decoded = html.unescape(match.group())
                emit(" " if decoded == "\xa0" else decoded, i)
                i = match.end()
                continue
        if ch == "!" and source.startswith("[", i + 1):
            close = _matching_bracket(source, i + 1)
            after = _link_target_end(source, close) if close != -1 else -1
            if after != -1:
                emit(SEPARATOR, i)  # an image: its alt text is not read as prose
                i = after
                continue
        if ch == "[":
            close = _matching_bracket(source, i)
            after = _link_target_end(source, close) if close != -1 else -1
            if after != -1:
                dropped[close] = after  # `](target)` or `][label]`
                i += 1
                continue
        if ch in "*~" or (ch == "_" and not _between_alnum(source, i)):
            i += 1
            continue
        emit(ch, i)
        i += 1
    return "".join(chars), where


def _line_break(source: str, i: int) -> bool:
    """Whether the newline at `i` ends a sentence the text does not stop: a hard break (two
    spaces before it) or a line that is only a bold label."""
    if source.endswith("  ", 0, i):
        return True
    start = source.rfind("\n", 0, i) + 1
    return bool(_BOLD_LABEL.match(source, start, i))


def _trim_url(source: str, match: re.Match) -> int:
    """End of a bare URL without the punctuation that closes the sentence around it."""
    end = match.end()
    while end > match.start():
        last = source[end - 1]
        if last in ".,:;!?'\"*_~" or (last == ")" and source.count("(", match.start(), end) < source.count(")", match.start(), end)):
            end -= 1
        else:
            break
    return end


def _run_length(source: str, start: int, ch: str) -> int:
    end = start
    while end < len(source) and source[end] == ch:
        end += 1
    return end - start


def _closing_backticks(source: str, start: int, run: int) -> int:
    i = start
    while True:
        i = source.find("`" * run, i)
        if i == -1:
            return -1
        length = _run_length(source, i, "`")
        if length == run:
            return i
        i += length


def _matching_bracket(source: str, start: int) -> int:
    depth = 0
    i = start
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = _run_length(source, i, "`")
            close = _closing_backticks(source, i + run, run)
            i = close + run if close != -1 else i + run
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _link_target_end(source: str, close: int) -> int:
    """End of `(target)` or `[label]` right after a `]`, or -1 when there is none."""
    if source.startswith("(", close + 1):
        depth = 0
        i = close + 1
        while i < len(source):
            ch = source[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            elif ch == "\n" and source.startswith("\n", i + 1):
                return -1
            i += 1
        return -1
    if source.startswith("[", close + 1):
        end = source.find("]", close + 2)
        return end + 1 if end != -1 else -1
    return -1


def _between_alnum(source: str, i: int) -> bool:
    return 0 < i < len(source) - 1 and source[i - 1].isalnum() and source[i + 1].isalnum()


# ---------------------------------------------------------------------------------------
# Sentences and words


def _unit(kind: str, source: str, positions: list[tuple[int, int]], end: tuple[int, int], *, markdown: bool) -> ProseUnit:
    text, where = _visible(source, positions, markdown)
    found = []
    for start, stop, terminated in _sentence_bounds(text):
        found.append(_sentence(text, where, start, stop, terminated))
    first = where[0] if where else end
    all_words = tuple(word for sentence in found for word in sentence.words)
    return ProseUnit(kind, Span(first[0], first[1], end[0], end[1]), tuple(found), all_words)


_new_tuple = tuple.__new__  # builds a named tuple without its Python-level __new__: thousands per article


def _sentence(text: str, where: list[tuple[int, int]], start: int, stop: int, terminated: bool) -> Sentence:
    found = []
    long_words = 0
    for match in WORD_RE.finditer(text, start, stop):
        a, b = match.span()
        word = text[a:b]
        line, column = where[a]
        end_line, end_column = where[b - 1]
        letters = b - a if word.isalpha() else sum(ch.isalpha() for ch in word)
        if letters > LONG_WORD_LETTERS:
            long_words += 1
        found.append(_new_tuple(Word, (word, line, column, end_line, end_column + 1, letters)))
    shown = " ".join(text[start:stop].replace(SEPARATOR, "…").split())
    span = _new_tuple(Span, (*where[start], where[stop - 1][0], where[stop - 1][1] + 1))
    return _new_tuple(Sentence, (shown, span, tuple(found), terminated, long_words))


def _sentence_bounds(text: str) -> Iterable[tuple[int, int, bool]]:
    """(start, end, terminated) of each sentence: end exclusive, blanks trimmed."""
    n = len(text)
    start = 0
    for run in _TERMINATOR_RUN.finditer(text):
        first, run_end = run.span()
        if text[first] == BREAK:
            bounds = _trim(text, start, first)
            if bounds:
                yield (*bounds, False)
            start = run_end
            continue
        after = run_end
        if after < n and _glued(text, first, run_end, after):
            # `skulderhøjde.Gå`: a full stop with no space after it still ends the sentence
            # (HL606 reports the missing space).
            bounds = _trim(text, start, after)
            if bounds:
                yield (*bounds, True)
            start = after
            continue
        while after < n and text[after] in _CLOSERS:
            after += 1
        if (after == n or text[after].isspace()) and _ends_sentence(text, first, run_end, after):
            bounds = _trim(text, start, after)
            if bounds:
                yield (*bounds, True)
            start = after
    bounds = _trim(text, start, n)
    if bounds:
        yield (*bounds, False)


def _glued(text: str, first: int, run_end: int, after: int) -> bool:
    """A full stop between a lowercase word of two letters or more and a capitalised word."""
    if text[first:run_end] != "." or not (text[after].isupper() and text[after + 1 : after + 2].islower()):
        return False
    start = first
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:first]
    if len(word) < 2 or not word.islower() or (start > 0 and text[start - 1] in ".@/"):
        return False
    return (word + ".") not in abbreviations.ALL


def _ends_sentence(text: str, first: int, run_end: int, after: int) -> bool:
    if text[first:run_end] != ".":
        return True  # ! ? : and runs such as ?! or ...
    token_start = first
    while token_start > 0 and (text[token_start - 1].isalnum() or text[token_start - 1] == "."):
        token_start -= 1
    token = text[token_start:first]
    following = _next_visible(text, after)
    if token.isdigit():
        # `17. maj`, `2. gang`: an ordinal; a capital after the number starts a new sentence.
        return not (following.islower() or following.isdigit())
    abbreviation = token.lower() + "."
    if abbreviation in abbreviations.INSIDE:
        return following == ""
    if abbreviation in abbreviations.CLOSING or abbreviation in abbreviations.LATIN:
        return following == "" or following.isupper()
    return True


def _next_visible(text: str, i: int) -> str:
    while i < len(text) and (text[i].isspace() or text[i] in "\"'“”‘’«»(["):
        i += 1
    return text[i] if i < len(text) else ""


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end or not _ALNUM.search(text, start, end):
        return None
    return start, end
