"""Danish prose: units, sentences and words with their file positions, and LIX."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from healthlint.diagnostic import Span
from healthlint.document import Document
from healthlint.language.readability import (
    Lix,
    article_lix,
    band,
    lix_of_units,
    section_lix,
    unit_lix,
)
from healthlint.language.tokenize import prose_units, sentences, tokenize_text, words

SEED = Path(__file__).parent / "data" / "seed-article.md"


def doc_of(text: str) -> Document:
    return Document("article.md", text)


def sentence_texts(text: str) -> list[str]:
    return [sentence.text for sentence in tokenize_text(text).sentences]


def word_texts(text: str) -> list[str]:
    return [word.text for word in tokenize_text(text).words]


@pytest.fixture(scope="module")
def seed() -> Document:
    return Document(str(SEED), SEED.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# Sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tag fx en pause. Gå så en tur.", ["Tag fx en pause.", "Gå så en tur."]),
        ("Brug f.eks. is. Det virker.", ["Brug f.eks. is.", "Det virker."]),
        ("Det skyldes bl.a. slid. Og alder.", ["Det skyldes bl.a. slid.", "Og alder."]),
        ("Hold ca. 5 sekunder. Slap af.", ["Hold ca. 5 sekunder.", "Slap af."]),
        ("Scanning (fx MR) anbefales ikke.", ["Scanning (fx MR) anbefales ikke."]),
        ("Spørg evt. Lægen først. Så apoteket.", ["Spørg evt. Lægen først.", "Så apoteket."]),
        ("Mød op kl. 8 på dagen.", ["Mød op kl. 8 på dagen."]),
        ("Han kom d. 17. maj og gik igen.", ["Han kom d. 17. maj og gik igen."]),
        ("Det var i 2024. Nu er det bedre.", ["Det var i 2024.", "Nu er det bedre."]),
        ("Dosis er 2.5 mg eller 5,5 mg i døgnet.", ["Dosis er 2.5 mg eller 5,5 mg i døgnet."]),
        ("Ryg, nakke osv. Det gør ondt.", ["Ryg, nakke osv.", "Det gør ondt."]),
        ("Ryg, nakke osv. og skuldre.", ["Ryg, nakke osv. og skuldre."]),
        ("Vær opmærksom på røde flag: feber og vægttab.", ["Vær opmærksom på røde flag:", "feber og vægttab."]),
        ("Kl. 14:30 er der tid.", ["Kl. 14:30 er der tid."]),
        ("Gør det ondt? Så stop! Ellers fortsæt", ["Gør det ondt?", "Så stop!", "Ellers fortsæt"]),
        ("Hvad så?! Ingenting...", ["Hvad så?!", "Ingenting..."]),
        ("Han sagde: “Stop.” Så stoppede vi.", ["Han sagde:", "“Stop.”", "Så stoppede vi."]),
    ],
)
def test_sentences_end_at_punctuation_but_not_after_abbreviations_ordinals_or_decimals(text, expected):
    assert sentence_texts(text) == expected


def test_sentence_ending_flags_and_unpunctuated_end():
    unit = tokenize_text("Første sætning. Anden uden punktum")
    assert [sentence.terminated for sentence in unit.sentences] == [True, False]


# ---------------------------------------------------------------------------------------
# Words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NSAID’er og NSAID'er", ["NSAID’er", "og", "NSAID'er"]),
        ("knæ-til-bryst-øvelsen", ["knæ-til-bryst-øvelsen"]),
        ("vandladning/afføring", ["vandladning", "afføring"]),
        ("efter 24–48 timer, 6–12 uger og 5,5 mg", ["efter", "timer", "uger", "og", "mg"]),
        ("ryg- og lændebehandling", ["ryg", "og", "lændebehandling"]),
        ("vitamin B12, 3D-scanning og COVID-19", ["vitamin", "scanning", "og", "COVID"]),
        ("Ærø, Åbenrå, café, Müller", ["Ærø", "Åbenrå", "café", "Müller"]),
        ("- tankestreg -- ikke ord -", ["tankestreg", "ikke", "ord"]),
    ],
)
def test_words_are_letter_runs_with_internal_hyphens_and_apostrophes(text, expected):
    assert word_texts(text) == expected


def test_word_length_counts_letters_not_bytes_or_hyphens():
    found = {word.text: word.letters for word in tokenize_text("NSAID’er knæ-til-bryst-øvelsen læge").words}
    assert found == {"NSAID’er": 7, "knæ-til-bryst-øvelsen": 18, "læge": 4}


# ---------------------------------------------------------------------------------------
# Units and positions in the file


def test_every_seed_word_maps_back_to_its_text_in_the_file(seed):
    found = words(seed)
    assert len(found) == 1158
    for word in found:
        assert word.span.line == word.span.end_line
        line = seed.line_text(word.span.line)
        assert line[word.span.column - 1 : word.span.end_column - 1] == word.text


def test_seed_units_are_paragraphs_and_table_body_cells_not_headings(seed):
    units = prose_units(seed)
    kinds = [unit.kind for unit in units]
    assert kinds.count("paragraph") == 23
    assert kinds.count("table_cell") == 9  # 3 rows × 3 cells; the header row is labels
    heading_lines = {heading.line for heading in seed.headings}
    assert not heading_lines & {unit.span.line for unit in units}
    first = units[0].sentences[0]
    assert first.span == Span(8, 1, 8, 151)
    cell = next(unit for unit in units if unit.kind == "table_cell")
    assert cell.span == Span(33, 3, 33, 41)
    assert [s.text for s in cell.sentences] == ["Akut hekseskud (pludselig lændesmerte)"]
    assert cell.sentences[0].terminated is False


def test_inline_markup_link_text_is_prose_and_targets_code_html_urls_are_not():
    doc = doc_of(
        "---\ntitle: x\n---\n\n"
        "Læs **mere** om [ondt i ryggen](https://example.dk/ryg \"titel\") her.\n"
        "Kør `npm install` og se <span>fed</span> på https://www.sundhed.dk/side. Ring&nbsp;nu.\n"
    )
    (unit,) = prose_units(doc)
    assert [word.text for word in unit.words] == [
        "Læs", "mere", "om", "ondt", "i", "ryggen", "her",
        "Kør", "og", "se", "fed", "på", "Ring", "nu",
    ]
    assert [sentence.text for sentence in unit.sentences] == [
        "Læs mere om ondt i ryggen her.",
        "Kør … og se …fed… på ….",
        "Ring nu.",
    ]
    spans = {word.text: word.span for word in unit.words}
    assert spans["mere"] == Span(5, 7, 5, 11)
    assert spans["ryggen"] == Span(5, 25, 5, 31)
    assert spans["her"] == Span(5, 65, 5, 68)
    assert spans["Kør"] == Span(6, 1, 6, 4)
    assert spans["fed"] == Span(6, 31, 6, 34)
    assert spans["Ring"] == Span(6, 74, 6, 78) and spans["nu"] == Span(6, 84, 6, 86)
    assert unit.sentences[0].span == Span(5, 1, 5, 69)
    assert unit.sentences[1].span == Span(6, 1, 6, 73)  # ends at the "." after the URL


def test_multiline_paragraphs_lists_quotes_and_tables_keep_file_positions():
    text = (
        "## Overskrift er ikke prosa\n"
        "\n"
        "Første linje fortsætter\n"
        "  på næste linje. Ny sætning\n"
        "\n"
        "- Punkt uden punktum\n"
        "- Andet punkt. Med to sætninger.\n"
        "\n"
        "> Citat i en blok.\n"
        "\n"
        "```\n"
        "kode er ikke prosa.\n"
        "```\n"
        "\n"
        "| Kolonne | Anden |\n"
        "|---|---|\n"
        "| Celle et | **Fed** celle. |\n"
    )
    units = prose_units(doc_of(text))
    assert [(unit.kind, [s.text for s in unit.sentences]) for unit in units] == [
        ("paragraph", ["Første linje fortsætter på næste linje.", "Ny sætning"]),
        ("list_item", ["Punkt uden punktum"]),
        ("list_item", ["Andet punkt.", "Med to sætninger."]),
        ("paragraph", ["Citat i en blok."]),
        ("table_cell", ["Celle et"]),
        ("table_cell", ["Fed celle."]),
    ]
    paragraph, item, _, quote, _, bold_cell = units
    assert paragraph.sentences[0].span == Span(3, 1, 4, 18)
    assert paragraph.sentences[1].span == Span(4, 19, 4, 29)
    assert paragraph.words[3].text == "på" and paragraph.words[3].span == Span(4, 3, 4, 5)
    assert item.span == Span(6, 3, 6, 21)
    assert quote.words[0].span == Span(9, 3, 9, 8)
    assert bold_cell.words[0].span == Span(17, 16, 17, 19)


def test_frontmatter_and_html_blocks_are_not_prose():
    doc = doc_of("---\ntitle: Ikke prosa her\n---\n\n<div>\nHTML blok.\n</div>\n\nProsa.\n")
    assert [sentence.text for sentence in sentences(doc)] == ["Prosa."]


def test_units_are_computed_once_per_document(seed):
    assert prose_units(seed) is prose_units(seed)


# ---------------------------------------------------------------------------------------
# LIX


def test_seed_lix_is_47_5_hard(seed):
    score = article_lix(seed)
    assert score == Lix(words=1158, sentences=79, long_words=380)
    assert round(score.value, 2) == 47.47
    assert score.band == "svær"


def test_seed_lix_of_paragraphs_alone(seed):
    score = lix_of_units(unit for unit in prose_units(seed) if unit.kind == "paragraph")
    assert score == Lix(words=1094, sentences=70, long_words=353)
    assert round(score.value, 2) == 47.90


def test_seed_lix_per_section_starts_at_h2_and_h3(seed):
    sections = section_lix(seed)
    assert sections[0].heading is None and sections[0].lix == Lix(71, 3, 20)
    assert sections[1].heading.text == "Hvad er hekseskud i lænden?"
    assert round(sections[1].lix.value, 1) == 57.0
    fysio = next(s for s in sections if s.heading and s.heading.text.startswith("Hvordan kan fysioterapi"))
    assert fysio.lix == Lix(86, 4, 36) and fysio.lix.band == "meget svær"
    assert fysio.span.line == fysio.heading.line
    assert sum((s.lix for s in sections), Lix(0, 0, 0)) == article_lix(seed)


def test_lix_per_paragraph(seed):
    per_unit = unit_lix(seed)
    assert len(per_unit) == 23
    assert per_unit[0].lix == Lix(71, 3, 20)
    assert round(per_unit[0].lix.value, 1) == 51.8


@pytest.mark.parametrize(
    "value, expected",
    [(10, "meget let"), (24.9, "meget let"), (25, "let"), (34.9, "let"), (35, "middel"),
     (44.99, "middel"), (45, "svær"), (54.9, "svær"), (55, "meget svær"), (80, "meget svær")],
)
def test_danish_bands(value, expected):
    assert band(value) == expected


def test_empty_text_has_no_lix():
    assert Lix(0, 0, 0).value is None and Lix(0, 0, 0).band is None


def test_lix_counted_by_hand():
    # Skriveskolen's example of a very hard sentence (skriveskolen.dk, "Lixtallet sladrer om
    # dit sprog"): 22 words, 1 sentence, 10 words over six letters → 22 + 100·10/22 = 67.5.
    text = (
        "Individer, der er henvist til at residere i transparente domiciler, bør ikke tilrådes "
        "at anvende større eller mindre geologiske fragmenter som kasteskyts."
    )
    score = lix_of_units([tokenize_text(text)])
    assert score == Lix(22, 1, 10)
    assert round(score.value, 1) == 67.5
    # An easy text: 12 words, 3 sentences, one long word (fødderne) → 4 + 8.3 = 12.3.
    easy = lix_of_units([tokenize_text("Hun stak fødderne i vandet. Det var koldt. Så gik hun hjem.")])
    assert easy == Lix(12, 3, 1) and round(easy.value, 1) == 12.3


SIMPLE_TEXTS = [
    "Hunden løb hen over marken. Den var glad. Solen skinnede på den blå himmel, og fuglene sang i træerne.",
    "Fysioterapeuten undersøgte patientens bevægelighed grundigt. Derefter anbefalede hun regelmæssig "
    "træning og gradvis belastning. Behandlingen varede otte uger.",
    "Smerter i lænden er almindelige. De fleste bliver bedre inden for nogle uger. Bevægelse hjælper ofte "
    "mere end hvile. Søg læge ved feber eller tab af kontrol over blæren.",
    "Regelmæssig motion forebygger tilbagefald. Styrketræning af ryggens og mavens muskler giver stabilitet "
    "og mindsker risikoen for nye episoder.",
]


@pytest.mark.parametrize("text", SIMPLE_TEXTS)
def test_lix_agrees_with_textstat_on_simple_texts(text):
    textstat = pytest.importorskip("textstat")
    ours = lix_of_units([tokenize_text(text)]).value
    assert abs(ours - textstat.lix(text)) <= 1.0


def test_importing_language_stays_light():
    code = (
        "import sys, healthlint.language, healthlint.language.tokenize, "
        "healthlint.language.readability, healthlint.language.dictionary\n"
        "print(sorted(m for m in ('textstat', 'nltk', 'spellchecker', 'spylls') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
