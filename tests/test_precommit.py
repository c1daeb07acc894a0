"""The pre-commit hooks, for real: pre-commit installs healthlint from a clone of this checkout
at its HEAD (so commit before running this) into its own environment, and `git commit` runs it.

Slow (pre-commit builds the hook's environment from PyPI on first use, about a minute) and
needs network access to PyPI; `pytest -m "not slow"` skips it. pre-commit comes from the test
extra; without it, it is installed into a temporary venv.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parent.parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Redaktionen",
    "GIT_AUTHOR_EMAIL": "redaktion@example.org",
    "GIT_COMMITTER_NAME": "Redaktionen",
    "GIT_COMMITTER_EMAIL": "redaktion@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}

GOOD = """---
title: "Knæsmerter"
datePublished: "10/05/2025"
lastUpdated: "11/05/2025"
---

Knæsmerter er almindelige og går ofte over af sig selv.

## Hvornår skal du søge læge?
Søg læge straks, hvis knæet er hævet, rødt og varmt, eller hvis du har feber.
"""
# The same article with the heading two levels too deep (HL301, an error).
BAD = GOOD.replace("## Hvornår", "#### Hvornår")


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, env={**os.environ, **GIT_ENV}, check=True)
    return proc.stdout.decode()


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory) -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    folder = tmp_path_factory.mktemp("pre-commit-venv")
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pre-commit"], check=True, timeout=600)
    return [str(python), "-m", "pre_commit"]


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory, pre_commit) -> tuple[Path, dict]:
    if not (CHECKOUT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit needs healthlint's repository at a commit")
    tmp = tmp_path_factory.mktemp("precommit")
    hooks = tmp / "healthlint"
    subprocess.run(["git", "clone", "--quiet", str(CHECKOUT), str(hooks)], check=True, env={**os.environ, **GIT_ENV})
    rev = git(hooks, "rev-parse", "HEAD").strip()
    if not (hooks / ".pre-commit-hooks.yaml").exists():
        pytest.skip("HEAD has no .pre-commit-hooks.yaml: commit it before running this test")

    repo = tmp / "content"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: healthlint-fix\n"
        "      - id: healthlint\n",
        "utf-8",
    )
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([*pre_commit, "install"], cwd=repo, check=True, env=env, capture_output=True)
    commit(repo, env, ".pre-commit-config.yaml")
    return repo, env


def commit(repo: Path, env: dict, *paths: str) -> tuple[int, str]:
    """Stage `paths` and `git commit`; the exit code and what git and the hooks printed."""
    git(repo, "add", *paths)
    proc = subprocess.run(
        ["git", "commit", "-m", "Artikel"], cwd=repo, env=env, capture_output=True, timeout=900, stdin=subprocess.DEVNULL
    )
    output = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
    print(output)  # kept by pytest for a failing test, and shown with -s
    return proc.returncode, output


def test_a_bad_article_is_refused_and_the_fixed_one_accepted(content_repo):
    repo, env = content_repo
    (repo / "ordbog").mkdir()
    (repo / "ordbog" / "knae.md").write_text(BAD, "utf-8")
    code, output = commit(repo, env, "ordbog/knae.md")
    assert code != 0
    assert "healthlint......" in output and "Failed" in output
    assert "ordbog/knae.md:9:6: HL301 heading-level-skipped [error]" in output
    assert "Checked 1 file: 1 error, " in output
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"  # nothing was committed

    (repo / "ordbog" / "knae.md").write_text(GOOD, "utf-8")
    code, output = commit(repo, env, "ordbog/knae.md")
    assert code == 0, output
    assert "Failed" not in output
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "2"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["ordbog/knae.md"]


def test_the_fix_hook_pads_a_date_and_the_next_commit_passes(content_repo):
    repo, env = content_repo
    (repo / "ordbog").mkdir(exist_ok=True)
    unpadded = GOOD.replace('title: "Knæsmerter"', 'title: "Hoftesmerter"').replace('"10/05/2025"', '"7/05/2025"')
    (repo / "ordbog" / "hofte.md").write_text(unpadded, "utf-8")
    before = git(repo, "rev-list", "--count", "HEAD").strip()
    code, output = commit(repo, env, "ordbog/hofte.md")
    assert code != 0
    assert "files were modified by this hook" in output
    assert "Fixed 1 problem in 1 file." in output
    assert 'datePublished: "07/05/2025"\n' in (repo / "ordbog" / "hofte.md").read_text("utf-8")

    code, output = commit(repo, env, "ordbog/hofte.md")
    assert code == 0, output
    assert int(git(repo, "rev-list", "--count", "HEAD")) == int(before) + 1
    assert '"07/05/2025"' in git(repo, "show", "HEAD:ordbog/hofte.md")


def test_the_hook_entries_are_the_ones_documented():
    text = (CHECKOUT / ".pre-commit-hooks.yaml").read_text("utf-8")
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load(text)}
    assert hooks["healthlint"]["entry"] == "healthlint check --force-exclude"
    assert hooks["healthlint-fix"]["entry"] == "healthlint check --fix --force-exclude"
    for hook in hooks.values():
        assert (hook["language"], hook["types"]) == ("python", ["markdown"])
    example = yaml.safe_load((CHECKOUT / "examples" / "pre-commit-config.yaml").read_text("utf-8"))
    assert [hook["id"] for hook in example["repos"][0]["hooks"]] == ["healthlint-fix"]
