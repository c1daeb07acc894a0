"""The project is a boundary: a committed symlink that leads out of it, or into a `.git`
folder, is not read, its content never reaches any output, and `--fix` never writes there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from security.cli import BAD_ARTICLE, TODAY, healthlint, no_traceback

SECRET = "TOKEN=hl-secret-4711"
GIT_SECRET = "extraheader = AUTHORIZATION: basic hl-git-token-0815"
FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "gitlab")


def _project(tmp_path: Path, *, config: bool = True) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    # The secret on line 1, where a reporter would show the source line of a file-level
    # finding; and in an article's shape, which a linter that reads it would quote.
    (outside / "secret.env").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n\n# {SECRET}\n\n{SECRET} {SECRET}\n", encoding="utf-8")
    project = tmp_path / "site"
    (project / "ordbog").mkdir(parents=True)
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f'\t{GIT_SECRET}\n[http "https://github.com/"]\n', encoding="utf-8")
    if config:
        (project / "healthlint.toml").write_text("", encoding="utf-8")
    (project / "ordbog" / "knae.md").write_text(BAD_ARTICLE, encoding="utf-8")
    (project / "ordbog" / "leak.md").symlink_to("../../outside/secret.env")
    (project / "ordbog" / "title-leak.md").symlink_to("../../outside/secret.md")
    (project / "ordbog" / "git-leak.md").symlink_to("../.git/config")
    return project


def _refused(payload: dict) -> list[tuple[str, str, int, int]]:
    return sorted((d["path"], d["code"], d["line"], d["column"]) for d in payload["diagnostics"] if d["path"].endswith("leak.md"))


@pytest.mark.parametrize("config", [True, False], ids=["with-config", "git-work-tree"])
def test_a_symlink_out_of_the_project_or_into_git_is_reported_not_read(tmp_path, config):
    project = _project(tmp_path, config=config)
    done = healthlint(project, "check", "--format", "json", "--today", TODAY)
    no_traceback(done)
    assert done.returncode == 1
    payload = json.loads(done.stdout)
    assert _refused(payload) == [
        ("ordbog/git-leak.md", "HL001", 1, 1),
        ("ordbog/leak.md", "HL001", 1, 1),
        ("ordbog/title-leak.md", "HL001", 1, 1),
    ]
    messages = {d["path"]: d["message"] for d in payload["diagnostics"] if d["path"].endswith("leak.md")}
    assert messages["ordbog/leak.md"].startswith("The file is a symbolic link that leads outside the project, so it was not read")
    assert messages["ordbog/title-leak.md"] == messages["ordbog/leak.md"]
    assert messages["ordbog/git-leak.md"].startswith("The file is a symbolic link into a `.git` folder")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_carries_the_content_behind_such_a_link(tmp_path, fmt):
    project = _project(tmp_path)
    for args in (("ordbog",), ("ordbog/knae.md",), ("ordbog/leak.md", "ordbog/git-leak.md", "ordbog/title-leak.md")):
        done = healthlint(project, "check", "--format", fmt, "--today", TODAY, "--color", "never", *args, "--summary", "summary.md")
        no_traceback(done)
        assert done.returncode == 1
        shown = done.stdout + done.stderr + (project / "summary.md").read_bytes()
        assert b"hl-secret-4711" not in shown and b"hl-git-token-0815" not in shown


def test_fix_never_writes_through_a_link_out_of_the_project(tmp_path):
    project = _project(tmp_path)
    target = tmp_path / "outside" / "article.md"
    # Fixable: an unpadded date (HL121) and a heading that ends with a colon (HL304).
    target.write_text("---\ntitle: Ondt i ryggen\ndatePublished: 1/02/2025\nlastUpdated: 01/03/2025\n---\n\n## Behandling:\n\nHvil.\n", encoding="utf-8")
    before = target.read_bytes()
    (project / "ordbog" / "ryg.md").symlink_to("../../outside/article.md")
    done = healthlint(project, "check", "--fix", "--unsafe-fixes", "--format", "json", "--today", TODAY, "ordbog/ryg.md")
    no_traceback(done)
    assert done.returncode == 1
    assert target.read_bytes() == before
    assert _refused_paths(done) == [("ordbog/ryg.md", "HL001", 1, 1)]


def _refused_paths(done) -> list[tuple[str, str, int, int]]:
    return sorted((d["path"], d["code"], d["line"], d["column"]) for d in json.loads(done.stdout)["diagnostics"] if d["code"] == "HL001")


def test_a_symlink_inside_the_project_is_still_read_and_fixed(tmp_path):
    project = _project(tmp_path)
    real = project / "ordbog" / "ryg-original.md"
    real.write_text("---\ntitle: Ondt i ryggen\ndatePublished: 1/02/2025\nlastUpdated: 01/03/2025\n---\n\n## Behandling:\n\nHvil.\n", encoding="utf-8")
    (project / "ordbog" / "ryg.md").symlink_to("ryg-original.md")
    done = healthlint(project, "check", "--fix", "--format", "json", "--today", TODAY, "ordbog/ryg.md")
    no_traceback(done)
    assert _refused_paths(done) == []
    assert "datePublished: 01/02/2025" in real.read_text(encoding="utf-8")
    assert (project / "ordbog" / "ryg.md").is_symlink()


@pytest.mark.parametrize(
    ("setting", "key", "reason"),
    [
        ('rule-packs = ["packs/medical.yaml"]', "rule-packs", "leads outside the project"),
        ('rule-packs = ["../outside/pack.yaml"]', "rule-packs", "leads outside the project"),
        ('[spelling]\nwords-files = ["words/da.txt"]', "spelling.words-files", "leads outside the project"),
        ('[spelling]\nwords-files = ["../outside/secret.env"]', "spelling.words-files", "leads outside the project"),
        ('[spelling]\nwords-files = [".git/config"]', "spelling.words-files", "is inside a .git folder"),
        ('content-root = "../outside"', "content-root", "leads outside the project"),
    ],
    ids=["pack-link", "pack-path", "words-link", "words-path", "words-git", "content-root"],
)
def test_files_the_config_names_must_be_inside_the_project(tmp_path, setting, key, reason):
    project = _project(tmp_path)
    (tmp_path / "outside" / "pack.yaml").write_text(f"rules:\n  - {SECRET}: [\n", encoding="utf-8")
    (project / "packs").mkdir()
    (project / "packs" / "medical.yaml").symlink_to("../../outside/pack.yaml")
    (project / "words").mkdir()
    (project / "words" / "da.txt").symlink_to("../../outside/secret.env")
    (project / "healthlint.toml").write_text(setting + "\n", encoding="utf-8")
    done = healthlint(project, "check", "--today", TODAY)
    no_traceback(done)
    assert done.returncode == 2
    stderr = done.stderr.decode("utf-8")
    assert f"healthlint.toml: `{key}`: " in stderr and f": {reason}" in stderr, stderr
    assert b"hl-secret-4711" not in done.stdout + done.stderr and b"hl-git-token-0815" not in done.stdout + done.stderr
