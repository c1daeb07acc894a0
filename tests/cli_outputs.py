"""Shared by the CI-format tests (SARIF, GitHub, JUnit, GitLab): the CLI and the texts of the
small sample site they lint."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli

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
    """`healthlint ARGS` in `cwd`, in this process: (exit code, stdout, stderr); never a traceback."""
    code, out, err = run_cli(cwd, *args, env=env, stdin=stdin, unset=("GITHUB_STEP_SUMMARY",))
    assert "Traceback" not in err, err
    return code, out, err
