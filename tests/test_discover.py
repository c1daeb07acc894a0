"""Discovery: which files a run lints, in what order, and what it never walks into."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from healthlint.config import Config
from healthlint.files.discover import discover


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", "utf-8")


def found(root: Path, *paths: str, config: Config | None = None, force_exclude: bool = False) -> list[str]:
    config = config or Config(root=root)
    given = [root / p for p in paths] or [root]
    result = discover(given, config, force_exclude=force_exclude)
    return [Path(os.path.abspath(p)).relative_to(root).as_posix() for p in result.files]


def test_only_markdown_files(tmp_path):
    touch(tmp_path, "a.md", "b.markdown", "c.txt", "d.mdx", "e.md.bak", "f.MD", "sub/g.md", "sub/h.html")
    assert found(tmp_path) == ["a.md", "b.markdown", "sub/g.md"]


def test_sorted_and_deterministic(tmp_path):
    names = [f"{folder}/{name}.md" for folder in ("b", "a", "c/z", "c") for name in ("zeta", "alpha", "Æble", "10", "9")]
    random.Random(7).shuffle(names)
    touch(tmp_path, *names)
    first = found(tmp_path)
    assert first == sorted(first)
    assert len(first) == len(names)
    assert found(tmp_path, "c", "a", "b") == found(tmp_path, "a", "b", "c") == first


def test_a_file_named_twice_is_linted_once(tmp_path):
    touch(tmp_path, "a.md", "sub/b.md")
    assert found(tmp_path, "a.md", ".", "sub/b.md", "sub") == ["a.md", "sub/b.md"]


def test_vcs_and_tool_folders_are_skipped(tmp_path):
    touch(tmp_path, "a.md", ".git/b.md", "node_modules/c.md", ".venv/d.md", "sub/.git/e.md", ".github/f.md")
    assert found(tmp_path) == [".github/f.md", "a.md"]


def test_gitignore_is_honoured(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n/top-only.md\n", "utf-8")
    touch(tmp_path, "a.md", "drafts/b.md", "c.tmp.md", "sub/d.tmp.md", "top-only.md", "sub/top-only.md")
    assert found(tmp_path) == ["a.md", "sub/top-only.md"]


def test_nested_gitignore_applies_below_its_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    touch(tmp_path, "a.md", "old.md", "blog/old.md", "blog/new.md", "blog/deep/old.md")
    (tmp_path / "blog" / ".gitignore").write_text("old.md\n", "utf-8")
    assert found(tmp_path) == ["a.md", "blog/new.md", "old.md"]


def test_nested_gitignore_can_re_include_what_a_parent_ignored(tmp_path):
    # git: a deeper .gitignore overrides a higher one
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.draft.md\n", "utf-8")
    touch(tmp_path, "a.draft.md", "blog/b.draft.md", "blog/keep.draft.md")
    (tmp_path / "blog" / ".gitignore").write_text("!keep.draft.md\n", "utf-8")
    assert found(tmp_path) == ["blog/keep.draft.md"]


def test_repository_gitignore_applies_when_a_subfolder_is_linted(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("content/drafts/\n*.tmp.md\n", "utf-8")
    touch(tmp_path, "content/a.md", "content/drafts/b.md", "content/c.tmp.md")
    assert found(tmp_path, "content") == ["content/a.md"]


def test_gitignore_outside_a_repository_stops_at_the_linted_folder(tmp_path):
    (tmp_path / ".gitignore").write_text("*.md\n", "utf-8")  # not a repository: this file is not ours
    touch(tmp_path, "site/a.md")
    assert found(tmp_path, "site") == ["site/a.md"]


def test_respect_gitignore_false(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.md\n", "utf-8")
    touch(tmp_path, "a.md")
    assert found(tmp_path) == []
    assert found(tmp_path, config=Config(root=tmp_path, respect_gitignore=False)) == ["a.md"]


def test_explicit_files_are_linted_unless_force_exclude(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("ignored.md\n", "utf-8")
    touch(tmp_path, "ignored.md", "excluded/x.md", "notes.txt")
    config = Config(root=tmp_path, exclude=["excluded/"])
    assert found(tmp_path, "ignored.md", "excluded/x.md", "notes.txt", config=config) == ["excluded/x.md", "ignored.md", "notes.txt"]
    assert found(tmp_path, "ignored.md", "excluded/x.md", "notes.txt", config=config, force_exclude=True) == ["notes.txt"]


def test_exclude_globs_relative_to_the_config_folder(tmp_path):
    touch(tmp_path, "a.md", "archive/b.md", "sub/archive/c.md", "sub/d.bak.md")
    config = Config(root=tmp_path, exclude=["/archive/", "*.bak.md"])
    assert found(tmp_path, config=config) == ["a.md", "sub/archive/c.md"]


def test_symlink_loops_in_folders_are_safe(tmp_path):
    touch(tmp_path, "a.md", "sub/b.md")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "linked.md").symlink_to(tmp_path / "a.md")
    assert found(tmp_path) == ["a.md", "linked.md", "sub/b.md"]


def test_unreadable_folder_is_reported_not_fatal(tmp_path):
    touch(tmp_path, "a.md", "locked/b.md")
    locked = tmp_path / "locked"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop listing a folder")
        result = discover([tmp_path], Config(root=tmp_path))
        assert [Path(p).name for p in result.files] == ["a.md"]
        assert [(Path(p).name, reason) for p, reason in result.unreadable] == [("locked", "Permission denied")]
    finally:
        locked.chmod(0o755)


def test_cli_order_does_not_depend_on_argument_order(tmp_path):
    touch(tmp_path, "b/x.md", "a/y.md", "c.md")
    for name in ("b/x.md", "a/y.md", "c.md"):
        (tmp_path / name).write_bytes(b"")

    def paths(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "healthlint", "check", *args, "--select", "HL005", "--format", "concise", "-q"],
            cwd=tmp_path, capture_output=True, text=True, timeout=60,
        )
        return "".join(line.split(":")[0] + "\n" for line in proc.stdout.splitlines())

    assert paths("c.md", "b", "a") == paths(".") == "a/y.md\nb/x.md\nc.md\n"


def test_the_site_index_stops_at_its_limit_with_a_note(tmp_path, monkeypatch):
    import healthlint.run.pipeline as pipeline
    from healthlint.api import Options, lint_paths

    monkeypatch.setattr(pipeline, "SITE_INDEX_LIMIT", 3)
    monkeypatch.chdir(tmp_path)
    for index in range(6):
        (tmp_path / f"a{index}.md").write_text(f'---\ntitle: "Samme"\n---\n\nTekst {index}.\n', encoding="utf-8")
    report = lint_paths([tmp_path / "a5.md"], Options(select=["HL221"], cache=False))
    assert report.site_files == 4  # the linted file and the first three others
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [("HL221", 2, 9)]
    assert report.notes == [
        "The site index stopped at 3 files in .: site-wide rules (duplicates, links, date formats) saw only "
        "those. Put a config file at the top of the content, or set `content-root`, so the site is the content "
        "and not a whole folder tree."
    ]
