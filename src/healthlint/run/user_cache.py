"""The user's own cache folder: where healthlint keeps what is not the project's.

Two things live there: the decompressed word list (`language.dictionary`) and the secret
that names the project caches (`cache.secret`). Both are trusted, so the folder must be
the user's alone: owned by them, not a symlink, and writable by nobody else. A folder that
fails this — `$TMPDIR/healthlint-<uid>` made first by another user of a shared machine, say
— is passed over, never used.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator


def candidates() -> Iterator[Path]:
    """Where the folder may be, first choice first.

    Not next to the package: in a source checkout that is the repository, where a 10 MB
    untracked file would be one `git add` away from being committed.
    """
    explicit = os.environ.get("HEALTHLINT_CACHE_DIR")
    if explicit:
        yield Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        yield Path(xdg) / "healthlint"
    try:
        yield Path.home() / ".cache" / "healthlint"
    except RuntimeError:
        pass
    import tempfile

    yield Path(tempfile.gettempdir()) / f"healthlint-{_user_id()}"


def folders() -> Iterator[Path]:
    """The candidates that are the user's alone, made (mode 0700) where missing."""
    for folder in candidates():
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            continue
        if is_private(folder):
            yield folder


def is_private(folder: Path) -> bool:
    """A real folder (not a symlink) that only this user can write to.

    One that is ours but open to others is closed (chmod 0700) and still refused this time:
    someone may have written to it while it was open.
    """
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: a user's profile folder is private by its ACL
        return True
    if info.st_uid != getuid():
        return False
    if info.st_mode & 0o022:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass
        return False
    return True


def owned(path: Path) -> os.stat_result | None:
    """`path`'s stat when it is a regular file of this user (not a symlink), else None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if not stat.S_ISREG(info.st_mode) or (getuid is not None and info.st_uid != getuid()):
        return None
    return info


def _user_id() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")
