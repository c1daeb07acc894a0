"""Running the real CLI for the security tests: a subprocess with its own HOME, so the
user-level caches (the word list, the cache secret) of one test never serve another."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TODAY = "2026-01-01"

# An article with one error (HL110: no `lastUpdated`) and one warning of the spelling rule.
BAD_ARTICLE = """---
title: Ondt i knæet og hvad du kan gøre ved det
datePublished: 01/02/2025
---

Knæsmerter er almindelige. Musklen omkring knæet kan trænes.

## Hvornår skal du søge læge?

Ring 112 ved pludselige, stærke smerter og hævelse.
"""


def env_for(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a run of its own: no healthlint or XDG settings, no GitHub step
    summary (a test run inside CI must not write to the job's), and `home` as HOME."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HEALTHLINT_", "XDG_")) and key != "GITHUB_STEP_SUMMARY"
    }
    env.update(HOME=str(home), **extra)
    return env


def healthlint(
    cwd: Path,
    *args: str,
    home: Path | None = None,
    env: dict | None = None,
    timeout: float = 120,
    text: bool = False,
    memory_cap: int | None = None,
) -> subprocess.CompletedProcess:
    """`healthlint ARGS` in `cwd`; a run that takes longer than `timeout` fails the test.
    `memory_cap` (bytes) bounds the child's address space: a linter that reads /dev/zero to
    the end must not take the machine with it."""
    if env is None:
        env = env_for(home or cwd.parent / "home")

    def capped() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, resource.getrlimit(resource.RLIMIT_AS)[1]))

    return subprocess.run(
        [sys.executable, "-m", "healthlint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
        text=text,
        preexec_fn=capped if memory_cap else None,
    )


def no_traceback(done: subprocess.CompletedProcess) -> None:
    stderr = done.stderr if isinstance(done.stderr, str) else done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr


class PicklePayload:
    """Unpickling this runs a shell command that creates `marker`: what a planted pickle does."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))
