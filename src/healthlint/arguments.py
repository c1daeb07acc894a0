"""The command line's arguments: every subcommand, option and value check in one parser."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from healthlint.commands import EXIT_USAGE
from healthlint.report import FORMATS
from healthlint.version import __version__


class _Formatter(argparse.HelpFormatter):
    # argparse makes a formatter for every option it adds, and its default width imports
    # shutil (≈ 5 ms, on every run) only to ask the terminal's width.
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


def _terminal_columns() -> int:
    """As shutil.get_terminal_size: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # usage errors exit 2 with a short hint, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"healthlint: error: {message}\n")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _limit(kind):
    def parse(value: str):
        from healthlint.config import (
            limit_problem,  # the bounds of the config's `time-limit` and `memory-limit`
        )

        try:
            number = kind(value)
        except ValueError:
            number = None
        problem = limit_problem("memory_limit" if kind is int else "time_limit", number)
        if problem:
            raise argparse.ArgumentTypeError(f"{value!r}: {problem}")
        return number

    return parse


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


COMMANDS = ("check", "serp", "init", "clean", "rules", "rule", "words")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` just that command's part: each command costs
    argparse a few translation look-ups on disk, milliseconds on the hook's path."""
    parser = _Parser(prog="healthlint", description="Lint Danish health articles written in Markdown.")
    parser.add_argument("--version", action="version", version=f"healthlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if only in (None, "check"):
        _add_check(commands)
    if only in (None, "serp"):
        serp = commands.add_parser("serp", help="preview how articles will look on the search result page")
        serp.add_argument("paths", nargs="+", help="articles or folders")
        serp.add_argument("--config", type=Path, help="use this config file instead of searching for one")
        serp.add_argument("--base-url", help="the site's address shown in URLs (default: a placeholder)")
        serp.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colours (auto: only on a terminal)")
        serp.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json to check the profile against the live site")
    if only in (None, "init"):
        init = commands.add_parser("init", help="write a commented [tool.healthlint] section to pyproject.toml (or healthlint.toml)")
        init.add_argument("folder", nargs="?", type=Path, default=Path("."), help="the project's folder (default: .)")
        init.add_argument("--toml", action="store_true", help="write healthlint.toml instead of a section in pyproject.toml")
    if only in (None, "clean"):
        clean = commands.add_parser("clean", help="remove the results cache (.healthlint_cache/)")
        clean.add_argument("paths", nargs="*", help="where to look for the project (default: .)")
    if only in (None, "rules"):
        listing = commands.add_parser("rules", help="list every rule with its code, name, severity and summary")
        listing.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="text (default), a Markdown table, or JSON")
        listing.add_argument("--lang", choices=("en", "da"), help="language of the summaries (overrides config `lang`)")
    if only in (None, "rule"):
        explain = commands.add_parser("rule", help="show a rule's full documentation")
        explain.add_argument("rule", help="a rule code (HL301) or name (heading-increment)")
    if only in (None, "words"):
        _add_words(commands)
    return parser


def _at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return number


def _add_words(commands) -> None:
    words = commands.add_parser(
        "words",
        help="list the words the spelling rule does not know, and add the right ones to the word list",
        description="List the words in your articles that the spelling rule (HL610) does not know and that are "
        "not close to a known word: names, brands and professional terms. Each comes with how often it is used, "
        "in how many files and where first. Read the list, then add the words that are spelt right with "
        "`healthlint words --add WORD...`: they go in the project's word list (the first file of the spelling "
        "rule's `words-files`, else ordliste.txt beside the config, which is then named in it), and "
        "`healthlint check` accepts them from then on. Likely misspellings are not listed; "
        "`healthlint check --select HL610` reports them.",
    )
    words.add_argument("paths", nargs="*", help="articles or folders, found as `check` finds them (default: .)")
    words.add_argument("--add", nargs="+", metavar="WORD", help="add these words, spelt as they should be, to the project's word list; nothing is listed")
    words.add_argument("--min-count", type=_at_least_one, default=1, metavar="N", help="list only words used at least N times (default: 1)")
    words.add_argument("--format", choices=("text", "json"), default="text", help="text (default), or JSON for scripts")
    words.add_argument("--config", type=Path, help="use this config file instead of searching for one")
    words.add_argument("--lang", choices=("en", "da"), help="language of the summary: en (English) or da (Danish); overrides config `lang`")


def _add_check(commands) -> None:
    check = commands.add_parser("check", help="lint files and folders (the default command)")
    check.add_argument("paths", nargs="*", help="files or folders; `-` reads standard input (default: .)")
    check.add_argument("--config", type=Path, help="use this config file instead of searching for one")
    check.add_argument("--select", type=_codes, action="extend", help="only these rules: codes, prefixes (HL3), names or tags, comma-separated")
    check.add_argument("--ignore", type=_codes, action="extend", default=[], help="leave out these rules (added to the config's ignore)")
    check.add_argument("--extend-select", type=_codes, action="extend", default=[], help="add these rules to the selection")
    check.add_argument("--format", choices=FORMATS, default="full", help="output format (default: full); sarif for code scanning, github for annotations, junit and gitlab for CI test and code-quality reports")
    check.add_argument("--output-file", "-o", type=Path, help="write the report to this file instead of standard output")
    check.add_argument("--summary", type=Path, metavar="FILE", help="also write a Markdown summary of the run to this file (--format github appends one to $GITHUB_STEP_SUMMARY when that is set)")
    check.add_argument("--docs-url", metavar="URL", help="link to each rule's docs in SARIF, with {code} and {name} filled in (overrides config `docs-url`)")
    check.add_argument("--statistics", action="store_true", help="print how many problems each rule found, not the problems")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems were found")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the run fail (default: error)")
    check.add_argument("--stdin-filename", help="the path that standard input stands for (with `-`)")
    check.add_argument("--force-exclude", action="store_true", help="apply exclude settings and .gitignore even to files named explicitly")
    check.add_argument("--today", type=_date, help="the date used as today for stale and future dates (YYYY-MM-DD)")
    check.add_argument("--quiet", "-q", action="store_true", help="print the problems only, no summary")
    check.add_argument("--jobs", "-j", type=int, help="worker processes (default: one per core)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the results cache (.healthlint_cache/)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files, then report what is left")
    check.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too (implies --fix)")
    check.add_argument("--diff", action="store_true", help="print a diff of what --fix would change and write nothing (exit 1 if anything would change)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colours in full output (auto: only on a terminal; NO_COLOR is honoured)")
    check.add_argument("--lang", choices=("en", "da"), help="language of messages, notes and the summary: en (English) or da (Danish); overrides config `lang`")
    check.add_argument("--time-limit", type=_limit(float), metavar="SECONDS", help="stop checking a file after this many seconds and report HL006 (overrides config `time-limit`, default 10; 0: no limit)")
    check.add_argument("--memory-limit", type=_limit(int), metavar="MB", help="stop checking a file that needs more memory than this and report HL007 (overrides config `memory-limit`, default 1024; 0: no limit)")
    check.add_argument("--changed-since", metavar="REF", help="lint only files changed since this git commit, branch or tag (and uncommitted or untracked ones); site rules still see the whole site")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only problems that this baseline file does not record")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record every current problem in this baseline file and exit 0")
