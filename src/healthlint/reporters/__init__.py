"""Reporters turn a `Report` into text; they never print or exit (the CLI does)."""

from __future__ import annotations

import re

FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "gitlab")

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """Make content safe for a terminal: escape control and bidi characters so that escape
    sequences inside an article can never reach the terminal raw."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\t", " "))


def render(report, fmt: str, *, color: bool | None = None, statistics: bool = False, quiet: bool = False, width: int | None = None, docs_url: str | None = None) -> str:
    if statistics:
        from healthlint.reporters.text import render_statistics

        return render_statistics(report, fmt)
    if fmt == "json":
        from healthlint.reporters.json import render_json

        return render_json(report)
    if fmt == "sarif":
        from healthlint.reporters.sarif import render_sarif

        return render_sarif(report, docs_url=docs_url)
    if fmt == "github":
        from healthlint.reporters.github import render_github

        return render_github(report, quiet=quiet)
    if fmt == "junit":
        from healthlint.reporters.junit import render_junit

        return render_junit(report)
    if fmt == "gitlab":
        from healthlint.reporters.gitlab import render_gitlab

        return render_gitlab(report)
    if fmt == "concise":
        from healthlint.reporters.text import render_concise

        return render_concise(report, quiet=quiet)
    from healthlint.reporters.full import render_full

    return render_full(report, color=color, quiet=quiet, width=width)
