"""The spelling rule on real text: the seed's few unknown words, word lists, reject lists."""

from __future__ import annotations

from datetime import date

from helpers import SEED, lint_alone

from healthlint.config import parse_config


def positions(found):
    return [(d.code, d.span.line, d.span.column) for d in found]


def test_the_seed_has_no_likely_typo_and_isjias_is_left_to_hl504():
    # The brand FysFinder (mixed case: a name) is not a likely typo: `healthlint words` lists it.
    # "isjias" is a term HL504 says which form to use for; spelling does not say it again,
    # nor where HL504 keeps quiet (a gloss beside "iskias").
    assert lint_alone(SEED, select=["spelling"], today=date(2026, 1, 1)) == []
    assert positions(lint_alone(SEED, select=["HL504"], today=date(2026, 1, 1))) == [("HL504", 11, 341), ("HL504", 34, 29)]


TYPO = '---\ntitle: "x"\n---\n\nBehandlng af FysFinder virker.\n'


def test_project_word_list_from_the_spelling_table(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(TYPO, encoding="utf-8")
    assert positions(lint_alone(path, select=["spelling"])) == [("HL610", 5, 1)]
    config = parse_config({"spelling": {"words": ["Behandlng"]}}, "healthlint.toml", tmp_path)
    assert lint_alone(path, select=["spelling"], config=config) == []


def test_words_file_relative_to_the_config_folder(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(TYPO, encoding="utf-8")
    (tmp_path / "ordliste.txt").write_text("# accepted on purpose\nbehandlng\n", encoding="utf-8")
    config = parse_config({"rules": {"spelling": {"words-files": ["ordliste.txt"]}}}, "healthlint.toml", tmp_path)
    assert lint_alone(path, select=["spelling"], config=config) == []


def test_reject_list_flags_a_dictionary_word(tmp_path):
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "x"\n---\n\nRyggen gør ondt.\n', encoding="utf-8")
    config = parse_config({"spelling": {"reject": ["ryggen"]}}, "healthlint.toml", tmp_path)
    assert positions(lint_alone(path, select=["spelling"], config=config)) == [("HL610", 5, 1)]
    assert lint_alone(path, select=["spelling"]) == []


def test_acronyms_code_and_links_are_not_checked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        '---\ntitle: "x"\n---\n\nSe `xqzt` og [siden](https://xqzt.dk/abcdefg) om WXYZ og 24–48 timer.\n', encoding="utf-8"
    )
    assert lint_alone(path, select=["spelling"]) == []


def test_the_address_of_a_malformed_link_is_hl226s_not_a_typo(tmp_path):
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "x"\n---\n\nSe [squat](/traening/oevelse/squat og hold ryggen rank.\n', encoding="utf-8")
    assert positions(lint_alone(path, select=["spelling", "HL226"])) == [("HL226", 5, 4)]


def test_a_unit_after_a_number_may_leave_out_its_full_stop(tmp_path):
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "x"\n---\n\n| sæt | pause |\n|---|---|\n| 3 | 30 sek |\n\nHold den i sek og min.\n', encoding="utf-8")
    # After a number, `sek` is the unit `sek.`; elsewhere a bare `sek` is not a word.
    assert positions(lint_alone(path, select=["spelling"])) == [("HL610", 9, 12)]
