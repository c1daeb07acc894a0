"""Plain one-line-per-problem output and per-rule statistics."""

from __future__ import annotations

import json
from collections import Counter

from healthlint.reporters import safe_text


def summary_line(report) -> str:
    counts = report.counts
    files = len(report.files)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    if not report.diagnostics:
        return f"Checked {plural(files, 'file')}: no problems found."
    return (
        f"Checked {plural(files, 'file')}: {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {plural(counts['info'], 'info')}."
    )


def render_concise(report, *, quiet: bool = False) -> str:
    lines = [
        f"{safe_text(d.path)}:{d.span.line}:{d.span.column}: {d.code} {safe_text(d.message)}"
        for d in report.diagnostics
    ]
    if not quiet:
        lines.extend(f"note: {safe_text(note)}" for note in report.notes)
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)  # quiet and clean: no output at all


def rule_counts(report) -> list[tuple[str, str, str, int]]:
    counter = Counter((d.code, d.name, d.severity.label) for d in report.diagnostics)
    return [(code, name, level, n) for (code, name, level), n in sorted(counter.items())]


def render_statistics(report, fmt: str) -> str:
    rows = rule_counts(report)
    if fmt == "json":
        return json.dumps([{"code": c, "name": n, "severity": s, "count": k} for c, n, s, k in rows], indent=2) + "\n"
    width = max((len(str(k)) for *_, k in rows), default=1)
    return "".join(f"{k:>{width}}\t{c}\t{n}\t[{s}]\n" for c, n, s, k in rows)
