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
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
