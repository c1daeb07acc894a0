"""Glob matching for config paths, with git's wildmatch rules (pathspec)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]):
    """A matcher for gitignore-style globs; `.match_file(relative_posix_path)`."""
    import pathspec

    return _Globs(pathspec.PathSpec.from_lines("gitignore", patterns))


class _Globs:
    """pathspec's matcher, with one combined regex when no pattern negates (`!keep.md`).

    A site walk asks every file of the site; pathspec tries each pattern in turn, while
    without negation "some pattern matches" is one search of an alternation.
    """

    def __init__(self, spec):
        self.spec = spec
        self.patterns = spec.patterns
        active = [p for p in spec.patterns if p.include is not None]
        self._combined = None
        if active and all(p.include is True and getattr(p, "regex", None) is not None for p in active):
            import re

            try:
                self._combined = re.compile("|".join(f"(?:{p.regex.pattern})" for p in active))
            except (re.error, TypeError):
                self._combined = None

    def match_file(self, path: str) -> bool:
        if self._combined is not None and not path.startswith(("./", "/")):  # already normalised
            return self._combined.match(path) is not None
        return self.spec.match_file(path)


def matches_any(patterns, rel_path: str) -> bool:
    return bool(patterns) and compile_globs(tuple(patterns)).match_file(rel_path)
