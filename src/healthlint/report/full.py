"""The default output: each problem with its place, rule, message and the source line with carets."""

from __future__ import annotations

import io
import os
import stat

from healthlint.diagnostic import NOT_READ
from healthlint.i18n import Messages
from healthlint.report.escape import visible as safe_text
from healthlint.report.text import note_label, summary_line

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_CONTEXT = 100  # characters of a long source line shown around the problem

MESSAGES = Messages(
    {
        "fixable": {"en": " [*] fixable", "da": " [*] kan rettes"},
        "unsafe": {"en": " (unsafe)", "da": " (usikker rettelse)"},
        "safe-and-unsafe": {
            "en": "[*] {safe} fixable with --fix, {unsafe} more with --unsafe-fixes.",
            "da": "[*] {safe} kan rettes med --fix, {unsafe} flere med --unsafe-fixes.",
        },
        "fixable-with": {"en": "[*] {count} fixable with {flag}.", "da": "[*] {count} kan rettes med {flag}."},
    },
    __name__,
)


def snippet(line: str, column: int, end_column: int) -> tuple[str, int, int]:
    """The part of a (possibly very long) line to show, the caret start and the caret length."""
    start = max(0, column - 1)
    length = max(1, min(end_column, len(line) + 1) - column)
    left = max(0, start - 20)
    if left and len(line) - left < _CONTEXT:
        left = max(0, len(line) - _CONTEXT)
    right = min(len(line), max(left + _CONTEXT, start + 1))
    shown = line[left:right]
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    caret_start = len(prefix) + start - left
    caret_length = max(1, min(length, len(shown) - (start - left)))
    return prefix + shown + suffix, caret_start, caret_length


def render_full(report, *, color: bool | None = None, quiet: bool = False, width: int | None = None) -> str:
    lines = _styled_lines(report, quiet)
    if not color:
        # Plain text needs no rich: the pre-commit hook and CI logs skip its import.
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        width=width or 10_000,
        highlight=False,
        soft_wrap=True,
    )
    for line in lines:
        # Text pieces, never markup strings: a name such as `[bold]x.md` is printed as written.
        console.print(Text.assemble(*((text, style) if style else text for text, style in line)))
    return buffer.getvalue()


def _styled_lines(report, quiet: bool) -> list[list[tuple[str, str | None]]]:
    """The report as lines of (text, style) pieces; the caller renders them plain or in colour."""
    # Text that did not come from a file (stdin) travels with the report.
    lines_cache: dict[str, list[str]] = {path: text.split("\n") for path, text in report.sources.items()}
    from healthlint.report import systemic

    lang = getattr(report, "lang", "en")
    out: list[list[tuple[str, str | None]]] = []
    folds, folded = systemic.find(report)
    for d in report.diagnostics:
        if id(d) in folded:
            continue  # said once below, for its page kind
        level = d.severity.label
        head = [
            (f"{safe_text(d.path)}:{d.span.line}:{d.span.column}: ", "bold"),
            (f"{d.code} ", _STYLE[level]),
            (f"{d.name} ", "bold"),
            (f"[{level}]", _STYLE[level]),
        ]
        if d.fix is not None:
            fixable = MESSAGES.say(lang, "fixable") + ("" if d.fix.safe else MESSAGES.say(lang, "unsafe"))
            head.append((fixable, "green"))
        out.append(head)
        out.append([("  " + safe_text(d.message), None)])
        source = None if d.code in NOT_READ else _source_line(d.path, d.span.line, lines_cache)
        if source is not None:
            end = d.span.end_column if d.span.end_line == d.span.line else len(source) + 1
            shown, caret_start, caret_length = snippet(safe_text(source), d.span.column, end)
            gutter = str(d.span.line)
            out.append([(f"  {gutter} │ ", "blue"), (shown, None)])
            out.append([(f"  {' ' * len(gutter)} │ ", "blue"), (" " * caret_start + "^" * caret_length, _STYLE[level])])
        out.append([])
    for fold in folds:
        out.append([(systemic.sentence(fold, report), _STYLE[fold.level])])
        out.append([])
    if not quiet and len(report.files) == 1:
        from healthlint.report.readability_summary import line

        summary = line(report.files[0].metrics, lang)  # the writer's own article, as they commit it
        if summary:
            out.append([(summary, "cyan")])
    if not quiet:
        for note in report.notes:
            out.append([(note_label(report), "cyan"), (safe_text(note), None)])
        out.append([(summary_line(report), "bold")])
        hint = fix_hint(report.diagnostics, lang)
        if hint:
            out.append([(hint, "green")])
    return out


def fix_hint(diagnostics, lang: str = "en") -> str:
    """How many of the problems the fix flags would take care of, as ruff says it."""
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.safe)
    unsafe = sum(1 for d in diagnostics if d.fix is not None and not d.fix.safe)
    if safe and unsafe:
        return MESSAGES.say(lang, "safe-and-unsafe", safe=safe, unsafe=unsafe)
    if safe or unsafe:
        return MESSAGES.say(lang, "fixable-with", count=safe or unsafe, flag="--fix" if safe else "--unsafe-fixes")
    return ""


def _source_line(path: str, line: int, cache: dict[str, list[str]]) -> str | None:
    # Reporters only format; reading the line back is cheap and keeps diagnostics small.
    if path not in cache:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise OSError("not a regular file")  # opening a named pipe would wait forever
            with open(path, "rb") as handle:
                data = handle.read(5_000_001)
            text = data.decode("utf-8", "replace")
            cache[path] = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        except (OSError, UnicodeDecodeError, ValueError):
            cache[path] = []
    lines = cache[path]
    return lines[line - 1] if 0 < line <= len(lines) else None
