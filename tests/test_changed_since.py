"""`check --changed-since REF` in a real temporary git repository.

Changed means: added, copied, modified or renamed between the merge base of REF and HEAD and
the working tree (branch commits, staged and unstaged edits), plus untracked files that
.gitignore does not hide. Site rules still compare with every article of the site.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Redaktionen",
    "GIT_AUTHOR_EMAIL": "redaktion@example.org",
    "GIT_COMMITTER_NAME": "Redaktionen",
    "GIT_COMMITTER_EMAIL": "redaktion@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def article(title: str, body: str = "Tekst.") -> str:
    return f'---\ntitle: "{title}"\ndatePublished: "10/05/2025"\nlastUpdated: "11/05/2025"\n---\n\n{body}\n'


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, env={**os.environ, **GIT_ENV}, check=True)
    return proc.stdout.decode()


def healthlint(cwd: Path, *args: str, ceiling: Path | None = None):
    environment = {**os.environ, **GIT_ENV}
    # Stop git from finding a repository above a test folder that is meant to be outside one.
    environment["GIT_CEILING_DIRECTORIES"] = str(ceiling or cwd.parent)
    proc = subprocess.run(
        [sys.executable, "-m", "healthlint", "check", "--no-cache", "--today", "2026-01-01", *args],
        cwd=cwd, capture_output=True, timeout=60, env=environment, stdin=subprocess.DEVNULL,
    )
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def linted(out: str) -> list[str]:
    return [entry["path"] for entry in json.loads(out)["files"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: five articles. Branch `feature` from it, then one more commit on main."""
    root = tmp_path / "site"
    (root / "ordbog").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for name in ("knae", "hofte", "skulder", "albue", "slettes"):
        (root / "ordbog" / f"{name}.md").write_text(article(name.capitalize()), "utf-8")
    (root / ".gitignore").write_text("kladde.md\n", "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def make_changes(root: Path) -> None:
    ordbog = root / "ordbog"
    git(root, "checkout", "-q", "main")
    (ordbog / "albue.md").write_text(article("Albue", "Ændret på main efter grenen."), "utf-8")
    git(root, "commit", "-q", "-am", "main moves on")
    git(root, "checkout", "-q", "feature")
    (ordbog / "knae.md").write_text(article("Knæ", "Ændret på grenen."), "utf-8")  # committed on the branch
    git(root, "mv", "ordbog/skulder.md", "ordbog/skulderen.md")  # renamed
    git(root, "rm", "-q", "ordbog/slettes.md")  # deleted: nothing to lint
    git(root, "commit", "-q", "-m", "branch work")
    (ordbog / "ny.md").write_text(article("Ny"), "utf-8")
    git(root, "add", "ordbog/ny.md")  # staged, not committed
    (ordbog / "hofte.md").write_text(article("Hofte", "Ikke gemt endnu."), "utf-8")  # unstaged
    (ordbog / "utracket.md").write_text(article("Utracket"), "utf-8")  # untracked
    (root / "kladde.md").write_text(article("Kladde"), "utf-8")  # untracked and ignored
    (root / "noter.txt").write_text("ikke markdown\n", "utf-8")  # changed, but not Markdown


def test_only_changed_markdown_files_are_linted(repo: Path):
    make_changes(repo)
    code, out, err = healthlint(repo, "--changed-since", "main", "--select", "HL0", "--format", "json")
    assert (code, err) == (0, "")
    assert linted(out) == ["ordbog/hofte.md", "ordbog/knae.md", "ordbog/ny.md", "ordbog/skulderen.md", "ordbog/utracket.md"]


def test_a_commit_hash_and_a_subfolder_work_too(repo: Path):
    start = git(repo, "rev-parse", "HEAD").strip()
    make_changes(repo)
    (repo / "andet").mkdir()
    (repo / "andet" / "x.md").write_text(article("X"), "utf-8")
    code, out, _ = healthlint(repo, "--changed-since", start, "--select", "HL0", "--format", "json", "ordbog")
    assert code == 0
    assert linted(out) == ["ordbog/hofte.md", "ordbog/knae.md", "ordbog/ny.md", "ordbog/skulderen.md", "ordbog/utracket.md"]


def test_nothing_changed_lints_nothing(repo: Path):
    code, out, _ = healthlint(repo, "--changed-since", "main", "--format", "concise")
    assert (code, out) == (0, "Checked 0 files: no problems found.\n")


def test_site_rules_still_see_the_whole_site(repo: Path):
    # The changed article takes the title of an unchanged one: the duplicate is found.
    (repo / "ordbog" / "knae.md").write_text(article("Hofte", "Nu om hofter."), "utf-8")
    code, out, _ = healthlint(repo, "--changed-since", "main", "--select", "HL221", "--format", "concise")
    assert code == 0  # a warning
    lines = out.splitlines()
    assert [line.split(" ")[:2] for line in lines[:-1]] == [["ordbog/knae.md:2:9:", "HL221"]]  # inside the quotes
    assert "ordbog/hofte.md" in lines[0]
    assert lines[-1] == "Checked 1 file: 0 errors, 1 warning, 0 infos."


def test_the_changed_file_from_inside_a_subfolder(repo: Path):
    (repo / "ordbog" / "knae.md").write_text(article("Knæ", "Ændret."), "utf-8")
    code, out, _ = healthlint(repo / "ordbog", "--changed-since", "main", "--select", "HL0", "--format", "json", ceiling=repo.parent)
    assert (code, linted(out)) == (0, ["knae.md"])


def test_unknown_ref_exits_2(repo: Path):
    code, out, err = healthlint(repo, "--changed-since", "no-such-branch")
    assert (code, out) == (2, "")
    assert err == (
        f"healthlint: --changed-since: 'no-such-branch' is not a commit, branch or tag in {repo} "
        "(in a CI checkout, fetch the branch first, for example `git fetch origin main` and use origin/main)\n"
    )


def test_an_option_as_ref_is_not_passed_to_git(repo: Path):
    code, _, err = healthlint(repo, "--changed-since=--output=x")
    assert code == 2
    assert "'--output=x' is not a commit, branch or tag" in err
    assert not (repo / "x").exists()


def test_not_a_git_repository_exits_2(tmp_path: Path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.md").write_text(article("A"), "utf-8")
    code, out, err = healthlint(folder, "--changed-since", "main")
    assert (code, out) == (2, "")
    assert err == f"healthlint: --changed-since needs a git repository, and {folder} is not inside one\n"


def test_unrelated_histories_exit_2(repo: Path):
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "-m", "unrelated")
    code, _, err = healthlint(repo, "--changed-since", "main")
    assert code == 2
    assert err == (
        "healthlint: --changed-since: 'main' and HEAD have no commit in common "
        "(a shallow clone? fetch the full history, for example with `fetch-depth: 0`)\n"
    )


def test_not_with_standard_input(repo: Path):
    assert healthlint(repo, "--changed-since", "main", "-")[0] == 2


def test_fix_touches_only_the_changed_files(repo: Path):
    unpadded = '---\ntitle: "{}"\ndatePublished: "7/09/2025"\nlastUpdated: "12/10/2025"\n---\n\nTekst.\n'
    (repo / "ordbog" / "albue.md").write_text(unpadded.format("Albue"), "utf-8")
    git(repo, "commit", "-q", "-am", "an old unpadded date")
    git(repo, "checkout", "-q", "-b", "second")
    (repo / "ordbog" / "hofte.md").write_text(unpadded.format("Hofte"), "utf-8")
    code, _, _ = healthlint(repo, "--changed-since", "feature", "--fix", "--select", "HL121")
    assert code == 0
    assert '"07/09/2025"' in (repo / "ordbog" / "hofte.md").read_text("utf-8")
    assert '"7/09/2025"' in (repo / "ordbog" / "albue.md").read_text("utf-8")
