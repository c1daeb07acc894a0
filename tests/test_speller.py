"""HL610 reports likely typos only: what the whole acceptance path knows, what surroundings
explain, and when an unknown word counts as near a known one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import lint_alone

from healthlint.checks.spelling import _lists
from healthlint.language.speller import _cut_or_grown, another_form, typo_like

ROOT = Path(__file__).resolve().parents[1]
FRONT = '---\ntitle: "Knæ"\n---\n\n'


@pytest.fixture(scope="module")
def speller():
    return _lists((), (), ())


def found(tmp_path: Path, body: str) -> list[tuple[int, int, str]]:
    path = tmp_path / "a.md"
    path.write_text(FRONT + body + "\n", encoding="utf-8")
    return [(d.span.line, d.span.column, d.message.split("”")[0].lstrip("“")) for d in lint_alone(path, select=["HL610"])]


@pytest.mark.parametrize(
    "word",
    [
        "squat",  # English
        "kettlebellen",  # a fitness word with a Danish ending
        "prolapsen",  # a medical word with a Danish ending
        "skulderimpingement",  # Danish + vocabulary compound
        "post-operativ",  # a bound prefix before a hyphen
        "intraabdominal",  # a bound prefix written together
        "pull-ups",  # hyphen parts, English
        "rodtryk",  # a short part measured on the list (rod)
        "à",
        "iliotibialt",  # the neuter -t of a Latin adjective in the vocabulary
        "fleksorerne",  # a vocabulary noun with its plural definite ending
        "uudhvilet",  # u- negating a listed participle
        "lillefingersiden",  # "siden" is also the side
        "ribbensbrud",  # "ribben" has a definite form of its own: it is no definite form
        "skapulothorakal",  # the Greek th beside the Danish t (skapulotorakal)
        "rheumatisk",
        "mobilise",  # British English: the list holds the American "mobilize"
        "behaviour",
    ],
)
def test_the_acceptance_path_knows(speller, word):
    assert speller.knows(word)


@pytest.mark.parametrize(
    "word",
    [
        "muskelens",  # a wrong inflection: mus+kelens is not a compound (mus is not a short part)
        "sportssskader",  # no linking s after an s
        "smilling",  # ring/ling end words as suffixes, not as compound parts
        "fysioterapeutter",  # a doubled consonant is never undone to find a stem
        "hosvoksne",  # a function word never begins a compound
        "turerne",  # an inflectional ending is never the last part of a compound (tur+erne)
        "dagslysinden",  # a function word never ends a compound
        "smerth",  # an h is Greek only before a vowel
        "styrhe",  # and rh only at the start
        "skulderbladetsposition",  # a definite form never begins one
    ],
)
def test_the_acceptance_path_does_not_hide_typos(speller, word):
    assert not speller.knows(word)


@pytest.mark.parametrize(
    "typo, word, expected",
    [
        ("laevs", "laves", True),  # swapped
        ("febber", "feber", True),  # doubled
        ("behandlng", "behandling", True),  # dropped, not the first letter
        ("knæet", "knæat", True),  # a vowel
        ("glute", "flute", False),  # the first letter
        ("pannus", "annus", False),  # the first letter dropped
        ("retraktion", "refraktion", True),  # r and f are neighbouring keys
        ("kinematik", "kinematek", True),
        ("boxe", "boge", False),  # x for g: neither a vowel, a neighbour nor a confusion
    ],
)
def test_typo_like_follows_the_slips_writers_make(typo, word, expected):
    assert typo_like(typo, word) is expected


def test_near_words_and_run_together(speller):
    assert speller.near("behandlng") == ["behandling"]
    assert speller.near("hosvoksne") == ["hos voksne"]
    assert speller.near("Hosvoksne") == ["Hos voksne"]
    assert speller.near("zorblaxet") == []  # no neighbour: jargon, not a typo


def test_a_near_word_keeps_the_first_letter_and_is_a_listed_word(speller):
    assert speller.near("skalpulær") == ["skapulær"]  # letters swapped inside a vocabulary word
    assert speller.near("lotatoriske") == []  # only `rotatoriske`, by its first letter
    # Only compounds made by chance are one slip away (`fibril+ingen`, `fibril+rinken`).
    assert not speller.knows("fibrilringen") and speller.near("fibrilringen") == []


@pytest.mark.parametrize(
    "word, other, expected",
    [
        ("tendinøst", "tendinøs", True),  # a letter more at the end: the neuter the list lacks
        ("boxe", "boxer", True),  # a letter less at the end
        ("tendinøst", "tendinøse", True),  # the last letter of another ending
        ("senenn", "senen", False),  # a key pressed twice at the end is a slip
        ("behandlng", "behandling", False),  # inside the word
        ("smertez", "smerter", False),  # z ends no Danish ending
    ],
)
def test_another_form_differs_only_in_its_ending(word, other, expected):
    assert another_form(word, other) is expected


def test_words_run_together_around_a_function_word_or_a_definite_form(speller):
    assert speller.near("dagslysinden") == ["dagslys inden"]
    assert speller.near("skulderbladetsposition") == ["skulderbladets position"]


def test_a_word_one_ending_away_from_a_listed_word_is_not_a_likely_typo(speller):
    assert speller.near("boxe") == []
    assert speller.near("senenn") == ["senen"]


def test_two_slips_never_cut_a_word_short_or_grow_it_at_the_end():
    assert _cut_or_grown("knoglenæb", "knoglen")
    assert _cut_or_grown("elektromyografis", "elektromyografiske")
    assert not _cut_or_grown("skapulær", "skalær")
    assert not _cut_or_grown("behandlng", "behandling")


def test_a_compound_is_a_typo_of_the_listed_word_the_article_writes_elsewhere(tmp_path):
    body = "Træning forebygger skader.\n\nGod søvn forebyger også smerter."
    path = tmp_path / "a.md"
    path.write_text(FRONT + body + "\n", encoding="utf-8")
    found = lint_alone(path, select=["HL610"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("HL610", 7, 10)]
    assert found[0].message.startswith("“forebyger” looks like a misspelling of “forebygger”, which this article writes elsewhere")


def test_a_compound_alone_is_not_reported(tmp_path):
    # fore+byger is a compound of listed words; without `forebygger` in the article it is not a typo.
    assert found(tmp_path, "God søvn forebyger også smerter.") == []


def test_surroundings_explain_abbreviations_domains_latin_names_and_suspended_hyphens(tmp_path):
    body = (
        "Hold stillingen ca. 30 sek. og gentag evt. to gange, bl.a. om morgenen.\n\n"
        "Læs mere på netdoktor.dk og sundhed.dk om emnet.\n\n"
        "Øvelsen styrker m. gluteus maximus og mm. ischiocrurales i låret.\n\n"
        "Mange har arbejds- og fritidsskader i ryggen.\n\n"
        "Vi bruger Zorblax til målingerne.\n"
    )
    assert found(tmp_path, body) == []


def test_a_typo_in_latin_after_a_marker_is_found_against_the_vocabulary(tmp_path):
    assert found(tmp_path, "Øvelsen styrker m. qoadriceps i låret.") == [(5, 20, "qoadriceps")]


def test_a_likely_typo_is_reported_with_its_place_and_a_name_is_not(tmp_path):
    body = "Behandlng hjælper. Vi bruger Behandlng og Zorblax til patienterne, og zorblaxet virker."
    assert found(tmp_path, body) == [(5, 1, "Behandlng")]


def test_the_one_letter_typo_benchmark_through_the_whole_path_stays_at_97_percent():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "spelling_catch.py")], capture_output=True, text=True, check=True)
    first = done.stdout.splitlines()[0]
    assert first.startswith("51915 one-letter typos;")
    caught = float(first.rsplit("caught ", 1)[1].rstrip(" %"))
    assert caught >= 97.0, first
