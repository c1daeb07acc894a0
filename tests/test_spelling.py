"""The spelling rule on real text: the seed's few unknown words, word lists, reject lists."""

from __future__ import annotations

from datetime import date

from conftest import SEED, lint_alone

from healthlint.config import parse_config


def positions(found):
    return [(d.code, d.span.line, d.span.column) for d in found]


def test_seed_flags_only_the_non_standard_isjias():
    # The brand FysFinder (mixed case: a name) is not a likely typo: `healthlint words` lists it.
    found = lint_alone(SEED, select=["spelling"], today=date(2026, 1, 1))
    words = sorted({d.message.split("”")[0].lstrip("“") for d in found})
    assert words == ["isjias"]
    assert positions(found) == [("HL610", 11, 341), ("HL610", 34, 29)]
    isjias = [d for d in found if "isjias" in d.message]
    assert "Did you mean “iskias”?" in isjias[0].message


def test_project_word_list_from_the_spelling_table(tmp_path):
    config = parse_config({"spelling": {"words": ["FysFinder"]}}, "healthlint.toml", tmp_path)
    found = lint_alone(SEED, select=["spelling"], config=config)
    assert positions(found) == [("HL610", 11, 341), ("HL610", 34, 29)]


def test_words_file_relative_to_the_config_folder(tmp_path):
    (tmp_path / "ordliste.txt").write_text("# brand names\nFysFinder\n", encoding="utf-8")
    config = parse_config({"rules": {"spelling": {"words-files": ["ordliste.txt"]}}}, "healthlint.toml", tmp_path)
    found = lint_alone(SEED, select=["spelling"], config=config)
    assert positions(found) == [("HL610", 11, 341), ("HL610", 34, 29)]


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
