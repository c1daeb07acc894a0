"""Per-file bounds: however hostile a file is, checking it takes at most so many seconds and
so much memory, and the run goes on with the next file.

- **Time** (`time-limit`, seconds per file, default 10): a one-shot `SIGALRM` timer
  (`setitimer`) around reading and linting one file. Its handler raises `FileTimeLimit`, a
  `BaseException`, so that no rule's `except Exception` can swallow it. Signals reach only the
  main thread, so the bound holds in the main thread of each process (the CLI, and each worker
  process, whose pool runs tasks in its main thread); elsewhere (an editor calling the API from a
  thread) the file is linted without a time bound.
- **Memory** (`memory-limit`, MB per file, default 1024): the process's address-space limit
  (`RLIMIT_AS`) is lowered to what the process already maps plus the limit, for the length of one
  file, then put back. An allocation past it fails with `MemoryError`, which becomes
  `FileMemoryLimit`.

Why these and not others (measured on the 2-core CI machine; docs/RELIABILITY.md): both bounds
together cost about 0.2 ms per file (a `setitimer` pair, a read of `/proc/self/statm`, two
`setrlimit` calls), against 50-150 ms to lint an article. tracemalloc would slow every
allocation of the run (parsing the seed article: 12.6 ms, 47.8 ms under tracemalloc), and a
forked child per file costs about 15 ms per file in a process that has loaded healthlint. The
bound is address space, not resident memory: what the file's check may map, an upper bound of
what it can make the machine use.

A limit of 0 turns that bound off.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Callable, NamedTuple, TypeVar

from healthlint.document import LoadFailure
from healthlint.i18n import Messages

DEFAULT_TIME_LIMIT = 10.0  # seconds per file
DEFAULT_MEMORY_LIMIT = 1024  # MB per file, on top of what the process already uses
MB = 1 << 20

T = TypeVar("T")


class Limits(NamedTuple):
    time: float = DEFAULT_TIME_LIMIT  # seconds; 0: no limit
    memory: int = DEFAULT_MEMORY_LIMIT  # MB; 0: no limit


class LimitExceeded(BaseException):
    """Checking one file went past a bound; `failure()` is the diagnostic for that file."""

    code = ""

    def failure(self) -> LoadFailure:
        # The message is an i18n Text: keep it, so the engine renders it in the run's language.
        message = self.args[0] if self.args else str(self)
        return LoadFailure(self.code, message)


class FileTimeLimit(LimitExceeded):
    code = "HL006"


class FileMemoryLimit(LimitExceeded):
    code = "HL007"


MESSAGES = Messages(
    {
        "time": {
            "en": "Checking this file took longer than {seconds:g} s (`time-limit`), so it was stopped and "
            "the file was not fully checked; the other files were. A health article takes well under a "
            "second: look for a huge table, a very long line or a rule pack pattern that backtracks, or "
            "raise `time-limit`.",
            "da": "Tjekket af denne fil tog mere end {seconds:g} s (`time-limit`), så det blev stoppet, og "
            "filen blev ikke tjekket helt; de andre filer blev. En sundhedsartikel tager langt under et "
            "sekund: kig efter en kæmpe tabel, en meget lang linje eller et mønster i en regelpakke, der "
            "arbejder sig baglæns, eller hæv `time-limit`.",
        },
        "memory-system": {
            "en": "Checking this file ran out of memory, so it was stopped and the file was not fully "
            "checked; the other files were. A health article needs a few megabytes: look for a "
            "file that is far larger than an article, or set `memory-limit` to stop such a file sooner.",
            "da": "Tjekket af denne fil løb tør for hukommelse, så det blev stoppet, og filen blev ikke "
            "tjekket helt; de andre filer blev. En sundhedsartikel kræver få megabyte: kig efter en fil, "
            "der er langt større end en artikel, eller sæt `memory-limit` for at stoppe sådan en fil før.",
        },
        "memory": {
            "en": "Checking this file needed more than {megabytes} MB of memory (`memory-limit`), so it was "
            "stopped and the file was not fully checked; the other files were. A health article needs a "
            "few megabytes: look for a file that is far larger than an article, or raise `memory-limit`.",
            "da": "Tjekket af denne fil krævede mere end {megabytes} MB hukommelse (`memory-limit`), så det "
            "blev stoppet, og filen blev ikke tjekket helt; de andre filer blev. En sundhedsartikel kræver "
            "få megabyte: kig efter en fil, der er langt større end en artikel, eller hæv `memory-limit`.",
        },
    },
    __name__,
)


def time_message(seconds: float) -> str:
    return MESSAGES.text("time", seconds=seconds)


def memory_message(megabytes: int) -> str:
    if not megabytes:  # no limit of ours: the system's (ulimit -v, a container) was reached
        return MESSAGES.text("memory-system")
    return MESSAGES.text("memory", megabytes=megabytes)


def _address_space() -> int | None:
    """Bytes the process maps now (Linux), or None where that cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def call(limits: Limits, function: Callable[..., T], *args) -> T:
    """`function(*args)` within the limits; raises FileTimeLimit or FileMemoryLimit."""
    state = {"armed": False, "timer": False}
    previous_handler = None
    previous_timer = (0.0, 0.0)
    previous_rlimit = None

    def on_alarm(signum, frame):
        if state["armed"]:  # one shot: a late signal after the work is done does nothing
            state["armed"] = False
            raise FileTimeLimit(time_message(limits.time))

    def disarm() -> None:
        state["armed"] = False
        if state["timer"]:
            signal.setitimer(signal.ITIMER_REAL, 0)

    timed = (
        limits.time > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    try:
        try:
            if limits.memory > 0:
                previous_rlimit = _lower_address_space(limits.memory)
            if timed:
                previous_handler = signal.signal(signal.SIGALRM, on_alarm)
                state["armed"] = state["timer"] = True
                previous_timer = signal.setitimer(signal.ITIMER_REAL, limits.time)
            return function(*args)
        finally:
            disarm()
    except MemoryError:
        raise FileMemoryLimit(memory_message(limits.memory)) from None
    finally:
        # Runs even when the alarm fires inside the inner `finally` (the handler is one-shot).
        disarm()
        if state["timer"]:
            signal.signal(signal.SIGALRM, previous_handler if previous_handler is not None else signal.SIG_DFL)
            if previous_timer[0] > 0:  # someone else's timer (a test runner's) keeps ticking
                signal.setitimer(signal.ITIMER_REAL, previous_timer[0], previous_timer[1])
        if previous_rlimit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, previous_rlimit)


def _lower_address_space(megabytes: int):
    """Lower the soft RLIMIT_AS to what is mapped now plus `megabytes`; return the old limits."""
    try:
        import resource
    except ImportError:  # not a POSIX system
        return None
    mapped = _address_space()
    if mapped is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mapped + megabytes * MB
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return None  # a tighter limit is already in force (ulimit -v); leave it
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return None
    return soft, hard
