"""GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per problem.

GitHub turns each line into an annotation on the pull request's diff. It shows only ten
annotations of each level per step, so the CLI also writes a Markdown run summary
(reporters/summary.py) for the rest.
"""

from __future__ import annotations

from healthlint.report.escape import visible
from healthlint.report.fingerprint import PathMapper
from healthlint.report.text import summary_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The escaping of @actions/core for a command's message. GitHub has no escape for other
    controls, so those (and undecodable bytes of a name) are shown as `visible` writes them."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """The escaping of @actions/core for a property value: `:` and `,` would end it early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: str, properties: list[tuple[str, object]]) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{command} {props}::{escape_data(message)}" if props else f"::{command}::{escape_data(message)}"


def render_github(report, *, quiet: bool = False) -> str:
    mapper = PathMapper()
    lines = []
    for d in report.diagnostics:
        span = d.span
        properties: list[tuple[str, object]] = [("file", mapper.repo_path(d.path)), ("line", span.line)]
        if span.end_line == span.line:
            # GitHub's columns are inclusive and only allowed on a single line.
            properties += [("col", span.column), ("endLine", span.end_line), ("endColumn", max(span.column, span.end_column - 1))]
        else:
            properties.append(("endLine", span.end_line))
        properties.append(("title", f"{d.code} {d.name}"))
        lines.append(annotation(COMMANDS[d.severity.label], d.message, properties))
    for note in report.notes:
        lines.append(annotation("notice", note, [("title", "healthlint")]))
    if not quiet:
        lines.append(summary_line(report))  # a plain line: the step's log shows it as is
    return "".join(line + "\n" for line in lines)
