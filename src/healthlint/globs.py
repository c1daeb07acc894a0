"""Glob matching for config paths, with git's wildmatch rules (pathspec)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]):
    """A matcher for gitignore-style globs; `.match_file(relative_posix_path)`."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", patterns)


def matches_any(patterns, rel_path: str) -> bool:
    return bool(patterns) and compile_globs(tuple(patterns)).match_file(rel_path)
