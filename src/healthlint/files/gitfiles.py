"""Which files changed since a git ref: the file list behind `check --changed-since REF`.

"Changed" means what a pull request against REF would show, plus the work not yet committed:

- files added, copied, modified or renamed (new name) between the merge base of REF and HEAD
  and the working tree — so commits on the branch, staged and unstaged edits all count, and
  commits that landed on REF after the branch left it do not;
- untracked files that `.gitignore` does not hide.

Deleted files are left out: there is nothing to lint. A file changed on the branch and changed
back in the working tree is not changed. Paths come back as `path_key`s; the caller keeps those that
its usual discovery (include, exclude, .gitignore) would lint.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    """git cannot answer: not a repository, an unknown ref, no git at all (a usage error, exit 2)."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            # Git's own messages are read by nobody but us; keep them in English and plain.
            env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and no `git` command was found on PATH") from None


def path_key(path: str | Path) -> str:
    """One spelling per file for comparing paths: the real folder (symlinks such as /tmp ->
    /private/tmp resolved) and the name as it is (a symlinked file is a file of its own in git)."""
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))


def _names(output: bytes, top: Path) -> set[str]:
    return {path_key(top / name) for name in output.decode("utf-8", "surrogateescape").split("\0") if name}


def changed_files(ref: str, folder: Path) -> frozenset[str]:
    """The files changed since `ref` in the repository holding `folder`, as `path_key`s."""
    folder = Path(os.path.abspath(folder))
    if not folder.is_dir():
        folder = folder.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GitError(f"--changed-since needs a git repository, and {folder} is not inside one")
    root = Path(top.stdout.decode("utf-8", "surrogateescape").rstrip("\n"))
    if ref.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise GitError(
            f"--changed-since: {ref!r} is not a commit, branch or tag in {root} "
            "(in a CI checkout, fetch the branch first, for example `git fetch origin main` and use origin/main)"
        )
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        raise GitError(f"--changed-since: the repository {root} has no commit yet, so nothing can be compared with {ref!r}")
    base = _git(root, "merge-base", ref, "HEAD")
    if base.returncode != 0:
        raise GitError(
            f"--changed-since: {ref!r} and HEAD have no commit in common "
            "(a shallow clone? fetch the full history, for example with `fetch-depth: 0`)"
        )
    merge_base = base.stdout.decode().strip()
    # The merge base against the working tree: branch commits, staged and unstaged edits at once.
    diff = _git(root, "diff", "--name-only", "-z", "--no-ext-diff", "--diff-filter=ACMR", merge_base, "--")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    for answer in (diff, untracked):
        if answer.returncode != 0:
            message = answer.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"--changed-since: git failed: {message[-1] if message else 'no message'}")
    # `ls-files` names files relative to the folder it runs in, which is the root here.
    return frozenset(_names(diff.stdout, root) | _names(untracked.stdout, root))


__all__ = ["GitError", "changed_files", "path_key"]
