"""A hostile glob cannot hang a run.

Pull-request content is hostile input: a branch can commit the config (`exclude`,
`per-file-ignores`) and `.gitignore` files. A glob such as `*a*a*a*a*a*a*a*a*a*a*a*a*b` made
a backtracking matcher take minutes on one long file name, and neither `--time-limit` nor
Ctrl-C stopped it. Each test runs the real CLI with a timeout: a hang fails the test
(subprocess.TimeoutExpired), and the files linted must be the ones git would pick.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from security.cli import healthlint

HOSTILE_GLOB = "*a*a*a*a*a*a*a*a*a*a*a*a*b"
# 200 characters and no `b`: the glob does not match, which is the slow case to prove.
LONG_NAME = "a" * 196 + ".md"
# The glob matches this folder's name, so everything inside is left out.
MATCHED_FOLDER = "a" * 150 + "b"
# One error with --select HL110: no `title` (reported at the closing `---`, 4:1).
ARTICLE = "---\ndatePublished: 2024-01-02\nlastUpdated: 2024-01-02\n---\n\nTekst.\n"
LINTED = [(LONG_NAME, "HL110", 4, 1)]
# No HL110: all three required keys are there.
COMPLETE = "---\ntitle: Fin titel\ndatePublished: 2024-01-02\nlastUpdated: 2024-01-02\n---\n\nTekst.\n"


def make_site(root: Path) -> None:
    """A git repository with the long-named article and one inside the matched folder."""
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=30)
    (root / LONG_NAME).write_text(ARTICLE, encoding="utf-8")
    (root / MATCHED_FOLDER).mkdir()
    (root / MATCHED_FOLDER / "artikel.md").write_text(ARTICLE, encoding="utf-8")


def check(root: Path) -> tuple[int, list[tuple[str, str, int, int]], str]:
    """`healthlint check .` in `root`: exit code, (path, code, line, column) of each problem, stderr."""
    done = healthlint(root, "check", ".", "--format", "json", "--select", "HL110", "--no-cache", timeout=10, text=True)
    report = json.loads(done.stdout)
    problems = [(d["path"], d["code"], d["line"], d["column"]) for d in report["diagnostics"]]
    return done.returncode, problems, done.stderr


def git_ignores(root: Path, *paths: str) -> list[str]:
    """The paths git itself ignores (its own matcher: the answer the linter must give)."""
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin", "-z"], cwd=root, input="\0".join(paths) + "\0",
        capture_output=True, text=True, timeout=30,
    )
    return [path for path in done.stdout.split("\0") if path]


def test_hostile_exclude_glob(tmp_path):
    root = tmp_path / "site"
    make_site(root)
    (root / "healthlint.toml").write_text(f'exclude = ["{HOSTILE_GLOB}"]\n', encoding="utf-8")
    code, problems, stderr = check(root)
    assert (code, problems) == (1, LINTED), stderr
    assert "Traceback" not in stderr


def test_hostile_per_file_ignores_glob(tmp_path):
    root = tmp_path / "site"
    make_site(root)
    (root / "healthlint.toml").write_text(f'[per-file-ignores]\n"{HOSTILE_GLOB}" = ["HL110"]\n', encoding="utf-8")
    code, problems, stderr = check(root)
    # Both files are linted; only the one in the matched folder has HL110 turned off.
    assert (code, problems) == (1, LINTED), stderr
    assert "Traceback" not in stderr


def test_hostile_committed_gitignore(tmp_path):
    root = tmp_path / "site"
    make_site(root)
    (root / ".gitignore").write_text(HOSTILE_GLOB + "\n", encoding="utf-8")
    # git's own wildmatch backtracks too, so it is asked about a short name like ours, not ours.
    short_name = "a" * 16 + ".md"
    assert git_ignores(root, short_name, f"{MATCHED_FOLDER}/artikel.md") == [f"{MATCHED_FOLDER}/artikel.md"]
    code, problems, stderr = check(root)
    assert (code, problems) == (1, LINTED), stderr
    assert "Traceback" not in stderr


def test_hostile_globs_everywhere_at_once(tmp_path):
    # All three sources, several hostile globs each, and more long names: still quick.
    root = tmp_path / "site"
    make_site(root)
    globs = [HOSTILE_GLOB, "*a" * 30 + "*b", "**/" + HOSTILE_GLOB + "/**", "[a]*[a]*?*a*a*a*a*a*a*a*b"]
    for index in range(5):
        (root / (f"{index}" + "a" * 195 + ".md")).write_text(COMPLETE, encoding="utf-8")
    (root / ".gitignore").write_text("\n".join(globs) + "\n", encoding="utf-8")
    quoted = ", ".join(f'"{glob}"' for glob in globs)
    (root / "healthlint.toml").write_text(
        f"exclude = [{quoted}]\n[per-file-ignores]\n" + "".join(f'"{glob}" = ["HL110"]\n' for glob in globs), encoding="utf-8"
    )
    code, problems, stderr = check(root)
    assert (code, problems) == (1, LINTED), stderr
