"""Lists of gitignore-style globs: `include`, `exclude`, per-file settings, page kinds and
`.gitignore` files, compiled once and asked per path. One pattern is matched by
`healthlint.files.wildmatch`, in time linear in the path."""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby
from operator import methodcaller
from typing import Callable

from healthlint.files.wildmatch import (
    PathTest,
    Pattern,
    Unusable,
    always,
    compile_pattern,
    never,
    trim_trailing_spaces,
)

# ---- a list of patterns ------------------------------------------------------------------------


def _any_test(patterns: list[Pattern]) -> PathTest:
    """Whether any of these patterns matches a relative path (the path alone, not the folders
    above it). The common kinds are one C-level call each: `*.md` globs together are one
    `endswith` with a tuple, `drafts/**` globs one `startswith`."""
    kinds: dict[str, list] = {}
    for pattern in patterns:
        kinds.setdefault(pattern.kind, []).append(pattern.value)
    if "all" in kinds:
        return always
    tests: list[PathTest] = []
    if "suffix" in kinds:
        tests.append(methodcaller("endswith", tuple(kinds["suffix"])))
    if "prefix" in kinds:
        tests.append(methodcaller("startswith", tuple(kinds["prefix"])))
    if "path" in kinds:
        tests.append(frozenset(kinds["path"]).__contains__)
    if "name" in kinds:
        names = frozenset(kinds["name"])
        tails = tuple("/" + name for name in names)
        tests.append(lambda path: path in names or path.endswith(tails))
    if "basename" in kinds:
        by_name = kinds["basename"]
        if len(by_name) == 1:
            (name_test,) = by_name
            tests.append(lambda path: name_test(path[path.rfind("/") + 1 :]))
        else:
            tests.append(lambda path: any(test(path[path.rfind("/") + 1 :]) for test in by_name))
    tests.extend(kinds.get("pathname", ()))
    if not tests:
        return never
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda path: first(path) or second(path)
    return lambda path: any(test(path) for test in tests)


def _verdict_test(patterns: list[Pattern]) -> Callable[[str], bool | None]:
    """The last matching pattern's say on a path: True (matched), False (matched by a `!`
    pattern, so taken back) or None (no pattern matches)."""
    # From the last pattern back, runs of the same sign test together: the first run with
    # a match decides.
    runs = [(not negated, _any_test(list(run))) for negated, run in groupby(reversed(patterns), key=lambda p: p.negated)]
    if not runs:
        return lambda path: None
    if len(runs) == 1:
        (say, test), = runs
        return lambda path: say if test(path) else None

    def verdict(path: str) -> bool | None:
        for say, test in runs:
            if test(path):
                return say
        return None

    return verdict


def _matched_test(patterns: list[Pattern]) -> PathTest:
    """Whether the last matching pattern is not a `!` one."""
    if not any(pattern.negated for pattern in patterns):
        return _any_test(patterns)
    verdict = _verdict_test(patterns)
    return lambda path: verdict(path) is True


class Globs:
    """A list of gitignore-style patterns, relative to one folder, asked about relative paths
    with `/` (no leading `./` or `/`); a trailing `/` on a path says it is a folder.

    `match_file` answers as git would whether the path is matched (ignored, for a .gitignore):
    the path itself, or any folder above it. A site walk asks per folder and per file, so
    answers for folders are remembered.
    """

    def __init__(self, patterns: list[str], compiled: list[Pattern]):
        self.patterns = patterns  # the active ones: no comments or blank lines
        self._compiled = compiled
        files = [pattern for pattern in compiled if not pattern.folders_only]
        self.file_verdict = _verdict_test(files)
        self.folder_verdict = _verdict_test(compiled)
        self._file_matched = _matched_test(files)
        self._folder_matched = _matched_test(compiled)
        self._folders: dict[str, bool] = {}
        self._covering = _covering_tests(compiled)
        # Whether a folder's match can decide for a path below it that the path's own match
        # would not: not so when every pattern is `dir/**`-like (what matches a folder
        # matches all below it), and then match_file need not ask about folders at all.
        self._folders_decide = any(
            pattern.negated or pattern.folders_only or pattern.kind not in ("prefix", "all", "never") for pattern in compiled
        )

    def verdict(self, path: str, is_dir: bool = False) -> bool | None:
        """This list's own say on this path alone (not the folders above it): True matched,
        False taken back by a `!` pattern, None no say (a deeper .gitignore's question)."""
        return (self.folder_verdict if is_dir else self.file_verdict)(path)

    def match_file(self, path: str) -> bool:
        if not path or path[0] in "./\\" or path[-1] == "/" or "\\" in path:
            return self._match_unusual(path)  # rare: the walk's paths never look like these
        if self._folders_decide:
            slash = path.rfind("/")
            if slash > 0:
                folder = path[:slash]
                matched = self._folders.get(folder)
                if matched is None:
                    matched = self.folder_matched(folder)
                if matched:
                    return True
        return self._file_matched(path)

    def _match_unusual(self, path: str) -> bool:
        """`match_file` for a path with `\\`, a leading `./` or `/`, or a trailing `/` (a folder)."""
        if not self.patterns:
            return False
        path = path.replace("\\", "/")
        while path.startswith(("./", "/")):
            path = path[2:] if path.startswith("./") else path[1:]
        is_dir = path.endswith("/")
        path = path.rstrip("/")
        if not path:
            return False
        slash = path.rfind("/")
        if slash > 0 and self.folder_matched(path[:slash]):
            return True
        return (self._folder_matched if is_dir else self._file_matched)(path)

    def matcher(self) -> PathTest:
        """`match_file`, for callers that keep the test rather than the Globs."""
        return self.match_file

    def files_in(self, folder: str) -> PathTest:
        """The test for the files directly in `folder` ("" for the top), each given by its whole
        relative path: every one when the folder (or one above it) is matched."""
        if folder and self.folder_matched(folder):
            return always
        return self._file_matched

    def folder_matched(self, folder: str) -> bool:
        """Whether this folder or any folder above it is matched; remembered per folder."""
        known = self._folders.get(folder)
        if known is not None:
            return known
        if len(self._folders) > 100_000:
            self._folders.clear()  # a bound for long-lived processes; the walk refills it
        pending = []
        current = folder
        while current and current not in self._folders:
            pending.append(current)
            current = current[: current.rfind("/")] if "/" in current else ""
        matched = self._folders[current] if current else False
        for name in reversed(pending):  # from the top down: a matched folder matches all below
            matched = matched or self._folder_matched(name)
            self._folders[name] = matched
        return matched

    def covers_folder(self, folder: str) -> bool:
        """Whether everything inside this folder is matched, so a walk need not enter it: the
        folder is matched, or a `folder/**` pattern matches all inside and no `!` pattern
        after it could take any of it back."""
        return self.folder_matched(folder) or any(test(folder) for test in self._covering)


def _covering_tests(compiled: list[Pattern]) -> list[PathTest]:
    """For each `X/**` pattern with no `!` pattern after it, a test of whether a folder is X."""
    tests = []
    for index, pattern in enumerate(compiled):
        if pattern.negated or pattern.folders_only or any(later.negated for later in compiled[index + 1 :]):
            continue
        if pattern.kind == "all":
            tests.append(always)
        elif pattern.kind == "prefix":
            tests.append(pattern.value[:-1].__eq__)
    return tests


def _active_lines(lines) -> list[str]:
    """The lines that are patterns: trailing spaces trimmed, no blank lines or `#` comments."""
    active = []
    for line in lines:
        line = trim_trailing_spaces(line)
        if line and not line.startswith("#"):
            active.append(line)
    return active


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]) -> Globs:
    """Config globs (gitignore-style, relative to the config's folder). A glob git could never
    match (`[` unclosed, a backwards range, a lone `\\` at the end, a bare `!`) is refused
    with a ValueError that says why: in a config it is a mistake, not a choice."""
    active = _active_lines(patterns)
    compiled = []
    for line in active:
        try:
            compiled.append(compile_pattern(line, True))
        except Unusable as error:
            raise ValueError(str(error)) from None
    return Globs(active, compiled)


@lru_cache(maxsize=256)
def compile_gitignore(text: str) -> Globs | None:
    """A .gitignore file's patterns, or None when it has none. Read as git reads it: lines end
    at `\\n` (a `\\r` before it dropped), a byte-order mark is skipped, and a line git cannot
    use matches nothing."""
    text = text.removeprefix("\ufeff")
    active = _active_lines(line[:-1] if line.endswith("\r") else line for line in text.split("\n"))
    if not active:
        return None
    return Globs(active, [compile_pattern(line, False) for line in active])


def matches_any(patterns, rel_path: str) -> bool:
    """Whether gitignore-style globs match a path relative to their folder."""
    return bool(patterns) and compile_globs(tuple(patterns)).match_file(rel_path)


def glob_problem(patterns) -> str | None:
    """Why these gitignore-style globs cannot be used, or None when they can."""
    for pattern in patterns:
        if "\0" in pattern:
            return f"the glob {pattern!r} contains a NUL character; remove it"
        if pattern.rstrip(" ") == "!":
            return (
                "the glob `!` matches nothing: a `!` with nothing after it is an empty negation, which "
                "git ignores. Write `!` and a glob, such as `!drafts/keep.md`, or remove it"
            )
    groups = [(pattern,) for pattern in patterns]
    if len(groups) > 1:
        groups.append(tuple(patterns))
    for group in groups:
        try:
            compile_globs(group)
        except Exception as error:  # whatever the glob library raises for a glob it cannot read
            shown = repr(group[0]) if len(group) == 1 else ", ".join(map(repr, group))
            return (
                f"the glob {shown} cannot be used ({error}); write gitignore-style globs such as "
                "`*.md`, `drafts/**` or `!drafts/keep.md`"
            )
    return None
