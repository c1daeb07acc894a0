"""`--format github`: workflow commands with @actions/core's escaping, and the Markdown run
summary written to $GITHUB_STEP_SUMMARY or `--summary FILE`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_outputs import BINARY_MSG, EMPTY_MSG, INFO_TEXT, UNUSED_MSG, run
from fakerules import use_fake_rules

from healthlint import cli
from healthlint.diagnostic import Severity, Span, Violation
from healthlint.report.escape import markdown_text
from healthlint.report.github import escape_data, escape_property
from healthlint.ruleset.rule import rule


@pytest.fixture
def site(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "info.md").write_text(INFO_TEXT, "utf-8")
    (tmp_path / "bin.md").write_bytes(b"ab\x00")
    return tmp_path


def test_escaping_matches_actions_core():
    assert escape_data("100% sikker: a,b\r\nny linje") == "100%25 sikker: a,b%0D%0Any linje"
    assert escape_property("100% sikker: a,b\r\nny linje") == "100%25 sikker%3A a%2Cb%0D%0Any linje"
    # `%` first, so an escape already in the text is not taken for one.
    assert escape_data("%0A") == "%250A"
    assert escape_property("%3A") == "%253A"


def test_annotations_for_each_level(site):
    code, out, err = run(site, "check", ".", "--select", "HL0", "--format", "github", "--no-cache")
    assert (code, err) == (1, "")
    assert out == (
        f"::error file=bin.md,line=1,col=3,endLine=1,endColumn=3,title=HL002 binary-file::{BINARY_MSG}\n"
        f"::warning file=empty.md,line=1,col=1,endLine=1,endColumn=1,title=HL005 empty-file::{EMPTY_MSG}\n"
        f"::notice file=info.md,line=2,col=1,endLine=2,endColumn=43,title=HL020 unused-suppression::{UNUSED_MSG}\n"
        "Checked 3 files: 1 error, 1 warning, 1 info.\n"
    )


def test_exit_code_follows_fail_on_not_the_format(site):
    assert run(site, "check", "empty.md", "--select", "HL0", "--format", "github", "--no-cache")[0] == 0
    assert run(site, "check", "empty.md", "--select", "HL0", "--format", "github", "--fail-on", "warning", "--no-cache")[0] == 1
    code, out, _ = run(site, "check", "info.md", "--select", "HL0", "--format", "github", "-q", "--no-cache")
    assert (code, out.count("\n")) == (0, 1)


def test_paths_are_relative_to_the_work_tree_root(site):
    (site / "blog").mkdir()
    (site / "blog" / "empty.md").write_bytes(b"")
    code, out, _ = run(site / "blog", "check", "empty.md", "--select", "HL0", "--format", "github", "-q", "--no-cache")
    assert (code, out) == (0, f"::warning file=blog/empty.md,line=1,col=1,endLine=1,endColumn=1,title=HL005 empty-file::{EMPTY_MSG}\n")


def test_special_characters_in_paths_are_escaped(site):
    (site / "100% ondt: a,b.md").write_bytes(b"")
    (site / "ny\nlinje.md").write_bytes(b"")
    code, out, _ = run(site, "check", "100% ondt: a,b.md", "ny\nlinje.md", "--select", "HL0", "--format", "github", "-q", "--no-cache")
    assert code == 0
    assert out == (
        f"::warning file=100%25 ondt%3A a%2Cb.md,line=1,col=1,endLine=1,endColumn=1,title=HL005 empty-file::{EMPTY_MSG}\n"
        f"::warning file=ny%0Alinje.md,line=1,col=1,endLine=1,endColumn=1,title=HL005 empty-file::{EMPTY_MSG}\n"
    )


@rule("HL908", "odd-message", Severity.ERROR, tags=("testing",))
def odd_message(doc, ctx):
    """Reports messages full of characters that workflow commands must escape (test-only).

    **Why this matters**: it proves the escaping.

    **Fix safety**: no automatic fix.
    """
    yield Violation(Span(1, 2, 1, 5), "Skriv ikke '100% sikker: a,b'\r\nmen 'ofte'.")
    yield Violation(Span(1, 1, 3, 4), "Three lines: no columns.")


def test_special_characters_in_messages_and_multi_line_spans(tmp_path, monkeypatch, capsys):
    use_fake_rules(monkeypatch, odd_message)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "a.md").write_text("abcdef\nx\nyz\n", "utf-8")
    assert cli.main(["check", "a.md", "--select", "HL908", "--format", "github", "-q", "--no-cache", "--jobs", "1"]) == 1
    assert capsys.readouterr().out == (
        "::error file=a.md,line=1,endLine=3,title=HL908 odd-message::Three lines: no columns.\n"
        "::error file=a.md,line=1,col=2,endLine=1,endColumn=4,title=HL908 odd-message::"
        "Skriv ikke '100%25 sikker: a,b'%0D%0Amen 'ofte'.\n"
    )


# -- the Markdown summary ----------------------------------------------------------------------

SUMMARY = """## healthlint

Checked 3 files: 1 error, 1 warning, 1 info.

### Problems by rule

| rule | name | severity | problems |
|---|---|---|---:|
| HL002 | `binary-file` | error | 1 |
| HL005 | `empty-file` | warning | 1 |
| HL020 | `unused-suppression` | info | 1 |

### Problems by article

| article | errors | warnings | infos |
|---|---:|---:|---:|
| bin.md | 1 | 0 | 0 |
| empty.md | 0 | 1 | 0 |
| info.md | 0 | 0 | 1 |
"""


def test_step_summary_is_appended_for_the_github_format(site):
    summary = site / "summary.txt"  # not *.md, so it is not linted itself
    summary.write_text("Earlier step.\n", "utf-8")
    code, out, err = run(site, "check", ".", "--select", "HL0", "--format", "github", "--no-cache", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert (code, err) == (1, "")
    assert out.startswith("::error file=bin.md,")
    assert summary.read_text("utf-8") == "Earlier step.\n" + SUMMARY


def test_step_summary_is_left_alone_for_other_formats(site):
    summary = site / "summary.txt"  # not *.md, so it is not linted itself
    code, _, _ = run(site, "check", ".", "--select", "HL0", "--format", "sarif", "--no-cache", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    assert not summary.exists()


def test_summary_file_with_any_format(site):
    code, out, err = run(site, "check", ".", "--select", "HL0", "--format", "concise", "--summary", "run.md", "--no-cache")
    assert (code, err) == (1, "")
    assert out.endswith("Checked 3 files: 1 error, 1 warning, 1 info.\n")
    assert (site / "run.md").read_text("utf-8") == SUMMARY


def test_summary_file_that_cannot_be_written_exits_2(site):
    code, _, err = run(site, "check", ".", "--select", "HL0", "--format", "github", "--summary", "no/such/folder/run.md", "--no-cache")
    assert code == 2
    assert "cannot write no/such/folder/run.md" in err


def test_summary_of_a_clean_run(site):
    (site / "ok.md").write_text("Tekst.\n", "utf-8")
    code, _, _ = run(site, "check", "ok.md", "--select", "HL0", "--summary", "run.md", "--no-cache")
    assert code == 0
    assert (site / "run.md").read_text("utf-8") == "## healthlint\n\nChecked 1 file: no problems found.\n"


def test_summary_lists_the_worst_articles_first_and_only_ten(tmp_path):
    from healthlint.api import Report
    from healthlint.config import Config
    from healthlint.diagnostic import Diagnostic
    from healthlint.report.summary import render_summary

    def diag(path: str, severity: Severity) -> Diagnostic:
        return Diagnostic(path, "HL005", "empty-file", severity, "m", Span.point(1))

    diagnostics = [diag(f"a{n:02}.md", Severity.WARNING) for n in range(11)]
    diagnostics += [diag("z.md", Severity.ERROR), diag("y|<b>.md", Severity.WARNING), diag("y|<b>.md", Severity.WARNING)]
    text = render_summary(Report(diagnostics, [], Config(), notes=["Blog posts *all* lack a description."]))
    table = text.split("### Articles with the most problems\n\n")[1].split("\n\n")[0].splitlines()
    assert table[2:5] == ["| z.md | 1 | 0 | 0 |", "| y\\|\\<b\\>.md | 0 | 2 | 0 |", "| a00.md | 0 | 1 | 0 |"]
    assert len(table) == 2 + 10
    assert "\n3 more articles have problems; the full report lists them.\n" in text
    assert text.endswith("### Notes\n\n- Blog posts \\*all\\* lack a description.\n")


def test_markdown_text_cannot_break_out_of_a_cell():
    assert markdown_text("a|b\n<script>`x`</script> [l](u) _e_") == "a\\|b \\<script\\>\\`x\\`\\</script\\> \\[l\\]\\(u\\) \\_e\\_"


def test_example_workflow_runs_real_commands():
    import shlex

    import yaml

    path = Path(__file__).parent.parent / "examples" / "github-workflow.yml"
    workflow = yaml.safe_load(path.read_text("utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["healthlint"]["steps"]
    commands = [shlex.split(step["run"]) for step in steps if step.get("run", "").startswith("healthlint ")]
    assert [c[:4] for c in commands] == [["healthlint", "check", "--format", "github"], ["healthlint", "check", "--format", "sarif"]]
    for command in commands:
        args = cli.build_parser().parse_args(command[1:])  # exits 2 on an unknown flag or format
        assert args.command == "check"
    sarif_args = cli.build_parser().parse_args(commands[1][1:])
    (upload,) = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == str(sarif_args.output_file) == "healthlint.sarif"
