"""A cache of per-file results under `.healthlint_cache/` in the project.

One cache file per effective setting: healthlint's version, the effective configuration, the
rule packs and the date used as today are hashed into its name, so a change to any of them
starts a fresh cache. Inside, each file's entry is keyed by its absolute path and checked by
mtime and size first, then by a hash of its content. The cache is written atomically (temp
file + rename); a corrupt or unreadable cache is ignored and rebuilt, never an error.

Each entry's value is pickled on its own and unpickled only when it is asked for, so a
one-file run (pre-commit) reads the index of a large site without rebuilding every result.
"""

from __future__ import annotations

import os
import pickle
import time
from functools import lru_cache
from pathlib import Path

from healthlint import __version__
from healthlint.atomic import write_atomic

try:
    # CPython's own BLAKE2: importing hashlib also loads OpenSSL, 3-4 ms of every start.
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

CACHE_DIR = ".healthlint_cache"
FORMAT = 3


# A file changed within this long after its entry was made may still carry the same mtime
# (coarse timestamps): such an entry is checked by content, as git does for "racy" entries.
RACY_NS = 2_000_000_000


_UNREAD = object()


class Entry:
    """A file's mtime, size and content digest, and the value computed from it."""

    __slots__ = ("mtime_ns", "size", "digest", "racy", "_value", "_blob")

    def __init__(self, mtime_ns: int, size: int, digest: str, value: object = _UNREAD, racy: bool = True, blob: bytes | None = None):
        self.mtime_ns = mtime_ns
        self.size = size
        self.digest = digest
        self.racy = racy  # made so soon after the file's mtime that mtime alone cannot be trusted
        self._value = value  # a FileResult
        self._blob = blob  # the value as pickled on disk, kept so an untouched entry is not pickled again

    @classmethod
    def of(cls, mtime_ns: int, size: int, data: bytes, value: object) -> "Entry":
        return cls(mtime_ns, size, content_digest(data), value, is_racy(mtime_ns))

    @property
    def value(self) -> object:
        if self._value is _UNREAD:
            self._value = pickle.loads(self._blob)
        return self._value

    def stored(self) -> tuple:
        if self._blob is None:
            self._blob = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        return (self.mtime_ns, self.size, self.digest, self.racy, self._blob)


def folder(root: Path) -> Path:
    return root / CACHE_DIR


def key(*parts: object) -> str:
    digest = blake2b(digest_size=16)
    for part in (build_id(), FORMAT, *parts):
        digest.update(repr(part).encode("utf-8", "backslashreplace"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


@lru_cache(maxsize=1)
def build_id() -> str:
    """healthlint's version and the size and mtime of each of its own files, so an edited
    checkout (an editable install keeps its version) does not replay or reuse old results."""
    package = Path(__file__).resolve().parent
    # The shipped rule packs: inside the package in a wheel, beside `src/` in a checkout
    # (as declarative.builtin_pack_dir, without importing the packs).
    packs = package / "rules" if (package / "rules").is_dir() else package.parents[1] / "rules"
    digest = blake2b(__version__.encode(), digest_size=16)
    for top in (package, packs):
        for folder, folders, files in os.walk(top):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".txt", ".json", ".gz")):
                    try:
                        info = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:24]


def content_digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def raw_digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def is_racy(mtime_ns: int) -> bool:
    """Changed so recently that a later edit may keep the same mtime (see RACY_NS)."""
    return time.time_ns() - mtime_ns < RACY_NS


class Store:
    """Entries of one cache file; `get` checks freshness, `put` records, `save` writes once."""

    def __init__(self, root: Path, name: str):
        self.path = folder(root) / f"{name}.pickle"
        # Entries as stored (plain tuples) until asked for: a run over one file of a large
        # site reads thousands and changes one.
        self.entries: dict[str, Entry | tuple] = self._load()
        self.dirty = False

    def _load(self) -> dict[str, Entry | tuple]:
        try:
            with open(self.path, "rb") as handle:
                data = pickle.load(handle)
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
                return data["entries"]
        except Exception:  # a corrupt, truncated or foreign cache is simply rebuilt
            pass
        return {}

    def get(self, path: Path, data_reader=None):
        """The cached value for `path` if the file is unchanged, else None."""
        key = str(path)
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        try:
            if type(entry) is not Entry:
                mtime_ns, size, digest, racy, blob = entry
                if stat.st_mtime_ns == mtime_ns and stat.st_size == size and not racy:
                    return pickle.loads(blob)  # the common case: no Entry is made
                entry = self.entries[key] = Entry(mtime_ns, size, digest, racy=racy, blob=blob)
            if not (stat.st_mtime_ns == entry.mtime_ns and stat.st_size == entry.size and not entry.racy):
                if data_reader is None or stat.st_size != entry.size:
                    return None
                data = data_reader(path)
                if not (isinstance(data, bytes) and content_digest(data) == entry.digest):
                    return None
                fresh = Entry.of(stat.st_mtime_ns, stat.st_size, data, entry._value)
                fresh._blob = entry._blob
                self.entries[key] = entry = fresh
                self.dirty = True
            return entry.value
        except Exception:  # a damaged entry is recomputed, never an error
            del self.entries[key]
            self.dirty = True
            return None

    def put(self, path: Path, data: bytes, value: object) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        self.entries[str(path)] = Entry.of(stat.st_mtime_ns, stat.st_size, data, value)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
            ensure_gitignore(directory)
            entries = {
                path: entry.stored() if type(entry) is Entry else entry for path, entry in self.entries.items()
            }
            write_atomic(
                self.path, pickle.dumps({"format": FORMAT, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL), durable=False
            )
        except OSError:
            pass  # a read-only project still lints; it just does not cache


def ensure_gitignore(directory: Path) -> None:
    ignore = directory / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, b"# Created by healthlint: the cache is never committed.\n*\n", durable=False)


def clean(root: Path) -> bool:
    """Remove the cache folder; True when there was one."""
    import shutil

    target = folder(root)
    if not target.is_dir():
        return False
    shutil.rmtree(target, ignore_errors=True)
    return True
