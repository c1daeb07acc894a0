"""A cache of per-file results under `.healthlint_cache/` in the project.

One cache per effective setting: healthlint's version, the effective configuration, the
rule packs and the date used as today are hashed into its name, so a change to any of them
starts a fresh cache. Inside, each file's entry is keyed by its absolute path and checked by
mtime and size first, then by a hash of its content. A corrupt or unreadable cache is
ignored and rebuilt, never an error.

The entries are spread over SHARDS files by a hash of the path, each written atomically
(temp file + rename) and only when one of its entries changed: a one-file run (pre-commit)
after a full run over 5,000 files reads and writes about 110 KB instead of 28 MB. Each
entry's value is pickled on its own and unpickled only when it is asked for.

Old caches (an earlier day's, since today is part of the key) are removed when a run saves
one of the same kind: the KEEP most recently written of each kind stay.
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
FORMAT = 4


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


SHARDS = 256
KEEP = 4  # caches of each kind (results, site index, replay) kept beside the one in use


class Store:
    """The entries of one cache, in shards loaded on first use; `get` checks freshness, `put`
    and `keep` record, `save` writes the shards that changed."""

    def __init__(self, root: Path, name: str):
        self.folder = folder(root) / name
        # Per shard, entries as stored (plain tuples) until asked for: a run over one file of a
        # large site reads a few and changes one.
        self._shards: dict[int, dict[str, Entry | tuple]] = {}
        self._dirty: set[int] = set()

    def _shard(self, key: str) -> tuple[int, dict[str, Entry | tuple]]:
        number = blake2b(key.encode("utf-8", "surrogatepass"), digest_size=1).digest()[0] % SHARDS
        entries = self._shards.get(number)
        if entries is None:
            entries = self._shards[number] = self._load(number)
        return number, entries

    def _path(self, number: int) -> Path:
        return self.folder / f"{number:02x}.pickle"

    def _load(self, number: int) -> dict[str, Entry | tuple]:
        try:
            with open(self._path(number), "rb") as handle:
                data = pickle.load(handle)
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
                return data["entries"]
        except Exception:  # a missing, corrupt, truncated or foreign shard is simply rebuilt
            pass
        return {}

    def get(self, path: Path, data_reader=None):
        """The cached value for `path` if the file is unchanged, else None."""
        key = str(path)
        number, entries = self._shard(key)
        entry = entries.get(key)
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
                entry = entries[key] = Entry(mtime_ns, size, digest, racy=racy, blob=blob)
            if not (stat.st_mtime_ns == entry.mtime_ns and stat.st_size == entry.size and not entry.racy):
                if data_reader is None or stat.st_size != entry.size:
                    return None
                data = data_reader(path)
                if not (isinstance(data, bytes) and content_digest(data) == entry.digest):
                    return None
                fresh = Entry.of(stat.st_mtime_ns, stat.st_size, data, entry._value)
                fresh._blob = entry._blob
                entries[key] = entry = fresh
                self._dirty.add(number)
            return entry.value
        except Exception:  # a damaged entry is recomputed, never an error
            del entries[key]
            self._dirty.add(number)
            return None

    def put(self, path: Path, data: bytes, value: object) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        self.keep(path, Entry.of(stat.st_mtime_ns, stat.st_size, data, value))

    def keep(self, path: Path | str, entry: Entry) -> None:
        """Record an entry made elsewhere (a worker process)."""
        number, entries = self._shard(str(path))
        entries[str(path)] = entry
        self._dirty.add(number)

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ensure_gitignore(self.folder.parent)
            for number in sorted(self._dirty):
                entries = {
                    path: entry.stored() if type(entry) is Entry else entry for path, entry in self._shards[number].items()
                }
                data = pickle.dumps({"format": FORMAT, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL)
                write_atomic(self._path(number), data, durable=False)
        except OSError:
            return  # a read-only project still lints; it just does not cache
        self._dirty.clear()
        prune(self.folder)


def prune(kept: Path) -> None:
    """Remove caches of the same kind as `kept` (the part of its name before the first `-`)
    but the KEEP most recently written: each day's runs start a cache of their own."""
    kind = kept.name.split("-", 1)[0] + "-"
    try:
        others = [entry for entry in os.scandir(kept.parent) if entry.name.startswith(kind) and entry.path != str(kept)]
        others.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns, reverse=True)
    except OSError:
        return
    for entry in others[KEEP:]:
        try:
            if entry.is_dir(follow_symlinks=False):
                import shutil  # only here: its import costs the hook's start-up ≈ 5 ms

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass  # another run removed it, or it is not ours to remove


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
