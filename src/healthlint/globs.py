"""Glob matching for config paths, with git's wildmatch rules (pathspec)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]):
    """A matcher for gitignore-style globs; `.match_file(relative_posix_path)`."""
    active = [pattern for pattern in patterns if pattern.strip() and not pattern.startswith("#")]
    simple = [_simple_regex(pattern) for pattern in active]
    if all(regex is not None for regex in simple):
        # Plain globs (`*.md`, `drafts/**`, `blog/*.md`): translated here, as pathspec would,
        # so a run whose folders have no .gitignore never imports pathspec (a tenth of the
        # hook's start-up).
        return _Globs(None, active, "|".join(f"(?:{regex})" for regex in simple) if simple else None)
    import pathspec

    return _Globs(pathspec.PathSpec.from_lines("gitignore", patterns))


_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.*+@%,=~-]+|[^\x00-\x7f]+")


def _simple_regex(pattern: str) -> str | None:
    """The regex git's wildmatch gives a plain glob, or None for anything else (negation,
    character classes, `?`, escapes, a trailing `/`, `**` other than whole segments)."""
    body = pattern
    anchored = body.startswith("/")
    body = body.lstrip("/") if anchored else body
    if not body or body.endswith("/") or body != body.strip():
        return None
    segments = body.split("/")
    if any(not segment or (segment != "**" and not _PLAIN_SEGMENT.fullmatch(segment)) for segment in segments):
        return None
    if any("**" in segment and segment != "**" for segment in segments) or all(segment == "**" for segment in segments):
        return None
    anchored = anchored or len(segments) > 1
    parts = []
    if segments[0] == "**":
        segments = segments[1:]
        parts.append("(?:.+/)?")
        anchored = True
    elif not anchored:
        parts.append("(?:.+/)?")
    trailing = segments[-1] == "**"
    if trailing:
        segments = segments[:-1]
    if not segments or "**" in segments[:1]:
        return None
    for index, segment in enumerate(segments):
        if segment == "**":
            parts.append("(?:/.+)?")
            continue
        if index:
            parts.append("/")
        parts.append("[^/]*".join(re.escape(piece) for piece in segment.split("*")))
    parts.append("/" if trailing else "(?:/|$)")
    return "^" + "".join(parts)


class _Globs:
    """A matcher for gitignore-style globs. Plain globs are one combined regex; others go
    to pathspec, also as one regex when no pattern negates (`!keep.md`).

    A site walk asks every file of the site; pathspec tries each pattern in turn, while
    without negation "some pattern matches" is one search of an alternation.
    """

    def __init__(self, spec, patterns=None, combined: str | None = None):
        self.spec = spec
        if spec is None:
            self.patterns = list(patterns or ())
            self._combined = re.compile(combined) if combined else None
            return
        self.patterns = spec.patterns
        active = [p for p in spec.patterns if p.include is not None]
        self._combined = None
        if active and all(p.include is True and getattr(p, "regex", None) is not None for p in active):
            try:
                self._combined = re.compile("|".join(f"(?:{p.regex.pattern})" for p in active))
            except (re.error, TypeError):
                self._combined = None

    def matcher(self):
        """`match_file` for the relative paths a site walk makes (no leading `./` or `/`),
        as a bare regex match when the globs are one regex; truthy when the path matches."""
        if self._combined is None:
            return self.match_file
        match, careful = self._combined.match, self.match_file
        return lambda path: careful(path) if "\\" in path else match(path)

    def match_file(self, path: str) -> bool:
        if self.spec is None:
            path = path.replace("\\", "/") if "\\" in path else path
            while path.startswith(("./", "/")):
                path = path[2:] if path.startswith("./") else path[1:]
            return self._combined is not None and self._combined.match(path) is not None
        if self._combined is not None and not path.startswith(("./", "/")):  # already normalised
            return self._combined.match(path) is not None
        return self.spec.match_file(path)


def matches_any(patterns, rel_path: str) -> bool:
    return bool(patterns) and compile_globs(tuple(patterns)).match_file(rel_path)
