"""The public API: `lint_paths`, `lint_text` and `lint_stdin`, with their `Options` and
`Report`. Reads files; never writes them."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from healthlint.config import Config, load_config
from healthlint.diagnostic import Diagnostic, Span, Violation
from healthlint.document import Document, LoadFailure
from healthlint.files.discover import discover, display_path, relative_to_root
from healthlint.run.pipeline import (
    MESSAGES,
    Options,
    PathNotFound,
    Plan,
    Report,
    engine_for,
    file_limits,
    lint_files,
    plan,
    run_notes,
)
from healthlint.run.site_refresh import refresh_site_index, site_file_count


def lint_paths(
    paths: list[str | Path], options: Options | None = None, config: Config | None = None, planned: Plan | None = None
) -> Report:
    """Lint files and folders; site rules see every file of the site."""
    planned = planned or plan(paths, options, config)
    options, config, engine, found, given = planned.options, planned.config, planned.engine, planned.found, planned.given
    results = lint_files(engine, config, options, found.files)
    for folder, reason in found.unreadable:
        shown = display_path(folder)
        results.append(
            engine.failure(shown, relative_to_root(folder, config.site_root), LoadFailure("HL001", MESSAGES.text("folder-unreadable", reason=reason)))
        )
    return _finish(engine, config, given, results, options, planned=planned)


def _finish(engine, config: Config, given: list[Path], results, options: Options, *, planned: Plan | None = None, on_disk: bool = True) -> Report:
    """The second half of every run, files or standard input: bring the site index up to
    date, run the site rules, and say once what is said once."""
    site_notes: list[str] = []
    index = refresh_site_index(engine, config, given, results, options.cache, site_notes, planned, on_disk=on_disk)
    site_files = site_file_count(index, results)  # before finish adds linted files the index lacks
    diagnostics = engine.finish(results, index)
    results.sort(key=lambda r: r.path)
    notes = run_notes(engine, results) + site_notes
    return Report(diagnostics, results, config, site_files=site_files, notes=notes, lang=engine.lang)


def lint_text(
    text: str,
    path: str = "article.md",
    *,
    today: date | None = None,
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> list[Diagnostic]:
    """Lint one article given as text; site rules see only this article."""
    options = Options(today=today, select=select, ignore=list(ignore or []))
    config = config or Config()
    engine = engine_for(config, options)
    result = engine.lint_document(Document(path, text.lstrip("\ufeff"), bom=text.startswith("\ufeff")))
    return engine.finish([result])


def lint_stdin(data: bytes, filename: str | None, options: Options) -> Report:
    """Lint bytes read from standard input as if they were the file `filename`."""
    anchor = Path(os.path.abspath(filename)) if filename else Path.cwd() / "-"
    config = load_config(options.config_file, anchor, anchor.parent)
    engine = engine_for(config, options)
    if filename and options.force_exclude and not discover([anchor], config, force_exclude=True).files:
        return Report([], [], config, lang=engine.lang)  # excluded, as pre-commit and editors expect
    shown = display_path(anchor) if filename else "-"
    rel = relative_to_root(anchor, config.site_root) if filename else "-"
    if len(data) > config.max_file_size:
        result = engine.failure(shown, rel, LoadFailure("HL004", MESSAGES.text("input-too-large", size=len(data), limit=config.max_file_size)))
    else:
        from healthlint.run import limits

        try:
            result = limits.call(file_limits(config, options), engine.lint_bytes, shown, rel, data)
        except limits.LimitExceeded as hit:
            result = engine.failure(shown, rel, hit.failure())
    report = _finish(engine, config, [Path(os.path.abspath(anchor)).parent], [result], options, on_disk=False)
    decoded = Document.from_bytes(shown, data)
    if isinstance(decoded, Document):
        report.sources[shown] = decoded.text
    return report


__all__ = ["lint_paths", "lint_text", "lint_stdin", "Options", "Report", "PathNotFound", "Span", "Violation"]
