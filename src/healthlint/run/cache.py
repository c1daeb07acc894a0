"""A cache of per-file results under `.healthlint_cache/` in the project.

One cache per effective setting: healthlint's version, the effective configuration, the
rule packs and the date used as today are hashed into its name, so a change to any of them
starts a fresh cache. Inside, each file's entry is keyed by its absolute path and checked by
mtime and size first, then by a hash of its content. A corrupt or unreadable cache is
ignored and rebuilt, never an error.

The entries are spread over SHARDS files by a hash of the path, each written atomically
(temp file + rename) and only when one of its entries changed: a one-file run (pre-commit)
after a full run over 5,000 files reads and writes about 110 KB instead of 28 MB. Each
entry's value is encoded on its own and decoded only when it is asked for.

The folder is in the work tree, so a pull request can commit anything there (docs/SECURITY.md):
- nothing in it can run code: shards and the site index are MessagePack decoded against a
  schema (msgspec), the stored report is fixed binary fields (`replay`), never pickle; a file
  that fails is ignored and rebuilt, and files of the old pickle format are deleted unread;
- nothing in it is found unless this user made it: every name holds a hash of a secret kept
  in the user's own cache folder (`secret`), so a committed cache, forged or not, is never
  read, and a run without such a folder keeps no cache;
- a `.healthlint_cache` that is a symlink is not used at all (`usable_folder`).

Old caches (an earlier day's, since today is part of the key) are removed when a run saves
one of the same kind: the KEEP most recently written of each kind stay. Temporary files older
than an hour, which only a killed run leaves, go at the same time.
"""

from __future__ import annotations

import os
import stat
import time
from functools import lru_cache
from pathlib import Path

from healthlint.run import user_cache
from healthlint.run.atomic import write_atomic
from healthlint.version import __version__

try:
    # CPython's own BLAKE2: importing hashlib also loads OpenSSL, 3-4 ms of every start.
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

CACHE_DIR = ".healthlint_cache"
FORMAT = 5  # 5: MessagePack with a schema; up to 4: pickle
SUFFIX = ".msgpack"


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
        self._blob = blob  # the value as encoded on disk, kept so an untouched entry is not encoded again

    @classmethod
    def of(cls, mtime_ns: int, size: int, data: bytes, value: object) -> "Entry":
        return cls(mtime_ns, size, content_digest(data), value, is_racy(mtime_ns))

    @property
    def value(self) -> object:
        if self._value is _UNREAD:
            self._value = _result_decoder().decode(self._blob)
        return self._value

    def stored(self) -> tuple:
        if self._blob is None:
            self._blob = _codec().encode(self._value)
        return (self.mtime_ns, self.size, self.digest, self.racy, self._blob)


@lru_cache(maxsize=1)
def _codec():
    """msgspec's encoder, imported on first use: a replayed run never needs it (≈ 6 ms)."""
    import msgspec

    return msgspec.msgpack.Encoder()


@lru_cache(maxsize=1)
def _shards():
    """The schema of a shard file: the format, and per path (mtime, size, digest, racy,
    encoded value); (decoder, Shard, msgspec)."""
    import msgspec

    class Shard(msgspec.Struct, array_like=True):
        format: int
        entries: dict[str, tuple[int, int, str, bool, bytes]]

    return msgspec.msgpack.Decoder(Shard), Shard, msgspec


@lru_cache(maxsize=1)
def _result_decoder():
    """A decoder that accepts only a FileResult: every field's type is checked."""
    import msgspec

    from healthlint.run.result import FileResult

    return msgspec.msgpack.Decoder(FileResult)


def folder(root: Path) -> Path:
    return root / CACHE_DIR


REFUSED: dict[str, str] = {}  # cache folders this process would not use, and why (for the CLI to say)


def usable_folder(root: Path) -> Path | None:
    """`root/.healthlint_cache` when healthlint may read and write there (missing is fine:
    it is made on save); None when it is a symlink or not a folder, or when this user has
    no private cache folder to keep the secret in (`secret`)."""
    path = folder(root)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            REFUSED[str(path)] = "symlink"
            return None
        if not stat.S_ISDIR(info.st_mode):
            REFUSED[str(path)] = "not-folder"
            return None
    except OSError:
        pass  # not there yet
    return path if secret() is not None else None


@lru_cache(maxsize=1)
def secret() -> bytes | None:
    """Random bytes kept in the user's own cache folder, part of every cache name; None
    when there is no such folder (then nothing is cached)."""
    for directory in user_cache.folders():
        path = directory / "cache-secret"
        try:
            if user_cache.owned(path) is None:
                _make_secret(path)
            with open(path, "rb") as handle:
                value = handle.read(64)
            if len(value) == 32 and user_cache.owned(path) is not None:
                return value
        except OSError:
            continue
    return None


def _make_secret(path: Path) -> None:
    try:
        os.unlink(path)  # not a regular file of ours: a symlink or another user's
    except FileNotFoundError:
        pass
    write_atomic(path, os.urandom(32), mode=0o600)


def key(*parts: object) -> str:
    digest = blake2b(digest_size=16, key=secret() or b"")
    for part in (build_id(), FORMAT, *parts):
        digest.update(repr(part).encode("utf-8", "backslashreplace"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


@lru_cache(maxsize=1)
def build_id() -> str:
    """healthlint's version and the size and mtime of each of its own files, so an edited
    checkout (an editable install keeps its version) does not replay or reuse old results."""
    package = Path(__file__).resolve().parents[1]  # healthlint/, this module being healthlint/run/cache.py
    # The shipped rule packs: inside the package in a wheel, beside `src/` in a checkout
    # (as packs.builtin_pack_dir, without importing the packs).
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
        usable = usable_folder(root)
        self.folder = usable / name if usable is not None else None  # None: nothing is read or kept
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
        return self.folder / f"{number:02x}{SUFFIX}"

    def _load(self, number: int) -> dict[str, Entry | tuple]:
        if self.folder is None:
            return {}
        decoder, _, msgspec = _shards()
        try:
            shard = decoder.decode(read_plain(self._path(number)))
            if shard.format == FORMAT:
                return shard.entries
        except (OSError, msgspec.DecodeError):  # missing, corrupt, truncated or foreign: rebuilt
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
                    return _result_decoder().decode(blob)  # the common case: no Entry is made
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

    def keep(self, path: Path | str, entry: Entry) -> None:
        """Record an entry made elsewhere (a worker process)."""
        number, entries = self._shard(str(path))
        entries[str(path)] = entry
        self._dirty.add(number)

    def save(self) -> None:
        if not self._dirty or self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ensure_gitignore(self.folder.parent)
            for number in sorted(self._dirty):
                entries = {}
                for path, entry in self._shards[number].items():
                    try:
                        path.encode("utf-8")
                        entries[path] = entry.stored() if type(entry) is Entry else entry
                    except UnicodeEncodeError:
                        continue  # a file name that is not UTF-8: linted again next time, not kept
                write_atomic(self._path(number), _codec().encode(_shards()[1](FORMAT, entries)), durable=False)
        except OSError:
            return  # a read-only project still lints; it just does not cache
        self._dirty.clear()
        prune(self.folder)


def read_plain(path: Path) -> bytes:
    """A cache file's bytes; never through a symlink (OSError), and never from a FIFO or
    device, which could block or never end."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{path} is not a regular file")
        return stream.read()


STALE_TEMPORARY_S = 3600  # a write takes milliseconds: a temporary file this old is a killed run's


def prune(kept: Path) -> None:
    """Remove caches of the same kind as `kept` (the part of its name before the first `-`)
    but the KEEP most recently written: each day's runs start a cache of their own. Files of
    the old pickle format go unread, and temporary files a killed run left behind."""
    kind = kept.name.split("-", 1)[0] + "-"
    try:
        listed = list(os.scandir(kept.parent))
        pickled = [entry for entry in listed if entry.name.endswith(".pickle") or _pickle_cache(entry)]
        others = [entry for entry in listed if entry.name.startswith(kind) and entry.path != str(kept) and entry not in pickled]
        others.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns, reverse=True)
    except OSError:
        return
    doomed = others[KEEP:] + pickled
    for entry in doomed:
        try:
            if entry.is_dir(follow_symlinks=False):
                import shutil  # only here: its import costs the hook's start-up ≈ 5 ms

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass  # another run removed it, or it is not ours to remove
    remove_stale_temporaries(kept.parent)
    for entry in listed:
        if entry.is_dir(follow_symlinks=False):
            remove_stale_temporaries(Path(entry.path))


def _pickle_cache(entry: os.DirEntry) -> bool:
    """A results folder of the pickle format (up to healthlint 0.1): its shards end in .pickle."""
    try:
        return entry.is_dir(follow_symlinks=False) and os.path.exists(os.path.join(entry.path, "00.pickle"))
    except OSError:
        return False


def remove_stale_temporaries(directory: Path) -> None:
    """Remove temporary files (`.NAME.RANDOM.tmp`, atomic.write_atomic) older than an hour:
    a run killed between writing and renaming leaves one; a running one's are younger."""
    limit = time.time() - STALE_TEMPORARY_S
    try:
        for entry in os.scandir(directory):
            if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                if entry.stat(follow_symlinks=False).st_mtime < limit:
                    os.unlink(entry.path)
    except OSError:
        pass


def ensure_gitignore(directory: Path) -> None:
    ignore = directory / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, b"# Created by healthlint: the cache is never committed.\n*\n", durable=False)


def clean(root: Path) -> str:
    """Remove the cache folder: "removed", "none" when there was none, or "symlink" when it
    is a symlink (left as it is, and what it points to too)."""
    import shutil

    target = folder(root)
    if target.is_symlink():
        return "symlink"
    if not target.is_dir():
        return "none"
    shutil.rmtree(target, ignore_errors=True)
    return "removed"
