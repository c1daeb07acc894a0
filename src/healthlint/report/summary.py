"""A Markdown summary of a run, for a CI job's summary page ($GITHUB_STEP_SUMMARY).

Annotations show only the first few problems; the summary counts all of them: files checked,
problems per rule, the articles with the most errors and warnings, and the run's notes.
"""

from __future__ import annotations

from collections import Counter

from healthlint.i18n import Messages
from healthlint.report.escape import markdown_text
from healthlint.report.text import rule_counts, summary_line

TOP_ARTICLES = 10

MESSAGES = Messages(
    {
        "by-rule": {"en": "### Problems by rule", "da": "### Problemer pr. regel"},
        "rule-header": {
            "en": "| rule | name | severity | problems |",
            "da": "| regel | navn | alvor | problemer |",
        },
        "most": {"en": "### Articles with the most problems", "da": "### Artikler med flest problemer"},
        "by-article": {"en": "### Problems by article", "da": "### Problemer pr. artikel"},
        "article-header": {
            "en": "| article | errors | warnings | infos |",
            "da": "| artikel | fejl | advarsler | info |",
        },
        "more-one": {
            "en": "1 more article has problems; the full report lists them.",
            "da": "1 artikel mere har problemer; den fulde rapport viser dem.",
        },
        "more": {
            "en": "{more} more articles have problems; the full report lists them.",
            "da": "{more} artikler mere har problemer; den fulde rapport viser dem.",
        },
        "notes": {"en": "### Notes", "da": "### Noter"},
    },
    __name__,
)
def render_summary(report) -> str:
    lang = getattr(report, "lang", "en")

    def say(message_id: str, **params) -> str:
        return MESSAGES.say(lang, message_id, **params)

    from healthlint.report import systemic

    out = ["## healthlint", "", summary_line(report), ""]
    folds, folded = systemic.find(report)
    rows = rule_counts(report)
    if rows:
        out += [say("by-rule"), "", say("rule-header"), "|---|---|---|---:|"]
        out += [f"| {code} | `{name}` | {level} | {count} |" for code, name, level, count in rows]
        out.append("")
        if folds:
            out += [systemic.heading(report), ""]
            out += [f"- {systemic.sentence(fold, report, markdown=True)}" for fold in folds]
            out.append("")
        per_file: dict[str, Counter] = {}
        for d in report.diagnostics:
            if id(d) not in folded:  # a pattern of a page kind is said once, above
                per_file.setdefault(d.path, Counter())[d.severity.label] += 1
        worst = sorted(per_file.items(), key=lambda item: (-item[1]["error"], -item[1]["warning"], -item[1]["info"], item[0]))
        shown = worst[:TOP_ARTICLES]
        if shown:
            title = say("most") if len(worst) > len(shown) else say("by-article")
            out += [title, "", say("article-header"), "|---|---:|---:|---:|"]
            out += [f"| {markdown_text(path)} | {c['error']} | {c['warning']} | {c['info']} |" for path, c in shown]
            if len(worst) > len(shown):
                out.append("")
                more = len(worst) - len(shown)
                out.append(say("more-one") if more == 1 else say("more", more=more))
            out.append("")
    from healthlint.report.readability_summary import markdown as readability_table

    out += readability_table(report)
    if report.notes:
        out += [say("notes"), ""]
        out += [f"- {markdown_text(note)}" for note in report.notes]
        out.append("")
    return "\n".join(out)
