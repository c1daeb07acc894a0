"""Table rules (HL4xx): messages, the padding fix, escaped pipes, code spans, CRLF, options."""

from __future__ import annotations

from datetime import date

import pytest

from healthlint.api import lint_text
from healthlint.config import Config, RuleSetting
from healthlint.fix import apply_edits

TODAY = date(2026, 1, 1)
TITLE = '---\ntitle: "Hekseskud i lænden"\n---\n\n'
HEADER = "| Situation | Symptomer | Hvad du kan gøre |\n|---|---|---|\n"


def lint(text: str, select=("HL4",), config: Config | None = None):
    return lint_text(text, today=TODAY, select=list(select), config=config)


def positions(diagnostics):
    return [(d.code, d.span.line, d.span.column) for d in diagnostics]


def pad(text: str) -> str:
    found = [d for d in lint(text, select=["HL401"])]
    assert found and all(d.fix is not None and d.fix.safe is False for d in found)
    return apply_edits(text, [edit for d in found for edit in d.fix.edits])


def test_short_row_message_gives_both_counts():
    [diagnostic] = lint(TITLE + HEADER + "| Akut hekseskud | Skarp smerte |\n")
    assert positions([diagnostic]) == [("HL401", 7, 1)]
    assert "row has 2 cells, the header has 3" in diagnostic.message


def test_long_row_quotes_the_dropped_cells_and_has_no_fix():
    [diagnostic] = lint(TITLE + HEADER + "| A | B | C | Ring 112 | Nu |\n")
    assert "row has 5 cells, the header has 3" in diagnostic.message
    assert '"Ring 112 | Nu"' in diagnostic.message
    assert diagnostic.fix is None


@pytest.mark.parametrize(
    ("row", "padded"),
    [
        ("| Akut | Smerte |", "| Akut | Smerte | |"),
        ("| Akut |", "| Akut | | |"),
        ("|Akut|Smerte|", "|Akut|Smerte||"),
        ("Akut | Smerte", "Akut | Smerte | |"),
        ("| Akut | Smerte |   ", "| Akut | Smerte | |   "),
        ("| Akut | Smerte \\|", "| Akut | Smerte \\| | |"),
    ],
)
def test_padding_fix_keeps_the_pipe_style_and_gives_the_header_count(row, padded):
    text = TITLE + HEADER + row + "\n"
    result = pad(text)
    assert result == TITLE + HEADER + padded + "\n"
    assert [d.code for d in lint(result) if d.code == "HL401"] == []


def test_padding_fix_inside_a_blockquote():
    text = TITLE + "> | A | B | C |\n> |---|---|---|\n> | 1 |\n"
    assert pad(text) == TITLE + "> | A | B | C |\n> |---|---|---|\n> | 1 | | |\n"


def test_escaped_pipes_are_not_cell_borders():
    text = TITLE + HEADER + "| Akut \\| pludselig | Smerte \\| stivhed | Bevæg dig |\n"
    assert lint(text) == []


def test_a_code_span_without_a_pipe_is_one_cell():
    text = TITLE + HEADER + "| Akut | `24–48` timer | Varme |\n"
    assert lint(text) == []


def test_an_escaped_pipe_inside_a_code_span_keeps_the_cell_whole():
    text = TITLE + HEADER + "| Akut | `a \\| b` | Varme |\n"
    assert lint(text) == []


def test_an_unescaped_pipe_inside_a_code_span_splits_the_cell_as_the_renderer_does():
    text = TITLE + HEADER + "| Akut | `a|b` |\n"
    # markdown-it renders the row as three cells: "Akut", "`a", "b`"; nothing is missing.
    assert lint(text) == []


def test_delimiter_mismatch_says_the_table_shows_as_text():
    [diagnostic] = lint(TITLE + "| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n")
    assert positions([diagnostic]) == [("HL402", 6, 1)]
    assert "delimiter row has 2 cells, the header has 3" in diagnostic.message
    assert "plain text with pipes" in diagnostic.message


def test_a_rejected_table_gets_no_row_count_or_empty_cell_reports():
    text = TITLE + "| A | B | C |\n|---|---|\n| 1 |  |\n"
    assert [d.code for d in lint(text)] == ["HL402"]


def test_empty_header_and_body_cells_name_the_column():
    text = TITLE + "| | Symptomer |\n|---|---|\n| Akut |  |\n"
    diagnostics = lint(text)
    assert positions(diagnostics) == [("HL403", 5, 2), ("HL404", 7, 9)]
    assert 'column 2 ("Symptomer")' in diagnostics[1].message


def test_cells_beyond_the_header_are_not_reported_as_empty():
    text = TITLE + "| A | B |\n|---|---|\n| 1 | 2 | |\n"
    assert [d.code for d in lint(text)] == ["HL401"]


def test_placeholder_is_found_inside_a_sentence_and_quoted():
    text = TITLE + HEADER + "| Akut | Smerte | Dansk oversættelse mangler |\n"
    [diagnostic] = lint(text)
    assert positions([diagnostic]) == [("HL405", 7, 25)]
    assert (diagnostic.span.end_column - diagnostic.span.column) == len("oversættelse mangler")
    assert '"Dansk oversættelse mangler"' in diagnostic.message


def test_placeholder_in_a_header_cell():
    [diagnostic] = lint(TITLE + "| Situation | TBD |\n|---|---|\n| Akut | Smerte |\n")
    assert positions([diagnostic]) == [("HL405", 5, 15)]
    assert "header cell" in diagnostic.message


def test_placeholder_in_a_table_that_does_not_render_is_still_reported():
    text = TITLE + "| A | B |\n|---|---|---|\n| TODO | 2 |\n"
    assert positions(lint(text)) == [("HL402", 6, 1), ("HL405", 7, 3)]


def test_placeholder_option_replaces_the_list():
    config = Config(rules={"HL405": RuleSetting(options={"placeholders": ["mangler", "Kommer snart"]})})
    text = TITLE + HEADER + "| TODO | kommer  snart | Mangler |\n"
    assert positions(lint(text, config=config)) == [("HL405", 7, 10), ("HL405", 7, 26)]


def test_an_empty_placeholder_list_turns_the_rule_off():
    config = Config(rules={"HL405": RuleSetting(options={"placeholders": []})})
    assert lint(TITLE + HEADER + "| TODO | TBD | XXX |\n", config=config) == []


def test_crlf_input_gives_the_same_lines_and_columns():
    text = TITLE + HEADER + "| Akut |  |\n| TODO | 2 | 3 |\n\n| A | B |\n|---|\n"
    lf = positions(lint(text))
    assert lf == positions(lint(text.replace("\n", "\r\n")))
    assert lf == [("HL401", 7, 1), ("HL404", 7, 9), ("HL405", 8, 3), ("HL402", 11, 1)]


def test_crlf_padding_fix_edits_match_the_lf_text():
    text = TITLE + HEADER + "| Akut | Smerte |\n"
    [diagnostic] = lint(text.replace("\n", "\r\n"))
    assert apply_edits(text, diagnostic.fix.edits) == TITLE + HEADER + "| Akut | Smerte | |\n"
