"""A pack rule once loaded: its limits, its compiled patterns and conditions, and the spec the
runner follows; patterns are checked for cost and nested repeats when they are compiled."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Sequence

from healthlint.diagnostic import Severity

# A pattern that needs longer than this on one passage is broken; the engine reports it.
MATCH_TIMEOUT = 0.25
# A pack file is a few kilobytes of rules; refuse anything far larger before parsing it.
MAX_PACK_BYTES = 1_000_000
# What a project pack's pattern may cost to compile (the shipped packs are far inside these).
MAX_PATTERN_CHARS = 2_000
MAX_REPEAT_COUNT = 1_000  # `{m}` and `{m,n}`: m and n at most this
MAX_PATTERN_WEIGHT = 10_000  # pieces once counted repeats are written out: a few MB compiled
MAX_TOTAL_WEIGHT = 100_000  # all patterns of the packs loaded together (the shipped pack: under 2,000)

_WORD = r"[\wæøåÆØÅ]"
KINDS = ("existence", "substitution", "required", "conditional")
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
SCOPES = ("paragraph", "list-item", "table-cell", "heading", "sentence", "title", "meta-title", "description")
SCOPE_GROUPS = {
    "prose": ("paragraph", "list-item", "table-cell"),
    "body": ("paragraph", "list-item", "table-cell", "heading"),
}
WITHIN = ("sentence", "paragraph", "section", "article")
# Kinds of section a rule may leave out with `not-in` (see _section_kinds): text in a myths
# section states what it refutes; questions ask rather than claim.
SECTION_KINDS = ("myths", "faq", "questions")
_MYTHS_HEADING = re.compile(r"(?<![\wæøå])(?:myte|myten|myter|myterne|misforståelse|misforståelser|misforståelserne)(?![\wæøå])", re.IGNORECASE)
_FAQ_HEADING = re.compile(r"ofte stillede spørgsmål|spørgsmål og svar|(?<![\wæøå])faq(?![\wæøå])", re.IGNORECASE)
ONCE_PER = ("section", "article")
REPORTS = ("first", "each-match")
FIX_CHOICES = ("safe", "unsafe", "none")

_COMMON_KEYS = {
    "code", "name", "extends", "level", "message", "message-da", "why", "summary", "summary-da", "example", "instead",
    "tags", "scope", "globs", "default", "why-off", "why-off-da", "examples", "not-in",
}
_KIND_KEYS = {
    "existence": {"patterns", "exceptions", "once-per"},
    "substitution": {"swap", "fix", "exceptions"},
    "required": {"patterns"},
    "conditional": {"if", "then", "within", "then-scope", "exceptions", "alternatives", "report", "unless"},
}
_REQUIRED_KEYS = {
    "existence": ("patterns",),
    "substitution": ("swap",),
    "required": ("patterns",),
    "conditional": ("if", "then", "within"),
}
_DEFAULT_SCOPE = {
    "existence": ("prose",),
    "substitution": ("body",),
    "required": ("body",),
    "conditional": ("prose",),
}
_FRONTMATTER_SCOPES = {"title": "title", "meta-title": "metaTitle", "description": "description"}


class RulePackError(Exception):
    """A rule pack that cannot be used; names the file and the line (1-based)."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{self.path}:{line}: {message}")


class PatternTimeout(Exception):
    """A pack's pattern took longer than MATCH_TIMEOUT on one passage of an article."""


# ---------------------------------------------------------------------------------------
# Compiled rules


class _Pattern:
    """A pack's pattern, validated at load and compiled on first use.

    A user pack's pattern runs under the `regex` module with a time limit per passage, since a
    careless pattern can backtrack for minutes. The shipped packs' patterns are ours, reviewed
    and tested on hostile input, so they run on Python's `re`, which is faster and needs no limit.
    """

    __slots__ = ("source", "where", "groups", "shipped", "_compiled")

    def __init__(self, source: str, where: str, groups: int, shipped: bool = False):
        self.source, self.where, self.groups, self.shipped = source, where, groups, shipped
        self._compiled = None

    @property
    def compiled(self):
        if self._compiled is None:
            wrapped = f"(?<!{_WORD})(?:{self.source})(?!{_WORD})"
            if self.shipped:
                self._compiled = re.compile(wrapped, re.IGNORECASE)
            else:
                import regex

                self._compiled = regex.compile(wrapped, regex.IGNORECASE | regex.VERSION0)
        return self._compiled

    def finditer(self, text: str) -> Iterator:
        if self.shipped:
            return self.compiled.finditer(text)
        return self._finditer_limited(text)

    def _finditer_limited(self, text: str) -> Iterator:
        try:
            yield from self.compiled.finditer(text, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._too_slow() from None

    def _too_slow(self) -> PatternTimeout:
        return PatternTimeout(
            f"the pattern {self.source!r} ({self.where}) took more than {MATCH_TIMEOUT} s on one "
            "passage; simplify it (avoid nested or overlapping repeats)"
        )

    def search(self, text: str) -> bool:
        if self.shipped:
            return self.compiled.search(text) is not None
        try:
            return self.compiled.search(text, timeout=MATCH_TIMEOUT) is not None
        except TimeoutError:
            raise self._too_slow() from None


class _Patterns:
    """Several patterns searched together: one combined search first, so most passages cost one call."""

    __slots__ = ("items", "_any", "_joinable")

    def __init__(self, items: Sequence[_Pattern]):
        self.items = tuple(items)
        self._any: _Pattern | None = None
        # Joined patterns renumber their groups, which would break a backreference.
        self._joinable = len(self.items) > 1 and not any(re.search(r"\\\d|\(\?P=", p.source) for p in self.items)

    def __len__(self) -> int:
        return len(self.items)

    def _combined(self) -> _Pattern | None:
        if self._joinable and self._any is None:
            source = "|".join(f"(?:{p.source})" for p in self.items)
            where = ", ".join(dict.fromkeys(p.where for p in self.items))
            self._any = _Pattern(source, where, 0, shipped=all(p.shipped for p in self.items))
        return self._any

    def search(self, text: str) -> bool:
        combined = self._combined()
        if combined is not None:
            return combined.search(text)
        return any(p.search(text) for p in self.items)

    def finditer(self, text: str) -> list[tuple[int, Any]]:
        """(index of the pattern, match) for every match of every pattern."""
        if not self.items or (len(self.items) > 1 and not self.search(text)):
            return []
        return [(index, m) for index, p in enumerate(self.items) for m in p.finditer(text)]


class _Condition:
    """What `then` asks for: any of the plain patterns, or every group of an `all` item (each
    group any of its patterns) in the same passage: `all: [[søg, kontakt], [læge, 112]]`."""

    __slots__ = ("any", "all_of", "_gate", "_plain")

    def __init__(self, any_: _Patterns, all_of: Sequence[Sequence[_Patterns]] = ()):
        self.any = any_
        self.all_of = tuple(tuple(groups) for groups in all_of)
        # One search that must match for the condition to hold: a plain pattern or the first
        # group of an `all` item. Most passages fail it, and then cost one search, not several.
        self._gate = _Patterns([*self.any.items, *(p for groups in self.all_of for p in groups[0].items)])
        self._plain = bool(self.any.items)

    def search(self, text: str) -> bool:
        if not self._gate.search(text):
            return False
        if self._plain and self.any.search(text):
            return True
        return any(all(group.search(text) for group in groups) for groups in self.all_of)


class _Spec(NamedTuple):
    kind: str
    code: str
    message: str
    scopes: tuple[str, ...]
    message_da: str = ""  # the message in Danish; "" falls back to `message`
    patterns: _Patterns = _Patterns(())
    exceptions: _Patterns = _Patterns(())
    replacements: tuple[str, ...] = ()  # for substitution: the replacement of each pattern
    fix: str = "none"
    then: "_Condition | None" = None
    then_scopes: tuple[str, ...] = ()
    within: str = "paragraph"
    not_in: frozenset[str] = frozenset()
    once_per: str = ""  # existence: "section" or "article", one finding per distinct match there
    report: str = "first"  # conditional: "first" trigger of a unit, or "each-match" (each distinct one)
    # conditional: (condition, message, message in Danish) used instead of `message` when the
    # condition holds in the unit's then-passages (the unit says something, just not enough).
    alternatives: tuple[tuple["_Condition", str, str], ...] = ()
    # conditional: the rule does not apply to an article where these match in their scopes
    # (an anatomy page, named so in its title, is not about the reader's symptoms).
    unless: tuple[tuple[str, ...], _Patterns] | None = None


# ---------------------------------------------------------------------------------------
# Patterns


def _compile(
    source: str, path: str, key: str, line: int, shipped: bool = False, rule: str = "", budget: list[int] | None = None
) -> _Pattern:
    if shipped:
        # The shipped packs pass every check below in a test (test_declarative); skipping
        # them saves the hook a few hundredths of a second on every commit.
        return _Pattern(source, f"{Path(path).name}:{line}", 0, True)
    of_rule = f" of rule {rule}" if rule else ""
    if len(source) > MAX_PATTERN_CHARS:
        raise RulePackError(
            path,
            line,
            f"the pattern `{source[:40]}…` in `{key}`{of_rule} is {len(source):,} characters long, over the "
            f"limit of {MAX_PATTERN_CHARS:,}; split it into several shorter patterns",
        )
    # Parsing is enough to validate (about 0.1 ms a pattern); compiling waits for the first match.
    try:
        parsed = _parse(source)
    except re.error as error:
        raise RulePackError(path, line, f"the pattern `{source}` in `{key}` is not a valid regular expression: {error}") from None
    if parsed is None:
        return _Pattern(source, f"{Path(path).name}:{line}", re.compile(source).groups, shipped)
    if _nested_repeat(parsed):
        raise RulePackError(
            path,
            line,
            f"the pattern `{source}` in `{key}` repeats a repeat (such as `(a+)+`), which can take "
            "exponential time; use a bounded repeat such as `(?:\\w+ ){0,3}`",
        )
    weight, costly = _compile_cost(parsed)
    if costly:
        raise RulePackError(path, line, f"the pattern `{source}` in `{key}`{of_rule} {costly}")
    if budget is not None:
        budget[0] -= weight
        if budget[0] < 0:
            raise RulePackError(
                path,
                line,
                f"the project's rule patterns, up to this one in `{key}`{of_rule}, write out to more than "
                f"{MAX_TOTAL_WEIGHT:,} pieces together once their counted repeats are multiplied out, which "
                "is costly to compile; use fewer or smaller counted repeats (`{m,n}`), or `+` or `*`",
            )
    if parsed.getwidth()[0] == 0:
        raise RulePackError(path, line, f"the pattern `{source}` in `{key}` can match empty text, so it would match everywhere")
    return _Pattern(source, f"{Path(path).name}:{line}", parsed.state.groups - 1, shipped)


def _compile_cost(parsed) -> tuple[int, str | None]:
    """The pattern's weight, and why compiling it would cost too much memory or time (or None).

    The `regex` module writes out a counted repeat in full: `a{4294967294}` needs gigabytes, and
    nested counts multiply (`((ab{16}){16}){16}` is 4,096 copies of `b`). Each piece of the
    pattern is weighed by the counts around it: by `n` for `{m,n}`, by `m` for `{m,}`.
    """
    from re import _constants as constants

    repeats = _repeat_ops()
    unbounded = constants.MAXREPEAT
    children = _subpatterns

    def weigh(items) -> int:
        total = 0
        for op, av in items:
            if op in repeats:
                low, high, sub = av
                if low > MAX_REPEAT_COUNT or (high != unbounded and high > MAX_REPEAT_COUNT):
                    count = f"{{{low}}}" if low == high else f"{{{low},{'' if high == unbounded else high}}}"
                    raise _TooCostly(
                        f"repeats {count} times; a counted repeat may be "
                        f"at most {MAX_REPEAT_COUNT:,}, since a large count makes the pattern costly to "
                        "compile. Use a smaller count, or `+` or `*`"
                    )
                times = high if high != unbounded else low
                total += 1 + max(times, 1) * weigh(sub)
            else:
                total += 1 + sum(weigh(child) for child in children(av))
            if total > MAX_PATTERN_WEIGHT:
                raise _TooCostly(
                    f"writes out to more than {MAX_PATTERN_WEIGHT:,} pieces once its counted repeats are "
                    "multiplied out, which is costly to compile; use fewer or smaller counted repeats "
                    "(nested counts multiply), or `+` or `*`"
                )
        return total

    try:
        return weigh(parsed), None
    except _TooCostly as error:
        return 0, str(error)


class _TooCostly(Exception):
    pass


def _repeat_ops() -> set:
    """The opcodes of a repeat in Python's parsed patterns (possessive ones since 3.11)."""
    from re import _constants as constants

    return {constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None)}


def _subpatterns(av) -> Iterator:
    """The sub-patterns inside an opcode's argument (groups, branches, lookarounds)."""
    from re import _parser as parser

    if isinstance(av, parser.SubPattern):
        yield av
    elif isinstance(av, (list, tuple)):
        for item in av:
            yield from _subpatterns(item)


def _parse(source: str):
    """The parsed pattern (Python's own parser), or None where that private parser is missing."""
    try:
        from re import _parser as parser
    except ImportError:
        re.compile(source)
        return None
    try:
        return parser.parse(source)
    except (OverflowError, RecursionError) as error:
        raise re.error(str(error)) from None


def _nested_repeat(parsed) -> bool:
    """True when a repeat that may run many times contains another repeat: `(a+)+`, `(a*){20,}`."""
    repeats = _repeat_ops()
    children = _subpatterns

    def walk(items, inside_unbounded: bool) -> bool:
        for op, av in items:
            if op in repeats:
                _, high, sub = av
                if high > 1 and inside_unbounded:
                    return True
                if walk(sub, inside_unbounded or high > 16):
                    return True
            else:
                for child in children(av):
                    if walk(child, inside_unbounded):
                        return True
        return False

    return walk(parsed, False)
