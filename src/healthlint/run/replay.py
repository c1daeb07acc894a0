"""Replay: the report of an unchanged site, written again without linting it.

A CI gate or a second local run often checks a tree in which nothing changed since the last
run. When every input is the same (healthlint itself, the settings, the output options and
the path, size, inode, mtime and ctime of every file linted and of the rest of the site:
`api.inputs_digest`), the report is the same, so the last one is kept under
`.healthlint_cache/` and written again. Rendering tens of thousands of problems costs more
than reading them back from the per-file cache.

A report is kept only when every input is older than RACY_NS, as the per-file cache does:
a file changed within the same clock tick as the run could otherwise look unchanged.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

from healthlint.run import cache

FORMAT = 2  # 2: the layout below; 1: pickle

# The stored report: this header, then the inputs digest (ASCII) and the report (UTF-8). Plain
# bytes with fixed fields, checked field by field on load: nothing in the file is decoded into
# objects, and a replayed run does not import a serialisation library (msgspec costs ≈ 6 ms).
_MAGIC = b"healthlint-replay\0"
_HEADER = struct.Struct("<HiQQ")  # format, exit code, length of the inputs digest, length of the report


class Replay:
    """One stored report per command (output options), valid for one digest of the inputs."""

    def __init__(self, root: Path, command: tuple, inputs: str, newest_ns: int):
        usable = cache.usable_folder(root)
        # The name holds the user's cache secret (cache.key): a committed report is never found.
        self.path = usable / f"replay-{cache.key('replay', FORMAT, command)}.bin" if usable is not None else None
        self.inputs = inputs
        self.newest_ns = newest_ns

    def load(self) -> tuple[bytes, int] | None:
        """(report as UTF-8, exit code) when the stored report was made from the same inputs."""
        if self.path is None:
            return None
        try:
            data = cache.read_plain(self.path)
        except OSError:  # missing or not a regular file: lint as usual
            return None
        start = len(_MAGIC) + _HEADER.size
        if not data.startswith(_MAGIC) or len(data) < start:
            return None
        fmt, code, inputs_length, text_length = _HEADER.unpack_from(data, len(_MAGIC))
        if fmt != FORMAT or start + inputs_length + text_length != len(data):
            return None
        if data[start : start + inputs_length] != self.inputs.encode("ascii"):
            return None
        return data[start + inputs_length :], code

    def save(self, text: bytes, code: int) -> None:
        if self.path is None or time.time_ns() - self.newest_ns < cache.RACY_NS:
            return  # no cache, or an input changed moments ago: its mtime cannot vouch for it yet
        inputs = self.inputs.encode("ascii")
        data = _MAGIC + _HEADER.pack(FORMAT, code, len(inputs), len(text)) + inputs + text
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            cache.ensure_gitignore(self.path.parent)
            cache.write_atomic(self.path, data, durable=False)
        except OSError:
            return  # a read-only project still lints; it just does not replay
        cache.prune(self.path)
