"""The site index: what the site rules compare a file with, for every file of the site.

One entry per file, kept in columns (plain lists of strings, arrays of numbers) rather than
one object per file: a one-file run (pre-commit) in a site of thousands reads the whole
index, and reading columns costs a fraction of rebuilding an object for every file.

Each entry holds what the site rules need and nothing else: the file's path relative to the
site, its title as written, its titles and own description normalised for comparison, its
URL and the format families of its dates. With the index comes each file's mtime, size and
content digest, so a run reads again only the files that changed (`refresh`).
"""

from __future__ import annotations

import copy
import os
from array import array
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from healthlint.site.facts import FileFacts

FORMAT = 4  # 4: dates written YYYY.MM.DD and YYYY/MM/DD are read; 3: MessagePack with a schema; up to 2: pickle
_DIGEST_BYTES = 16
# The stamp of an entry made in memory for facts not read from a file: never fresh.
UNSTAMPED = (0, -1, b"", True)


def normalised(text: str) -> str:
    """Case and spacing do not make two titles different."""
    return " ".join(text.lower().split())


def format_family(fmt: str | None) -> str:
    return "YYYY-MM-DD" if fmt == "YAML date" else (fmt or "unknown")


class SiteIndex:
    """Columns of per-file values; `keys[i]` is file i's absolute path (or its shown path)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.rel_paths: list[str] = []
        self.titles: list[str | None] = []
        self.norm_titles: list[str | None] = []
        self.norm_page_titles: list[str | None] = []
        self.norm_descriptions: list[str | None] = []  # the writer's own (`description_source == "key"`)
        self.urls: list[str | None] = []  # without a trailing slash; None when the profile gives none
        self.date_families: list[tuple[str, ...]] = []
        # When each entry was made: mtime and size of the file, a digest of its content, and
        # whether the file was so new then that its mtime alone cannot be trusted (cache.RACY_NS).
        self.mtimes = array("q")
        self.sizes = array("q")
        self.digests = bytearray()
        self.racy = bytearray()
        self._position: dict[str, int] | None = None
        self._derived: dict[str, object] = {}

    # -- building ------------------------------------------------------------------------
    @classmethod
    def of(cls, facts: Iterable[FileFacts]) -> "SiteIndex":
        """An index of these facts, kept in memory only (no stamps)."""
        index = cls()
        for item in facts:
            index.put(item.path, item, UNSTAMPED)
        return index

    def __len__(self) -> int:
        return len(self.keys)

    def position(self, key: str) -> int | None:
        if self._position is None:
            self._position = {k: i for i, k in enumerate(self.keys)}
        return self._position.get(key)

    def put(self, key: str, facts: FileFacts, stamp: tuple[int, int, bytes, bool]) -> None:
        """Add the file's entry, or replace it."""
        description = facts.description if facts.description_source == "key" else None
        values = (
            facts.rel_path,
            facts.title,
            normalised(facts.title) if facts.title else None,
            normalised(facts.page_title) if facts.page_title else None,
            normalised(description) if description else None,
            facts.url.rstrip("/") if facts.url else None,
            _families(facts),
        )
        mtime_ns, size, digest, racy = stamp
        i = self.position(key)
        if i is None:
            i = self._position[key] = len(self.keys)
            self.keys.append(key)
            for column, value in zip(self._columns(), values):
                column.append(value)
            self.mtimes.append(0)
            self.sizes.append(0)
            self.digests += bytes(_DIGEST_BYTES)
            self.racy.append(0)
        else:
            for column, value in zip(self._columns(), values):
                column[i] = value
        self.restamp(i, (mtime_ns, size), digest, racy)
        self._derived.clear()

    def restamp(self, i: int, stat: tuple[int, int], digest: bytes, racy: bool) -> None:
        """The file changed its mtime but not its content: keep the entry, note the new stamp."""
        self.mtimes[i], self.sizes[i] = stat
        self.digests[i * _DIGEST_BYTES : (i + 1) * _DIGEST_BYTES] = digest.ljust(_DIGEST_BYTES, b"\0")[:_DIGEST_BYTES]
        self.racy[i] = racy

    def remove(self, keys: Iterable[str]) -> None:
        """Drop these files' entries, all in one pass (a branch switch may remove thousands)."""
        gone = set(keys)
        kept = [i for i, key in enumerate(self.keys) if key not in gone]
        if len(kept) == len(self.keys):
            return
        self.keys = [self.keys[i] for i in kept]
        for name in _COLUMN_NAMES:
            column = getattr(self, name)
            setattr(self, name, [column[i] for i in kept])
        self.mtimes = array("q", (self.mtimes[i] for i in kept))
        self.sizes = array("q", (self.sizes[i] for i in kept))
        self.racy = bytearray(self.racy[i] for i in kept)
        self.digests = bytearray(b"".join(self.digests[i * _DIGEST_BYTES : (i + 1) * _DIGEST_BYTES] for i in kept))
        self._position = None
        self._derived.clear()

    def _columns(self) -> tuple[list, ...]:
        return (
            self.rel_paths,
            self.titles,
            self.norm_titles,
            self.norm_page_titles,
            self.norm_descriptions,
            self.urls,
            self.date_families,
        )

    # -- freshness -----------------------------------------------------------------------
    def fresh(self, i: int, stat: os.stat_result) -> bool:
        """The entry still describes the file: same mtime and size, and not made while racy."""
        return self.mtimes[i] == stat.st_mtime_ns and self.sizes[i] == stat.st_size and not self.racy[i]

    def digest(self, i: int) -> bytes:
        return bytes(self.digests[i * _DIGEST_BYTES : (i + 1) * _DIGEST_BYTES])

    # -- what the site rules ask ----------------------------------------------------------
    def _derive(self, name: str, build: Callable[[], object]):
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = build()
        return found

    def same(self, column: str, value: str, exclude: str) -> list[str]:
        """Files other than `exclude` (a relative path) whose `column` equals `value`, by path."""
        asked = self._derived[column + " asked"] = self._derived.get(column + " asked", 0) + 1
        if asked <= _SCANS:  # a few questions (a one-file run): a scan costs less than grouping
            values = getattr(self, column)
            found = [rel_path for rel_path, item in zip(self.rel_paths, values) if item == value]
        else:

            def groups() -> dict[str, list[str]]:
                grouped: dict[str, list[str]] = {}
                for rel_path, item in zip(self.rel_paths, getattr(self, column)):
                    if item:
                        grouped.setdefault(item, []).append(rel_path)
                return grouped

            found = self._derive(column, groups).get(value, [])
        return sorted(p for p in found if p != exclude)

    def slug_entry(self, folder: str, slug: str) -> int | None:
        """The first file (by relative path) in top-level `folder` with this slug."""

        def slugs() -> dict[tuple[str, str], int]:
            found: dict[tuple[str, str], int] = {}
            for i in sorted(range(len(self.rel_paths)), key=self.rel_paths.__getitem__):
                rel_path = self.rel_paths[i]
                top, slash, _ = rel_path.partition("/")
                if slash:
                    found.setdefault((top, _stem(rel_path)), i)
            return found

        return self._derive("slugs", slugs).get((folder, slug))

    def has_folder(self, folder: str) -> bool:
        return folder in self._derive("folders", lambda: {p.split("/")[0] for p in self.rel_paths if "/" in p})

    def has_url(self, url: str) -> bool:
        return url in self._derive("urls", lambda: set(self.urls) - {None})

    def has_path(self, rel_path: str) -> bool:
        return rel_path in self._derive("paths", lambda: set(self.rel_paths))

    def folder_families(self, folder: str, own: FileFacts) -> Counter:
        """Date-format families in `folder` (`own`'s folder), with `own`'s dates in place of its entry.

        Counted as if every file of the folder were walked by path (ties in `most_common`
        keep that order). The first few questions read only the folder's entries; after
        that a summary of every folder is made once, as a run over a whole site asks this
        for every file."""
        asked = self._derived["families asked"] = self._derived.get("families asked", 0) + 1
        if asked <= _SCANS:  # a few questions (a one-file run): only this folder's entries
            entries = [
                (rel_path, families)
                for rel_path, families in zip(self.rel_paths, self.date_families)
                if rel_path.rpartition("/")[0] == folder
            ]
            by_path, base = dict(entries), _family_summary(entries).get(folder, {})
        else:
            by_path = self._derive("families by path", lambda: dict(zip(self.rel_paths, self.date_families)))
            summary = self._derive("families by folder", lambda: _family_summary(zip(self.rel_paths, self.date_families)))
            base = summary.get(folder, {})
        old, new = by_path.get(own.rel_path, ()), _families(own)
        order = []
        for family in dict.fromkeys([*base, *new]):
            count, firsts = base.get(family, (0, []))
            count += new.count(family) - old.count(family)
            if count <= 0:
                continue
            candidates = [p for p in firsts if p != own.rel_path][:1] + ([own.rel_path] if family in new else [])
            first = min(candidates)
            families = new if first == own.rel_path else by_path[first]
            order.append(((first, families.index(family)), family, count))
        counts: Counter = Counter()
        for _, family, count in sorted(order):
            counts[family] = count
        return counts

    # -- kept on disk ----------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> "SiteIndex":
        """The index kept at `path`, or an empty one when it is missing, damaged or foreign."""
        from healthlint.run import cache

        decoder, _, msgspec = _schema()
        try:
            stored = decoder.decode(cache.read_plain(path))
        except (OSError, msgspec.DecodeError):  # missing, damaged or foreign: rebuilt, never an error
            return cls()
        count = len(stored.keys)
        if not (
            stored.format == FORMAT
            and all(len(getattr(stored, name)) == count for name in _COLUMN_NAMES)
            and len(stored.mtimes) == len(stored.sizes) == 8 * count
            and len(stored.racy) == count
            and len(stored.digests) == count * _DIGEST_BYTES
        ):
            return cls()
        index = cls()
        index.keys = stored.keys
        for name in _COLUMN_NAMES:
            setattr(index, name, getattr(stored, name))
        index.date_families = [_FAMILIES.setdefault(families, families) for families in stored.date_families]
        index.mtimes.frombytes(stored.mtimes)
        index.sizes.frombytes(stored.sizes)
        index.digests = bytearray(stored.digests)
        index.racy = bytearray(stored.racy)
        return index

    def save(self, path: Path) -> None:
        from healthlint.run import cache
        from healthlint.run.atomic import write_atomic

        try:
            data = self._encoded()
        except UnicodeEncodeError:  # a file name that is not UTF-8: kept without those files
            unencodable = {key for i, key in enumerate(self.keys) if not all(_encodable(value) for value in self._row(i))}
            smaller = copy.copy(self)  # `remove` builds new columns, so this index keeps its own
            smaller._derived = {}
            smaller.remove(unencodable)
            data = smaller._encoded()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            cache.ensure_gitignore(path.parent)
            write_atomic(path, data, durable=False)
        except OSError:
            return  # a read-only project still lints; it just does not keep the index
        cache.prune(path)

    def _encoded(self) -> bytes:
        columns = [getattr(self, name) for name in _COLUMN_NAMES]
        _, stored, msgspec = _schema()
        return msgspec.msgpack.encode(
            stored(FORMAT, self.keys, *columns, self.mtimes.tobytes(), self.sizes.tobytes(), bytes(self.digests), bytes(self.racy))
        )

    def _row(self, i: int) -> list:
        return [self.keys[i], *(getattr(self, name)[i] for name in _COLUMN_NAMES[:-1]), *self.date_families[i]]


def _encodable(value: str | None) -> bool:
    """False for a string with lone surrogates (from a file name that is not UTF-8)."""
    if value is None:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _schema():
    """The index on disk: MessagePack checked against this schema (no pickle: the cache is in
    the work tree, where a pull request can put anything); (decoder, Stored, msgspec).
    msgspec is imported on first use: a replayed run never needs it (≈ 6 ms)."""
    import msgspec

    class Stored(msgspec.Struct, array_like=True):
        format: int
        keys: list[str]
        rel_paths: list[str]
        titles: list[str | None]
        norm_titles: list[str | None]
        norm_page_titles: list[str | None]
        norm_descriptions: list[str | None]
        urls: list[str | None]
        date_families: list[tuple[str, ...]]
        mtimes: bytes  # array("q") in this machine's byte order: the index is this machine's
        sizes: bytes
        digests: bytes
        racy: bytes

    return msgspec.msgpack.Decoder(Stored), Stored, msgspec


# Questions about one column answered by scanning it before it is grouped once for all.
_SCANS = 8


def _family_summary(entries: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, dict[str, list]]:
    """Per folder, per date-format family: how many dates use it, and the first two files
    (by path) that do."""
    found: dict[str, dict[str, list]] = {}
    for rel_path, families in entries:
        here = found.setdefault(rel_path.rpartition("/")[0], {})
        for family in families:
            count_and_firsts = here.setdefault(family, [0, []])
            count_and_firsts[0] += 1
            firsts = count_and_firsts[1]
            if rel_path not in firsts:
                firsts.append(rel_path)
                firsts.sort()
                del firsts[2:]
    return found


def _stem(rel_path: str) -> str:
    """`PurePosixPath(rel_path).stem`, without making a path object for each of thousands."""
    name = rel_path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


_COLUMN_NAMES = ("rel_paths", "titles", "norm_titles", "norm_page_titles", "norm_descriptions", "urls", "date_families")
_FAMILIES: dict[tuple, tuple[str, ...]] = {}


def _families(facts: FileFacts) -> tuple[str, ...]:
    families = tuple(format_family(fact.format) for fact in facts.dates)
    return _FAMILIES.setdefault(families, families)  # one object per distinct tuple: small on disk
