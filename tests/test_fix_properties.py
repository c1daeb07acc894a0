"""Properties of `check --fix` on generated articles.

Articles have dates in odd and unpadded forms (quoted or not, sometimes under a misspelled
key), headings ending in `.` or `:`, and tables whose rows miss trailing cells; with LF, CRLF
or mixed line endings, with or without a BOM and a final newline. After fixing:
- linting again finds no problem that still has a fix of the kind applied;
- fixing again changes nothing;
- every line no fix touched is byte for byte the same, line endings included, and so are the
  BOM and the final newline.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from healthlint import api, cli

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

TODAY = date(2026, 1, 1)
BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(rb"\r\n|\r|\n")

WORDS = ["Hekseskud", "lænden", "smerte", "ryggen", "øvelser", "behandling", "fysioterapeut", "hvile", "varme", "isjias", "ofte", "akut"]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def written_dates(draw) -> str:
    value = draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2025, 12, 31)))
    day, month, year = value.day, value.month, value.year
    pad_day, pad_month = draw(st.booleans()), draw(st.booleans())
    d = f"{day:02d}" if pad_day else str(day)
    m = f"{month:02d}" if pad_month else str(month)
    separator = draw(st.sampled_from("/-."))
    text = f"{year}{separator}{m}{separator}{d}" if draw(st.booleans()) else f"{d}{separator}{m}{separator}{year}"
    return f'"{text}"' if draw(st.booleans()) else text


@st.composite
def frontmatter(draw) -> list[str]:
    lines = ["---", 'title: "Hekseskud i lænden"']
    for key in ("datePublished", "lastUpdated"):
        shown = key.lower() if draw(st.integers(0, 5)) == 0 else key  # a misspelled key now and then
        lines.append(f"{shown}: {draw(written_dates())}")
    lines.append("---")
    return lines


@st.composite
def heading(draw) -> list[str]:
    level = draw(st.sampled_from(["##", "###"]))
    mark = draw(st.sampled_from(["", "", ".", ":", "?", ":."]))
    return [f"{level} {draw(words)}{mark}", ""]


@st.composite
def table(draw) -> list[str]:
    columns = draw(st.integers(2, 4))
    header = "| " + " | ".join(draw(words) for _ in range(columns)) + " |"
    rows = [header, "|" + "---|" * columns]
    for _ in range(draw(st.integers(1, 3))):
        cells = [draw(words) for _ in range(draw(st.integers(1, columns)))]
        closing = " |" if draw(st.booleans()) or len(cells) == columns else ""
        rows.append("| " + " | ".join(cells) + closing)
    return rows + [""]


@st.composite
def articles(draw) -> bytes:
    lines = draw(frontmatter()) + [""]
    for block in draw(st.lists(st.sampled_from(["heading", "table", "paragraph"]), min_size=1, max_size=6)):
        if block == "heading":
            lines += draw(heading())
        elif block == "table":
            lines += draw(table())
        else:
            lines += [draw(words) + ".", ""]
    while lines and lines[-1] == "":
        lines.pop()
    style = draw(st.sampled_from(["lf", "crlf", "mixed"]))
    endings = [
        {"lf": "\n", "crlf": "\r\n"}.get(style) or draw(st.sampled_from(["\n", "\r\n"]))
        for _ in lines
    ]
    if not draw(st.booleans()):
        endings[-1] = ""  # no final newline
    text = "".join(line + ending for line, ending in zip(lines, endings))
    return (BOM if draw(st.booleans()) else b"") + text.encode("utf-8")


def _lint(path: Path):
    return api.lint_paths([path], api.Options(today=TODAY, cache=False)).diagnostics


def _fix(path: Path, unsafe: bool) -> str:
    flag = "--unsafe-fixes" if unsafe else "--fix"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        cli.main(["check", flag, "--no-cache", "--today", TODAY.isoformat(), str(path)])
    return out.getvalue()


def _lines(data: bytes) -> list[bytes]:
    """Each line with its own ending; the last piece has none."""
    pieces, start = [], 0
    for match in _BREAK.finditer(data):
        pieces.append(data[start : match.end()])
        start = match.end()
    return pieces + [data[start:]]


def _check_fix(data: bytes, unsafe: bool) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "artikel.md"
        path.write_bytes(data)
        wanted = [d for d in _lint(path) if d.fix is not None and (d.fix.safe or unsafe)]
        event(f"{'unsafe' if unsafe else 'safe'} fixes to apply: {min(len(wanted), 3)}{'+' if len(wanted) >= 3 else ''}")
        touched = {n for d in wanted for e in d.fix.edits for n in range(e.span.line, e.span.end_line + 1)}

        _fix(path, unsafe)
        fixed = path.read_bytes()
        left = [d for d in _lint(path) if d.fix is not None and (d.fix.safe or unsafe)]
        assert left == [], f"fixable problems remain after fixing: {left}"

        inode = path.stat().st_ino
        assert _fix(path, unsafe).endswith("No fixes applied.\n")
        assert path.read_bytes() == fixed and path.stat().st_ino == inode, "a second fix changed the file"

        assert fixed.startswith(BOM) == data.startswith(BOM)
        before, after = _lines(data.removeprefix(BOM)), _lines(fixed.removeprefix(BOM))
        assert len(before) == len(after)
        for number, (old, new) in enumerate(zip(before, after), start=1):
            if number in touched:
                assert _BREAK.findall(old) == _BREAK.findall(new), f"line {number} lost its ending"
            else:
                assert old == new, f"line {number} was changed, but no fix touched it"
        assert bool(wanted) == (fixed != data)
    finally:
        shutil.rmtree(folder)


COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=100, **COMMON)
@given(articles(), st.booleans())
def test_fix_leaves_nothing_fixable_is_idempotent_and_touches_only_fixed_lines(data, unsafe):
    _check_fix(data, unsafe)


@pytest.mark.slow
@settings(max_examples=500, **COMMON)
@given(articles(), st.booleans())
def test_fix_properties_hold_on_many_more_articles(data, unsafe):
    _check_fix(data, unsafe)
