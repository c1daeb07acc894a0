"""The command line: the only module that prints and exits.

Exit codes: 0 no error-severity problem (or --exit-zero); 1 at least one problem at or above
--fail-on; 2 usage errors, config errors and paths on the command line that do not exist.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

from healthlint import commands
from healthlint.arguments import COMMANDS, build_parser
from healthlint.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from healthlint.i18n import Messages
from healthlint.run.atomic import interrupts_held

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
            return commands.serp_command(args)
        if args.command == "clean":
            return commands.clean_command(args.paths)
        if args.command == "init":
            return commands.init_command(args)
        if args.command == "words":
            return commands.words_command(args)
        if args.command in ("rules", "rule"):
            # The project's config may add rules from its own packs.
            from healthlint.api import Options
            from healthlint.run.pipeline import resolve_config

            config = resolve_config([Path.cwd()], Options())
            if args.command == "rules":
                return commands.list_rules(args.format, args.lang or config.lang, config.rule_set)
            return commands.explain_rule(args.rule, config.rule_set)
        code = _check(args)
        commands.say_refused_caches()
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
    from healthlint.run import pipeline

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
    rule_set = None
    if args.select or args.ignore or args.extend_select:
        # The project's own rule packs come with its config: load it before checking the names.
        anchors = [Path(p) for p in paths if p != "-"] or [Path(args.stdin_filename or Path.cwd())]
        rule_set = pipeline.resolve_config(anchors, options).rule_set
    unknown = _unknown_selectors(args, rule_set)
    if unknown:
        print(f"healthlint: error: {unknown}", file=sys.stderr)
        return EXIT_USAGE
    if args.changed_since is not None:
        if "-" in paths:
            print("healthlint: --changed-since cannot be used with `-` (standard input)", file=sys.stderr)
            return EXIT_USAGE
        from healthlint.files.gitfiles import GitError, changed_files

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
        planned = pipeline.plan(paths, options)
        replay = _replay(args, planned)
        if replay is not None:
            stored = replay.load()
            if stored is not None:
                text, code = stored
                return code if _write_output(args, [text]) else EXIT_USAGE
        report = api.lint_paths(paths, options, planned=planned)

    if args.write_baseline is not None:
        return _write_baseline(args.write_baseline, report)
    report = _apply_baseline(args, report)
    if report is None:
        return EXIT_USAGE
    text = _write_report(args, report, keep=replay is not None)
    if text is None:
        return EXIT_USAGE
    if not _write_summary(args, report):
        return EXIT_USAGE
    fail_on = args.fail_on or report.config.fail_on
    code = exit_code(report, fail_on, args.exit_zero)
    if replay is not None:
        from healthlint.run.limits import FileMemoryLimit, FileTimeLimit

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
    """The stored report of this command, when nothing it reads can have changed (healthlint.run.replay).

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
        or (args.output_file is None and (sys.stdout.isatty() or commands.use_color(args.color)))
    ):
        return None
    from healthlint.run import pipeline
    from healthlint.run.replay import Replay

    inputs = pipeline.inputs_digest(planned)
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
    return Replay(pipeline.cache_root(planned.config), command, *inputs)


def _write_report(args, report, stream=None, footer: str = "", keep: bool = False) -> bytes | None:
    """Render the report to --output-file or `stream` (stdout). Returns what was written
    (as UTF-8 when `keep`, else b""), or None when the file cannot be written."""
    from healthlint.report import render

    color = commands.use_color(args.color) if args.output_file is None and stream is None else False
    if args.format == "json" and not args.statistics:
        from healthlint.report.json import iter_json

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
    from healthlint.report.escape import utf8

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

    report = run.report  # None with --diff: nothing was written, nothing is linted again
    if not args.diff:
        report = _apply_baseline(args, report)
        if report is None:
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
        from healthlint.report.escape import visible

        print(f"healthlint: {visible(failed.error)}", file=sys.stderr)
    footer = FIX_MESSAGES.say(lang, "fixed" if fixed else "nothing-fixed", **counts)
    if paths == ["-"]:
        sys.stdout.buffer.write(run.files[0].after)  # the fixed text, as a formatter would give it
        sys.stdout.flush()
        written = _write_report(args, report, stream=sys.stderr, footer=footer) is not None
    else:
        written = _write_report(args, report, footer=footer) is not None
    if not written or not _write_summary(args, report):
        return EXIT_USAGE
    fail_on = args.fail_on or report.config.fail_on
    code = exit_code(report, fail_on, args.exit_zero)
    return max(code, EXIT_PROBLEMS) if run.errors else code


def _write_baseline(path: Path, report) -> int:
    from healthlint.report import baseline

    try:
        baseline.write(path, report.diagnostics, report.sources)
    except OSError as error:
        print(f"healthlint: cannot write the baseline {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    files = len({d.path for d in report.diagnostics})
    print(FIX_MESSAGES.say(report.config.lang, "baseline-written", problems=len(report.diagnostics), files=files, path=path))
    return EXIT_OK


def _apply_baseline(args, report):
    """--baseline: a new report without the problems the baseline records; None on a bad file."""
    if args.baseline is None:
        return report
    from dataclasses import replace

    from healthlint.report import baseline

    try:
        recorded = baseline.load(args.baseline)
    except baseline.BaselineError as error:
        print(f"healthlint: {error}", file=sys.stderr)
        return None
    filtered = baseline.apply(report.diagnostics, recorded, report.sources, [r.path for r in report.files])
    notes = list(report.notes)
    if filtered.hidden or filtered.gone:
        lang = args.lang or report.config.lang
        note = FIX_MESSAGES.say(lang, "baseline-hidden", hidden=filtered.hidden, path=args.baseline)
        if filtered.gone:
            which = "baseline-gone-one" if filtered.gone == 1 else "baseline-gone"
            note += FIX_MESSAGES.say(lang, which, gone=filtered.gone, path=args.baseline)
        notes.append(note)
    return replace(report, diagnostics=filtered.diagnostics, notes=notes)


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
    from healthlint.report.escape import utf8
    from healthlint.report.summary import render_summary

    data = utf8(render_summary(report))
    for path, mode in targets:
        try:
            with open(path, mode + "b") as handle:
                handle.write(data)
        except OSError as error:
            print(f"healthlint: cannot write {path}: {error.strerror}", file=sys.stderr)
            return False
    return True


def _unknown_selectors(args, rule_set) -> str:
    """A typo in --select must not silently turn every rule off, as the config would not let it."""
    for flag in ("select", "ignore", "extend_select"):
        for selector in getattr(args, flag) or []:
            if not rule_set.is_known_selector(selector):
                name = "--" + flag.replace("_", "-")
                return f"{name}: {selector!r} matches no rule code, code prefix (such as HL3), rule name or tag"
    return ""


def exit_code(report, fail_on: str, exit_zero: bool) -> int:
    """The one place the exit code of a check run is decided."""
    if exit_zero:
        return EXIT_OK
    threshold = _LEVELS[fail_on]
    return EXIT_PROBLEMS if any(d.severity >= threshold for d in report.diagnostics) else EXIT_OK
