"""Reporters turn a `Report` into text; they never print or exit (the CLI does)."""

from __future__ import annotations

from healthlint.report.escape import visible as safe_text  # noqa: F401 (reporters and serp.py use this name)

FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "gitlab")


def render(report, fmt: str, *, color: bool | None = None, statistics: bool = False, quiet: bool = False, width: int | None = None, docs_url: str | None = None) -> str:
    if statistics:
        from healthlint.report.text import render_statistics

        return render_statistics(report, fmt)
    if fmt == "json":
        from healthlint.report.json import render_json

        return render_json(report)
    if fmt == "sarif":
        from healthlint.report.sarif import render_sarif

        return render_sarif(report, docs_url=docs_url)
    if fmt == "github":
        from healthlint.report.github import render_github

        return render_github(report, quiet=quiet)
    if fmt == "junit":
        from healthlint.report.junit import render_junit

        return render_junit(report)
    if fmt == "gitlab":
        from healthlint.report.gitlab import render_gitlab

        return render_gitlab(report)
    if fmt == "concise":
        from healthlint.report.text import render_concise

        return render_concise(report, quiet=quiet)
    from healthlint.report.full import render_full

    return render_full(report, color=color, quiet=quiet, width=width)
