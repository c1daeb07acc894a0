"""One JSON object per run: version, diagnostics, files with metrics, summary."""

from __future__ import annotations

import json
from collections import Counter

from healthlint import __version__


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
    counts = report.counts
    payload = {
        "version": __version__,
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
        "files": [{"path": result.path, "metrics": result.metrics} for result in report.files],
        "summary": {
            "files": len(report.files),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "by_rule": dict(sorted(Counter(d.code for d in report.diagnostics).items())),
            "notes": list(report.notes),
        },
    }
    return _lines(payload)


def _lines(payload: dict) -> str:
    """The report with one diagnostic (or file) per line.

    `json.dumps(indent=...)` falls back to the pure-Python encoder, which took most of a warm
    run over a large site; each item is encoded compactly by the C encoder instead, and the
    result is still easy to read and to diff.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    parts = ["{\n"]
    keys = list(payload)
    for index, key in enumerate(keys):
        value = payload[key]
        comma = "," if index < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            items = ",\n".join("    " + encode(item) for item in value)
            parts.append(f'  {encode(key)}: [\n{items}\n  ]{comma}\n')
        else:
            parts.append(f"  {encode(key)}: {encode(value)}{comma}\n")
    parts.append("}\n")
    return "".join(parts)
