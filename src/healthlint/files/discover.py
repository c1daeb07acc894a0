"""From the paths a user gives to a sorted list of Markdown files.

Folders are walked without following symlinked folders (so link loops cannot trap the walk),
with an explicit stack rather than recursion (a repository can nest folders thousands deep),
`.gitignore` files are honoured with git's own matching rules (healthlint.files.globs), and the
config's `include`/`exclude` globs apply relative to the config's folder. Files named
explicitly are always linted unless `--force-exclude` is given, as pre-commit passes files
one by one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from healthlint.config import Config
from healthlint.files.globs import Globs, compile_gitignore, compile_globs

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
    """include, exclude and .gitignore answers for one run, remembered per folder."""

    def __init__(self, config: Config):
        self.root = config.root
        self.include = compile_globs(tuple(config.include))
        self.exclude = compile_globs(tuple(config.exclude))
        self.respect_gitignore = config.respect_gitignore
        self._gitignores: dict[Path, Globs | None] = {}
        self._roots: dict[Path, Path | None] = {}
        self._git_folders: dict[Path, bool] = {}
        self._chains: dict[tuple[Path, Path], list[tuple[str, Globs]]] = {}

    def _gitignore(self, folder: Path) -> Globs | None:
        if folder not in self._gitignores:
            globs = None
            ignore_file = folder / ".gitignore"
            try:
                if ignore_file.is_file():
                    globs = compile_gitignore(ignore_file.read_text("utf-8", "replace"))
            except OSError:
                globs = None
            self._gitignores[folder] = globs
        return self._gitignores[folder]

    def excluded(self, path: Path | str, is_dir: bool = False) -> bool:
        """Whether `exclude` leaves this path out (a folder: everything inside it)."""
        if not self.exclude.patterns:
            return False
        rel = relative_to_root(path, self.root)
        if is_dir:
            return rel != "." and self.exclude.covers_folder(rel)
        return self.exclude.match_file(rel)

    def included(self, path: Path | str) -> bool:
        return self.include.match_file(relative_to_root(path, self.root))

    def gitignored(self, path: Path, is_dir: bool, top: Path) -> bool:
        """git's answer for one path: ignored when it, or a folder above it inside the
        repository, is ignored (git never looks inside an ignored folder)."""
        if not self.respect_gitignore:
            return False
        stop = self._repository_root(top) or top
        lineage = []  # the path and the folders above it, up to `stop`
        current = path
        while current != stop and current.parent != current:
            lineage.append(current)
            current = current.parent
        if current != stop:
            lineage = [path]  # not below the repository's root: only its own folder's say
        for index, item in enumerate(reversed(lineage)):
            is_folder = is_dir or index < len(lineage) - 1
            if self.ignored_by(self.chain(item.parent, top), os.fspath(item), is_folder):
                return True
        return False

    def chain(self, folder: Path, top: Path) -> list[tuple[str, Globs]]:
        """The .gitignore files that have a say in `folder`, deepest first, as (folder/, globs).

        As git does: every .gitignore from the folder up to the repository's root (or,
        outside a repository, up to the folder being linted). Computed once per folder, from
        the parent folder's chain (no recursion: folders can nest thousands deep).
        """
        known = self._chains.get((folder, top))
        if known is not None:
            return known
        stop = self._repository_root(top) or top
        pending: list[Path] = []  # folders whose chain is still to be made, deepest first
        current = folder
        inherited: list[tuple[str, Globs]] = []
        while True:
            cached = self._chains.get((current, top))
            if cached is not None:
                inherited = cached
                break
            pending.append(current)
            if current == stop or self._has_git(current) or current.parent == current:
                break
            current = current.parent
        for item in reversed(pending):
            globs = self._gitignore(item)
            if globs is not None:
                base = os.fspath(item)
                inherited = [(base if base.endswith(os.sep) else base + os.sep, globs), *inherited]
            self._chains[(item, top)] = inherited
        return inherited

    @staticmethod
    def ignored_by(chain: list[tuple[str, Globs]], absolute: str, is_dir: bool) -> bool:
        """The path's own verdict from these .gitignore files (the folders above it are the
        walk's to check): the deepest file with a verdict decides, so a nested `!keep.md`
        re-includes what a parent ignored."""
        for base, globs in chain:
            rel = absolute[len(base) :]
            verdict = globs.verdict(rel.replace(os.sep, "/") if os.sep != "/" else rel, is_dir)
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


def _list_folder(folder: str, result: Discovery) -> tuple[list[str], list[str]] | None:
    """The real subfolders and the other entries of a folder, split as os.walk splits them: a
    symlinked folder is in neither (it is not followed, and it is no file). None, with the
    reason recorded, when the folder cannot be read."""
    folders, others = [], []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir:
                    others.append(entry.name)
                elif not _is_symlink(entry):
                    folders.append(entry.name)
    except OSError as error:
        result.unreadable.append((Path(error.filename or folder), error.strerror or str(error)))
        return None
    return folders, others


def _is_symlink(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False  # as os.walk's os.path.islink: walk in, and let listing it fail if it must


def _walk(
    top: Path, matcher: _Matcher, found: dict[str, Path], result: Discovery, limit: int | None = None, absolute_strings: bool = False
) -> None:
    """Every wanted file under `top`, folder by folder from an explicit stack (depth first,
    folders and files in sorted order): recursion would run out of stack in deep trees."""
    top_abs = Path(os.path.abspath(top))
    gitignore = matcher.respect_gitignore
    if gitignore and matcher.gitignored(top_abs, True, top_abs):
        return  # the folder itself is ignored (git would not look inside)
    root = str(matcher.root)
    include, exclude = matcher.include, matcher.exclude if matcher.exclude.patterns else None

    # Strings, not Path objects, per file: a site has thousands of files and a one-file run
    # still walks them all for the site index.
    stack = [(os.fspath(top), os.fspath(top_abs))]
    while stack:
        folder, folder_abs = stack.pop()
        listing = _list_folder(folder, result)
        if listing is None:
            continue
        folders, files = listing
        chain = matcher.chain(Path(folder_abs), top_abs) if gitignore else []
        # The folder's path relative to the config's folder, once: each file's is that plus its name.
        rel_folder = relative_to_root(folder_abs, matcher.root)
        inside = rel_folder != "." and os.path.join(root, rel_folder) == folder_abs
        prefix = rel_folder + "/" if inside else ""
        by_rel = bool(prefix) or folder_abs == root
        base = os.path.join(folder_abs, "")  # with its separator: each path below is base + name
        if by_rel:
            # Per folder, not per file: whether a folder above decides for all its files.
            folder_key = rel_folder if inside else ""
            wanted = include.files_in(folder_key)
            unwanted = exclude.files_in(folder_key) if exclude else None
        kept = []
        for name in sorted(folders):
            if name in SKIPPED_FOLDERS:
                continue
            if exclude is not None and (exclude.covers_folder(prefix + name) if by_rel else matcher.excluded(base + name, is_dir=True)):
                continue
            if chain and matcher.ignored_by(chain, base + name, True):
                continue
            kept.append(name)
        # Pushed in reverse, so the first in sorted order is walked next, as os.walk did.
        stack.extend((os.path.join(folder, name), base + name) for name in reversed(kept))
        files_folder = None
        for name in sorted(files):
            absolute = base + name
            if by_rel:
                rel = prefix + name
                if not wanted(rel) or (unwanted is not None and unwanted(rel)):
                    continue
            elif not matcher.included(absolute) or matcher.excluded(absolute):
                continue
            if chain and matcher.ignored_by(chain, absolute, False):
                continue
            if absolute not in found:
                if absolute_strings:
                    found[absolute] = absolute
                else:
                    files_folder = files_folder or Path(folder)  # one Path per folder, not per file
                    found[absolute] = files_folder / name
            if limit is not None and len(found) >= limit:
                result.truncated = True
                return
