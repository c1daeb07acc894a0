"""Inline control comments: `<!-- healthlint-disable HL301 -->` and friends.

In the Markdown body: `healthlint-disable` … `healthlint-enable`, `healthlint-disable-line`,
`healthlint-disable-next-line` and `healthlint-disable-file`, each optionally followed by rule
codes or names (none means every rule). In frontmatter, a YAML comment
`# healthlint-disable-next-line HL110` works the same way. A directive that hides nothing is
reported by the engine as an unused suppression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlint import i18n
from healthlint.diagnostic import Diagnostic, Span

_HTML = re.compile(
    r"<!--\s*healthlint-(disable-file|disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->"
)
_YAML = re.compile(r"#\s*healthlint-(disable-next-line|disable-line|disable-file)\b(.*)$")


@dataclass
class Directive:
    kind: str
    codes: tuple[str, ...]  # empty: every rule
    span: Span
    first_line: int
    last_line: int
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not self.first_line <= diagnostic.span.line <= self.last_line:
            return False
        return not self.codes or any(c.upper() == diagnostic.code or c == diagnostic.name for c in self.codes)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[\s,]+", text.strip()) if part)


def parse(doc) -> list[Directive]:
    directives: list[Directive] = []
    last = len(doc.lines)
    fm = doc.frontmatter
    code_lines = doc.code_lines if "healthlint-" in doc.text else frozenset()
    open_ranges: list[Directive] = []
    for number, line in enumerate(doc.lines, start=1):
        if "healthlint-" not in line:
            continue
        if fm.present and fm.start_line < number < (fm.end_line or 0):
            match = _YAML.search(line)
            if match:
                directives.append(_directive(match, number, last))
            continue
        if number in code_lines:
            continue
        for match in _HTML.finditer(line):
            kind = match.group(1)
            if kind == "enable":
                codes = _codes(match.group(2))
                for directive in open_ranges:
                    if directive.last_line == last and (not codes or set(codes) & set(directive.codes) or not directive.codes):
                        directive.last_line = number
                continue
            directive = _directive(match, number, last)
            directives.append(directive)
            if kind == "disable":
                open_ranges.append(directive)
    return directives


def _directive(match: re.Match, line: int, last: int) -> Directive:
    kind = match.group(1)
    span = Span(line, match.start() + 1, line, match.end() + 1)
    first, final = {
        "disable-file": (1, last),
        "disable-next-line": (line + 1, line + 1),
        "disable-line": (line, line),
        "disable": (line, last),
    }[kind]
    return Directive(kind, _codes(match.group(2)), span, first, final)


def apply(diagnostics: list[Diagnostic], directives: list[Directive]) -> list[Diagnostic]:
    """Drop suppressed diagnostics, remembering which directive hid what."""
    if not directives:
        return diagnostics
    kept = []
    for diagnostic in diagnostics:
        hidden = False
        for directive in directives:
            if directive.covers(diagnostic):
                directive.used.update((diagnostic.code, diagnostic.name))
                hidden = True
        if not hidden:
            kept.append(diagnostic)
    return kept


def unused(directives: list[Directive], ran=lambda code: True, lang: str = "en") -> list[tuple[Span, str]]:
    """(span, message) for each directive, or code within one, that hid nothing.

    `ran(code)` is False for a code whose rule did not run on this file (left out by
    `--select` or per-file-ignores): whether its comment hides something is unknown.
    """
    found = []
    for directive in directives:
        idle = [c for c in directive.codes if ran(c) and c.upper() not in directive.used and c not in directive.used]
        if not directive.used and (not directive.codes or idle == list(directive.codes)):
            what = " ".join(directive.codes) if directive.codes else MESSAGES.say(lang, "all-rules")
            found.append((directive.span, MESSAGES.say(lang, "comment-unused", kind=directive.kind, what=what)))
            continue
        for code in idle:
            found.append((directive.span, MESSAGES.say(lang, "code-unused", kind=directive.kind, code=code)))
    return found


MESSAGES = i18n.Messages(
    {
        "all-rules": {"en": "all rules", "da": "alle regler"},
        "comment-unused": {
            "en": "This `healthlint-{kind}` comment ({what}) hides no problem; remove it so real problems are not hidden later.",
            "da": "Denne `healthlint-{kind}`-kommentar ({what}) skjuler ingen problemer; fjern den, så den ikke senere skjuler et reelt problem.",
        },
        "code-unused": {
            "en": "`{code}` in this `healthlint-{kind}` comment hides no problem; remove it.",
            "da": "`{code}` i denne `healthlint-{kind}`-kommentar skjuler ingen problemer; fjern koden.",
        },
    },
    __name__,
)
