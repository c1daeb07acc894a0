"""`healthlint words`: the words the spelling rule does not know, and `--add` for the right ones.

The jargon words are made up so far from Danish that no tuning of the spelling rule makes
them look like typos: `zuxtrimp` (used twice) and the name `Qwyxplor` (capitalised inside a
sentence). `behandlng` is the likely typo (HL610 suggests "behandling").
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from healthlint import cli

A_MD = "# Træning\n\nVi bruger Qwyxplor til zuxtrimp hver dag. Din behandlng virker godt.\n"
B_MD = "Zuxtrimp er godt for ryggen.\n"

LISTING = (
    "   2  zuxtrimp  2 files  a.md:3:24\n"
    "   1  Qwyxplor  1 file   a.md:3:11\n"
    "\n"
    "Read 2 files: 2 words that the spelling rule does not know, none of them close to a known word.\n"
    "Left out: 1 likely typo close to a known word, which the spelling rule reports itself "
    "(healthlint check --select HL610).\n"
    "Review the list, then add the words that are spelt right: healthlint words --add WORD…\n"
)
SETTING = 'words-files = ["ordliste.txt"]'


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "a.md").write_text(A_MD, "utf-8")
    (tmp_path / "b.md").write_text(B_MD, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def words(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["words", *args])
    out, err = capsys.readouterr()
    return code, out, err


def spelling_findings(capsys) -> list[str]:
    """`path:line:column:` of each HL610 finding of `healthlint check --select HL610`."""
    code = cli.main(["check", "--select", "HL610", "--format", "concise", "--quiet", "--no-cache"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")  # HL610 is a warning
    return [line.split(" HL610 ")[0] for line in out.splitlines()]


# -- listing ---------------------------------------------------------------------------------


def test_lists_jargon_and_names_but_not_likely_typos(project, capsys):
    assert words(capsys) == (0, LISTING, "")
    assert words(capsys, ".") == (0, LISTING, "")


def test_json_lists_the_same_words(project, capsys):
    code, out, err = words(capsys, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "words": [
            {"word": "zuxtrimp", "count": 2, "files": ["a.md", "b.md"], "first": {"path": "a.md", "line": 3, "column": 24}, "name": False},
            {"word": "Qwyxplor", "count": 1, "files": ["a.md"], "first": {"path": "a.md", "line": 3, "column": 11}, "name": True},
        ],
        "likely_typos": 1,
    }
    assert words(capsys, "--format", "json") == (0, out, "")  # the same bytes every run


def test_min_count_and_danish(project, capsys):
    assert words(capsys, "--min-count", "2", "--lang", "da") == (
        0,
        "   2  zuxtrimp  2 filer  a.md:3:24\n"
        "\n"
        "Læste 2 filer: 1 ord, som stavereglen ikke kender, og som ikke ligger tæt på et kendt ord.\n"
        "Udeladt: 1 sandsynlig stavefejl tæt på et kendt ord, som stavereglen selv melder "
        "(healthlint check --select HL610).\n"
        "Gennemgå listen, og tilføj så de ord, der er stavet rigtigt: healthlint words --add ORD…\n",
        "",
    )
    assert words(capsys, "--min-count", "3") == (
        0,
        "Read 2 files: no unknown word is used 3 times or more (--min-count).\n"
        "Left out: 1 likely typo close to a known word, which the spelling rule reports itself "
        "(healthlint check --select HL610).\n",
        "",
    )


def test_discovery_is_checks_own(project, capsys):
    (project / ".gitignore").write_text("b.md\n", "utf-8")
    (project / "healthlint.toml").write_text('exclude = ["drafts/**"]\n', "utf-8")
    (project / "drafts").mkdir()
    (project / "drafts" / "c.md").write_text("Flere zuxtrimp.\n", "utf-8")
    code, out, err = words(capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == ["   1  Qwyxplor  1 file  a.md:3:11", "   1  zuxtrimp  1 file  a.md:3:24"]


def test_a_bad_file_is_skipped_with_its_diagnostic(project, capsys):
    (project / "bin.md").write_bytes(b"ab\x00")
    code, out, err = words(capsys)
    assert (code, out) == (0, LISTING)
    assert err == (
        "healthlint: skipped bin.md:1:3: HL002 The file holds binary data (a NUL byte at byte offset 2), so it is "
        "not a Markdown article. Check that the right file was saved with a .md name.\n"
    )


def test_a_missing_path_is_a_usage_error(project, capsys):
    assert words(capsys, "nowhere") == (2, "", "healthlint: no such file or folder: nowhere\n")


# -- adding words ----------------------------------------------------------------------------


def test_add_without_a_config_creates_one_and_the_word_list(project, capsys):
    assert spelling_findings(capsys) == ["a.md:3:47:"]  # the typo only: jargon is not warned about
    assert words(capsys, "--add", "zuxtrimp") == (
        0,
        "Added 1 word to ordliste.txt: zuxtrimp\n"
        f"Created healthlint.toml with {SETTING} under [rules.spelling], so the spelling rule reads ordliste.txt.\n",
        "",
    )
    assert (project / "healthlint.toml").read_bytes() == f"[rules.spelling]\n{SETTING}\n".encode()
    assert (project / "ordliste.txt").read_bytes() == b"zuxtrimp\n"
    code, out, err = words(capsys)
    assert (code, err) == (0, "")
    assert out.startswith("   1  Qwyxplor  1 file  a.md:3:11\n\nRead 2 files: 1 word ")
    assert "zuxtrimp" not in out.lower()
    assert spelling_findings(capsys) == ["a.md:3:47:"]
    # A name added too: nothing is left to review.
    assert words(capsys, "--add", "Qwyxplor")[0] == 0
    assert (project / "ordliste.txt").read_bytes() == b"zuxtrimp\nQwyxplor\n"
    assert words(capsys)[1].startswith("Read 2 files: the spelling rule knows every word, apart from likely typos.\n")


@pytest.mark.parametrize(
    "name, before, after, table",
    [
        (
            "healthlint.toml",
            b'lang = "en"\r\nfail-on = "warning"\r\n\r\n[rules.spelling]  # our words\r\nsuggest = false\r\n\r\n[rules.HL101]\r\nseverity = "info"\r\n',
            b'lang = "en"\r\nfail-on = "warning"\r\n\r\n[rules.spelling]  # our words\r\n' + SETTING.encode() + b'\r\nsuggest = false\r\n\r\n[rules.HL101]\r\nseverity = "info"\r\n',
            "rules.spelling",
        ),
        (
            "healthlint.toml",
            b'lang = "en"\r\n\r\n[spelling]\r\nwords = ["FysFinder"]',  # the other spelling table, no final line break
            b'lang = "en"\r\n\r\n[spelling]\r\n' + SETTING.encode() + b'\r\nwords = ["FysFinder"]',
            "spelling",
        ),
        (
            "healthlint.toml",
            b'# our settings\r\nfail-on = "warning"\r\n',
            b'# our settings\r\nfail-on = "warning"\r\n\r\n[rules.spelling]\r\n' + SETTING.encode() + b"\r\n",
            "rules.spelling",
        ),
        (
            "pyproject.toml",
            b'\xef\xbb\xbf[project]\nname = "site"\n\n[tool.healthlint]\nselect = ["default"]\n\n[tool.black]\nline-length = 100\n',
            b'\xef\xbb\xbf[project]\nname = "site"\n\n[tool.healthlint]\nselect = ["default"]\n\n[tool.black]\nline-length = 100\n'
            b"\n[tool.healthlint.rules.spelling]\n" + SETTING.encode() + b"\n",
            "tool.healthlint.rules.spelling",
        ),
    ],
    ids=["crlf-table-exists", "spelling-table", "crlf-new-table", "pyproject-bom"],
)
def test_add_names_the_list_in_the_config_keeping_every_other_byte(project, capsys, name, before, after, table):
    config = project / name
    config.write_bytes(before)
    config.chmod(0o640)
    assert words(capsys, "--add", "zuxtrimp") == (
        0,
        f"Added 1 word to ordliste.txt: zuxtrimp\nAdded {SETTING} under [{table}] in {name}, so the spelling rule reads ordliste.txt.\n",
        "",
    )
    assert config.read_bytes() == after
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    assert (project / "ordliste.txt").read_bytes() == b"zuxtrimp\n"
    assert "zuxtrimp" not in words(capsys)[1]


def test_add_appends_to_the_listed_file_skipping_words_it_has(project, capsys):
    (project / "ord").mkdir()
    word_list = project / "ord" / "liste.txt"
    word_list.write_bytes(b"\xef\xbb\xbf# Vores ord\r\nQwyxplor\r\nfysfinder")  # a BOM, CRLF, no final line break
    word_list.chmod(0o600)
    config = b'[tool.healthlint.spelling]\nwords-files = ["ord/liste.txt"]\n'
    (project / "pyproject.toml").write_bytes(config)
    assert words(capsys, "--add", "zuxtrimp", "qwyxplor", "Blarvik", "ZUXTRIMP", "FysFinder") == (
        0,
        "Added 2 words to ord/liste.txt: zuxtrimp, Blarvik\nAlready in ord/liste.txt: qwyxplor, FysFinder\n",
        "",
    )
    assert word_list.read_bytes() == b"\xef\xbb\xbf# Vores ord\r\nQwyxplor\r\nfysfinder\r\nzuxtrimp\r\nBlarvik\r\n"
    assert stat.S_IMODE(word_list.stat().st_mode) == 0o600
    assert (project / "pyproject.toml").read_bytes() == config
    assert words(capsys, "--add", "blarvik") == (0, "Already in ord/liste.txt: blarvik\n", "")
    assert spelling_findings(capsys) == ["a.md:3:47:"]


def test_a_word_list_outside_the_project_is_refused(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.md").write_text(A_MD, "utf-8")
    config = b'[rules.spelling]\nwords-files = ["../outside.txt"]\n'
    (site / "healthlint.toml").write_bytes(config)
    monkeypatch.chdir(site)
    assert words(capsys, "--add", "zuxtrimp") == (
        2,
        "",
        f"healthlint: config error: {site / 'healthlint.toml'}: `rules.spelling.words-files`: "
        f"{site / '../outside.txt'}: leads outside the project ({site}); name a file inside it\n",
    )
    assert not (tmp_path / "outside.txt").exists()
    assert (site / "healthlint.toml").read_bytes() == config


def test_a_word_list_linked_out_of_the_project_is_refused(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    site.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"secret\n")
    os.symlink("../outside.txt", site / "ordliste.txt")
    monkeypatch.chdir(site)
    assert words(capsys, "--add", "zuxtrimp") == (
        2,
        "",
        f"healthlint: ordliste.txt leads outside the project ({site.as_posix()}), so healthlint does not write to it: "
        "a setting committed to the repository could otherwise make it write files elsewhere. Name a word list "
        "inside the project in `words-files`\n",
    )
    assert outside.read_bytes() == b"secret\n"
    assert not (site / "healthlint.toml").exists()


def test_a_config_that_cannot_be_edited_safely_is_left_alone(project, capsys):
    config = b'rules = { HL101 = { severity = "info" } }\n'
    (project / "healthlint.toml").write_bytes(config)
    assert words(capsys, "--add", "zuxtrimp") == (
        2,
        "",
        "healthlint: healthlint.toml cannot be edited safely to name the word list (the edited file would not read "
        f"as intended), so nothing was written. Set {SETTING} under [rules.spelling] yourself, then run the command again\n",
    )
    assert (project / "healthlint.toml").read_bytes() == config
    assert not (project / "ordliste.txt").exists()


@pytest.mark.parametrize(
    "argv, err",
    [
        (["--add", "two words"], "healthlint: 'two words' cannot go in a word list: it holds a space or a line break. "
         "Give one word at a time, as it is written in the articles\n"),
        (["--add", "#hashtag"], "healthlint: '#hashtag' cannot go in a word list: a line starting with # is a comment. "
         "Give one word at a time, as it is written in the articles\n"),
        (["a.md", "--add", "zuxtrimp"], "healthlint: words --add takes words, not articles: give only the words to add\n"),
    ],
)
def test_add_refuses_what_is_not_a_word(project, capsys, argv, err):
    assert words(capsys, *argv) == (2, "", err)
    assert sorted(p.name for p in project.iterdir()) == ["a.md", "b.md"]


def test_help_speaks_to_the_writer(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["words", "--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "usage: healthlint words" in text
    assert "does not know and that are not close to a known word: names, brands and professional terms" in text
    assert "healthlint words --add WORD..." in text


def test_a_crash_in_the_spelling_rule_is_reported_as_check_reports_it(project, capsys, monkeypatch):
    from healthlint.checks import spelling

    def crash(doc, ctx):
        raise ValueError("boom")

    monkeypatch.setattr(spelling, "unknown_words", crash)
    code, out, err = words(capsys)
    assert code == 0
    assert out == "Read 0 files: the spelling rule knows every word, apart from likely typos.\n"
    assert [line.split(" (")[0] for line in err.splitlines()] == [
        "healthlint: skipped a.md:1:1: HL010 Internal error: rule HL610 spelling failed on this file",
        "healthlint: skipped b.md:1:1: HL010 Internal error: rule HL610 spelling failed on this file",
    ]
