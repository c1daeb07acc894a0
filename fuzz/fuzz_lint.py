"""Coverage-guided fuzzing of the whole per-file pipeline: bytes → Document → every rule → site pass.

Run with fuzz/run.sh. A finding is any exception that escapes, an internal error (HL010) from a
rule, or a diagnostic whose position lies outside the file; libFuzzer's -timeout and
-rss_limit_mb turn hangs and memory blow-ups into findings too.
"""

from __future__ import annotations

import sys
from datetime import date

import atheris

with atheris.instrument_imports(include=["healthlint", "markdown_it", "yaml", "frontmatter"]):
    from healthlint.config import Config
    from healthlint.document import Document, LoadFailure
    from healthlint.run.engine import Engine

    # Rule modules, markdown-it's parsers and the dictionary are imported lazily: build the engine
    # and lint one article here, so that all of them are instrumented too.
    ENGINE = Engine(Config(), today=date(2026, 1, 1), select=["ALL"])
    ENGINE.lint_document(Document("warm-up.md", "---\ntitle: x\n---\n\n## A\n\n| a |\n|---|\n| b |\n"))


def check_positions(doc: Document, diagnostics) -> None:
    lines = len(doc.lines)
    for d in diagnostics:
        s = d.span
        if not (1 <= s.line <= s.end_line <= lines + 1 and s.column >= 1 and s.end_column >= 1):
            raise AssertionError(f"{d.code} at {s} is outside a file of {lines} lines")
        if (s.end_line, s.end_column) < (s.line, s.column):
            raise AssertionError(f"{d.code} ends before it starts: {s}")


def test_one_input(data: bytes) -> None:
    loaded = Document.from_bytes("fuzz.md", data)
    if isinstance(loaded, LoadFailure):
        assert loaded.code in {"HL002", "HL003", "HL005"}, loaded
        return
    result = ENGINE.lint_document(loaded)
    diagnostics = ENGINE.finish([result])
    internal = [d for d in diagnostics if d.code == "HL010"]
    if internal:
        raise AssertionError(internal[0].message)
    check_positions(loaded, diagnostics)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
