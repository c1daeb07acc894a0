"""Property-based fuzzing of the whole per-file pipeline, in process: bytes → Document → every
rule → site pass → reporters. Beyond "it does not raise" (tests/test_properties.py), it asks:

- no rule ever fails (HL010 is a crash that the engine caught);
- every position lies inside the file (line within it, column within the line + 1);
- LF, CRLF and CR files give the same diagnostics at the same places;
- linting is deterministic, and the terminal formats carry no control character from content.

The default runs are short; `-m slow` runs many more examples.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint.api import Report
from healthlint.config import Config
from healthlint.document import Document, LoadFailure
from healthlint.run.engine import Engine

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

SEED = (Path(__file__).resolve().parents[1] / "data" / "seed-article.md").read_bytes()
ENGINE = Engine(Config(), today=date(2026, 1, 1))

SHORT = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))

# -- generators ---------------------------------------------------------------------------

words = st.sampled_from(
    ["ryg", "smerte", "lænden", "hekseskud", "f.eks.", "ca.", "24–48", "ibuprofen", "læge", "altid",
     "FysFinder", "isjias", "x", "", "æøå", "**fed**", "`kode`", "[link](../a.md)", "<b>", "|", "\\|",
     "#", ">", "-", "1.", ":", "&", "*", "!!", "\u200b", "\u202e", "\x1b[31m", "\U0001f600"]
)
sentence = st.lists(words, min_size=0, max_size=12).map(" ".join)

scalar = st.one_of(
    sentence, st.integers(), st.sampled_from(["13/09/2025", "2025-09-13", "31/02/2025", "7-06-2025", "null", "~", "yes"]),
    st.text(max_size=15),
).map(str)


def yaml_value(depth: int = 0):
    plain = st.one_of(
        scalar.map(lambda s: s.replace("\n", " ")),
        scalar.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'),
        st.sampled_from(["&a [x, y]", "*a", "[*a, *a]", "!!python/object/apply:os.system ['true']", "!!binary aGVq",
                         "{a: 1, b: [2, 3]}", "[", "{", "|\n  blok\n  tekst", ">-\n  foldet", "'enkelt ''citat'''"]),
    )
    if depth >= 2:
        return plain
    return st.one_of(
        plain,
        st.lists(yaml_value(depth + 1), max_size=3).map(lambda items: "\n" + "".join(f"{'  ' * (depth + 1)}- {i}\n" for i in items).rstrip("\n")),
        st.lists(yaml_value(depth + 1), max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    )


keys = st.one_of(
    st.sampled_from(["title", "metaTitle", "description", "datePublished", "lastUpdated", "related", "tags", "slug", "titel", "Title", "? x", "- a", ""]),
    st.text(alphabet="abcdefXYZ_-:#", min_size=1, max_size=8),
)
frontmatter = st.lists(st.tuples(keys, yaml_value()), max_size=8).map(lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs))


def block(depth: int = 0):
    leaf = st.one_of(
        sentence,
        st.tuples(st.integers(1, 7), sentence).map(lambda t: "#" * t[0] + " " + t[1]),
        st.tuples(st.integers(1, 4), st.integers(0, 4), st.integers(0, 4)).map(
            lambda t: "\n".join(["| " + " | ".join(["a"] * t[0]) + " |", "|" + "---|" * t[0]] + ["| " + " | ".join(["b"] * (t[0] + t[2] - 2)) + " |"] * t[1])
        ),
        st.sampled_from(["```", "```\nkode\n```", "    indrykket", "<!-- healthlint-disable HL3 -->", "<!-- healthlint-enable -->",
                         "<!-- healthlint-disable-next-line -->", "---", "===", "***", "<div>\nhtml\n</div>", "[ref]: http://x"]),
    )
    if depth >= 3:
        return leaf
    nested = st.lists(block(depth + 1), min_size=1, max_size=3).map("\n".join)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(["> ", "- ", "1. ", "  ", "> - ", "* "]), nested).map(
            lambda t: "\n".join(t[0] + line for line in t[1].split("\n"))
        ),
    )


markdown = st.lists(block(), max_size=12).map("\n\n".join)
article = st.tuples(st.booleans(), frontmatter, st.booleans(), markdown).map(
    lambda t: (f"---\n{t[1]}---\n\n" if t[0] else "") + ("## Afsnit\n\n" if t[2] else "") + t[3] + "\n"
)


@st.composite
def mutated_seed(draw) -> bytes:
    """The real article with byte-level damage: flips, cuts, inserted bytes and splices."""
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "dup", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"\r", b"\r\n", b"\n---\n", b"\xed\xa0\x80", b"\xff", b"|", b"\n# ", b"\t", b"\xef\xbb\xbf", b"\x1b[2J"]))
        elif kind == "dup":
            end = min(len(data), at + draw(st.integers(1, 500)))
            data[at:at] = data[at:end]
        else:
            data = data[: at + 1]
    return bytes(data)


any_input = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    article.map(lambda t: t.encode("utf-8")),
    mutated_seed(),
)

# -- the properties -----------------------------------------------------------------------


def lint(data: bytes):
    loaded = Document.from_bytes("a.md", data)
    if isinstance(loaded, LoadFailure):
        return loaded, ENGINE.finish([ENGINE.failure("a.md", "a.md", loaded)])
    result = ENGINE.lint_document(loaded)
    return loaded, ENGINE.finish([result])


def check_pipeline(data: bytes) -> None:
    doc, diagnostics = lint(data)
    internal = [d.message for d in diagnostics if d.code == "HL010"]
    assert not internal, internal[0]
    if isinstance(doc, LoadFailure):
        assert [d.code for d in diagnostics] == [doc.code]
        return
    lines = doc.lines
    for d in diagnostics:
        s = d.span
        assert 1 <= s.line <= len(lines) and 1 <= s.end_line <= len(lines) + 1, (d.code, s, len(lines))
        assert (s.end_line, s.end_column) >= (s.line, s.column), (d.code, s)
        assert 1 <= s.column <= len(lines[s.line - 1]) + 1, (d.code, s, lines[s.line - 1][:80])
        if d.fix is not None:
            for edit in d.fix.edits:
                assert 1 <= edit.span.line <= len(lines), (d.code, edit)
    report = Report(diagnostics, [], Config())
    from healthlint.report import render

    for fmt in ("concise", "full"):
        shown = render(report, fmt, color=False, statistics=False, quiet=False, docs_url=None)
        controls = {ch for ch in shown if ch not in "\n\t" and unicodedata.category(ch) == "Cc"}
        assert not controls, (fmt, controls)


def places(diagnostics) -> list:
    return sorted((d.code, d.span.line, d.span.column, d.span.end_line, d.span.end_column) for d in diagnostics)


def check_line_endings(text: str) -> None:
    """LF, CRLF and CR give the same diagnostics at the same places (DESIGN: Positions)."""
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    results = {}
    for ending in ("\n", "\r\n", "\r"):
        _, diagnostics = lint(lf.replace("\n", ending).encode("utf-8", "surrogatepass"))
        results[repr(ending)] = places(diagnostics)
    assert results["'\\n'"] == results["'\\r\\n'"] == results["'\\r'"], results


@SHORT
@given(data=any_input)
def test_pipeline(data):
    check_pipeline(data)


@SHORT
@given(text=article)
def test_line_endings_do_not_move_diagnostics(text):
    check_line_endings(text)


@SHORT
@given(data=any_input)
def test_linting_is_deterministic(data):
    assert places(lint(data)[1]) == places(lint(data)[1])


@pytest.mark.slow
@LONG
@given(data=any_input)
def test_pipeline_long(data):
    check_pipeline(data)


@pytest.mark.slow
@LONG
@given(text=article)
def test_line_endings_do_not_move_diagnostics_long(text):
    check_line_endings(text)


@pytest.mark.parametrize("data", [b"---\n\xc2\x85title: $\n---", b'---\n\xc2\x85"\n---'])
def test_yaml_line_breaks_the_file_does_not_split_on_keep_positions_in_the_file(data):
    # NEL (U+0085) ends a line for YAML, not for the file: found by test_pipeline_long.
    check_pipeline(data)
