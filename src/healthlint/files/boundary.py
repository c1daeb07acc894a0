"""The project is a boundary: a symbolic link never takes a read or a write out of it.

A pull request can commit a symlink (`leak.md -> ../../secret.env`, `a.md -> .git/config`,
where a CI checkout keeps its token). Linting it would print what it points at, and `--fix`
would write there. So a path that goes through a symlink is used only when its real location
is inside the project — the config's folder, else the git work tree around the paths, else
the paths' common folder — and not inside a `.git` folder. A path with no symlink on the way
is the user's own choice and is not judged.
"""

from __future__ import annotations

import os
from pathlib import Path


class Boundary:
    """Answers, for each path, whether a symlink on its way leads out of the project."""

    def __init__(self, top: Path | str):
        self.top = os.path.realpath(top)
        self._prefix = os.path.join(self.top, "")
        self._real_folders: dict[str, str] = {}

    def refusal(self, path: Path | str) -> str | None:
        """None when `path` may be used; else "outside" (it leads out of the project) or
        "git" (into a `.git` folder)."""
        absolute = os.path.abspath(path)
        folder, name = os.path.split(absolute)
        real_folder = self._real_folders.get(folder)
        if real_folder is None:
            real_folder = self._real_folders[folder] = os.path.realpath(folder)
        linked = os.path.islink(absolute)
        if not linked and real_folder == folder:
            return None  # no symlink on the way: the common case costs one lstat
        return self._place(os.path.realpath(absolute) if linked else os.path.join(real_folder, name))

    def confines(self, path: Path | str) -> str | None:
        """For a file the config names (a rule pack, a word list): None when its real location
        is inside the project and not in a `.git` folder, symlink or not; else "outside" or "git"."""
        return self._place(os.path.realpath(path))

    def _place(self, real: str) -> str | None:
        if real == self.top:
            return None
        if not real.startswith(self._prefix):
            return "outside"
        return "git" if ".git" in real[len(self._prefix) :].split(os.sep) else None


_BOUNDARIES: dict[tuple[str, str], Boundary] = {}


def of(config) -> Boundary:
    """The boundary of a run with this config (made once per process)."""
    key = (config.source, str(config.root))
    found = _BOUNDARIES.get(key)
    if found is None:
        found = _BOUNDARIES[key] = Boundary(project_top(config))
    return found


def project_top(config) -> Path:
    """The folder a run may read and write in: the config's folder, else the git work tree
    around the linted paths, else the paths' common folder (`Config.root` without a config)."""
    if config.source:
        return config.root
    root = Path(os.path.abspath(config.root))
    for folder in (root, *root.parents):
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
    return root
