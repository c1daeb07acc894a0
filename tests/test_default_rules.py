"""The default rule set: rules below their precision target are off unless a config asks for them.

Only spelling (HL610) is off by default. The other families are ignored here, so the one
article's only possible finding is its typo.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli

ARTICLE = '---\ntitle: "Knæsmerter"\n---\n\nKnæet gør ondt efter løbeturren.\n'
OTHERS = "HL1,HL2,HL3,HL4,HL5,HL60"
TYPO = (
    "a.md:5:22: HL610 “løbeturren” looks like a misspelling: it is in neither the Danish dictionary nor the word "
    "lists, and a known word is close to it. Did you mean “løbeturen”? A misspelt word costs the reader's trust and "
    "is not the word people search for. If it is spelt as meant, add it: `healthlint words --add løbeturren`.\n"
)
NOTE = (
    "note: `select` names ALL, so this run also checks HL610 spelling, off by default because too few of their "
    "findings are ones a writer acts on (`healthlint rules` says why for each); expect false alarms and notes among them. "
    '`select = ["default"]` leaves them out.\n'
)
CLEAN = "Checked 1 file: no problems found.\n"
ONE_WARNING = "Checked 1 file: 0 errors, 1 warning, 0 infos.\n"


def check(folder: Path, *args: str, config: str | None = None):
    if config is not None:
        (folder / "healthlint.toml").write_text(config + f"\nignore = {OTHERS.split(',')!r}\n".replace("'", '"'), "utf-8")
        ignore = ()
    else:
        ignore = ("--ignore", OTHERS)
    code, out, err = run_cli(folder, "check", "a.md", "--no-cache", "--format", "concise", "--fail-on", "warning", *ignore, *args)
    assert "Traceback" not in err, err
    return code, out


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    return tmp_path


def test_without_a_config_spelling_is_off(site):
    assert check(site) == (0, CLEAN)


def test_select_default_leaves_spelling_out(site):
    assert check(site, config='select = ["default"]') == (0, CLEAN)


def test_select_all_turns_spelling_on_and_says_so_once(site):
    assert check(site, config='select = ["ALL"]') == (1, TYPO + NOTE + ONE_WARNING)


def test_select_all_on_the_command_line_says_so_too(site):
    assert check(site, "--select", "ALL") == (1, TYPO + NOTE + ONE_WARNING)


@pytest.mark.parametrize(
    "config, args",
    [
        ('select = ["default"]\nextend-select = ["HL610"]', ()),
        ('select = ["default", "spelling"]', ()),
        (None, ("--extend-select", "spelling")),
        (None, ("--select", "HL6")),  # a prefix names the rule: no note
        ('select = ["ALL"]', ("--extend-select", "HL610")),  # ALL, but spelling named too
    ],
)
def test_naming_spelling_turns_it_on_without_a_note(site, config, args):
    assert check(site, *args, config=config) == (1, TYPO + ONE_WARNING)


def test_ignoring_spelling_under_all_gives_no_note(site):
    assert check(site, "--ignore", "HL610", config='select = ["ALL"]') == (0, CLEAN)


def test_the_note_in_danish(site):
    code, out = check(site, "--select", "ALL", "--lang", "da")
    assert code == 1
    assert out.splitlines()[1] == (
        "bemærk: `select` nævner ALL, så denne kørsel tjekker også HL610 spelling, som er slået fra som standard, "
        "fordi for få af deres fund er nogen, en skribent handler på (`healthlint rules` siger hvorfor for hver); "
        'forvent falske alarmer og noter blandt dem. `select = ["default"]` udelader dem.'
    )


def test_json_keeps_the_finding_and_carries_the_note(site):
    done = subprocess.run(
        [sys.executable, "-m", "healthlint", "check", "a.md", "--no-cache", "--format", "json", "--select", "ALL", "--ignore", OTHERS],
        cwd=site, capture_output=True, text=True, timeout=60,
    )
    report = json.loads(done.stdout)
    assert [(d["code"], d["line"], d["column"]) for d in report["diagnostics"]] == [("HL610", 5, 22)]
    assert report["summary"]["notes"] == [NOTE.removeprefix("note: ").rstrip("\n")]
    assert done.returncode == 0  # a warning does not fail the default fail-on


def test_rules_json_marks_the_default_set():
    done = subprocess.run([sys.executable, "-m", "healthlint", "rules", "--format", "json"], capture_output=True, text=True, timeout=60, cwd="/")
    rows = {row["code"]: row for row in json.loads(done.stdout)}
    assert rows["HL610"]["default"] is False
    assert rows["HL501"]["default"] is False
    assert [code for code, row in rows.items() if not row["default"]] == ["HL201", "HL204", "HL207", "HL501", "HL610"]
    assert rows["HL201"]["why_off"].startswith("result pages cut titles by pixel width")
    assert rows["HL501"]["why_off"].startswith("under its target of 95 % right findings on the labelled site's hold-out")
    assert rows["HL610"]["why_off"].startswith("new at its target (80 % right findings, 90 % found")


def test_a_rule_off_for_its_own_reason_says_it():
    done = subprocess.run([sys.executable, "-m", "healthlint", "rule", "HL204"], capture_output=True, text=True, timeout=60, cwd="/")
    assert done.stdout.splitlines()[2].startswith("informational: on most sites the fallback title is the design")


def test_rule_explains_why_it_is_off():
    done = subprocess.run([sys.executable, "-m", "healthlint", "rule", "spelling"], capture_output=True, text=True, timeout=60, cwd="/")
    assert done.returncode == 0
    assert done.stdout.splitlines()[2] == (
        "new at its target (80 % right findings, 90 % found, on each part of the labelled site: 91.4/92.3 % on "
        "the tuning part, 81.0/94.1 % on the hold-out), not yet tried on a real site. Turn it on with "
        '`extend-select = ["HL610"]` after `healthlint words --add` has taken in the site\'s terms.'
    )
