"""Gitignore-style globs with git's wildmatch rules, matched in time linear in the path.

Config globs (`include`, `exclude`, `per-file-ignores`, page kinds) and committed `.gitignore`
files come from the repository, which in a pull request is anyone's. A glob translated into
a backtracking regex (`*a*a*a*a*a*a*a*a*a*a*a*a*b`) can take minutes on one long file name, so
nothing here backtracks more than one step:

- a path and a pattern are split into segments at `/`; `**` segments split the pattern into
  groups of consecutive segments, and each group is found leftmost in the path (the first
  group at the start, the last at the end). Leftmost is never wrong, so one pass does it;
- within a segment, a pattern of literals and `*` is found piece by piece (`startswith` the
  first piece, `endswith` the last, `str.find` each middle one in order), and a segment with
  `?` or `[...]` by the two-pointer wildcard match (back up to the last `*` only). Both take
  at most len(pattern) x len(segment) steps.

The rules are git's (gitignore(5), wildmatch): `#` starts a comment; trailing spaces are
dropped unless escaped; `!` negates; a pattern with a `/` before its end is anchored to its
folder, one without matches a name at any depth; a trailing `/` matches folders only; `**`
as a whole segment matches any number of folders (`a/**`: everything inside `a`), elsewhere
it is `*`; `*` and `?` never match `/`; `[...]` classes with ranges, `[!...]`/`[^...]` and
`[:alpha:]`-style names; `\\` escapes the next character; the last matching pattern decides;
and a path inside a matched folder is matched, whatever a later `!` says. Names are matched
as text, not bytes (`?` is one character, `æ` too). One git quirk is not copied: git lets a
`**` that directly follows the literal start of a pattern (`foo**/bar`) cross folders.
"""

from __future__ import annotations

from functools import lru_cache
from operator import methodcaller
from typing import Callable, NamedTuple

PathTest = Callable[[str], bool]

# Tokens of a segment: literal characters are 1-character strings; these stand for `*` and `?`.
_STAR = object()
_ANY = object()

_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT = frozenset("0123456789")
_PRINT = frozenset(map(chr, range(0x20, 0x7F)))
# The classes wildmatch knows, ASCII only, as git's own ctype has them.
_NAMED_CLASSES = {
    "alnum": _LOWER | _UPPER | _DIGIT,
    "alpha": _LOWER | _UPPER,
    "blank": frozenset(" \t"),
    "cntrl": frozenset(map(chr, (*range(0x20), 0x7F))),
    "digit": _DIGIT,
    "graph": _PRINT - {" "},
    "lower": _LOWER,
    "print": _PRINT,
    "punct": _PRINT - _LOWER - _UPPER - _DIGIT - {" "},
    "space": frozenset(" \t\n\r"),
    "upper": _UPPER,
    "xdigit": _DIGIT | frozenset("abcdefABCDEF"),
}
_UNCLOSED = "a `[` has no closing `]`; write `\\[` for a literal bracket"


class Unusable(ValueError):
    """A pattern git can never match (wildmatch aborts on it), and why."""


def always(path: str) -> bool:
    return True


def never(path: str) -> bool:
    return False


# ---- one segment ---------------------------------------------------------------------------


class _CharClass:
    """A `[...]` class: characters, ranges and named classes, maybe negated."""

    __slots__ = ("chars", "ranges", "negated")

    def __init__(self, chars: frozenset[str], ranges: tuple[tuple[str, str], ...], negated: bool):
        # Small ranges (`a-z`) become members, so most classes are one set lookup.
        small = [(low, high) for low, high in ranges if ord(high) - ord(low) < 512]
        chars = chars.union(*(map(chr, range(ord(low), ord(high) + 1)) for low, high in small))
        self.chars, self.ranges, self.negated = chars, tuple(r for r in ranges if r not in small), negated

    def matches(self, char: str) -> bool:
        hit = char in self.chars or any(low <= char <= high for low, high in self.ranges)
        return hit != self.negated


def _parse_class(pattern: str, index: int, strict: bool) -> tuple[_CharClass, int]:
    """The class whose `[` is just before `index`, and the index after its `]`, read as
    wildmatch reads it: the first character is literal (`[]]` is a class of `]`), `-` between
    two characters is a range, `[:name:]` a named class. A backwards range (`[z-a]`) is no
    range in git (only its `z` matches); `strict` (config globs) refuses it as a mistake."""
    end = len(pattern)
    negated = index < end and pattern[index] in "!^"
    index += negated
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    previous: str | None = None  # the character a following `-` starts a range from
    first = True
    while True:
        if index >= end:
            raise Unusable(_UNCLOSED)
        char = pattern[index]
        if char == "]" and not first:
            return _CharClass(frozenset(chars), tuple(ranges), negated), index + 1
        first = False
        if char == "\\":
            index += 1
            if index >= end:
                raise Unusable(_UNCLOSED)
            previous = pattern[index]
            chars.add(previous)
        elif char == "-" and previous is not None and index + 1 < end and pattern[index + 1] != "]":
            index += 1
            high = pattern[index]
            if high == "\\":
                index += 1
                if index >= end:
                    raise Unusable(_UNCLOSED)
                high = pattern[index]
            if high >= previous:
                ranges.append((previous, high))
            elif strict:
                raise Unusable(f"the range `{previous}-{high}` runs backwards; write `{high}-{previous}`")
            previous = None
        elif char == "[" and index + 1 < end and pattern[index + 1] == ":":
            close = pattern.find("]", index + 2)
            if close < 0:
                raise Unusable(_UNCLOSED)
            if close - 1 <= index + 1 or pattern[close - 1] != ":":
                previous = "["  # no `:]` before the `]`: a literal `[`, read on from the `:`
                chars.add(previous)
            else:
                name = pattern[index + 2 : close - 1]
                if name not in _NAMED_CLASSES:
                    raise Unusable(f"`[:{name}:]` is not a character class ({', '.join(_NAMED_CLASSES)})")
                chars.update(_NAMED_CLASSES[name])
                previous = None
                index = close
        else:
            previous = char
            chars.add(char)
        index += 1


def _segments(pattern: str, strict: bool) -> list[list]:
    """The pattern split at `/` (escaped or not, as wildmatch compares `\\/` with `/`), each
    segment a list of tokens: literal characters, _STAR (a run of `*`), _ANY and classes."""
    segments: list[list] = [[]]
    index, end = 0, len(pattern)
    while index < end:
        char = pattern[index]
        index += 1
        if char == "\\":
            if index >= end:
                raise Unusable("it ends with a lone `\\`; write `\\\\` for a backslash")
            char = pattern[index]
            index += 1
            if char == "/":
                segments.append([])
            else:
                segments[-1].append(char)
        elif char == "/":
            segments.append([])
        elif char == "*":
            segments[-1].append(_STAR)
        elif char == "?":
            segments[-1].append(_ANY)
        elif char == "[":
            token, index = _parse_class(pattern, index, strict)
            segments[-1].append(token)
        else:
            segments[-1].append(char)
    return segments


def _is_double_star(tokens: list) -> bool:
    """`**` as a whole segment (any run of two or more unescaped stars)."""
    return len(tokens) >= 2 and all(token is _STAR for token in tokens)


def _segment_test(tokens: list) -> PathTest:
    """A test of one path segment (no `/` in it) against one pattern segment.

    The `*`s cut the segment into pieces of fixed width: the first piece must start the
    text, the last must end it, and each one between is found leftmost after the one before
    (a later find can only do worse). Literal pieces use str methods; pieces with `?` or a
    class are checked character by character. At most len(pattern) x len(text) steps.
    """
    pieces: list[list] = [[]]
    for token in tokens:
        if token is _STAR:
            if pieces[-1] or len(pieces) == 1:
                pieces.append([])
        else:
            pieces[-1].append(token)
    if len(pieces) == 1:
        only = pieces[0]
        if _is_literal(only):
            return "".join(only).__eq__
        width = len(only)
        return lambda text: len(text) == width and _piece_at(only, text, 0)
    if all(_is_literal(piece) for piece in pieces):
        return _literal_pieces_test(["".join(piece) for piece in pieces])
    return _pieces_test(pieces)


def _literal_pieces_test(pieces: list[str]) -> PathTest:
    """Literal pieces with `*` between them (`*.md`, `a*b*c`)."""
    head, middle, tail = pieces[0], [piece for piece in pieces[1:-1] if piece], pieces[-1]
    shortest = len(head) + len(tail) + sum(map(len, middle))
    if not middle:
        if not head:
            return methodcaller("endswith", tail) if tail else always
        if not tail:
            return methodcaller("startswith", head)
        return lambda text: len(text) >= shortest and text.startswith(head) and text.endswith(tail)

    def test(text: str) -> bool:
        if len(text) < shortest or not text.startswith(head) or not text.endswith(tail):
            return False
        position, stop = len(head), len(text) - len(tail)
        for piece in middle:
            found = text.find(piece, position, stop)
            if found < 0:
                return False
            position = found + len(piece)
        return True

    return test


def _piece_at(piece: list, text: str, start: int) -> bool:
    """Whether a fixed-width piece (literals, `?`, classes) matches `text` at `start`; the
    caller has made sure the text is long enough."""
    for offset, token in enumerate(piece):
        if type(token) is str:
            if text[start + offset] != token:
                return False
        elif token is not _ANY:
            char = text[start + offset]
            hit = char in token.chars
            if not hit and token.ranges:
                hit = any(low <= char <= high for low, high in token.ranges)
            if hit == token.negated:
                return False
    return True


def _find_piece(piece: list, text: str, position: int, stop: int) -> int:
    """The leftmost start >= position where the piece matches and ends by `stop`, or -1."""
    width = len(piece)
    anchor = next((offset for offset, token in enumerate(piece) if type(token) is str), None)
    last = stop - width
    while position <= last:
        if anchor is not None:  # jump to where the piece's first literal character is
            found = text.find(piece[anchor], position + anchor, last + anchor + 1)
            if found < 0:
                return -1
            position = found - anchor
        if _piece_at(piece, text, position):
            return position
        position += 1
    return -1


def _pieces_test(pieces: list[list]) -> PathTest:
    """Fixed-width pieces, some with `?` or classes, with `*` between them."""
    head, middle, tail = pieces[0], [piece for piece in pieces[1:-1] if piece], pieces[-1]
    shortest = len(head) + len(tail) + sum(map(len, middle))

    def test(text: str) -> bool:
        size = len(text)
        if size < shortest or not _piece_at(head, text, 0) or not _piece_at(tail, text, size - len(tail)):
            return False
        position, stop = len(head), size - len(tail)
        for piece in middle:
            found = _find_piece(piece, text, position, stop)
            if found < 0:
                return False
            position = found + len(piece)
        return True

    return test


# ---- one pattern -----------------------------------------------------------------------------


class Pattern(NamedTuple):
    """One compiled pattern. `kind` says how it is tested, so a set of patterns can test the
    common kinds together: "suffix" (`*.md`: the path ends with `value`), "name" (a literal
    name at any depth), "prefix" (`drafts/**`: the path starts with `value`), "path" (a literal
    anchored path), "basename"/"pathname" (`test` on the last segment / the whole path),
    "all" and "never"."""

    negated: bool
    folders_only: bool  # a trailing `/`
    kind: str
    value: object


def trim_trailing_spaces(line: str) -> str:
    """git drops trailing spaces, but not one escaped with `\\`."""
    trimmed = line.rstrip(" ")
    if trimmed != line and trimmed.endswith("\\"):
        backslashes = len(trimmed) - len(trimmed.rstrip("\\"))
        if backslashes % 2:
            return trimmed + " "
    return trimmed


@lru_cache(maxsize=4096)
def compile_pattern(line: str, strict: bool) -> Pattern:
    """A pattern line (trailing spaces already trimmed, not a comment). With `strict` (config
    globs), a pattern git can never match raises Unusable; a .gitignore line just never matches."""
    negated = line.startswith("!")
    body = line[1:] if negated else line
    if not body:
        if strict:
            raise Unusable("`!` with nothing after it matches nothing")
        return Pattern(negated, False, "never", None)
    folders_only = body.endswith("/")
    if folders_only:
        body = body[:-1]
    anchored = "/" in body  # as git: only a raw `/` anchors; the trailing one is already gone
    if anchored and body.startswith("/"):
        body = body[1:]
    try:
        segments = _segments(body, strict)
    except Unusable:
        if strict:
            raise
        return Pattern(negated, folders_only, "never", None)
    if not anchored:
        # One segment, matched against the name at any depth; `**` in it is just `*`.
        return Pattern(negated, folders_only, *_name_kind(segments[0]))
    stars = [_is_double_star(segment) for segment in segments]
    while len(segments) > 1 and stars[0] and stars[1]:  # `**/**/x` is `**/x`
        segments, stars = segments[1:], stars[1:]
    if len(segments) == 2 and stars[0] and not stars[1]:
        return Pattern(negated, folders_only, *_name_kind(segments[1]))  # `**/x` is `x`
    if all(stars):
        return Pattern(negated, folders_only, "all", None)
    literal = [None if star or not _is_literal(segment) else "".join(segment) for segment, star in zip(segments, stars)]
    if all(text is not None for text in literal):
        return Pattern(negated, folders_only, "path", "/".join(literal))
    if stars[-1] and not any(stars[:-1]) and all(text is not None for text in literal[:-1]):
        return Pattern(negated, folders_only, "prefix", "/".join(literal[:-1]) + "/")
    return Pattern(negated, folders_only, "pathname", _path_test(segments, stars))


def _is_literal(tokens: list) -> bool:
    return all(type(token) is str for token in tokens)


def _name_kind(tokens: list) -> tuple[str, object]:
    """How to test a pattern without `/` against a name: `*.md` is a suffix of the path."""
    if _is_literal(tokens):
        return ("name", "".join(tokens)) if tokens else ("never", None)
    rest = tokens
    while rest and rest[0] is _STAR:
        rest = rest[1:]
    if rest is not tokens and _is_literal(rest):
        return ("suffix", "".join(rest)) if rest else ("all", None)
    return "basename", _segment_test(tokens)


def _path_test(segments: list[list], stars: list[bool]) -> PathTest:
    """A test of a whole relative path against an anchored pattern with wildcards.

    The `**` segments cut the pattern into groups of consecutive segments. The first group is
    matched at the path's start and the last at its end; every group between is found
    leftmost after the one before (a later place can only leave less room for the rest). A
    `**` at the end must match at least one segment (`a/**` is what is inside `a`, not `a`),
    one at the start or in the middle any number.
    """
    groups: list[list[PathTest]] = [[]]
    literal_start = []  # the literal folders the pattern starts with: one startswith rejects most paths
    for segment, star in zip(segments, stars):
        if star:
            groups.append([])
        else:
            groups[-1].append(_segment_test(segment))
            if len(groups) == 1 and len(literal_start) == len(groups[0]) - 1 and _is_literal(segment):
                literal_start.append("".join(segment))
    known = len(literal_start) if len(literal_start) < len(segments) else len(literal_start) - 1
    start = "".join(part + "/" for part in literal_start[:known])
    if len(groups) == 1 and known == len(segments) - 1:
        # Literal folders and a name (`blog/*.md`), the common case: no split needed.
        width, (name_test,) = len(start), groups[0][known:]
        return lambda path: path.startswith(start) and path.find("/", width) < 0 and name_test(path[width:])
    if len(groups) == 1:
        only = groups[0][known:]
        slashes = len(segments) - 1

        def exact(path: str) -> bool:
            if path.count("/") != slashes or not path.startswith(start):
                return False
            parts = path.split("/")[known:]
            for segment_test, part in zip(only, parts):
                if not segment_test(part):
                    return False
            return True

        return exact
    head, tail = groups[0], groups[-1]
    middle = [group for group in groups[1:-1] if group]
    open_end = not tail  # a trailing `**`: at least one segment after the rest
    shortest = len(head) + len(tail) + sum(map(len, middle)) + open_end
    # The leftmost placement of the middle groups in each path prefix seen so far, as (groups
    # placed, where the next one may begin). Leftmost placement of a prefix never changes when
    # the path gets longer, and a walk asks about a folder right after its parent, so each
    # new folder costs one step from its parent's placement, not a search of its whole path.
    placements: dict[str, tuple[int, int]] = {}
    nothing_placed = (0, len(head))

    def placement(path: str, parts: list[str]) -> tuple[int, int]:
        count = len(parts)
        unplaced = []  # (segments in the prefix, where it ends in `path`), longest first
        size, end = count, len(path)
        state = None
        while size > 0:
            state = placements.get(path[:end])
            if state is not None:
                break
            unplaced.append((size, end))
            size, end = size - 1, end - len(parts[size - 1]) - 1
        placed, begin = state or nothing_placed
        if len(placements) > 100_000:
            placements.clear()  # a bound for long-lived processes
        for size, end in reversed(unplaced):
            if placed < len(middle):
                # The one new place the next group can be found: ending at the new segment.
                group = middle[placed]
                first = size - len(group)
                if first >= begin and all(test(parts[first + index]) for index, test in enumerate(group)):
                    placed, begin = placed + 1, size
            placements[path[:end]] = (placed, begin)
        return placed, begin

    def test(path: str) -> bool:
        if not path.startswith(start) or path.count("/") + 1 < shortest:
            return False
        parts = path.split("/")
        count = len(parts)
        for index in range(known, len(head)):
            if not head[index](parts[index]):
                return False
        end = count - len(tail)
        for index, segment_test in enumerate(tail):
            if not segment_test(parts[end + index]):
                return False
        if not middle:
            return True
        placed, after = placement(path, parts)
        return placed == len(middle) and after <= end - open_end

    return test
