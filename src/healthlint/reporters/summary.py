"""A Markdown summary of a run, for a CI job's summary page ($GITHUB_STEP_SUMMARY).

Annotations show only the first few problems; the summary counts all of them: files checked,
problems per rule, the articles with the most errors and warnings, and the run's notes.
"""

from __future__ import annotations

import re
from collections import Counter

from healthlint.reporters.text import rule_counts, summary_line

TOP_ARTICLES = 10
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def markdown_text(text: str) -> str:
    """Text from an article or a path, safe inside a Markdown table cell: no markup, no HTML."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def render_summary(report) -> str:
    out = ["## healthlint", "", summary_line(report), ""]
    rows = rule_counts(report)
    if rows:
        out += ["### Problems by rule", "", "| rule | name | severity | problems |", "|---|---|---|---:|"]
        out += [f"| {code} | `{name}` | {level} | {count} |" for code, name, level, count in rows]
        out.append("")
        per_file: dict[str, Counter] = {}
        for d in report.diagnostics:
            per_file.setdefault(d.path, Counter())[d.severity.label] += 1
        worst = sorted(per_file.items(), key=lambda item: (-item[1]["error"], -item[1]["warning"], -item[1]["info"], item[0]))
        shown = worst[:TOP_ARTICLES]
        title = "### Articles with the most problems" if len(worst) > len(shown) else "### Problems by article"
        out += [title, "", "| article | errors | warnings | infos |", "|---|---:|---:|---:|"]
        out += [f"| {markdown_text(path)} | {c['error']} | {c['warning']} | {c['info']} |" for path, c in shown]
        if len(worst) > len(shown):
            out.append("")
            more = len(worst) - len(shown)
            out.append(f"{more} more {'article has' if more == 1 else 'articles have'} problems; the full report lists them.")
        out.append("")
    if report.notes:
        out += ["### Notes", ""]
        out += [f"- {markdown_text(note)}" for note in report.notes]
        out.append("")
    return "\n".join(out)
