"""The small immutable values that flow from rules to reporters."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls[value.upper()]


class Span(NamedTuple):
    """A range in the file: 1-based lines and columns (code points), end column exclusive.

    A named tuple rather than a frozen dataclass: the tokenizer makes thousands per article,
    and a tuple is built (and unpickled from the cache) several times faster.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> "Span":
        return cls(line, column, line, column + 1)


class Edit(NamedTuple):
    """Replace the text inside `span` with `new_text`."""

    span: Span
    new_text: str


class Fix(NamedTuple):
    """Edits that belong together; `safe` fixes apply with --fix, unsafe only on request."""

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""


class Violation(NamedTuple):
    """What a rule yields: where, what, and optionally how to fix it."""

    span: Span
    message: str
    fix: Fix | None = None


class Diagnostic(NamedTuple):
    """A violation placed in a file and stamped with its rule's code and severity."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code, self.message)

    def __reduce__(self):
        # Plain values: the cache and worker results unpickle tens of thousands of these, and
        # an enum member and a named tuple each cost more to unpickle than the rest together.
        return (
            _diagnostic_from_plain,
            (self.path, self.code, self.name, int(self.severity), self.message, tuple(self.span), self.fix),
        )


# Problems of a file that was not read (unreadable, a symlink out of the project, too large):
# no reporter reads its lines back, so what such a link points to is never shown or hashed.
NOT_READ = frozenset({"HL001", "HL004"})

_SEVERITIES = {int(member): member for member in Severity}
_new_tuple = tuple.__new__


def _diagnostic_from_plain(path, code, name, severity, message, span, fix) -> Diagnostic:
    return _new_tuple(Diagnostic, (path, code, name, _SEVERITIES[severity], message, _new_tuple(Span, span), fix))
