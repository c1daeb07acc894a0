"""The run behind the public API: the config and the rules for some paths (Plan), the files
to lint, linting them in worker processes with the cache, and what is said once per run.
Reads files; never writes them (the cache aside)."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from healthlint.config import Config, load_config
from healthlint.diagnostic import Diagnostic
from healthlint.document import DEFAULT_MAX_FILE_SIZE, LoadFailure
from healthlint.files.discover import (
    Discovery,
    discover,
    display_path,
    relative_to_root,
)
from healthlint.i18n import Messages
from healthlint.run.engine import Engine
from healthlint.run.result import FileResult

if TYPE_CHECKING:
    from healthlint.files.boundary import Boundary


class PathNotFound(Exception):
    """A path named by the user does not exist (a usage error, exit 2)."""


MESSAGES = Messages(
    {
        "folder": {
            "en": "This path is a folder, not a file, so it cannot be linted as an article.",
            "da": "Stien er en mappe, ikke en fil, så den kan ikke tjekkes som en artikel.",
        },
        "not-regular": {
            "en": "The path is not a regular file (a named pipe, socket or device), so it was not read.",
            "da": "Stien er ikke en almindelig fil (men en navngiven pipe, en socket eller en enhed), så den blev ikke læst.",
        },
        "site-truncated": {
            "en": "The site index stopped at {limit:,} files in {root}: site-wide rules (duplicates, links, "
            "date formats) saw only those. Put a config file at the top of the content, or set `content-root`, "
            "so the site is the content and not a whole folder tree.",
            "da": "Sideindekset stoppede ved {limit:,} filer i {root}: reglerne for hele sitet (dubletter, links, "
            "datoformater) så kun dem. Læg en konfigurationsfil øverst i indholdet, eller sæt `content-root`, "
            "så sitet er indholdet og ikke et helt mappetræ.",
        },
        "too-large": {
            "en": "The file is {size:,} bytes, over the limit of {limit:,} bytes (`max-file-size`), "
            "so it was not read. A health article is a few kilobytes.",
            "da": "Filen fylder {size:,} bytes, over grænsen på {limit:,} bytes (`max-file-size`), "
            "så den blev ikke læst. En sundhedsartikel fylder nogle få kilobytes.",
        },
        "grew": {
            "en": "The file grew past the limit of {limit:,} bytes while it was read.",
            "da": "Filen voksede ud over grænsen på {limit:,} bytes, mens den blev læst.",
        },
        "unreadable": {
            "en": "The file cannot be read: {reason}. It was not checked.",
            "da": "Filen kan ikke læses: {reason}. Den blev ikke tjekket.",
        },
        "broken-link": {
            "en": "it is a symbolic link to a file that does not exist",
            "da": "den er et symbolsk link til en fil, der ikke findes",
        },
        "link-outside": {
            "en": "The file is a symbolic link that leads outside the project, so it was not read: a link "
            "committed to the repository could otherwise make the linter print files from elsewhere. "
            "Link only to files inside the project, or put the article itself here.",
            "da": "Filen er et symbolsk link, der fører uden for projektet, så den blev ikke læst: et link i "
            "repositoriet kunne ellers få linteren til at vise filer andre steder fra. "
            "Link kun til filer i projektet, eller læg selve artiklen her.",
        },
        "link-into-git": {
            "en": "The file is a symbolic link into a `.git` folder, which holds the repository's settings and "
            "credentials, so it was not read. Remove the link.",
            "da": "Filen er et symbolsk link ind i en `.git`-mappe, som rummer repositoriets indstillinger og "
            "adgangsnøgler, så den blev ikke læst. Fjern linket.",
        },
        "folder-unreadable": {
            "en": "The folder cannot be read: {reason}. Files in it were not checked.",
            "da": "Mappen kan ikke læses: {reason}. Filerne i den blev ikke tjekket.",
        },
        "input-too-large": {
            "en": "The input is {size:,} bytes, over the limit of {limit:,} bytes (`max-file-size`).",
            "da": "Inputtet fylder {size:,} bytes, over grænsen på {limit:,} bytes (`max-file-size`).",
        },
    },
    __name__,
)


@dataclass
class Report:
    diagnostics: list[Diagnostic]
    files: list[FileResult]
    config: Config
    site_files: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # text of inputs that are not files (stdin)
    notes: list[str] = field(default_factory=list)  # run-level findings for the summary (per page kind)
    lang: str = "en"  # the language of messages, notes and the summary line

    @property
    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for diagnostic in self.diagnostics:
            counts[diagnostic.severity.label] += 1
        return counts


@dataclass
class Options:
    """Command-line choices that sit on top of the config."""

    today: date | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    force_exclude: bool = False
    config_file: Path | None = None
    jobs: int | None = None  # worker processes; None: one per core
    cache: bool = True
    lang: str | None = None  # "en" or "da"; None: the config's `lang`
    time_limit: float | None = None  # seconds per file; None: the config's `time-limit`
    memory_limit: int | None = None  # MB per file; None: the config's `memory-limit`
    # Lint only these files (gitfiles.path_key spellings), as `--changed-since` chooses; the
    # site rules still see the whole site. None: every file found.
    only: frozenset[str] | None = None


def _common_parent(paths: list[Path]) -> Path:
    absolute = [os.path.abspath(p) for p in paths] or [os.getcwd()]
    parent = Path(os.path.commonpath(absolute))
    return parent if parent.is_dir() else parent.parent


def resolve_config(paths: list[Path], options: Options) -> Config:
    fallback_root = _common_parent(paths)
    start = Path(os.path.abspath(paths[0])) if paths else Path.cwd()
    return load_config(options.config_file, start, fallback_root)


def engine_for(config: Config, options: Options) -> Engine:
    return Engine(
        config,
        today=options.today or date.today(),
        select=options.select,
        ignore=options.ignore,
        extend_select=options.extend_select,
        lang=options.lang,
    )


def read_file(path: Path, max_size: int, boundary: "Boundary | None" = None) -> bytes | LoadFailure:
    """The file's bytes, or why they cannot be had (never raises for an unreadable file).
    With a `boundary`, a symlink that leads out of the project is not read (healthlint.files.boundary)."""
    try:
        refusal = boundary.refusal(path) if boundary is not None else None
        if refusal is not None:
            return LoadFailure("HL001", MESSAGES.text("link-outside" if refusal == "outside" else "link-into-git"))
        info = os.stat(path)
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            return LoadFailure("HL001", MESSAGES.text("folder"))
        if not stat.S_ISREG(info.st_mode):
            # Opening a named pipe waits for a writer forever; a device may never end.
            return LoadFailure("HL001", MESSAGES.text("not-regular"))
        if size > max_size:
            return LoadFailure("HL004", MESSAGES.text("too-large", size=size, limit=max_size))
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
        if len(data) > max_size:
            return LoadFailure("HL004", MESSAGES.text("grew", limit=max_size))
        return data
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOENT and os.path.islink(path):
            reason = MESSAGES.text("broken-link")
        return LoadFailure("HL001", MESSAGES.text("unreadable", reason=reason))


@dataclass(frozen=True)
class Plan:
    """What a run over some paths will read: its config, rules, files and the site around them.
    Made once by `plan`, never changed."""

    given: list[Path]
    options: Options
    config: Config
    engine: Engine
    found: Discovery  # the files to lint
    site_root: Path | None  # the folder whose files the site rules see (None: no site rule runs)
    site_files: list[Path] = field(default_factory=list)  # the site's files (empty without a site root)
    site_truncated: bool = False  # the site has more than SITE_INDEX_LIMIT files


def plan(paths: list[str | Path], options: Options | None = None, config: Config | None = None) -> Plan:
    """Resolve the config, find the files to lint and those of the site around them."""
    options = options or Options()
    given = [Path(p) for p in paths]
    missing = [p for p in given if not os.path.lexists(p)]
    if missing:
        raise PathNotFound(", ".join(str(p) for p in missing))
    config = config or resolve_config(given, options)
    engine = engine_for(config, options)
    found = files_to_lint(given, config, options)
    site_root = site_root_of(engine, config, given)
    site_files, truncated = [], False
    if site_root is None:
        pass
    elif (
        options.only is None
        and [os.path.abspath(p) for p in given] == [os.path.abspath(site_root)]
        and not found.unreadable
        and len(found.files) < SITE_INDEX_LIMIT
    ):
        site_files = found.files  # `check .` at the site's root: one walk serves both
    else:
        walked = discover([site_root], config, limit=SITE_INDEX_LIMIT, absolute=True)
        site_files, truncated = walked.files, walked.truncated
    return Plan(given, options, config, engine, found, site_root, site_files, truncated)


def inputs_digest(planned: Plan) -> tuple[str, int] | None:
    """A digest of everything a report over the planned paths is made from, and the newest
    change time among those inputs; None when an input cannot be vouched for.

    The inputs: healthlint itself, the effective settings (config, rules, rule packs, word
    lists, today, language, working folder) and the path, size, inode, mtime and ctime of
    every file linted and every other file of the site. The ctime changes with any write,
    even one that restores the mtime.
    """
    import hashlib

    from healthlint.run import cache

    if planned.found.unreadable or planned.found.truncated:
        return None
    paths = {os.path.abspath(p) for p in planned.found.files}
    if planned.site_root is not None:
        site = planned.site_files
        if planned.site_truncated:
            return None
        paths.update(os.path.abspath(p) for p in site)
    digest = hashlib.sha256()
    digest.update(cache.build_id().encode())
    digest.update(cache_key(planned.engine, planned.config).encode())
    digest.update(repr(planned.config).encode("utf-8", "backslashreplace"))
    digest.update(repr(file_limits(planned.config, planned.options)).encode())
    newest = 0
    for path in sorted(paths):
        try:
            info = os.stat(path)
        except OSError as error:
            digest.update(f"{path}\0error {error.errno}\n".encode("utf-8", "surrogateescape"))
            continue
        digest.update(
            f"{path}\0{info.st_size}\0{info.st_ino}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_mode}\n".encode("utf-8", "surrogateescape")
        )
        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
    return digest.hexdigest(), newest


def site_root_of(engine: Engine, config: Config, given: list[Path]) -> Path | None:
    """The folder whose files the site rules see: the config's site, else the common parent
    of the paths given; None when no site rule runs."""
    if not any(rule.kind == "site" for rule in engine.rules):
        return None
    root = config.site_root if config.source else _common_parent(given)
    return root if root.is_dir() else None


def files_to_lint(given: list[Path], config: Config, options: Options):
    """The files a run lints (or fixes): discovered under the paths, narrowed by --changed-since."""
    found = discover(given, config, force_exclude=options.force_exclude)
    if options.only is not None:
        from healthlint.files.gitfiles import path_key

        found.files = [path for path in found.files if path_key(path) in options.only]
    return found


def run_notes(engine: Engine, results: list[FileResult]) -> list[str]:
    """What is said once per run: rules `ALL` turned on against the default, and findings about
    the site's templates, rather than on every article."""
    notes = [note for note in [engine.config.rule_set.all_turned_on_note(engine.selected, engine.ignored, engine.lang)] if note]
    facts = [r.facts for r in results if r.facts is not None]
    for hook in dict.fromkeys(rule.notes for rule in engine.rules if rule.notes is not None):
        notes += hook(engine.config.site_profile, facts, engine.lang)
    return notes


def cache_root(config: Config) -> Path:
    """Where `.healthlint_cache/` lives: beside the config, else at the top of the git work tree."""
    if config.source:
        return config.root
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def cache_key(engine: Engine, config: Config) -> str:
    from healthlint.run import cache

    settings = sorted(
        (code, engine.severity(code).label, sorted(engine._contexts[code].options.items(), key=str))
        for code in engine.enabled
    )
    return cache.key(
        os.getcwd(),  # paths in results are shown relative to it
        settings,
        sorted(config.per_file_ignores.items()),
        sorted((where, sorted((code, sorted(o.items(), key=str)) for code, o in by.items())) for where, by in config.per_file_options.items()),
        config.site_profile,
        config.site_root,
        config.max_file_size,
        config.rule_set.digest(),
        engine.today.isoformat(),
        engine.lang,  # messages are cached in the run's language
        word_lists_digest(engine),
    )


def word_lists_digest(engine: Engine) -> list[tuple[str, str]]:
    """Word files that rule options name (`words-files`): their content decides results too."""
    from healthlint.run import cache

    found = []
    for code in sorted(engine.enabled):
        for name in engine._contexts[code].options.get("words-files") or ():
            path = (engine.config.root / str(name)).resolve()
            try:
                found.append((str(path), cache.content_digest(path.read_bytes())))
            except OSError:
                found.append((str(path), "unreadable"))
    return found


def file_limits(config: Config, options: Options):
    """The per-file time and memory bounds: command line over config (healthlint.run.limits)."""
    from healthlint.run.limits import Limits

    return Limits(
        time=config.time_limit if options.time_limit is None else options.time_limit,
        memory=config.memory_limit if options.memory_limit is None else options.memory_limit,
    )


def file_linter(config: Config, options: Options):
    """A function that lints one path and returns (path, cache entry or None, result): built once per process."""
    from healthlint.files import boundary
    from healthlint.run import cache, limits

    engine = engine_for(config, options)
    max_size = config.max_file_size or DEFAULT_MAX_FILE_SIZE
    bounds = file_limits(config, options)
    inside = boundary.of(config)

    def read_and_lint(path: Path):
        data = read_file(path, max_size, inside)
        return data, lint_data(engine, config, path, data)

    def lint(path: Path):
        try:
            before = os.stat(path)
        except OSError:
            before = None
        try:
            data, result = limits.call(bounds, read_and_lint, path)
        except limits.LimitExceeded as hit:  # reported, never cached: the next run tries again
            return path, None, lint_data(engine, config, path, hit.failure())
        entry = None
        if isinstance(data, bytes) and before is not None:
            entry = cache.Entry.of(before.st_mtime_ns, before.st_size, data, result)
        return path, entry, result

    return lint


def lint_files(engine: Engine, config: Config, options: Options, paths: list[Path]) -> list[FileResult]:
    from functools import partial

    from healthlint.files import boundary
    from healthlint.run import cache, runner

    store = cache.Store(cache_root(config), "results-" + cache_key(engine, config)) if options.cache else None
    inside = boundary.of(config)
    results: dict[str, FileResult] = {}
    missing = []
    for path in paths:
        cached = store.get(Path(os.path.abspath(path)), lambda p: read_file(p, config.max_file_size, inside)) if store else None
        if cached is not None:
            results[str(path)] = cached
        else:
            missing.append(path)
    jobs = options.jobs or runner.default_jobs()
    for path, entry, result in runner.run(missing, partial(file_linter, config, options), jobs):
        results[str(path)] = result
        if store is not None and entry is not None:
            store.keep(os.path.abspath(path), entry)
    if store is not None:
        store.save()
    return [results[str(path)] for path in paths]


def lint_data(engine: Engine, config: Config, path: Path, data: bytes | LoadFailure) -> FileResult:
    shown = display_path(path)
    rel = relative_to_root(path, config.site_root)
    if isinstance(data, LoadFailure):
        return engine.failure(shown, rel, data)
    return engine.lint_bytes(shown, rel, data)


# A site of health articles has hundreds or a few thousand files. Without a config, a one-file
# run takes the file's folder as the site, which may be a home or temp folder: stop there.


# A site of more files than this is not indexed: site rules then see the files linted.
SITE_INDEX_LIMIT = 20_000
