"""Readability findings worth a writer's minute: the tokenizer reads sentences as a reader
does, hot spots are clearly harder than their article, long words are said once, a missing
space after a full stop is its own finding, FAQ questions typed as text are found, and a
one-file run ends with the article's readability summary."""

from __future__ import annotations

from datetime import date

from healthlint.api import lint_text
from healthlint.language.readability import lix_of_units
from healthlint.language.tokenize import tokenize_text
from healthlint.report import render

TODAY = date(2026, 6, 1)


def sentences_of(text: str) -> list[str]:
    return [sentence.text for sentence in tokenize_text(text, markdown=True).sentences]


def places(text: str, select: list[str]) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in lint_text(text, "ordbog/a.md", select=select, today=TODAY)]


# -- the tokenizer ----------------------------------------------------------------------------


def test_latin_and_language_abbreviations_do_not_end_a_sentence():
    assert sentences_of("Øvelsen træner m. gluteus medius og N. ulnaris glider frit. Næste.") == [
        "Øvelsen træner m. gluteus medius og N. ulnaris glider frit.",
        "Næste.",
    ]
    assert sentences_of("Løberknæ (eng. runner's knee) og (lat. bursitis) er almindelige.") == [
        "Løberknæ (eng. runner's knee) og (lat. bursitis) er almindelige."
    ]
    # A capital after a Latin marker starts a new sentence, as after "osv.".
    assert sentences_of("Det hedder m. Og så videre.") == ["Det hedder m.", "Og så videre."]


def test_bold_label_lines_and_hard_breaks_end_a_sentence():
    assert sentences_of("**Udgangsstilling**\nStå med fødderne samlet.") == ["Udgangsstilling", "Stå med fødderne samlet."]
    assert sentences_of("Mandag 8-16\\\nTirsdag 8-18") == ["Mandag 8-16", "Tirsdag 8-18"]
    assert sentences_of("Mandag 8-16  \nTirsdag 8-18") == ["Mandag 8-16", "Tirsdag 8-18"]
    assert sentences_of("En almindelig\nlinje fortsætter.") == ["En almindelig linje fortsætter."]


def test_a_full_stop_without_a_space_still_ends_the_sentence():
    assert sentences_of("Løft til skulderhøjde.Gå langsomt ned.") == ["Løft til skulderhøjde.", "Gå langsomt ned."]
    assert sentences_of("Se f.eks.Hansen på sundhed.dk i dag.") == ["Se f.eks.Hansen på sundhed.dk i dag."]


def test_number_only_units_are_no_sentences_for_lix():
    units = [tokenize_text("Tag tre sæt.", markdown=True), tokenize_text("3", markdown=True), tokenize_text("60", markdown=True)]
    assert (lix_of_units(units).sentences, lix_of_units(units).words) == (1, 3)


# -- HL603: a colon followed by a lowercase word continues the sentence ----------------------

COLON = (
    "---\ntitle: \"Knæ\"\n---\n\n"
    "Typiske symptomer er: smerter i knæet om morgenen, stivhed når du rejser dig, hævelse over knæskallen "
    "og ømhed når du trykker på den, især efter løb.\n"
)


def test_a_colon_and_a_lowercase_word_continue_the_sentence_for_hl603():
    [found] = lint_text(COLON, "a.md", select=["HL603"], today=TODAY)
    assert (found.span.line, found.span.column, found.span.end_column) == (5, 1, 150)
    assert found.message.startswith('This sentence has 26 words ("Typiske symptomer er: smerter i knæet …")')
    # LIX keeps the standard convention: the colon ends a LIX sentence.
    assert [len(s.words) for s in tokenize_text(COLON.split("\n")[4]).sentences] == [3, 23]


# -- HL602: a paragraph clearly harder than its article ---------------------------------------

PLAIN = "Hekseskud er en pludselig smerte i lænden. Den kommer tit, når du løfter. Smerten går over. "
DENSE = (
    "Behandlingsmulighederne omfatter fysioterapeutisk undersøgelse og individualiseret genoptræning. "
    "Smertelindrende arbejdsstillinger kombineres med stabiliseringsøvelser og bevægelighedstræning. "
    "Opfølgningskonsultationer understøtter funktionsgenopbygningen progressivt."
)


def article(*paragraphs: str) -> str:
    return '---\ntitle: "Hekseskud"\n---\n\n' + "\n\n".join(paragraphs) + "\n"


def test_a_hot_spot_names_its_cause():
    [found] = lint_text(article(PLAIN * 2, DENSE, PLAIN * 2), "a.md", select=["HL602"], today=TODAY)
    assert (found.span.line, found.span.column) == (7, 1)
    assert found.message.startswith("This paragraph is much harder than the rest of the article (LIX ")
    assert 'such as "opfølgningskonsultationer", "behandlingsmulighederne", "funktionsgenopbygningen"' in found.message


def test_no_hot_spot_in_a_dense_article_or_for_one_long_sentence():
    assert places(article(DENSE, DENSE, DENSE), ["HL602"]) == []  # the article is dense: HL601's finding
    one_long = (
        "Hvis smerten ikke er blevet bedre efter nogle uger og du stadig har svært ved at gå, sidde og sove, "
        "så bør du kontakte din praktiserende læge og bede om en grundig undersøgelse af ryggen og bækkenet."
    )
    assert places(article(PLAIN * 2, one_long, PLAIN * 2), ["HL602", "HL603"]) == [("HL603", 7, 1)]


def test_at_most_three_hot_spots_per_article():
    text = article(PLAIN * 3, DENSE, PLAIN * 3, DENSE, PLAIN * 3, DENSE, PLAIN * 3, DENSE, PLAIN * 3)
    assert len(places(text, ["HL602"])) == 3


# -- HL605: once per word and article ---------------------------------------------------------


def test_a_long_word_is_said_once_with_its_count():
    text = article(
        "Genoptræningsbehandlingsforløbet tager tid. Hele genoptræningsbehandlingsforløbet kræver tålmodighed.",
        "Behandlingsmulighederne er mange, og knæ-til-bryst-øvelsesprogrammet er et af dem.",
    )
    [found] = lint_text(text, "a.md", select=["HL605"], today=TODAY)
    assert (found.span.line, found.span.column) == (5, 1)
    assert found.message == (
        '"Genoptræningsbehandlingsforløbet" has 32 letters and appears 2 times in the article; consider saying it '
        "in more, shorter words."
    )


def test_the_articles_own_topic_and_accepted_terms_are_not_long_words():
    from pathlib import Path

    from healthlint.config import parse_config

    text = '---\ntitle: "Sensibilitetsforstyrrelser"\n---\n\nSensibilitetsforstyrrelser og medicinoverforbrugshovedpine.\n'
    assert places(text, ["HL605"]) == [("HL605", 5, 31)]
    config = parse_config({"rules": {"HL605": {"accept": ["medicinoverforbrugshovedpine"]}}}, "healthlint.toml", Path("."))
    assert lint_text(text, "a.md", select=["HL605"], today=TODAY, config=config) == []


# -- HL606: a missing space after a full stop ---------------------------------------------------


def test_a_missing_space_after_a_full_stop_is_found_and_fixed():
    text = article("Løft armene til skulderhøjde.Gå langsomt ned. Se f.eks.Hansen, ca.Hansen, sundhed.dk og 2.5 kg.")
    [found] = lint_text(text, "a.md", select=["HL606"], today=TODAY)
    assert (found.span.line, found.span.column, found.span.end_column) == (5, 29, 30)
    assert found.message.startswith('A full stop with no space after it ("skulderhøjde.Gå") joins two sentences into one.')
    assert found.fix.safe and [(e.span.line, e.span.column, e.new_text) for e in found.fix.edits] == [(5, 30, " ")]


# -- HL306: FAQ questions typed as text -------------------------------------------------------

FAQ = """\
---
title: "Knæ"
---

## Spørgsmål og svar

Hvor lang tid tager det?

De fleste er bedre efter seks uger.

Må jeg løbe med ondt i knæet?
Ja, hvis smerten er lav og aftager dagen efter løbet.

**Hjælper en bandage?**
Nogle får støtte af den, men træning hjælper mest.

Det er et godt spørgsmål, som mange stiller. Hvorfor gør det ondt?

Svaret er ikke enkelt.
"""


def test_faq_questions_typed_as_text_are_found_in_articles_with_sections():
    assert places(FAQ, ["HL306"]) == [("HL306", 7, 1), ("HL306", 11, 1)]
    messages = [d.message for d in lint_text(FAQ, "a.md", select=["HL306"], today=TODAY)]
    assert messages[1].startswith('"Må jeg løbe med ondt i knæet?" is the first line of its answer\'s paragraph')


# -- the readability summary of a one-file run ------------------------------------------------


def test_a_one_file_run_ends_with_the_articles_readability(tmp_path, monkeypatch):
    from healthlint.api import Options, lint_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(article(PLAIN * 2, DENSE, PLAIN * 2), "utf-8")
    (tmp_path / "b.md").write_text(article(PLAIN * 3), "utf-8")
    one = render(lint_paths(["a.md"], Options(select=["HL6"], today=TODAY, cache=False, jobs=1)), "full", color=False)
    assert "\nReadability: LIX " in one and " words per sentence · " in one and "% long words" in one
    two = render(lint_paths(["a.md", "b.md"], Options(select=["HL6"], today=TODAY, cache=False, jobs=1)), "full", color=False)
    assert "Readability: LIX" not in two
    from healthlint.report.summary import render_summary

    summary = render_summary(lint_paths(["a.md", "b.md"], Options(select=["HL6"], today=TODAY, cache=False, jobs=1)))
    assert "### Readability\n\n| article | LIX | band | words per sentence | long words | hardest section |" in summary
    assert summary.index("| a.md |") < summary.index("| b.md |")  # the hardest first
