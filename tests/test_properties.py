"""Whatever a file holds, the whole CLI finishes: no exception, exit 0 or 1 (never 2), valid JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint import cli
from healthlint.document import Document, LoadFailure

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

FAST = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces real articles (and broken ones) are made of; hypothesis mixes them with noise.
PIECES = [
    "---", "...", "title: Ondt i lænden", 'title: "Hekseskud: hvad nu?"', "metaTitle: ''", "title:",
    "datePublished: 13/09/2025", "lastUpdated: 2025-09-13", "lastUpdated: 31/02/2025", "date: 7-06-2025",
    "tags: [a, b", "a: &a [x, y]", "b: [*a, *a, *a]", "key: !!python/object/apply:os.system ['true']",
    "  nested:", "    - item", "# healthlint-disable-next-line HL101", "<!-- healthlint-disable HL301 -->",
    "<!-- healthlint-enable -->", "<!-- healthlint-disable-line -->", "<!-- healthlint-disable-file HL4 -->",
    "# Overskrift", "## Symptomer", "### Behandling", "#### Dybt", "Overskrift", "===", "- punkt", "1. punkt",
    "> citat", "> | a | b |", "| Symptom | Varighed |", "|---|---|", "| :--- | ---: |", "| smerte | 2–3 dage |",
    "| a | b | c |", "|", "||", "| `a|b` | \\| |", "```", "```python", "    kode", "<div>", "</div>",
    "[link](../ordbog/iskias.md)", "![](billede.png)", "Tekst med f.eks. 24–48 timer og ca. 5,5 mg.",
    "\t", "", " ", "\u200b", "\u202e", "\x1b[31m", "æøå ÆØÅ", "ｔｉｔｌｅ", "\U0001f600",
]

shaped_text = st.builds(
    lambda parts, newline, bom: ("\ufeff" if bom else "") + newline.join(parts),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=40),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)


def run_cli(path, capsys) -> dict:
    capsys.readouterr()
    try:
        code = cli.main(["check", str(path), "--format", "json", "--today", "2026-01-01"])
    except SystemExit as exit:  # argparse exits only on usage errors, which file content must never cause
        pytest.fail(f"the CLI exited with {exit.code} for file content")
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    assert "Traceback" not in captured.err
    payload = json.loads(captured.out)
    assert payload["summary"]["files"] == 1
    assert len(payload["diagnostics"]) == sum(payload["summary"]["by_rule"].values())
    for d in payload["diagnostics"]:
        assert d["line"] >= 1 and d["column"] >= 1
        assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"])
    return payload


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config of this repository is found from here
    return tmp_path / "artikel.md"


@FAST
@given(text=st.text())
def test_any_text(article, capsys, text):
    article.write_text(text, "utf-8", newline="")
    run_cli(article, capsys)


@FAST
@given(data=st.binary(max_size=2000))
def test_any_bytes(article, capsys, data):
    article.write_bytes(data)
    run_cli(article, capsys)


@FAST
@given(text=shaped_text)
def test_markdown_and_frontmatter_shaped_text(article, capsys, text):
    article.write_text(text, "utf-8", newline="")
    run_cli(article, capsys)


@given(data=st.one_of(st.binary(max_size=500), shaped_text.map(lambda t: t.encode("utf-8"))))
@settings(max_examples=60, deadline=None)
def test_loading_never_raises_and_positions_are_in_the_file(data):
    loaded = Document.from_bytes("a.md", data)
    if isinstance(loaded, LoadFailure):
        assert loaded.code in {"HL002", "HL003", "HL005"}
        return
    fm = loaded.frontmatter
    if fm.error is not None:
        assert 1 <= fm.error.span.line <= len(loaded.lines)
    for field in fm.fields.values():
        assert 1 <= field.key_span.line <= len(loaded.lines)
    for heading in loaded.headings:
        assert heading.span.line == heading.line


@pytest.mark.slow
@SLOW
@given(text=shaped_text)
def test_markdown_and_frontmatter_shaped_text_long(article, capsys, text):
    article.write_text(text, "utf-8", newline="")
    run_cli(article, capsys)


@pytest.mark.slow
@SLOW
@given(data=st.binary(max_size=5000))
def test_any_bytes_long(article, capsys, data):
    article.write_bytes(data)
    run_cli(article, capsys)
