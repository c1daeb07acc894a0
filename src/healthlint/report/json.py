"""One JSON object per run: version, diagnostics, files with metrics, summary."""

from __future__ import annotations

import json
from collections import Counter

from healthlint.report.escape import valid_json
from healthlint.version import __version__


def _span(span) -> dict:
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}


def diagnostic_dict(d) -> dict:
    return {
        "path": d.path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "fixable": d.fix is not None,
        "fix": None
        if d.fix is None
        else {
            "safe": d.fix.safe,
            "description": d.fix.description,
            "edits": [{**_span(edit.span), "new_text": edit.new_text} for edit in d.fix.edits],
        },
    }


def render_json(report) -> str:
    return "".join(iter_json(report))


def iter_json(report, batch: int = 2000):
    """The report in pieces, one diagnostic (or file) per line, so a large report is written
    as it is encoded rather than held whole in memory (90,000 problems are about 45 MB).

    `json.dumps(indent=...)` would fall back to the pure-Python encoder, which took most of
    a warm run over a large site; each item is encoded compactly by the C encoder instead,
    and the result is still easy to read and to diff.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    counts = report.counts
    yield valid_json("{\n" + f'  "version": {encode(__version__)},\n')
    yield from _array("diagnostics", (diagnostic_dict(d) for d in report.diagnostics), len(report.diagnostics), encode, batch)
    files = report.files
    yield from _array("files", ({"path": r.path, "metrics": r.metrics} for r in files), len(files), encode, batch)
    summary = {
        "files": len(files),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "by_rule": dict(sorted(Counter(d.code for d in report.diagnostics).items())),
        "notes": list(report.notes),
    }
    yield valid_json(f'  "summary": {encode(summary)}\n' + "}\n")


def _array(key: str, items, count: int, encode, batch: int):
    if not count:
        yield f'  "{key}": [],\n'
        return
    yield f'  "{key}": [\n'
    lines = []
    for index, item in enumerate(items):
        lines.append("    " + encode(item) + (",\n" if index < count - 1 else "\n"))
        if len(lines) >= batch:
            yield valid_json("".join(lines))
            lines = []
    lines.append("  ],\n")
    yield valid_json("".join(lines))
