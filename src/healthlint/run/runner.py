"""Run the per-file pass over many files, in worker processes when that pays.

Workers are forked where the platform allows it, so modules (and a loaded dictionary) are
shared copy-on-write rather than loaded again in each process. Results come back as plain
values and are put in path order, so the output is the same for any number of jobs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from healthlint.run.atomic import interrupts_held

# Below this many files a second process costs more than it saves.
MIN_FILES_PER_PROCESS = 24

_worker_lint: Callable | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init_worker(make_lint: Callable[[], Callable]) -> None:
    global _worker_lint
    import signal

    # Ctrl-C is the parent's to handle: it stops the pool and exits 130. The worker was
    # forked with SIGINT blocked (`run`), so one that came before this line waits, and is
    # dropped now that it is ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        _worker_lint = make_lint()
    except KeyboardInterrupt:
        # A Ctrl-C that reached the parent just before the fork is inherited by the child as
        # a pending Python signal; leave quietly instead of printing a traceback.
        os._exit(130)


def _lint_chunk(paths: list[Path]) -> list:
    assert _worker_lint is not None
    return [_worker_lint(path) for path in paths]


def run(paths: list[Path], make_lint: Callable[[], Callable], jobs: int) -> list:
    """Lint `paths` with the function `make_lint()` returns, in up to `jobs` processes."""
    jobs = max(1, min(jobs, len(paths) // MIN_FILES_PER_PROCESS or 1))
    if jobs == 1:
        lint = make_lint()
        return [lint(path) for path in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    # Many small chunks keep both cores busy when some files are slower than others.
    size = max(4, len(paths) // (jobs * 8))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    results: list = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(make_lint,)) as pool:
        # The workers are forked while the work is handed out. A Ctrl-C in that moment would
        # reach a worker before it ignores SIGINT and kill it half-started (a traceback, exit
        # 1): hold the signal until they are forked; the parent then handles it as usual.
        with interrupts_held():
            chunk_results = pool.map(_lint_chunk, chunks)
        for chunk in chunk_results:
            results.extend(chunk)
    return results


