"""Config globs: plain ones are translated by healthlint, and must match exactly as git's
wildmatch (pathspec) does; anything else is left to pathspec."""

from __future__ import annotations

import sys
import subprocess

import pathspec
import pytest

from healthlint.globs import _simple_regex, compile_globs

PATTERNS = [
    "*.md", "*.markdown", "drafts/**", "/drafts", "blog/*.md", "**/x.md", "a/**/b.md", "docs", "a/b",
    "ordbog/**/*.md", "a*b/c", "**/*", "*", "a/**", "/a/*.md", "x*", "*x*.md", "a/**/**/b", "a.b", "**/a/**",
]
PATHS = [
    "a.md", "x.md", "b/x.md", "drafts/a.md", "drafts", "x/drafts/a.md", "blog/a.md", "blog/x/a.md", "a/b.md",
    "a/c/b.md", "a/c/d/b.md", "docs/a", "x/docs", "a/b", "a/b/c", "x/a/b", "q.markdown", "ordbog/a.md",
    "ordbog/x/y/a.md", "aXb/c", "ab/c", "a", "x", "xy", "yxz.md", "a.b", "aXb", "c/a/d", "./blog/a.md",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_plain_globs_match_as_git_does(pattern):
    assert _simple_regex(pattern) is not None
    ours = compile_globs((pattern,))
    assert ours.spec is None  # translated here, not by pathspec
    git = pathspec.PathSpec.from_lines("gitignore", [pattern])
    assert [p for p in PATHS if ours.match_file(p)] == [p for p in PATHS if git.match_file(p)]


@pytest.mark.parametrize("pattern", ["!keep.md", "a?.md", "[ab].md", "docs/", "a\\*b", "**", "a**b", "æble/*.md"])
def test_other_globs_go_to_pathspec(pattern):
    assert _simple_regex(pattern) is None
    assert compile_globs((pattern, "*.md")).spec is not None


@pytest.mark.parametrize("patterns", [("*.md",), ("drafts/**", "blog/*.md"), ("**/*.md", "!keep.md"), ("[ab].md",), ()])
def test_the_walks_matcher_agrees_with_match_file(patterns):
    globs = compile_globs(patterns)
    match = globs.matcher()
    for path in [p for p in PATHS if not p.startswith("./")] + ["a\\b.md", "drafts\\a.md", "keep.md"]:
        assert bool(match(path)) == bool(globs.match_file(path)), (patterns, path)


def test_a_run_without_gitignore_files_does_not_import_pathspec(tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: "x"\n---\n\n## Om\n\nTekst.\n', encoding="utf-8")
    (tmp_path / "healthlint.toml").write_text('exclude = ["drafts/**"]\n[per-file-ignores]\n"blog/**" = ["HL126"]\n', encoding="utf-8")
    code = "import sys; from healthlint.cli import main; main(['check', '.', '--no-cache', '-q']); print('pathspec' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
