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
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HEALTHLINT_", "XDG_"))}
    env.update(HOME=str(home), **extra)
    return env


def healthlint(cwd: Path, *args: str, home: Path | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`healthlint ARGS` in `cwd`; a run that takes longer than `timeout` fails the test."""
    if env is None:
        env = env_for(home or cwd.parent / "home")
    return subprocess.run(
        [sys.executable, "-m", "healthlint", *args], cwd=cwd, env=env, capture_output=True, timeout=timeout
    )


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
