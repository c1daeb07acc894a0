"""Deeply nested folders cannot crash a run.

A git repository can hold folders nested a thousand deep; a walk that recurses once per level
ran out of stack (RecursionError). The run must lint the article at the bottom as usual.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DEPTH = 1200


def remove_tree(top: Path) -> None:
    """Delete a folder tree from the bottom up without recursion: shutil.rmtree (which
    pytest uses to clear old temporary folders) recurses once per level in Python 3.11."""
    folders, stack = [], [os.fspath(top)]
    while stack:
        folder = stack.pop()
        folders.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


@pytest.fixture
def site(tmp_path):
    """Where a deep site goes; removed afterwards, so no later pytest run trips on it."""
    root = tmp_path / "site"
    yield root
    if root.exists():
        remove_tree(root)
# One error with --select HL110: no `title` (reported at the closing `---`, 4:1).
ARTICLE = "---\ndatePublished: 2024-01-02\nlastUpdated: 2024-01-02\n---\n\nTekst.\n"


def deep_site(root: Path, *, gitignore: bool = False) -> str:
    """`DEPTH` nested folders with an article at the bottom; its path relative to `root`."""
    bottom = "/".join(["d"] * DEPTH)
    folder = root
    folder.mkdir()
    for _ in range(DEPTH):  # one level at a time: os.makedirs itself recurses once per level
        folder = folder / "d"
        folder.mkdir()
    (root / bottom / "artikel.md").write_text(ARTICLE, encoding="utf-8")
    (root / bottom / "kladde.md").write_text(ARTICLE, encoding="utf-8")
    if gitignore:
        subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=30)
        # Half-way down: the walk must still apply it to the folders below.
        (root / "/".join(["d"] * (DEPTH // 2)) / ".gitignore").write_text("kladde.md\n", encoding="utf-8")
    return bottom + "/artikel.md"


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HEALTHLINT_", "XDG_"))}
    env["HOME"] = str(root.parent / "home")
    return subprocess.run(
        [sys.executable, "-m", "healthlint", "check", ".", "--format", "json", "--select", "HL110", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )


def problems(done: subprocess.CompletedProcess) -> list[tuple[str, str, int, int]]:
    return [(d["path"], d["code"], d["line"], d["column"]) for d in json.loads(done.stdout)["diagnostics"]]


def test_a_thousand_nested_folders(site):
    root = site
    article = deep_site(root)
    done = check(root, "--no-cache")
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1, done.stderr[-2000:]
    kladde = article.replace("artikel.md", "kladde.md")
    assert problems(done) == [(article, "HL110", 4, 1), (kladde, "HL110", 4, 1)]


def test_a_thousand_nested_folders_with_a_gitignore_and_the_cache(site):
    root = site
    article = deep_site(root, gitignore=True)
    for _ in range(2):  # the second run reads the cache the first one wrote
        done = check(root)
        assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr, done.stderr[-2000:]
        assert done.returncode == 1, done.stderr[-2000:]
        assert problems(done) == [(article, "HL110", 4, 1)]


def test_the_walk_itself_finds_the_bottom(site):
    from healthlint.config import Config
    from healthlint.files.discover import discover

    root = site
    article = deep_site(root)
    result = discover([root], Config(root=root))
    assert [Path(p).relative_to(root).as_posix() for p in result.files] == [
        article.replace("artikel.md", name) for name in ("artikel.md", "kladde.md")
    ]
    assert result.unreadable == []
