"""A rule firing on most pages of one kind is said once (presentation only), and rule
options can be set per glob or page kind (`per-file-options`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from healthlint.api import Options, lint_paths
from healthlint.cli import main
from healthlint.config import ConfigError, parse_config
from healthlint.report import render
from healthlint.report.summary import render_summary

TODAY = date(2026, 6, 1)
DENSE = (
    "Behandlingsmulighederne omfatter fysioterapeutisk genoptræning, smertelindring og patientundervisning. "
    "Rehabiliteringsforløbet individualiseres afhængigt af symptomintensitet og funktionsniveau. "
    "Differentialdiagnostiske overvejelser inkluderer inflammatoriske tilstande og degenerative forandringer. "
    "Prognosen vurderes individuelt med udgangspunkt i symptomvarighed og komorbiditet. "
) * 4
PLAIN = "Det er godt at gå en tur. Du får luft og ro. Gå lidt hver dag, og tag det roligt. " * 8


def write_site(root: Path, dense: int = 16, plain: int = 6, config: str = "") -> Path:
    (root / "ordbog").mkdir(parents=True)
    (root / "blog").mkdir()
    (root / "healthlint.toml").write_text(config, "utf-8")
    for i in range(dense):
        (root / "ordbog" / f"e{i:02}.md").write_text(f'---\ntitle: "Emne {i}"\n---\n\n{DENSE}\n', "utf-8")
    for i in range(plain):
        (root / "blog" / f"b{i:02}.md").write_text(f'---\ntitle: "Blog {i}"\n---\n\n{PLAIN}\n', "utf-8")
    return root


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_site(tmp_path)


def report_of(paths=(".",)):
    return lint_paths(list(paths), Options(select=["HL601"], today=TODAY, cache=False, jobs=1))


def test_a_rule_on_most_pages_of_a_kind_is_said_once(site):
    report = report_of()
    assert len(report.diagnostics) == 16  # the report keeps every finding
    concise = render(report, "concise")
    lines = concise.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("HL601 lix-too-high [warning] fires on 16 of 16 `ordbog` pages (median LIX ")
    assert "Worst: ordbog/e00.md (LIX " in lines[0]
    assert lines[1] == "Checked 22 files: 0 errors, 16 warnings, 0 infos."
    full = render(report, "full", color=False)
    assert "ordbog/e00.md:" not in full and full.count("fires on 16 of 16 `ordbog` pages") == 1
    summary = render_summary(report)
    assert "### Patterns of a page kind\n\n- **HL601 lix-too-high** fires on 16 of 16 `ordbog` pages" in summary
    assert "### Problems by article" not in summary  # every finding is in the pattern


def test_machine_formats_and_the_exit_code_stay_unfolded(site, capsys):
    assert main(["check", ".", "--select", "HL601", "--no-cache", "--format", "json", "--fail-on", "warning"]) == 1
    diagnostics = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [(d["path"], d["code"]) for d in diagnostics] == [(f"ordbog/e{i:02}.md", "HL601") for i in range(16)]
    assert main(["check", ".", "--select", "HL601", "--no-cache", "--format", "sarif"]) == 0
    assert len(json.loads(capsys.readouterr().out)["runs"][0]["results"]) == 16


def test_a_hook_run_on_one_file_shows_its_own_finding(site):
    concise = render(report_of(["ordbog/e03.md"]), "concise")
    assert concise.startswith("ordbog/e03.md:2:9: HL601 The article's LIX is ")


def test_no_folding_under_20_files_or_at_half_a_kind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    small = write_site(tmp_path / "small", dense=12, plain=6)
    assert render(report_of([str(small)]), "concise").count("HL601 The article's LIX") == 12
    half = write_site(tmp_path / "half", dense=0, plain=24)
    for i in range(12):  # 12 of 24 blog posts dense: half is not more than half
        (half / "blog" / f"b{i:02}.md").write_text(f'---\ntitle: "Tung {i}"\n---\n\n{DENSE}\n', "utf-8")
    assert render(report_of([str(half)]), "concise").count("HL601 The article's LIX") == 12


def test_rule_options_per_page_kind_and_glob(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = (
        '[[site.pages]]\nname = "ordbog"\nglob = "ordbog/**"\n\n'
        '[per-file-options."kind:ordbog".lix-too-high]\nmax-lix = 95.0\n\n'
        '[per-file-options."ordbog/e01.md".HL601]\nmax-lix = 20.0\n'
    )
    write_site(tmp_path, dense=4, plain=2, config=config)
    report = report_of()
    # The glossary's own target (95) silences it; the later glob entry wins for e01.
    assert [(d.path, d.code) for d in report.diagnostics] == [("ordbog/e01.md", "HL601")]
    assert "above 20,0" in report.diagnostics[0].message


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"ordbog/**": {"HL999": {}}}, "`per-file-options.ordbog/**.HL999`: no rule has this code or name"),
        ({"ordbog/**": {"HL601": {"max-lixx": 50.0}}}, "`per-file-options.ordbog/**.HL601.max-lixx`: HL601 has no such option"),
        ({"ordbog/**": {"HL601": {"severity": "info"}}}, "sets options only; a rule's severity is set in `rules`"),
        ({"kind:": {"HL601": {}}}, 'names no page kind: write "kind:ordbog"'),
        ({"ordbog/**": ["HL601"]}, "must be a table of rule = { option = value }"),
    ],
)
def test_per_file_options_errors_name_the_key(tmp_path, table, message):
    with pytest.raises(ConfigError) as error:
        parse_config({"per-file-options": table}, "healthlint.toml", tmp_path)
    assert message in str(error.value)
