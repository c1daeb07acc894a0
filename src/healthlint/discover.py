"""From the paths a user gives to a sorted list of Markdown files.

Folders are walked without following symlinked folders (so link loops cannot trap the walk),
`.gitignore` files are honoured with git's own matching rules (pathspec), and the config's
`include`/`exclude` globs apply relative to the config's folder. Files named explicitly are
always linted unless `--force-exclude` is given, as pre-commit passes files one by one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from healthlint.config import Config
from healthlint.globs import compile_globs

SKIPPED_FOLDERS = {".git", ".hg", ".svn", ".healthlint_cache", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # folders the walk could not open
    truncated: bool = False  # the walk stopped at its `limit` of files


def display_path(path: Path) -> str:
    """How a path is shown: relative to the working folder when inside it, always with `/`."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def relative_to_root(path: Path, root: Path) -> str:
    if os.sep == "/" and os.path.isabs(root):
        # The same answer as below without building Path objects (called several times per file).
        absolute, top = os.path.abspath(path), str(root)
        if absolute == top:
            return "."
        prefix = top if top.endswith("/") else top + "/"
        return absolute[len(prefix) :] if absolute.startswith(prefix) else os.path.basename(absolute)
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.name


class _Matcher:
    def __init__(self, config: Config):
        self.root = config.root
        self.include = compile_globs(tuple(config.include))
        self.exclude = compile_globs(tuple(config.exclude))
        self.respect_gitignore = config.respect_gitignore
        self._gitignores: dict[Path, object] = {}
        self._roots: dict[Path, Path | None] = {}
        self._git_folders: dict[Path, bool] = {}
        self._chains: dict[tuple[Path, Path], list[tuple[str, object]]] = {}

    def _gitignore(self, folder: Path):
        if folder not in self._gitignores:
            spec = None
            ignore_file = folder / ".gitignore"
            try:
                if ignore_file.is_file():
                    import pathspec  # only when there is a .gitignore: its import is slow

                    spec = pathspec.GitIgnoreSpec.from_lines(ignore_file.read_text("utf-8", "replace").splitlines())
            except OSError:
                spec = None
            self._gitignores[folder] = spec
        return self._gitignores[folder]

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        rel = relative_to_root(path, self.root)
        suffix = "/" if is_dir else ""
        return bool(self.exclude.match_file(rel + suffix)) if self.exclude.patterns else False

    def included(self, path: Path) -> bool:
        return bool(self.include.match_file(relative_to_root(path, self.root)))

    def gitignored(self, path: Path, is_dir: bool, top: Path) -> bool:
        if not self.respect_gitignore:
            return False
        return self.ignored_by(self.chain(path.parent, top), os.fspath(path), is_dir)

    def chain(self, folder: Path, top: Path) -> list[tuple[str, object]]:
        """The .gitignore files that have a say in `folder`, deepest first, as (folder/, spec).

        As git does: every .gitignore from the folder up to the repository's root (or,
        outside a repository, up to the folder being linted). Computed once per folder.
        """
        key = (folder, top)
        known = self._chains.get(key)
        if known is None:
            stop = self._repository_root(top) or top
            known = []
            current = folder
            while True:
                spec = self._gitignore(current)
                if spec is not None:
                    base = os.fspath(current)
                    known.append((base if base.endswith(os.sep) else base + os.sep, spec))
                if current == stop or self._has_git(current) or current.parent == current:
                    break
                current = current.parent
            self._chains[key] = known
        return known

    @staticmethod
    def ignored_by(chain: list[tuple[str, object]], absolute: str, is_dir: bool) -> bool:
        # The deepest .gitignore with a verdict decides, so a nested `!keep.md` re-includes
        # what a parent ignored.
        for base, spec in chain:
            rel = absolute[len(base) :].replace(os.sep, "/") + ("/" if is_dir else "")
            verdict = spec.check_file(rel).include
            if verdict is not None:
                return verdict
        return False

    def _has_git(self, folder: Path) -> bool:
        # Asked once per file and folder level: remember the answer per folder.
        known = self._git_folders.get(folder)
        if known is None:
            known = self._git_folders[folder] = (folder / ".git").exists()
        return known

    def _repository_root(self, top: Path) -> Path | None:
        if top not in self._roots:
            self._roots[top] = next((p for p in (top, *top.parents) if (p / ".git").exists()), None)
        return self._roots[top]


def discover(
    paths: list[Path], config: Config, *, force_exclude: bool = False, limit: int | None = None, absolute: bool = False
) -> Discovery:
    """Files to lint, sorted and unique. Paths that do not exist are the caller's to check.

    With `limit`, the walk stops once it has found that many files (`truncated` is then set).
    With `absolute`, files found by walking are absolute path strings, not Path objects (the
    site index walks thousands of files and needs nothing more).
    """
    matcher = _Matcher(config)
    found: dict[str, Path] = {}
    result = Discovery()
    for given in paths:
        if given.is_dir():
            _walk(given, matcher, found, result, limit, absolute)
        elif force_exclude and (matcher.excluded(given) or matcher.gitignored(Path(os.path.abspath(given)), False, Path(os.path.abspath(given)).parent)):
            continue
        else:
            found.setdefault(os.path.abspath(given), given)
    result.files = [found[key] for key in sorted(found)]
    return result


def _walk(
    top: Path, matcher: _Matcher, found: dict[str, Path], result: Discovery, limit: int | None = None, absolute_strings: bool = False
) -> None:
    top_abs = Path(os.path.abspath(top))
    gitignore = matcher.respect_gitignore
    root = str(matcher.root)
    included = matcher.include.matcher()
    excluded = matcher.exclude.matcher() if matcher.exclude.patterns else None

    def on_error(error: OSError) -> None:
        result.unreadable.append((Path(error.filename or top), error.strerror or str(error)))

    # Strings, not Path objects, per file: a site has thousands of files and a one-file run
    # still walks them all for the site index.
    for folder, folders, files in os.walk(top, onerror=on_error):
        folder_abs = os.path.abspath(folder)
        chain = matcher.chain(Path(folder_abs), top_abs) if gitignore else []
        folders[:] = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS
            and not matcher.excluded(os.path.join(folder_abs, name), is_dir=True)
            and not (chain and matcher.ignored_by(chain, os.path.join(folder_abs, name), True))
        )
        # The folder's path relative to the config's folder, once: each file's is that plus its name.
        rel_folder = relative_to_root(folder_abs, matcher.root)
        inside = rel_folder != "." and os.path.join(root, rel_folder) == folder_abs
        prefix = rel_folder + "/" if inside else ""
        by_rel = bool(prefix) or folder_abs == root
        base = os.path.join(folder_abs, "")  # with its separator: each file's path is base + name
        for name in sorted(files):
            absolute = base + name
            if by_rel:
                rel = prefix + name
                if not included(rel) or (excluded and excluded(rel)):
                    continue
            elif not matcher.included(absolute) or matcher.excluded(absolute):
                continue
            if chain and matcher.ignored_by(chain, absolute, False):
                continue
            if absolute not in found:
                found[absolute] = absolute if absolute_strings else Path(folder) / name
            if limit is not None and len(found) >= limit:
                result.truncated = True
                return
