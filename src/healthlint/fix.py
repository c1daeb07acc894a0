"""Apply the rules' fixes: non-overlapping edits, linted again until stable, written atomically.

A rule's edits are positions in the LF-normalised text it saw. They are applied to the file's
own text line by line, so every line keeps its own ending (LF, CRLF or a lone CR), and a UTF-8
BOM and a missing final newline stay as they were. A file is replaced only through a temporary
file in the same folder, and only if its bytes are still the ones that were fixed.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from healthlint.diagnostic import Diagnostic, Edit, Fix
from healthlint.document import (
    DEFAULT_MAX_FILE_SIZE,
    UTF8_BOM,
    Document,
    LoadFailure,
    decode,
)
from healthlint.files import boundary
from healthlint.run.atomic import temporary_beside

# A fix can make room for another (two fixes on one value); ten rounds is far more than any
# article needs, and stops a pair of rules that undo each other from running forever.
MAX_ROUNDS = 10

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same breaks the Document counts lines by


class FileChanged(Exception):
    """The file on disk is no longer the text that was fixed; it was left alone."""


@dataclass(frozen=True)
class FixedText:
    text: str
    applied: int  # fixes (one per diagnostic) applied over all rounds
    rounds: int


@dataclass
class FileFix:
    """What fixing did to one file (or to standard input)."""

    path: str
    before: bytes
    after: bytes
    applied: int = 0
    written: bool = False
    error: str = ""  # why the fixed text was not written

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class FixRun:
    files: list[FileFix] = field(default_factory=list)
    report: object | None = None  # api.Report after fixing (None when nothing was to be written)
    lang: str = "en"  # the run's language, for the lines that say what was fixed

    @property
    def fixed(self) -> list[FileFix]:
        return [f for f in self.files if f.applied and (f.written or not f.error) and f.changed]

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.fixed)

    @property
    def errors(self) -> list[FileFix]:
        return [f for f in self.files if f.error]


# ---------------------------------------------------------------------------------------
# Text


def split_lines(text: str) -> list[tuple[str, str]]:
    """Each line's content and its own line ending ("" for a last line without one)."""
    lines: list[tuple[str, str]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append((text[start : match.start()], match.group()))
        start = match.end()
    lines.append((text[start:], ""))
    return lines


def _valid(fix: Fix, lines: list[tuple[str, str]]) -> bool:
    """A fix whose edits fall outside the text or cross each other is a rule's bug: skip it."""
    spans = []
    for edit in fix.edits:
        s = edit.span
        if not (1 <= s.line <= s.end_line <= len(lines)):
            return False
        if not (1 <= s.column <= len(lines[s.line - 1][0]) + 1 and 1 <= s.end_column <= len(lines[s.end_line - 1][0]) + 1):
            return False
        if (s.line, s.column) > (s.end_line, s.end_column):
            return False
        spans.append(((s.line, s.column), (s.end_line, s.end_column)))
    return bool(spans) and not any(_overlap(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :])


def _overlap(a, b) -> bool:
    # Two insertions at one point (or an insertion where a replacement starts) have no order
    # that is obviously right, so they conflict too.
    return a[0] == b[0] or (a[0] < b[1] and b[0] < a[1])


def _start(fix: Fix):
    return min((e.span.line, e.span.column) for e in fix.edits)


def select_fixes(fixes: Iterable[Fix], text: str) -> list[Fix]:
    """The fixes to apply this round, in order, skipping any that overlaps one already chosen."""
    lines = split_lines(text)
    chosen: list[Fix] = []
    taken: list[tuple] = []
    for fix in sorted((f for f in fixes if _valid(f, lines)), key=_start):
        spans = [((e.span.line, e.span.column), (e.span.end_line, e.span.end_column)) for e in fix.edits]
        if any(_overlap(a, b) for a in spans for b in taken):
            continue
        chosen.append(fix)
        taken.extend(spans)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (LF-normalised positions) to text with any line endings."""
    lines = [list(pair) for pair in split_lines(text)]
    default = "\r\n" if "\r\n" in text else "\n"
    ordered = sorted(edits, key=lambda e: (e.span.line, e.span.column, e.span.end_line, e.span.end_column), reverse=True)
    for edit in ordered:
        s = edit.span
        first, last = lines[s.line - 1], lines[s.end_line - 1]
        joined = first[0][: s.column - 1] + edit.new_text + last[0][s.end_column - 1 :]
        parts = _LINE_BREAK.split(joined)
        inner = first[1] or default  # a break the fix adds takes the ending of the line it is in
        lines[s.line - 1 : s.end_line] = [[part, inner] for part in parts[:-1]] + [[parts[-1], last[1]]]
    return "".join(content + ending for content, ending in lines)


def _wanted(diagnostic: Diagnostic, unsafe: bool) -> bool:
    return diagnostic.fix is not None and bool(diagnostic.fix.edits) and (diagnostic.fix.safe or unsafe)


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], *, unsafe: bool = False, max_rounds: int = MAX_ROUNDS) -> FixedText:
    """Fix `text` (decoded, without BOM, any line endings) until no wanted fix is left.

    `lint` returns the diagnostics of a text after suppressions, from enabled rules only.
    """
    applied = rounds = 0
    while rounds < max_rounds:
        chosen = select_fixes((d.fix for d in lint(text) if _wanted(d, unsafe)), text)
        if not chosen:
            break
        new = apply_edits(text, [edit for fix in chosen for edit in fix.edits])
        rounds += 1
        if new == text:
            break
        text = new
        applied += len(chosen)
    return FixedText(text, applied, rounds)


def fix_bytes(data: bytes, lint: Callable[[str, bool], list[Diagnostic]], *, unsafe: bool = False) -> tuple[bytes, int]:
    """The fixed bytes of a file and the number of fixes applied; undecodable input is left as is."""
    decoded = decode(data)
    if isinstance(decoded, LoadFailure):
        return data, 0
    text, bom = decoded
    result = fix_text(text, lambda t: lint(t, bom), unsafe=unsafe)
    if not result.applied:
        return data, 0
    return (UTF8_BOM if bom else b"") + result.text.encode("utf-8"), result.applied


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of two versions of a file, as `patch -p0` reads it."""
    old = [c + e for c, e in split_lines(_as_text(before)) if c + e]
    new = [c + e for c, e in split_lines(_as_text(after)) if c + e]
    out = []
    from healthlint.report.escape import visible

    shown = visible(path)  # a name may hold a line break and `::error …`: never a line of its own
    for line in difflib.unified_diff(old, new, fromfile=shown, tofile=shown):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def _as_text(data: bytes) -> str:
    prefix = "\ufeff" if data.startswith(UTF8_BOM) else ""
    return prefix + data.removeprefix(UTF8_BOM).decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------
# Files


def _read_current(path: Path) -> bytes:
    """The file's bytes just before it is replaced (a seam for tests of a concurrent edit)."""
    with open(path, "rb") as handle:
        return handle.read()


def _before_rename(temporary: str) -> None:
    """A seam for crash tests: with HEALTHLINT_TEST_PAUSE_BEFORE_RENAME=FILE set, write the
    temporary file's name to FILE and wait, so a test can kill the process between the write
    and the rename (tests/adversarial/test_concurrency.py)."""
    signal_file = os.environ.get("HEALTHLINT_TEST_PAUSE_BEFORE_RENAME")
    if signal_file:
        import time

        Path(signal_file).write_text(temporary, encoding="utf-8")
        time.sleep(float(os.environ.get("HEALTHLINT_TEST_PAUSE_SECONDS", "30")))


def write_atomic(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the file with `data` if it still holds `expected`; keep its mode.

    The new text goes to a temporary file in the same folder, is flushed and synced, and then
    renamed over the old one, so a crash leaves either the old file or the new one, never half.
    A symbolic link is followed: the file it points to is replaced, the link stays a link.
    """
    target = Path(os.path.realpath(path))
    info = os.stat(target)
    with temporary_beside(target) as (handle, temporary):
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(temporary, info.st_uid, info.st_gid)
            except OSError:
                pass  # only the owner's group or root may keep another owner; the mode still stands
        try:
            current = _read_current(target)
        except FileNotFoundError:
            current = None
        if current != expected:
            raise FileChanged(f"{path} changed on disk while it was being fixed; it was left as it is")
        _before_rename(temporary)
        os.replace(temporary, target)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # Without this a power cut right after the rename can bring back the old directory entry.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def fix_paths(paths: list[str | Path], options=None, *, unsafe: bool = False, write: bool = True) -> FixRun:
    """Fix the files under `paths`; with `write`, replace them and lint everything again."""
    from healthlint import api
    from healthlint.files.discover import display_path, relative_to_root
    from healthlint.run import limits, pipeline, site_refresh

    options = options or api.Options()
    given = [Path(p) for p in paths]
    missing = [p for p in given if not os.path.lexists(p)]
    if missing:
        raise api.PathNotFound(", ".join(str(p) for p in missing))
    config = pipeline.resolve_config(given, options)
    engine = pipeline.engine_for(config, options)
    site = site_refresh.refresh_site_index(engine, config, given, [], options.cache)
    bounds = pipeline.file_limits(config, options)
    run = FixRun(lang=engine.lang)
    inside = boundary.of(config)
    for path in pipeline.files_to_lint(given, config, options).files:
        data = pipeline.read_file(path, config.max_file_size or DEFAULT_MAX_FILE_SIZE, inside)
        if isinstance(data, LoadFailure):
            continue  # the lint run reports it
        shown = display_path(path)
        rel = relative_to_root(path, config.site_root)
        try:
            linter = _linter(engine, site, shown, rel)
            after, applied = limits.call(bounds, lambda: fix_bytes(data, linter, unsafe=unsafe))
        except limits.LimitExceeded:
            continue  # left as it is; the lint run after fixing reports HL006 or HL007 for it
        if not applied or after == data:
            continue
        entry = FileFix(shown, data, after, applied)
        if write:
            if inside.refusal(path) is not None:
                continue  # the link was changed to lead out of the project while it was fixed
            try:
                write_atomic(path, after, data)
                entry.written = True
            except FileChanged as error:
                entry.error = str(error)
            except OSError as error:
                entry.error = f"{shown} could not be written: {error.strerror or error}; it was left as it is"
        run.files.append(entry)
    if write:
        run.report = api.lint_paths(paths, options, config)
    return run


def fix_stdin(data: bytes, filename: str | None, options=None, *, unsafe: bool = False) -> FixRun:
    """Fix text read from standard input; the fixed bytes are in `files[0].after`, nothing is written."""
    from healthlint import api
    from healthlint.config import load_config
    from healthlint.files.discover import display_path, relative_to_root
    from healthlint.run import pipeline, site_refresh

    options = options or api.Options()
    anchor = Path(os.path.abspath(filename)) if filename else Path.cwd() / "-"
    config = load_config(options.config_file, anchor, anchor.parent)
    engine = pipeline.engine_for(config, options)
    shown = display_path(anchor) if filename else "-"
    rel = relative_to_root(anchor, config.site_root) if filename else "-"
    after, applied = data, 0
    if len(data) <= config.max_file_size:
        site = site_refresh.refresh_site_index(engine, config, [anchor.parent], [], options.cache)
        after, applied = fix_bytes(data, _linter(engine, site, shown, rel), unsafe=unsafe)
    run = FixRun([FileFix(shown, data, after, applied)], lang=engine.lang)
    run.report = api.lint_stdin(after, filename, options)
    return run


def _linter(engine, site, shown: str, rel: str) -> Callable[[str, bool], list[Diagnostic]]:
    def lint(text: str, bom: bool) -> list[Diagnostic]:
        result = engine.lint_document(Document(shown, text, bom=bom, rel_path=rel))
        return engine.finish([result], site)

    return lint
