"""Reading the files a config names, and the config file itself, as carefully as an article.

On a pull request the config, its rule packs and its word lists are whatever the branch
committed. So each of them goes through `read_named_file`, and only through it:

- it must be a regular file: `os.stat` follows a symlink, and a folder, a named pipe, a socket
  or a device (`/dev/zero`) is refused before it is opened (opening a pipe waits for a writer
  forever; a device may never end). The file is opened non-blocking and checked again, so a
  file swapped for a pipe in between is refused too;
- it is read up to a size limit and no further (at most `limit + 1` bytes);
- it must be UTF-8 (a byte order mark is allowed).

A file that fails raises `NamedFileError` with the reason, worded for the person who wrote
the config; the caller adds the file and the key (`ConfigError`, `RulePackError`). Any
further rule about which files a config may name belongs in `read_named_file`, so that it
holds for every such file at once.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# A config file or a project's word list: a few kilobytes, a long word list some hundreds.
MAX_NAMED_FILE_BYTES = 5_000_000
_CHUNK = 1 << 20

_TYPICAL = {
    "config file": "a config file is a few kilobytes",
    "word list": "a word list is at most a few hundred kilobytes",
    "rule pack": "a rule pack is a few kilobytes",
}


class NamedFileError(Exception):
    """A file named by the config (or the config itself) that cannot be used, and why."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{self.path}: {reason}")


def read_named_file(path: str | Path, kind: str = "config file", limit: int = MAX_NAMED_FILE_BYTES) -> str:
    """The text of `path`, a `kind` of file ("config file", "word list", "rule pack") that the
    config names; raises NamedFileError saying what is wrong and what to do."""
    data = _read_bytes(path, kind, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NamedFileError(
            path, f"is not UTF-8 (byte offset {error.start}); save it as UTF-8 text"
        ) from None


def _read_bytes(path: str | Path, kind: str, limit: int) -> bytes:
    try:
        info = os.stat(path)
        _check_kind(path, info)
        _check_size(path, info, kind, limit)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags)
        try:
            info = os.fstat(descriptor)
            _check_kind(path, info)
            _check_size(path, info, kind, limit)
            chunks: list[bytes] = []
            total = 0
            while total <= limit:
                chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(descriptor)
    except ValueError:  # a NUL character in the name
        raise NamedFileError(
            _shown(path), "the file name contains a NUL character; write the name without it"
        ) from None
    except OSError as error:
        raise NamedFileError(path, _os_reason(path, error)) from None
    if total > limit:
        raise NamedFileError(path, f"grew past the limit of {limit:,} bytes while it was read")
    return b"".join(chunks)


def _check_kind(path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise NamedFileError(path, "is a folder, not a file; use a file")
    if not stat.S_ISREG(info.st_mode):
        raise NamedFileError(
            path,
            "is not a regular file (it is a named pipe, a socket or a device such as /dev/zero), "
            "so it was not read; use a regular file",
        )


def _check_size(path, info: os.stat_result, kind: str, limit: int) -> None:
    if info.st_size > limit:
        typical = _TYPICAL.get(kind, f"a {kind} is a few kilobytes")
        raise NamedFileError(
            path,
            f"is {info.st_size:,} bytes, larger than the limit of {limit:,} bytes; {typical}. "
            "Name the right file, or make it smaller",
        )


def _os_reason(path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return "cannot be read: it is a symbolic link to a file that does not exist"
        return "cannot be read: it does not exist"
    return f"cannot be read: {error.strerror or error}"


def _shown(path) -> str:
    return str(path).replace("\0", "\\0")
