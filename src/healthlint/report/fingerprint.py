"""Stable identities for diagnostics, so a CI system can tell an old problem from a new one.

A fingerprint hashes the rule code, the repository-relative path and the text of the
diagnostic's line with surrounding whitespace trimmed. It leaves out the line number, so a
problem keeps its fingerprint when lines are added or removed above it, and it changes when
the offending line itself is edited. Code scanning (SARIF), GitLab Code Quality and a baseline
of accepted problems all key on it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from pathlib import Path

from healthlint.diagnostic import NOT_READ

_MAX_READ = 5_000_001  # more than the default max-file-size; a larger file was never linted


def fingerprint(code: str, path: str, line_text: str) -> str:
    """32 hex digits identifying (rule, file, line content); `path` should be `repo_path(...)`."""
    key = "\0".join((code, path, line_text.strip()))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def occurrence_fingerprints(keys: list[str]) -> list[str]:
    """Make equal fingerprints unique by order of appearance: `fp:0`, `fp:1`, …

    Two problems of the same rule on identical lines (or twice on one line) share a
    fingerprint; the counter keeps them apart, as GitHub's own `primaryLocationLineHash` does.
    """
    seen: Counter[str] = Counter()
    result = []
    for key in keys:
        result.append(f"{key}:{seen[key]}")
        seen[key] += 1
    return result


def _work_tree_root(folder: Path, cache: dict[Path, Path | None]) -> Path | None:
    """The nearest folder holding `.git` (a folder, or a file in worktrees and submodules)."""
    visited = []
    current: Path | None = folder
    root = None
    while current is not None:
        if current in cache:
            root = cache[current]
            break
        visited.append(current)
        if os.path.lexists(current / ".git"):
            root = current
            break
        current = current.parent if current.parent != current else None
    for item in visited:
        cache[item] = root
    return root


class PathMapper:
    """Paths as CI systems want them: relative to the git work tree's root when the file is
    inside one, else relative to the working folder, always with `/`.

    `relative` is None for a path outside both (shown absolute by the caller)."""

    def __init__(self, cwd: Path | None = None):
        self.cwd = Path(os.path.abspath(cwd or Path.cwd()))
        self._roots: dict[Path, Path | None] = {}
        self._mapped: dict[str, tuple[Path, str | None]] = {}

    @property
    def home(self) -> Path:
        """The base of a file in the working folder: its work tree's root, or the folder itself."""
        return _work_tree_root(self.cwd, self._roots) or self.cwd

    def map(self, path: str) -> tuple[Path, str | None]:
        """(base folder, path relative to it or None)."""
        if path not in self._mapped:
            self._mapped[path] = self._map(path)
        return self._mapped[path]

    def _map(self, path: str) -> tuple[Path, str | None]:
        if path == "-":  # standard input without --stdin-filename
            return self.cwd, "-"
        absolute = Path(os.path.normpath(os.path.join(self.cwd, path)))
        root = _work_tree_root(absolute.parent, self._roots)
        for base in (root, self.cwd):
            if base is None:
                continue
            try:
                return base, absolute.relative_to(base).as_posix()
            except ValueError:
                continue
        return self.cwd, None

    def repo_path(self, path: str) -> str:
        """The repository-relative POSIX path, or the absolute POSIX path when outside."""
        base, relative = self.map(path)
        if relative is not None:
            return relative
        return Path(os.path.normpath(os.path.join(self.cwd, path))).as_posix()


class SourceLines:
    """The text of a diagnostic's line, read back from the file (or from the report's sources,
    which hold text that came from standard input). A file that cannot be read gives ""."""

    def __init__(self, sources: dict[str, str] | None = None):
        self._lines: dict[str, list[str]] = {path: text.split("\n") for path, text in (sources or {}).items()}

    def line(self, path: str, number: int) -> str:
        if path not in self._lines:
            self._lines[path] = _read_lines(path)
        lines = self._lines[path]
        return lines[number - 1] if 0 < number <= len(lines) else ""


def _read_lines(path: str) -> list[str]:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return []  # a named pipe would block the run forever
        with open(path, "rb") as handle:
            data = handle.read(_MAX_READ)
    except (OSError, ValueError):
        return []
    # The same normalisation the Document applies, so the line matches what the rule saw.
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def diagnostic_fingerprints(diagnostics, sources: dict[str, str] | None = None, mapper: PathMapper | None = None) -> list[str]:
    """One unique, stable fingerprint per diagnostic, in the order given."""
    mapper = mapper or PathMapper()
    lines = SourceLines(sources)
    keys = [fingerprint(d.code, mapper.repo_path(d.path), "" if d.code in NOT_READ else lines.line(d.path, d.span.line)) for d in diagnostics]
    return occurrence_fingerprints(keys)


__all__ = ["fingerprint", "occurrence_fingerprints", "diagnostic_fingerprints", "PathMapper", "SourceLines"]
