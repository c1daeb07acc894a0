"""The site index brought up to date for a run: every file of the site as the site rules see
it, read again only where its content changed, kept in the cache between runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from healthlint.config import Config
from healthlint.document import Document, LoadFailure
from healthlint.files.discover import discover, display_path, relative_to_root
from healthlint.run import pipeline
from healthlint.run.engine import FILE_WITHOUT_ARTICLE, Engine
from healthlint.run.pipeline import (
    MESSAGES,
    Options,
    Plan,
    cache_root,
    file_limits,
    site_root_of,
)
from healthlint.run.result import FileResult
from healthlint.site.facts import FileFacts, bare_facts, collect_facts

if TYPE_CHECKING:
    from healthlint.site.index import SiteIndex



def refresh_site_index(
    engine: Engine,
    config: Config,
    given: list[Path],
    results: list[FileResult],
    use_cache: bool = True,
    notes: list | None = None,
    planned: Plan | None = None,
    on_disk: bool = True,
) -> "SiteIndex | None":
    """Every file of the site as the site rules see it (only when a site rule is enabled).

    A single-file run (pre-commit) still sees the whole site: the index is kept in the cache
    and only files whose content changed are read again. The files linted in this run enter
    it with the facts just found (`on_disk`: their results are of the files as they are on
    disk; not so for text from standard input).
    """
    root = planned.site_root if planned is not None else site_root_of(engine, config, given)
    if root is None:
        return None
    from functools import partial

    from healthlint.run import cache, runner
    from healthlint.site.index import SiteIndex

    kept = None
    if use_cache:
        # Paths in it are absolute or relative to the site: one index serves runs from any folder.
        usable = cache.usable_folder(cache_root(config))
        name = "site-" + cache.key("index", config.site_profile, config.site_root, config.max_file_size)
        kept = usable / f"{name}{cache.SUFFIX}" if usable is not None else None
    index = SiteIndex.load(kept) if kept is not None else SiteIndex()
    linted = {os.path.abspath(r.path): r for r in results} if on_disk else {}
    if planned is not None:
        site_files, truncated = planned.site_files, planned.site_truncated
    else:
        walked = discover([root], config, limit=pipeline.SITE_INDEX_LIMIT, absolute=True)
        site_files, truncated = walked.files, walked.truncated
    if truncated and notes is not None:
        notes.append(MESSAGES.say(engine.lang, "site-truncated", limit=pipeline.SITE_INDEX_LIMIT, root=display_path(root)))
    changed = False
    present = set()
    stale = []  # files whose entry is missing or may be out of date: (path, stat, entry)
    for path in site_files:
        absolute = path if isinstance(path, str) else os.path.abspath(path)  # the walk gives absolute strings
        try:
            info = os.stat(absolute)
        except OSError:
            continue
        i = index.position(absolute)
        if i is not None and index.fresh(i, info):
            present.add(absolute)
            continue
        stale.append((absolute, info, i))
    # What index_reader is asked per file: (path, mtime, digest in the index, facts wanted).
    asks = [(absolute, info.st_mtime_ns, index.digest(i) if i is not None else None, absolute not in linted) for absolute, info, i in stale]
    # Files not linted in this run are parsed for their facts: in both processes when there
    # are many (the first run after installing or upgrading healthlint reads the whole site).
    # The linted ones are only read again for their digest, here.
    to_parse = [ask for ask in asks if ask[3]]
    jobs = (planned.options.jobs if planned is not None else None) or runner.default_jobs()
    parsed = dict(zip((ask[0] for ask in to_parse), runner.run(to_parse, partial(index_reader, config), jobs)))
    reader = index_reader(config) if len(parsed) < len(asks) else None
    for (absolute, info, i), ask in zip(stale, asks):
        read = parsed[absolute] if ask[3] else reader(ask)
        if read is None:
            continue  # unreadable, or not a text file: the site's other files are context only
        digest, racy, what, found = read
        changed = True
        if what == "same":
            index.restamp(i, (info.st_mtime_ns, info.st_size), digest, racy)  # touched, not changed
            present.add(absolute)
            continue
        if what == "linted":
            found = linted[absolute].facts
        if found is not None:
            index.put(absolute, found, (info.st_mtime_ns, info.st_size, digest, racy))
            present.add(absolute)
    gone = [key for key in index.keys if key not in present]  # deleted, renamed, excluded, unreadable
    if gone:
        index.remove(gone)
        changed = True
    if kept is not None and changed:
        index.save(kept)
    return index


def index_reader(config: Config):
    """A function that reads one site file for the site index, built once per process:
    (path, its mtime, digest in the index or None, whether facts are wanted) → (digest, racy,
    what, facts): what is "same" when the content is what the index holds, "linted" for a
    file this run linted (its facts are in its result), else "read" with the facts (None when
    they cannot be had); None when the file cannot be read. `racy` is judged right after the
    read, as the cache does."""
    from healthlint.files import boundary
    from healthlint.run import cache, limits

    bounds = file_limits(config, Options())
    inside = boundary.of(config)

    def read(ask: tuple[str, int, bytes | None, bool]):
        absolute, mtime_ns, known_digest, wanted = ask
        data = pipeline.read_file(absolute, config.max_file_size, inside)
        if isinstance(data, LoadFailure):
            return None
        digest, racy = cache.raw_digest(data), cache.is_racy(mtime_ns)
        if digest == known_digest:
            return digest, racy, "same", None
        if not wanted:
            return digest, racy, "linted", None
        try:
            found = limits.call(bounds, facts_of, display_path(absolute), data, relative_to_root(absolute, config.site_root), config.site_profile)
        except (Exception, limits.LimitExceeded):
            found = None  # the site's other files are context only; their own runs report them
        return digest, racy, "read", found

    return read


def site_file_count(index: "SiteIndex | None", results: list[FileResult]) -> int:
    if index is None:
        return len(results)
    return len(index) + sum(1 for r in results if index.position(os.path.abspath(r.path)) is None)


def facts_of(shown: str, data: bytes, rel: str, profile) -> FileFacts | None:
    doc = Document.from_bytes(shown, data, rel)
    if isinstance(doc, LoadFailure):
        return bare_facts(shown, rel, profile) if doc.code in FILE_WITHOUT_ARTICLE else None
    return collect_facts(doc, profile)


