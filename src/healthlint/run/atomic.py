"""Writing a file so that readers see the old content or the new, never a half."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable


def write_atomic(
    path: Path, data: bytes, mode: int | None = 0o644, check: Callable[[], None] | None = None, *, durable: bool = True
) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place.

    `mode=None` keeps an existing file's permissions (a new file gets the umask's default).
    `check` runs just before the rename and may raise to leave the old file as it is.
    `durable=False` skips the flush to disk (fsync), which can cost tens of milliseconds on a
    laptop's disk: for files that are rebuilt when damaged, such as the cache, where a power
    cut may lose the last write but a reader still never sees half a file.
    """
    path = Path(os.path.abspath(path))
    with interrupts_held(), temporary_beside(path) as (handle, temporary):
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path) if mode is None else mode)
        if check is not None:
            check()
        os.replace(temporary, path)


@contextmanager
def temporary_beside(path: Path):
    """(handle, name) of a new temporary file beside `path`, removed again if the block
    fails; a block that succeeds has renamed it into place."""
    handle, temporary = _create_beside(path)
    try:
        yield handle, temporary
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


@contextmanager
def interrupts_held():
    """Ctrl-C (SIGINT) waits until the block ends, then interrupts as usual: between making a
    temporary file and renaming or removing it, an interrupt would leave it behind."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _create_beside(path: Path) -> tuple[int, str]:
    """A new, empty temporary file in the same folder, readable only by its owner (as
    `tempfile.mkstemp` makes it, without importing tempfile's random and shutil)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
