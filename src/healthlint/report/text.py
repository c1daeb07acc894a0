"""Plain one-line-per-problem output and per-rule statistics."""

from __future__ import annotations

import json
from collections import Counter

from healthlint.i18n import Messages
from healthlint.report.escape import visible as safe_text

MESSAGES = Messages(
    {
        "clean": {
            "en": "Checked {files:|file|files}: no problems found.",
            "da": "Tjekkede {files:|fil|filer}: ingen problemer fundet.",
        },
        "counts": {
            "en": "Checked {files:|file|files}: {errors:|error|errors}, {warnings:|warning|warnings}, {infos:|info|infos}.",
            "da": "Tjekkede {files:|fil|filer}: {errors:|fejl|fejl}, {warnings:|advarsel|advarsler}, {infos:|info|info}.",
        },
        "note": {"en": "note: ", "da": "bemærk: "},
    },
    __name__,
)


def summary_line(report) -> str:
    counts = report.counts
    files = len(report.files)
    lang = getattr(report, "lang", "en")
    if not report.diagnostics:
        return MESSAGES.say(lang, "clean", files=files)
    return MESSAGES.say(lang, "counts", files=files, errors=counts["error"], warnings=counts["warning"], infos=counts["info"])


def note_label(report) -> str:
    return MESSAGES.say(getattr(report, "lang", "en"), "note")


def render_concise(report, *, quiet: bool = False) -> str:
    from healthlint.report import systemic

    folds, folded = systemic.find(report)
    lines = [
        f"{safe_text(d.path)}:{d.span.line}:{d.span.column}: {d.code} {safe_text(d.message)}"
        for d in report.diagnostics
        if id(d) not in folded
    ]
    lines.extend(systemic.sentence(fold, report) for fold in folds)
    if not quiet:
        lines.extend(note_label(report) + safe_text(note) for note in report.notes)
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
