"""Heading rules (HL3xx): fixes applied to the text, CRLF, containers, setext, the seed."""

from __future__ import annotations

from datetime import date

from helpers import lint_alone

from healthlint.api import lint_text
from healthlint.diagnostic import Edit
from healthlint.fix import apply_edits

TODAY = date(2026, 1, 1)
TITLE = '---\ntitle: "Hekseskud i lænden"\n---\n\n'


def lint(text: str, select=("HL3",)):
    return lint_text(text, today=TODAY, select=list(select))


def positions(diagnostics):
    return [(d.code, d.span.line, d.span.column) for d in diagnostics]


def fixed(text: str, code: str, *, safe: bool) -> str:
    found = [d for d in lint(text) if d.code == code]
    assert found, f"{code} did not fire"
    assert all(d.fix is not None and d.fix.safe is safe for d in found)
    return apply_edits(text, [edit for d in found for edit in d.fix.edits])


def test_apply_edits_helper_replaces_inserts_and_deletes():
    text = "ab\ncd\n"
    assert apply_edits(text, [Edit(_span(1, 2, 1, 3), "X"), Edit(_span(2, 1, 2, 1), ">")]) == "aX\n>cd\n"
    assert apply_edits(text, [Edit(_span(1, 3, 2, 2), "")]) == "abd\n"


def _span(line, column, end_line, end_column):
    from healthlint.diagnostic import Span

    return Span(line, column, end_line, end_column)


def test_seed_article_has_no_heading_or_table_diagnostics(seed_path):
    assert positions(lint_alone(seed_path, select=["HL3", "HL4"])) == []


def test_body_h1_fix_makes_it_h2_and_is_unsafe():
    text = TITLE + "# Hvad er hekseskud?\nTekst.\n\n> # I et citat\n\n- # I en liste\n"
    assert fixed(text, "HL302", safe=False) == (
        TITLE + "## Hvad er hekseskud?\nTekst.\n\n> ## I et citat\n\n- ## I en liste\n"
    )


def test_body_h1_fix_turns_a_setext_underline_into_dashes():
    text = TITLE + "Hvad er hekseskud\n=====\n\nTekst.\n"
    assert fixed(text, "HL302", safe=False) == TITLE + "Hvad er hekseskud\n-----\n\nTekst.\n"


def test_body_h1_fix_leaves_a_closing_sequence_alone():
    text = TITLE + "# Hvad er hekseskud? #\n"
    assert fixed(text, "HL302", safe=False) == TITLE + "## Hvad er hekseskud? #\n"


def test_body_h1_names_the_title_and_the_heading():
    [diagnostic] = [d for d in lint(TITLE + "# Om lænden\n") if d.code == "HL302"]
    assert '"Om lænden"' in diagnostic.message and '"Hekseskud i lænden"' in diagnostic.message
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column) == (5, 3, 12)


def test_empty_title_does_not_count_as_the_h1():
    text = '---\ntitle: ""\n---\n\n# Hekseskud\n\n## Symptomer\n'
    assert positions(lint(text)) == []


def test_trailing_punctuation_fix_removes_only_the_mark_and_is_safe():
    text = TITLE + "## Behandling:\n\n## Sådan gør du.\n\n## **Bemærk:**\n\n## Symptomer. ##\n\nRøde flag:\n---\n"
    assert fixed(text, "HL304", safe=True) == (
        TITLE + "## Behandling\n\n## Sådan gør du\n\n## **Bemærk**\n\n## Symptomer ##\n\nRøde flag\n---\n"
    )


def test_trailing_punctuation_on_the_last_line_of_a_multiline_setext_heading():
    text = TITLE + "Hvornår skal du\nsøge læge:\n---\n"
    [diagnostic] = lint(text)
    assert positions([diagnostic]) == [("HL304", 6, 10)]
    assert apply_edits(text, diagnostic.fix.edits) == TITLE + "Hvornår skal du\nsøge læge\n---\n"


def test_level_skip_message_gives_both_levels_and_the_text():
    [diagnostic] = lint(TITLE + "## Behandling\n\n#### Øvelser\n")
    assert diagnostic.code == "HL301"
    assert "H2 to H4" in diagnostic.message and '"Øvelser"' in diagnostic.message
    assert "`###`" in diagnostic.message


def test_first_heading_h3_under_a_title_says_the_title_is_the_h1():
    [diagnostic] = lint(TITLE + "### Hvad er hekseskud?\n")
    assert positions([diagnostic]) == [("HL301", 5, 5)]
    assert "title" in diagnostic.message and "`##`" in diagnostic.message


def test_a_skip_is_reported_once_not_for_every_heading_after_it():
    text = TITLE + "## A\n\n#### B\n\n#### C\n\n##### D\n"
    assert positions(lint(text)) == [("HL301", 7, 6)]


def test_duplicate_names_the_line_of_the_first():
    text = TITLE + "## Behandling\n\n## Forebyggelse\n\n## behandling\n"
    [diagnostic] = lint(text)
    assert positions([diagnostic]) == [("HL305", 9, 4)]
    assert "line 5" in diagnostic.message


def test_duplicate_siblings_are_keyed_by_their_parent_section():
    text = TITLE + "## A\n\n### Symptomer\n\n## B\n\n### Symptomer\n\n### Symptomer\n"
    assert positions(lint(text)) == [("HL305", 13, 5)]


def test_headings_inside_lists_and_blockquotes_take_part_in_the_outline():
    text = TITLE + "## A\n\n- #### I en liste\n\n> ## B:\n"
    assert positions(lint(text)) == [("HL301", 7, 8), ("HL304", 9, 7)]


def test_crlf_input_gives_the_same_lines_and_columns():
    text = TITLE + "# Titel\n\n#### Øvelser.\n\n##\n\n## Øvelser\n\n## øvelser\n"
    lf = positions(lint(text))
    crlf = positions(lint(text.replace("\n", "\r\n")))
    assert lf == crlf
    assert lf == [("HL302", 5, 3), ("HL301", 7, 6), ("HL304", 7, 13), ("HL303", 9, 1), ("HL305", 13, 4)]


def test_crlf_fix_edits_match_the_lf_text():
    text = TITLE + "## Behandling:\n"
    [diagnostic] = lint(text.replace("\n", "\r\n"))
    assert apply_edits(text, diagnostic.fix.edits) == TITLE + "## Behandling\n"


def test_pseudo_heading_quotes_the_text_without_emphasis_and_suggests_h2():
    text = TITLE + "Intro.\n\n**Symptomer**\n\nTypiske symptomer er smerte.\n"
    [diagnostic] = lint(text)
    assert positions([diagnostic]) == [("HL306", 7, 1)]
    assert "`## Symptomer`" in diagnostic.message


def test_pseudo_heading_accepts_an_faq_question():
    text = TITLE + "Kan et hekseskud gå over af sig selv?\n\nJa, for de fleste.\n"
    assert positions(lint(text)) == [("HL306", 5, 1)]


def test_pseudo_heading_needs_a_paragraph_right_after_but_looks_past_comments():
    text = TITLE + "Symptomer\n\n<!-- note -->\n\nTypiske symptomer er smerte.\n\nBehandling\n\n---\n\nTekst.\n"
    assert positions(lint(text)) == [("HL306", 5, 1)]


def test_pseudo_heading_limits_words_and_characters():
    nine_words = "En to tre fire fem seks syv otte ni"
    long_line = "Behandlingsmulighederne for akutte lændesmerter og hekseskud nu"  # 64 characters
    eight_words = "En to tre fire fem seks syv otte"
    text = TITLE + f"{nine_words}\n\nTekst.\n\n{long_line}\n\nTekst.\n\n{eight_words}\n\nTekst.\n"
    assert len(long_line) > 60
    assert positions(lint(text)) == [("HL306", 13, 1)]


def test_structure_examples_show_every_heading_and_table_rule():
    from pathlib import Path

    from healthlint.api import Options, lint_paths
    from healthlint.ruleset.registry import builtin

    examples = Path(__file__).parent.parent / "examples" / "structure"
    report = lint_paths([examples], Options(today=TODAY, select=["HL3", "HL4"]))
    wanted = {rule.code for rule in builtin().select(["headings", "tables"], [])}
    assert wanted == {f"HL30{n}" for n in range(1, 7)} | {f"HL40{n}" for n in range(1, 6)}
    assert {d.code for d in report.diagnostics} == wanted
