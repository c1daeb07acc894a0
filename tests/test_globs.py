"""Globs (config `include`/`exclude`/`per-file-ignores` and .gitignore files) match exactly as
git does: each case is asked of `git check-ignore` in a scratch repository, and our matcher
must give git's answer."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from healthlint.config import Config
from healthlint.files.discover import discover
from healthlint.files.globs import compile_gitignore, compile_globs

# (the lines of a .gitignore, paths asked about: a trailing `/` makes the path a folder)
CASES = [
    ("*.md", ["a.md", "x/a.md", "a.mdx", "x.md/", "x.md/y.txt", "md", ".md"]),
    ("*.md\n*.markdown", ["a.md", "q.markdown", "b/q.markdown", "a.txt"]),
    ("drafts/", ["drafts/", "drafts", "x/drafts/", "drafts/a.md", "x/drafts/a.md", "drafts.md"]),
    ("/drafts", ["drafts", "drafts/", "x/drafts", "drafts/a.md", "x/drafts/a.md"]),
    ("/drafts/", ["drafts", "drafts/", "drafts/a.md", "x/drafts/a.md"]),
    ("drafts/**", ["drafts/", "drafts", "drafts/a.md", "drafts/x/y.md", "x/drafts/a.md"]),
    ("**/drafts", ["drafts", "drafts/", "x/drafts", "x/y/drafts/a.md", "xdrafts"]),
    ("**/drafts/", ["drafts", "drafts/", "x/drafts/", "x/drafts/a.md"]),
    ("a/**/b", ["a/b", "a/x/b", "a/x/y/b", "a/xb", "x/a/b", "a/b/c", "a/b/"]),
    ("a/**/b/", ["a/b", "a/b/", "a/x/b/", "a/x/b/c.md"]),
    ("a/**/**/b", ["a/b", "a/x/b", "a/x/y/z/b"]),
    ("**/a/**", ["a", "a/", "a/x", "x/a/y/z", "x/ab/y"]),
    ("a/**", ["a", "a/", "a/x", "a/x/y", "b/a/x"]),
    ("**/*.md", ["a.md", "x/y/a.md", "x.md/", "a.txt"]),
    ("**", ["a", "a/", "a/b.md"]),
    ("**/", ["a", "a/", "a/b.md", "a/b/"]),
    ("/**", ["a", "a/b.md"]),
    ("*", ["a", "a/", "x/b.md"]),
    ("*/", ["a", "a/", "a/b.md", "x/y/"]),
    ("a/*", ["a/b", "a/b/c", "a/b/", "x/a/b", "a"]),
    ("a/*/c", ["a/b/c", "a/b/x/c", "a/c", "a/b/c/d.md"]),
    ("/a/*.md", ["a/b.md", "a/x/b.md", "x/a/b.md"]),
    ("blog/*.md", ["blog/a.md", "blog/x/a.md", "x/blog/a.md"]),
    ("a/b", ["a/b", "x/a/b", "a/b/c", "a/bc"]),
    ("a/b/", ["a/b", "a/b/", "a/b/c"]),
    ("a*b/c", ["aXb/c", "ab/c", "a/b/c", "aXYb/c/d"]),
    ("x*", ["x", "xy", "yx", "a/xy"]),
    ("*x*.md", ["yxz.md", "x.md", "xy/z.md"]),
    ("a**b", ["ab", "axxb", "x/ab", "a/b"]),
    ("a/**b", ["a/b", "a/xb", "a/x/yb"]),
    ("a?c", ["abc", "ac", "abbc", "a/c", "x/abc"]),
    ("a?c/", ["abc", "abc/", "abc/d.md"]),
    ("?", ["a", "ab", "x/a"]),
    ("[ab].md", ["a.md", "b.md", "c.md", "x/a.md"]),
    ("[!ab].md", ["a.md", "c.md"]),
    ("[^ab].md", ["a.md", "c.md"]),
    ("[a-c].md", ["a.md", "b.md", "d.md", "-.md"]),
    ("[]].md", ["].md", "a.md"]),
    ("[!]].md", ["].md", "a.md"]),
    ("[a-].md", ["a.md", "-.md", "b.md"]),
    ("[-a].md", ["a.md", "-.md", "b.md"]),
    ("[[:digit:]]x.md", ["1x.md", "ax.md"]),
    ("[[:alpha:][:digit:]]", ["a", "1", "-"]),
    ("[[:upper:]]*", ["Abc", "abc"]),
    ("[[:space:]]x", [" x", "xx"]),
    ("[[:punct:]]", ["!", "a"]),
    ("[a[:digit:]z]", ["a", "5", "z", "b"]),
    ("[[:nope:]]", ["[[:nope:]]", "n"]),
    ("[[:]x", ["[x", ":x", "x"]),
    ("[abc", ["[abc", "a"]),
    ("a[", ["a[", "a"]),
    ("[\\]]", ["]", "\\"]),
    ("[a\\-z]", ["-", "b", "a", "z"]),
    ("[z-a]", ["a", "m", "z"]),
    ("[z-ab]", ["a", "b", "m"]),
    ("*[!.]", ["ab", "a.", ".x."]),
    ("\\*.md", ["*.md", "a.md"]),
    ("\\#x", ["#x"]),
    ("#x", ["#x"]),
    ("\\!x", ["!x", "x"]),
    ("a\\ ", ["a ", "a"]),
    ("a  ", ["a", "a "]),
    ("a\\  ", ["a ", "a  ", "a"]),
    ("\\[ab\\]", ["[ab]", "a"]),
    ("a\\/b", ["a/b", "x/a/b"]),
    ("a\\b", ["ab", "a\\b"]),
    ("*.md\n!keep.md", ["a.md", "keep.md", "x/keep.md"]),
    ("drafts/\n!drafts/keep.md", ["drafts/keep.md", "drafts/a.md"]),
    ("drafts/*\n!drafts/keep.md", ["drafts/keep.md", "drafts/a.md", "drafts/x/keep.md"]),
    ("drafts/**\n!drafts/keep.md", ["drafts/keep.md", "drafts/a.md", "drafts/"]),
    ("/*\n!/foo\n/foo/*\n!/foo/bar", ["a", "foo/", "foo/a", "foo/bar", "foo/bar/baz", "x/"]),
    ("!a.md\n*.md", ["a.md", "b.md"]),
    ("*.md\n!*.md\n*.md", ["a.md"]),
    ("x/\n!x/", ["x/", "x/a.md"]),
    ("*a*a*a*b", ["aaaab", "aaab", "aaaaaaaa.md", "xaxaxab", "aaaab/c.md"]),
    ("*.md/", ["x.md/", "x.md/y.txt", "y.md"]),
    ("æ*.md", ["æble.md", "ble.md"]),
    ("sub/æble/", ["sub/æble/", "sub/æble/x.md"]),
    ("a b.md", ["a b.md", "ab.md"]),
    (" a", [" a", "a"]),
    ("\ta", ["\ta", "a"]),
    ("\n\n# only comments\n\n", ["a", "#"]),
]

# Config globs git could never match as written: refused with a config error.
REFUSED = {"[[:nope:]]", "[abc", "a[", "[z-a]", "[z-ab]"}

EXPANDED = [(lines, path) for lines, paths in CASES for path in paths]


def git_check_ignore(cases: list[tuple[str, str]], scratch: Path) -> list[bool]:
    """git's answer for each (.gitignore text, path): one folder per case, one git call."""
    subprocess.run(["git", "init", "-q", str(scratch)], check=True, timeout=30)
    asked = []
    for index, (lines, path) in enumerate(cases):
        folder = scratch / f"case{index}"
        folder.mkdir()
        (folder / ".gitignore").write_text(lines + "\n", encoding="utf-8")
        target = folder / path.rstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith("/"):
            target.mkdir()
        else:
            target.write_text("x\n", encoding="utf-8")
        asked.append(f"case{index}/{path.rstrip('/')}")
    done = subprocess.run(
        ["git", "-c", "core.ignorecase=false", "check-ignore", "--no-index", "--stdin", "-z"],
        cwd=scratch, input="\0".join(asked) + "\0", capture_output=True, text=True, timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    ignored = set(done.stdout.split("\0"))
    return [name in ignored for name in asked]


@pytest.fixture(scope="module")
def git_answers(tmp_path_factory):
    return git_check_ignore(EXPANDED, tmp_path_factory.mktemp("git"))


def test_a_gitignore_matches_as_git_does(git_answers):
    wrong = []
    for (lines, path), git_says in zip(EXPANDED, git_answers):
        globs = compile_gitignore(lines)
        if bool(globs and globs.match_file(path)) != git_says:
            wrong.append((lines, path, f"git: {'ignored' if git_says else 'not ignored'}"))
    assert wrong == []


def test_config_globs_match_as_git_does(git_answers):
    wrong = []
    for (lines, path), git_says in zip(EXPANDED, git_answers):
        try:
            globs = compile_globs(tuple(lines.split("\n")))
        except ValueError:
            assert lines in REFUSED, lines  # only globs git can never match as meant
            continue
        if bool(globs.match_file(path)) != git_says or bool(globs.matcher()(path)) != git_says:
            wrong.append((lines, path, f"git: {'matched' if git_says else 'not matched'}"))
    assert wrong == []


@pytest.mark.parametrize(
    "glob, reason",
    [("[abc", "closing `]`"), ("a\\", "lone `\\`"), ("[z-a]", "backwards"), ("[[:nope:]]", "not a character class"), ("!", "nothing")],
)
def test_a_config_glob_git_can_never_match_is_refused(glob, reason):
    with pytest.raises(ValueError, match=reason.replace("[", "\\[").replace("\\`", "\\\\`")):
        compile_globs((glob,))


def test_paths_are_normalised_like_the_walk_gives_them():
    globs = compile_globs(("blog/*.md",))
    assert globs.match_file("./blog/a.md") and globs.match_file("/blog/a.md") and globs.match_file("blog\\a.md")
    assert not globs.match_file("./x/blog/a.md")
    assert compile_globs(()).match_file("a.md") is False


def test_a_folder_dir_star_star_covers_everything_inside_unless_taken_back():
    assert compile_globs(("drafts/**",)).covers_folder("drafts")
    assert not compile_globs(("drafts/**",)).match_file("drafts/")  # git: the folder itself is not matched
    assert not compile_globs(("drafts/**", "!drafts/keep.md")).covers_folder("drafts")
    assert compile_globs(("drafts/",)).covers_folder("drafts/sub")


HOSTILE = ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "*a" * 40 + "*b", "a/**/" * 20 + "b", "**/" * 30 + "*a*a*a*a*a*a*a*b/**",
           "[a]*[a]*[a]*?*[a]*[!b]*a*a*a*a*a*b", "*?" * 30 + "b"]


@pytest.mark.parametrize("glob", HOSTILE)
def test_hostile_globs_take_linear_time(glob):
    long_name = "a" * 4000 + ".md"
    deep = "/".join(["a"] * 2000) + ".md"
    globs = compile_globs((glob,))
    started = time.perf_counter()
    for path in (long_name, deep, "a/" * 500 + long_name):
        assert not globs.match_file(path)
        assert compile_gitignore(glob).match_file(path) is False
    assert time.perf_counter() - started < 2.0


def test_nested_gitignore_files_pick_the_files_git_picks(tmp_path):
    # The whole walk against `git ls-files --others --exclude-standard`: nested .gitignore
    # files, negations, folder-only patterns, anchoring relative to each file's folder.
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=30)
    files = [
        "a.md", "b.tmp.md", "keep.tmp.md", "drafts/a.md", "drafts/keep.md", "blog/a.md", "blog/old.md",
        "blog/deep/old.md", "blog/deep/x.md", "blog/build/a.md", "build/a.md", "sub/build/a.md",
        "docs/a.md", "docs/private/a.md", "docs/private/public.md", "x.md/inner.md", "ordbog/[a].md",
        "ordbog/a b.md", "ordbog/#x.md", "notes/2024/a.md", "notes/2025/a.md", "notes/2025/b.md",
    ]
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    gitignores = {
        "": "*.tmp.md\n!keep.tmp.md\ndrafts/\n!drafts/keep.md\n/build/\n\\#x.md\nnotes/*/\n!notes/2025/\n",
        "blog": "old.md\n!/deep/old.md\nbuild\n",
        "docs": "private/*\n!private/public.md\n",
        "ordbog": "[[]a].md   \n",
    }
    for folder, text in gitignores.items():
        (root / folder / ".gitignore").write_text(text, encoding="utf-8")
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], cwd=root, capture_output=True, text=True, check=True, timeout=30,
        env={**os.environ, "GIT_CONFIG_PARAMETERS": "'core.quotepath=false'"},
    ).stdout.splitlines()
    expected = sorted(name for name in listed if name.endswith(".md"))
    result = discover([root], Config(root=root))
    assert sorted(Path(p).relative_to(root).as_posix() for p in result.files) == expected
    # And one file at a time, as pre-commit passes them with --force-exclude.
    one_by_one = [
        name for name in files
        if discover([root / name], Config(root=root), force_exclude=True).files
    ]
    assert sorted(one_by_one) == expected


def test_pathspec_is_not_imported(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.tmp.md\n", encoding="utf-8")
    (tmp_path / "a.md").write_text('---\ntitle: "x"\n---\n\n## Om\n\nTekst.\n', encoding="utf-8")
    (tmp_path / "healthlint.toml").write_text('exclude = ["drafts/**"]\n[per-file-ignores]\n"blog/**" = ["HL126"]\n', encoding="utf-8")
    code = "import sys; from healthlint.cli import main; main(['check', '.', '--no-cache', '-q']); print('pathspec' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
