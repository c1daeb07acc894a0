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

import hashlib
import pickle
import time
from pathlib import Path

from healthlint import cache

FORMAT = 1


class Replay:
    """One stored report per command (output options), valid for one digest of the inputs."""

    def __init__(self, root: Path, command: tuple, inputs: str, newest_ns: int):
        name = hashlib.sha256(repr((FORMAT, cache.build_id(), command)).encode("utf-8", "backslashreplace")).hexdigest()[:24]
        self.path = cache.folder(root) / f"replay-{name}.pickle"
        self.inputs = inputs
        self.newest_ns = newest_ns

    def load(self) -> tuple[bytes, int] | None:
        """(report as UTF-8, exit code) when the stored report was made from the same inputs."""
        try:
            with open(self.path, "rb") as handle:
                stored = pickle.load(handle)
            if stored.get("format") == FORMAT and stored.get("inputs") == self.inputs:
                text, code = stored["text"], stored["exit"]
                if isinstance(text, bytes) and isinstance(code, int):
                    return text, code
        except Exception:  # missing, corrupt or foreign: lint as usual
            pass
        return None

    def save(self, text: bytes, code: int) -> None:
        if time.time_ns() - self.newest_ns < cache.RACY_NS:
            return  # an input changed moments ago: its mtime cannot vouch for it yet
        payload = {"format": FORMAT, "inputs": self.inputs, "text": text, "exit": code}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            cache.ensure_gitignore(self.path.parent)
            cache.write_atomic(self.path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        except OSError:
            return  # a read-only project still lints; it just does not replay
        cache.prune(self.path)
