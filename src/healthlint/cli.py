"""The command line: the only module that prints and exits.

Exit codes: 0 no error-severity problem (or --exit-zero); 1 at least one problem at or above
--fail-on; 2 usage errors, config errors and paths on the command line that do not exist.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from datetime import date
from pathlib import Path

from healthlint.version import __version__
from healthlint.atomic import interrupts_held
from healthlint.i18n import Messages

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


FIX_MESSAGES = Messages(
    {
        "would-fix": {
            "en": "Would fix {problems:|problem|problems} in {files:|file|files}.",
            "da": "Ville rette {problems:|problem|problemer} i {files:|fil|filer}.",
        },
        "nothing-to-fix": {"en": "No fixes to apply.", "da": "Intet at rette."},
        "fixed": {
            "en": "Fixed {problems:|problem|problems} in {files:|file|files}.",
            "da": "Rettede {problems:|problem|problemer} i {files:|fil|filer}.",
        },
        "nothing-fixed": {"en": "No fixes applied.", "da": "Ingen rettelser foretaget."},
        "baseline-written": {
            "en": "Wrote {problems:|problem|problems} in {files:|file|files} to the baseline {path}.",
            "da": "Skrev {problems:|problem|problemer} i {files:|fil|filer} til baseline-filen {path}.",
        },
        "baseline-hidden": {
            "en": "{hidden:|known problem|known problems} hidden by the baseline {path}.",
            "da": "{hidden:|kendt problem|kendte problemer} skjult af baseline-filen {path}.",
        },
        "baseline-gone-one": {
            "en": " 1 problem it records was not found (fixed, or the line changed): "
            "run --write-baseline {path} to drop it.",
            "da": " 1 problem i den blev ikke fundet (rettet, eller linjen er ændret): "
            "kør --write-baseline {path} for at fjerne det.",
        },
        "baseline-gone": {
            "en": " {gone} problems it records were not found (fixed, or the line changed): "
            "run --write-baseline {path} to drop them.",
            "da": " {gone} problemer i den blev ikke fundet (rettet, eller linjen er ændret): "
            "kør --write-baseline {path} for at fjerne dem.",
        },
    },
    __name__,
)

_LEVELS = {"error": 3, "warning": 2, "info": 1}


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
        from healthlint.config import limit_problem  # the bounds of the config's `time-limit` and `memory-limit`

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
    check.add_argument("--format", choices=("full", "concise", "json", "sarif", "github", "junit", "gitlab"), default="full", help="output format (default: full); sarif for code scanning, github for annotations, junit and gitlab for CI test and code-quality reports")
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


def _usage_errors() -> tuple[type[Exception], ...]:
    # Evaluated only when an exception reaches `main`, so these imports cost nothing otherwise.
    from healthlint.api import PathNotFound
    from healthlint.config import ConfigError

    return (ConfigError, PathNotFound)


def _describe(error: Exception) -> str:
    from healthlint.config import ConfigError

    return f"config error: {error}" if isinstance(error, ConfigError) else f"no such file or folder: {error}"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _fewer_collections()
    if not argv:
        build_parser().print_help(sys.stderr)
        return EXIT_USAGE
    if argv[0] not in (*COMMANDS, "-h", "--help", "--version"):
        argv.insert(0, "check")  # `healthlint FILE` means `healthlint check FILE`, as in ruff
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    try:
        if args.command == "serp":
            return _serp(args)
        if args.command == "clean":
            return _clean(args.paths)
        if args.command == "init":
            return _init(args)
        if args.command == "words":
            return _words(args)
        if args.command in ("rules", "rule"):
            # The project's config may add rules from its own packs.
            from healthlint.api import Options, resolve_config

            config = resolve_config([Path.cwd()], Options())
            if args.command == "rules":
                return _list_rules(args.format, args.lang or config.lang)
            return _explain_rule(args.rule)
        code = _check(args)
        _say_refused_caches()
        return code
    except _usage_errors() as error:
        print(f"healthlint: {_describe(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("healthlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output went to a pipe that closed (`healthlint check | head`); that is not a failure of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _check(args) -> int:
    from healthlint import api

    options = api.Options(
        today=args.today,
        select=args.select,
        ignore=args.ignore,
        extend_select=args.extend_select,
        force_exclude=args.force_exclude,
        jobs=args.jobs,
        cache=not args.no_cache,
        config_file=args.config,
        lang=args.lang,
        time_limit=args.time_limit,
        memory_limit=args.memory_limit,
    )
    paths = args.paths or ["."]
    if args.select or args.ignore or args.extend_select:
        # The project's own rule packs come with its config: load it before checking the names.
        anchors = [Path(p) for p in paths if p != "-"] or [Path(args.stdin_filename or Path.cwd())]
        api.resolve_config(anchors, options)
    unknown = _unknown_selectors(args)
    if unknown:
        print(f"healthlint: error: {unknown}", file=sys.stderr)
        return EXIT_USAGE
    if args.changed_since is not None:
        if "-" in paths:
            print("healthlint: --changed-since cannot be used with `-` (standard input)", file=sys.stderr)
            return EXIT_USAGE
        from healthlint.gitfiles import GitError, changed_files

        try:
            options.only = changed_files(args.changed_since, Path(paths[0]))
        except GitError as error:
            print(f"healthlint: {error}", file=sys.stderr)
            return EXIT_USAGE
    if args.write_baseline is not None and (args.fix or args.unsafe_fixes or args.diff):
        print("healthlint: --write-baseline records problems as they are; run --fix first, then --write-baseline", file=sys.stderr)
        return EXIT_USAGE
    if args.fix or args.unsafe_fixes or args.diff:
        return _fix(args, options, paths)
    replay = None
    if paths == ["-"]:
        report = api.lint_stdin(sys.stdin.buffer.read(), args.stdin_filename, options)
    elif "-" in paths:
        print("healthlint: `-` (standard input) cannot be mixed with other paths", file=sys.stderr)
        return EXIT_USAGE
    else:
        planned = api.plan(paths, options)
        replay = _replay(args, planned)
        if replay is not None:
            stored = replay.load()
            if stored is not None:
                text, code = stored
                return code if _write_output(args, [text]) else EXIT_USAGE
        report = api.lint_paths(paths, options, planned=planned)

    if args.write_baseline is not None:
        return _write_baseline(args.write_baseline, report)
    if not _apply_baseline(args, report):
        return EXIT_USAGE
    text = _write_report(args, report, keep=replay is not None)
    if text is None:
        return EXIT_USAGE
    if not _write_summary(args, report):
        return EXIT_USAGE
    fail_on = args.fail_on or report.config.fail_on
    code = exit_code(report, fail_on, args.exit_zero)
    if replay is not None:
        from healthlint.limits import FileMemoryLimit, FileTimeLimit

        # A file stopped at the time or memory limit may pass on a quieter machine: never kept.
        if not any(d.code in (FileTimeLimit.code, FileMemoryLimit.code) for d in report.diagnostics):
            replay.save(text, code)
    return code


def _fewer_collections() -> None:
    """A run builds many small objects that live until it ends (results, cached facts) and
    makes almost no reference cycles; at Python's default thresholds the cycle collector
    walked the growing heap again and again, a third of a warm run over a large site."""
    import gc

    gc.set_threshold(100_000, 50, 100)


REPLAY_MIN_FILES = 20


def _replay(args, planned):
    """The stored report of this command, when nothing it reads can have changed (healthlint.replay).

    Only for a plain report written to a file or a pipe: not for fixes, baselines, changed
    files, job summaries or a terminal (whose width and colour vary). Not for a few files
    either (the pre-commit hook): they lint in less time than it takes to vouch for the site.
    """
    if (
        not planned.options.cache
        or len(planned.found.files) < REPLAY_MIN_FILES
        or args.baseline is not None
        or args.write_baseline is not None
        or args.changed_since is not None
        or _summary_targets(args)
        or (args.output_file is None and (sys.stdout.isatty() or _use_color(args.color)))
    ):
        return None
    from healthlint import api
    from healthlint.replay import Replay

    inputs = api.inputs_digest(planned)
    if inputs is None:
        return None
    command = (
        args.format,
        args.statistics,
        args.quiet,
        args.docs_url,
        args.exit_zero,
        args.fail_on,
        os.environ.get("COLUMNS"),
    )
    return Replay(api.cache_root(planned.config), command, *inputs)


def _write_report(args, report, stream=None, footer: str = "", keep: bool = False) -> bytes | None:
    """Render the report to --output-file or `stream` (stdout). Returns what was written
    (as UTF-8 when `keep`, else b""), or None when the file cannot be written."""
    from healthlint.reporters import render

    color = _use_color(args.color) if args.output_file is None and stream is None else False
    if args.format == "json" and not args.statistics:
        from healthlint.reporters.json import iter_json

        pieces = iter_json(report)  # written as it is encoded: a large report is never whole in memory
    else:
        pieces = iter([render(report, args.format, color=color, statistics=args.statistics, quiet=args.quiet, docs_url=args.docs_url)])
    if footer and not args.quiet:
        if args.format in ("json", "sarif", "junit", "gitlab") or args.statistics:
            print(footer, file=sys.stderr)  # keeps JSON, XML and statistics output parseable
        else:
            pieces = itertools.chain(pieces, [footer + "\n"])
    kept: list[bytes] | None = [] if keep else None
    if not _write_output(args, pieces, stream, kept):
        return None
    return b"".join(kept) if kept is not None else b""


def _write_output(args, pieces, stream=None, kept: list[bytes] | None = None) -> bool:
    """Write text pieces (or UTF-8 bytes) to --output-file or `stream` (stdout); False when
    the file cannot be written. `kept` collects what was written, as UTF-8."""
    from healthlint.reporters.escape import utf8

    if args.output_file is not None:
        try:
            with open(args.output_file, "wb") as handle:
                for piece in pieces:
                    data = utf8(piece) if isinstance(piece, str) else piece
                    handle.write(data)
                    if kept is not None:
                        kept.append(data)
        except OSError as error:
            print(f"healthlint: cannot write {args.output_file}: {error.strerror}", file=sys.stderr)
            return False
        return True
    out = stream or sys.stdout
    # Ctrl-C waits while the report is written: a reader gets the whole report or none of it.
    with interrupts_held():
        for piece in pieces:
            if isinstance(piece, str):
                out.write(piece)
                if kept is not None:
                    kept.append(utf8(piece))
            else:
                out.flush()
                out.buffer.write(piece)
        out.flush()
    return True


def _fix(args, options, paths: list[str]) -> int:
    """--fix, --unsafe-fixes and --diff: fix (or show the fixes), then report what is left."""
    from healthlint import fix

    unsafe = args.unsafe_fixes
    if "-" in paths and paths != ["-"]:
        print("healthlint: `-` (standard input) cannot be mixed with other paths", file=sys.stderr)
        return EXIT_USAGE
    if paths == ["-"]:
        run = fix.fix_stdin(sys.stdin.buffer.read(), args.stdin_filename, options, unsafe=unsafe)
    else:
        run = fix.fix_paths(paths, options, unsafe=unsafe, write=not args.diff)

    if not args.diff and not _apply_baseline(args, run.report):
        return EXIT_USAGE
    fixed = run.fixed
    lang = run.lang
    counts = {"problems": run.applied, "files": len(fixed)}
    if args.diff:
        sys.stdout.write("".join(fix.unified_diff(f.path, f.before, f.after) for f in fixed))
        sys.stdout.flush()
        print(FIX_MESSAGES.say(lang, "would-fix" if fixed else "nothing-to-fix", **counts), file=sys.stderr)
        return EXIT_PROBLEMS if fixed else EXIT_OK
    for failed in run.errors:
        from healthlint.reporters.escape import visible

        print(f"healthlint: {visible(failed.error)}", file=sys.stderr)
    footer = FIX_MESSAGES.say(lang, "fixed" if fixed else "nothing-fixed", **counts)
    if paths == ["-"]:
        sys.stdout.buffer.write(run.files[0].after)  # the fixed text, as a formatter would give it
        sys.stdout.flush()
        written = _write_report(args, run.report, stream=sys.stderr, footer=footer) is not None
    else:
        written = _write_report(args, run.report, footer=footer) is not None
    if not written or not _write_summary(args, run.report):
        return EXIT_USAGE
    fail_on = args.fail_on or run.report.config.fail_on
    code = exit_code(run.report, fail_on, args.exit_zero)
    return max(code, EXIT_PROBLEMS) if run.errors else code


def _write_baseline(path: Path, report) -> int:
    from healthlint import baseline

    try:
        baseline.write(path, report.diagnostics, report.sources)
    except OSError as error:
        print(f"healthlint: cannot write the baseline {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    files = len({d.path for d in report.diagnostics})
    print(FIX_MESSAGES.say(report.config.lang, "baseline-written", problems=len(report.diagnostics), files=files, path=path))
    return EXIT_OK


def _apply_baseline(args, report) -> bool:
    """--baseline: keep only the problems the baseline does not record; False on a bad file."""
    if args.baseline is None:
        return True
    from healthlint import baseline

    try:
        recorded = baseline.load(args.baseline)
    except baseline.BaselineError as error:
        print(f"healthlint: {error}", file=sys.stderr)
        return False
    filtered = baseline.apply(report.diagnostics, recorded, report.sources, [r.path for r in report.files])
    report.diagnostics = filtered.diagnostics
    if filtered.hidden or filtered.gone:
        lang = args.lang or report.config.lang
        note = FIX_MESSAGES.say(lang, "baseline-hidden", hidden=filtered.hidden, path=args.baseline)
        if filtered.gone:
            which = "baseline-gone-one" if filtered.gone == 1 else "baseline-gone"
            note += FIX_MESSAGES.say(lang, which, gone=filtered.gone, path=args.baseline)
        report.notes.append(note)
    return True


def _init(args) -> int:
    from healthlint.init import InitError, write_config

    try:
        written = write_config(args.folder, toml=args.toml)
    except InitError as error:
        print(f"healthlint: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote the healthlint settings to {written}. Edit them there; `healthlint check` reads them from now on.")
    return EXIT_OK


def _words(args) -> int:
    """`healthlint words`: list the unknown words, or with --add put words in the word list."""
    from healthlint import words_command

    if args.add is not None:
        if args.paths:
            print("healthlint: words --add takes words, not articles: give only the words to add", file=sys.stderr)
            return EXIT_USAGE
        try:
            added = words_command.add_words(args.add, args.config, args.lang)
        except words_command.WordsError as error:
            print(f"healthlint: {error}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(words_command.render_added(added))
        return EXIT_OK
    from healthlint.api import Options

    listing = words_command.find_words(args.paths or ["."], Options(config_file=args.config, lang=args.lang), args.min_count)
    for line in listing.skipped:
        print("healthlint: " + words_command.say(listing.lang, "skipped", line=line), file=sys.stderr)
    render = words_command.render_json if args.format == "json" else words_command.render_text
    sys.stdout.write(render(listing))
    return EXIT_OK


def _summary_targets(args) -> list[tuple[Path, str]]:
    """Where the Markdown run summary goes, with the mode to open each in."""
    targets = [(args.summary, "w")] if args.summary is not None else []
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary and args.format == "github":
        targets.append((Path(step_summary), "a"))
    return targets


def _write_summary(args, report) -> bool:
    """The Markdown run summary: to --summary FILE, and appended to GitHub's job summary page
    with --format github, where annotations show only the first ten problems of each level."""
    targets = _summary_targets(args)
    if not targets:
        return True
    from healthlint.reporters.escape import utf8
    from healthlint.reporters.summary import render_summary

    data = utf8(render_summary(report))
    for path, mode in targets:
        try:
            with open(path, mode + "b") as handle:
                handle.write(data)
        except OSError as error:
            print(f"healthlint: cannot write {path}: {error.strerror}", file=sys.stderr)
            return False
    return True


def _unknown_selectors(args) -> str:
    """A typo in --select must not silently turn every rule off, as the config would not let it."""
    from healthlint.registry import is_known_selector

    for flag in ("select", "ignore", "extend_select"):
        for selector in getattr(args, flag) or []:
            if not is_known_selector(selector):
                name = "--" + flag.replace("_", "-")
                return f"{name}: {selector!r} matches no rule code, code prefix (such as HL3), rule name or tag"
    return ""


def _serp(args) -> int:
    from healthlint import api
    from healthlint.serp import render_serp, render_serp_json

    options = api.Options(config_file=args.config)
    if args.format == "json":
        text = render_serp_json(args.paths, options, base_url=args.base_url)
    else:
        text = render_serp(args.paths, options, color=_use_color(args.color), base_url=args.base_url)
    sys.stdout.write(text)
    return EXIT_OK


def _clean(paths: list[str]) -> int:
    from healthlint import api, cache

    config = api.resolve_config([Path(p) for p in paths or ["."]], api.Options())
    root = api.cache_root(config)
    outcome = cache.clean(root)
    if outcome == "symlink":
        cache.REFUSED[str(cache.folder(root))] = "symlink"
        _say_refused_caches()
        return EXIT_USAGE
    print(f"Removed {cache.folder(root)}" if outcome == "removed" else f"No cache at {cache.folder(root)}")
    return EXIT_OK


def _say_refused_caches() -> None:
    """Once per run: a cache folder healthlint would not use (healthlint.cache.usable_folder)."""
    cache = sys.modules.get("healthlint.cache")  # not imported: no cache was asked for
    if cache is None:
        return
    for path, why in sorted(cache.REFUSED.items()):
        what = "a symbolic link" if why == "symlink" else "not a folder"
        print(
            f"healthlint: warning: {path} is {what}, so healthlint neither reads nor writes a cache there: "
            "a link committed to the repository could make it read, write or delete files elsewhere. "
            "Remove it; healthlint makes the folder itself on the next run.",
            file=sys.stderr,
        )
    cache.REFUSED.clear()


def exit_code(report, fail_on: str, exit_zero: bool) -> int:
    """The one place the exit code of a check run is decided."""
    if exit_zero:
        return EXIT_OK
    threshold = _LEVELS[fail_on]
    return EXIT_PROBLEMS if any(d.severity >= threshold for d in report.diagnostics) else EXIT_OK


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _list_rules(fmt: str = "text", lang: str = "en") -> int:
    from healthlint.registry import MESSAGES, all_rules, rules_table

    if fmt == "markdown":
        print(rules_table(), end="")
    elif fmt == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "severity": r.severity.label, "default": r.default, "fixable": r.fixable, "tags": list(r.tags), "summary": r.summary_in(lang), "why_off": r.off_reason(lang) or None}
            for r in all_rules()
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for rule in all_rules():
            fix = "fix" if rule.fixable else "   "
            on = MESSAGES.say(lang, "on" if rule.default else "off")
            print(f"{rule.code}  {rule.name:<32} {rule.severity.label:<8} {on:<4} {fix}  {rule.summary_in(lang)}")
        if not all(rule.default for rule in all_rules()):
            print()
            print(MESSAGES.say(lang, "why-off", code=next(rule.code for rule in all_rules() if not rule.default)))
            for rule in all_rules():
                if rule.off_reason(lang):
                    print(f"  {rule.code} {rule.name}: {rule.off_reason(lang)}")
    return EXIT_OK


def _explain_rule(selector: str) -> int:
    from healthlint.registry import rule_by_selector

    rule = rule_by_selector(selector)
    if rule is None:
        print(f"healthlint: no rule has the code or name {selector!r}; `healthlint rules` lists them", file=sys.stderr)
        return EXIT_USAGE
    print(f"{rule.code} {rule.name}")
    print(f"Default severity: {rule.severity.label}. Tags: {', '.join(rule.tags) or '-'}. Fixable: {'yes' if rule.fixable else 'no'}.")
    if not rule.default:
        from healthlint.registry import MESSAGES

        print(rule.off_reason("en") or MESSAGES.say("en", "rule-off", code=rule.code))
    if rule.options:
        print("Options: " + ", ".join(f"{key} = {value!r}" for key, value in rule.options.items()))
    print()
    print(rule.doc)
    return EXIT_OK
