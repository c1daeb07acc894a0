"""Shared by the CI-format tests (SARIF, GitHub, JUnit, GitLab): the CLI in a subprocess and
the texts of the small sample site they lint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EMPTY_MSG = "The file is empty: there is no frontmatter and no article text to publish."
BINARY_MSG = (
    "The file holds binary data (a NUL byte at byte offset 2), so it is not a Markdown article. "
    "Check that the right file was saved with a .md name."
)
UNUSED_MSG = (
    "This `healthlint-disable-next-line` comment (HL005) hides no problem; "
    "remove it so real problems are not hidden later."
)
COMMENT = "<!-- healthlint-disable-next-line HL005 -->"
INFO_TEXT = f"Tekst her.\n{COMMENT}\nMere tekst.\n"


def run(cwd: Path, *args: str, stdin: bytes = b"", env: dict | None = None):
    """`python -m healthlint ARGS` in `cwd`: (exit code, stdout, stderr); never a traceback."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environment.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "healthlint", *args], cwd=cwd, input=stdin, capture_output=True, timeout=60, env=environment
    )
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, proc.stdout.decode("utf-8"), err
