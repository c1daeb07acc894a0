"""Writing a file so that readers see the old content or the new, never a half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write_atomic(path: Path, data: bytes, mode: int | None = 0o644, check: Callable[[], None] | None = None) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place.

    `mode=None` keeps an existing file's permissions (a new file gets the umask's default).
    `check` runs just before the rename and may raise to leave the old file as it is.
    """
    path = Path(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path) if mode is None else mode)
        if check is not None:
            check()
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
