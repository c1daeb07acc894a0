"""The command line: exit codes, formats, selection, stdin, colour (in this process, and through
the installed script where the process itself matters).

Only the engine's own HL0xx rules give diagnostics here (`--select HL0`), so these tests do
not depend on the rule families: an empty file is a warning (HL005), a NUL byte an error
(HL002), an unused suppression comment an info (HL020).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from fakerules import use_fake_rules
from helpers import run_cli

from healthlint import cli

PYTHON = sys.executable
SCRIPT = str(Path(sys.executable).parent / "healthlint")

EMPTY_MSG = "The file is empty: there is no frontmatter and no article text to publish."
BINARY_MSG = (
    "The file holds binary data (a NUL byte at byte offset 2), so it is not a Markdown article. "
    "Check that the right file was saved with a .md name."
)
UNUSED_MSG = (
    "This `healthlint-disable-next-line` comment (all rules) hides no problem; "
    "remove it so real problems are not hidden later."
)
INFO_TEXT = "Tekst her.\n<!-- healthlint-disable-next-line -->\nMere tekst.\n"


def run(cwd: Path, *args: str, script: bool = False, env: dict | None = None, stdin: bytes | None = None):
    if not script:  # in this process; the installed script gets a real one
        code, out, err = run_cli(cwd, *args, env=env, stdin=stdin or b"")
        assert "Traceback" not in err, err
        return code, out, err
    command = [SCRIPT]
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    proc = subprocess.run(
        command + list(args), cwd=cwd, input=stdin if stdin is not None else b"", capture_output=True, timeout=60, env=environment
    )
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "info.md").write_text(INFO_TEXT, "utf-8")
    return tmp_path


def add_binary(folder: Path) -> None:
    (folder / "bin.md").write_bytes(b"ab\x00")


# -- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_exit_0_when_only_warnings_and_infos(site, script):
    code, out, err = run(site, "check", ".", "--select", "HL0", "--format", "concise", script=script)
    assert (code, err) == (0, "")
    assert out == (
        f"empty.md:1:1: HL005 {EMPTY_MSG}\n"
        f"info.md:2:1: HL020 {UNUSED_MSG}\n"
        "Checked 2 files: 0 errors, 1 warning, 1 info.\n"
    )


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_exit_1_on_an_error(site, script):
    add_binary(site)
    code, out, _ = run(site, "check", ".", "--select", "HL0", "--format", "concise", script=script)
    assert code == 1
    assert out.splitlines()[0] == f"bin.md:1:3: HL002 {BINARY_MSG}"
    assert out.splitlines()[-1] == "Checked 3 files: 1 error, 1 warning, 1 info."


def test_fail_on_lowers_the_threshold(site):
    assert run(site, "check", "empty.md", "--select", "HL0", "--fail-on", "warning")[0] == 1
    assert run(site, "check", "info.md", "--select", "HL0", "--fail-on", "warning")[0] == 0
    assert run(site, "check", "info.md", "--select", "HL0", "--fail-on", "info")[0] == 1


def test_fail_on_from_config(site):
    (site / "healthlint.toml").write_text('fail-on = "warning"\n', "utf-8")
    assert run(site, "check", "empty.md", "--select", "HL0")[0] == 1
    assert run(site, "check", "empty.md", "--select", "HL0", "--fail-on", "error")[0] == 0


def test_exit_zero(site):
    add_binary(site)
    code, out, _ = run(site, "check", ".", "--select", "HL0", "--exit-zero", "--format", "concise")
    assert code == 0
    assert out.splitlines()[0] == f"bin.md:1:3: HL002 {BINARY_MSG}"


def test_default_command_is_check(site):
    add_binary(site)
    code, out, _ = run(site, "bin.md", "--select", "HL0", "--format", "concise", "-q")
    assert (code, out) == (1, f"bin.md:1:3: HL002 {BINARY_MSG}\n")


def test_no_paths_means_the_current_folder(site):
    code, out, _ = run(site, "check", "--select", "HL0", "--format", "concise", "-q")
    assert (code, out.splitlines()) == (0, [f"empty.md:1:1: HL005 {EMPTY_MSG}", f"info.md:2:1: HL020 {UNUSED_MSG}"])


@pytest.mark.parametrize(
    "args, needle",
    [
        (["check", ".", "--bogus"], "unrecognized arguments: --bogus"),
        (["check", ".", "--today", "2026-13-01"], "'2026-13-01' is not a date in the form YYYY-MM-DD"),
        (["check", ".", "--today", "01/01/2026"], "is not a date in the form YYYY-MM-DD"),
        (["check", "missing.md"], "no such file or folder: missing.md"),
        (["check", "empty.md", "missing-folder"], "no such file or folder: missing-folder"),
        (["check", ".", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", ".", "--select", "HL0,NOPE"], "--select: 'NOPE' matches no rule code"),
        (["check", ".", "--ignore", "no-such-rule"], "--ignore: 'no-such-rule' matches no rule"),
        (["check", ".", "--extend-select", "HL9"], "--extend-select: 'HL9' matches no rule"),
        (["check", "-", "empty.md"], "cannot be mixed"),
        (["rule", "HL999"], "no rule has the code or name 'HL999'"),
        ([], "usage: healthlint"),
    ],
)
def test_usage_errors_exit_2(site, args, needle):
    code, out, err = run(site, *args)
    assert code == 2
    assert out == ""
    assert needle in err


def test_config_error_exits_2_naming_file_and_key(site):
    (site / "pyproject.toml").write_text("[tool.healthlint]\nselekt = [\"HL0\"]\n", "utf-8")
    code, out, err = run(site, "check", ".")
    assert (code, out) == (2, "")
    assert err.startswith(f"healthlint: config error: {site / 'pyproject.toml'}: `tool.healthlint.selekt`: unknown setting")


def test_missing_config_file_exits_2(site):
    code, _, err = run(site, "check", ".", "--config", "nope.toml")
    assert code == 2
    assert "nope.toml: the config file does not exist" in err


def test_version(site):
    code, out, _ = run(site, "--version")
    assert (code, out) == (0, "healthlint 0.1.0\n")


# -- output ----------------------------------------------------------------------------------


def test_statistics(site):
    add_binary(site)
    (site / "empty2.md").write_bytes(b"")
    code, out, _ = run(site, "check", ".", "--select", "HL0", "--statistics")
    assert code == 1
    assert out == "1\tHL002\tbinary-file\t[error]\n2\tHL005\tempty-file\t[warning]\n1\tHL020\tunused-suppression\t[info]\n"


def test_statistics_as_json(site):
    code, out, _ = run(site, "check", ".", "--select", "HL0", "--statistics", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"code": "HL005", "name": "empty-file", "severity": "warning", "count": 1},
        {"code": "HL020", "name": "unused-suppression", "severity": "info", "count": 1},
    ]


def test_quiet_drops_the_summary(site):
    for fmt in ("concise", "full"):
        code, out, _ = run(site, "check", ".", "--select", "HL0", "--format", fmt, "--quiet")
        assert code == 0
        assert "Checked" not in out
        assert "empty.md:1:1:" in out


def test_full_format(site):
    add_binary(site)
    code, out, _ = run(site, "check", ".", "--select", "HL0")
    assert code == 1
    comment = "<!-- healthlint-disable-next-line -->"
    assert out == (
        "bin.md:1:3: HL002 binary-file [error]\n"
        f"  {BINARY_MSG}\n"
        "  1 │ ab\\u0000\n"
        "    │   ^\n"
        "\n"
        "empty.md:1:1: HL005 empty-file [warning]\n"
        f"  {EMPTY_MSG}\n"
        "  1 │ \n"
        "    │ ^\n"
        "\n"
        "info.md:2:1: HL020 unused-suppression [info]\n"
        f"  {UNUSED_MSG}\n"
        f"  2 │ {comment}\n"
        f"    │ {'^' * len(comment)}\n"
        "\n"
        "Checked 3 files: 1 error, 1 warning, 1 info.\n"
    )


def test_full_format_with_no_problems(site):
    (site / "ok.md").write_text("Tekst.\n", "utf-8")
    code, out, _ = run(site, "check", "ok.md", "--select", "HL0")
    assert (code, out) == (0, "Checked 1 file: no problems found.\n")


def _run_on_a_terminal(cwd: Path, args: list[str], env: dict) -> str:
    main, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    environment.update(env)
    proc = subprocess.Popen([PYTHON, "-m", "healthlint", *args], cwd=cwd, stdout=secondary, stderr=secondary, env=environment)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_and_never_with_no_color(site):
    args = ["check", ".", "--select", "HL0"]
    assert "\x1b[" not in run(site, *args)[1]  # a pipe
    assert "\x1b[" in run(site, *args, "--color", "always")[1]
    assert "\x1b[" in _run_on_a_terminal(site, args, {"TERM": "xterm"})
    on_terminal = _run_on_a_terminal(site, args, {"TERM": "xterm", "NO_COLOR": "1"})
    assert "empty.md:1:1: HL005 empty-file [warning]" in on_terminal
    assert "\x1b[" not in on_terminal


def test_control_characters_in_an_article_never_reach_the_terminal(site):
    (site / "esc.md").write_text("Tekst \x1b[31mrød\x1b[0m\n<!-- healthlint-disable-line -->\n", "utf-8")
    code, out, _ = run(site, "check", "esc.md", "--select", "HL0")
    assert code == 0
    assert "\x1b" not in out
    assert "HL020" in out


def test_output_file(site):
    add_binary(site)
    target = site / "report.json"
    code, out, _ = run(site, "check", ".", "--select", "HL0", "--format", "json", "--output-file", str(target))
    assert (code, out) == (1, "")
    payload = json.loads(target.read_text("utf-8"))
    assert [d["code"] for d in payload["diagnostics"]] == ["HL002", "HL005", "HL020"]
    code, out, _ = run(site, "check", ".", "--select", "HL0", "-o", "report.txt")
    assert (code, out) == (1, "")
    assert "\x1b[" not in (site / "report.txt").read_text("utf-8")
    assert (site / "report.txt").read_text("utf-8").endswith("Checked 3 files: 1 error, 1 warning, 1 info.\n")


def test_output_file_that_cannot_be_written_exits_2(site):
    code, _, err = run(site, "check", ".", "--select", "HL0", "-o", "no/such/folder/report.txt")
    assert code == 2
    assert "cannot write no/such/folder/report.txt" in err


# -- standard input --------------------------------------------------------------------------


def test_stdin_with_a_filename(site):
    code, out, _ = run(site, "check", "-", "--stdin-filename", "docs/x.md", "--select", "HL0", "--format", "concise", stdin=INFO_TEXT.encode())
    assert (code, out) == (0, f"docs/x.md:2:1: HL020 {UNUSED_MSG}\nChecked 1 file: 0 errors, 0 warnings, 1 info.\n")
    code, out, _ = run(site, "check", "-", "--stdin-filename", "docs/x.md", "--select", "HL0", stdin=INFO_TEXT.encode())
    assert "  2 │ <!-- healthlint-disable-next-line -->\n" in out  # the line comes from stdin, not disk


def test_stdin_without_a_filename(site):
    code, out, _ = run(site, "check", "-", "--select", "HL0", "--format", "concise", stdin=b"ab\x00")
    assert (code, out) == (1, f"-:1:3: HL002 {BINARY_MSG}\nChecked 1 file: 1 error, 0 warnings, 0 infos.\n")


def test_stdin_filename_finds_the_config_and_its_ignores(site):
    (site / "healthlint.toml").write_text('[per-file-ignores]\n"drafts/*.md" = ["HL020"]\n', "utf-8")
    args = ["check", "-", "--select", "HL0", "--format", "concise", "-q"]
    assert run(site, *args, "--stdin-filename", "drafts/x.md", stdin=INFO_TEXT.encode())[1] == ""
    assert run(site, *args, "--stdin-filename", "final/x.md", stdin=INFO_TEXT.encode())[1] == f"final/x.md:2:1: HL020 {UNUSED_MSG}\n"


# -- rules -----------------------------------------------------------------------------------


def test_rules_lists_every_rule(site):
    code, out, _ = run(site, "rules")
    assert code == 0
    listing, _, footer = out.partition("\n\n")
    lines = listing.splitlines()
    assert lines[0] == (
        "HL001  file-unreadable                  error    on        "
        "The file cannot be read: it is missing, a broken link, a folder, or not permitted."
    )
    assert "HL020  unused-suppression               info     on        A `healthlint-disable` comment hides no problem." in lines
    assert "HL610  spelling                         warning  off       A likely typo: a word no list knows, with a known word close to it." in lines
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    assert footer.startswith("Rules marked off are left out of the default rule set")
    assert 'Turn one on with `extend-select = ["HL201"]`' in footer
    # Rules off for a reason of their own say it, one line each.
    assert "\n  HL201 meta-title-too-long: result pages cut titles by pixel width, not by characters" in footer
    assert "\n  HL204 meta-title-missing: informational" in footer


@pytest.mark.parametrize("selector", ["HL001", "hl001", "file-unreadable"])
def test_rule_shows_the_documentation(site, selector):
    code, out, _ = run(site, "rule", selector)
    assert code == 0
    assert out.startswith(
        "HL001 file-unreadable\n"
        "Default severity: error. Tags: file. Fixable: no.\n"
        "\n"
        "The file cannot be read: it is missing, a broken link, a folder, or not permitted.\n"
        "\n"
        "**Why this matters**: "
    )
    assert out.endswith("**Fix safety**: no automatic fix.\n")


# -- selection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "flags, codes",
    [
        (["--select", "HL005"], ["HL005"]),
        (["--select", "HL0"], ["HL002", "HL005", "HL020"]),
        (["--select", "hl00"], ["HL002", "HL005"]),
        (["--select", "empty-file,binary-file"], ["HL002", "HL005"]),
        (["--select", "suppression"], ["HL020"]),
        (["--select", "file"], ["HL002", "HL005", "HL020"]),
        (["--select", "HL0", "--ignore", "HL005"], ["HL002", "HL020"]),
        (["--select", "HL0", "--ignore", "HL00"], ["HL020"]),
        (["--select", "HL0", "--ignore", "empty-file", "--ignore", "suppression"], ["HL002"]),
        (["--select", "HL005", "--extend-select", "unused-suppression"], ["HL005", "HL020"]),
        (["--select", "HL005", "--extend-select", "suppression"], ["HL005", "HL020"]),
    ],
)
def test_select_ignore_extend_select(site, flags, codes):
    add_binary(site)
    code, out, _ = run(site, "check", ".", "--format", "json", "--exit-zero", *flags)
    assert code == 0
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == codes


def test_extend_select_adds_to_the_config_selection(site):
    (site / "healthlint.toml").write_text('select = ["HL005"]\n', "utf-8")
    code, out, _ = run(site, "check", ".", "--format", "json", "--extend-select", "HL020")
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["HL005", "HL020"]


def test_force_exclude_applies_exclude_to_named_files(site):
    (site / "healthlint.toml").write_text('exclude = ["drafts/"]\n', "utf-8")
    drafts = site / "drafts"
    drafts.mkdir()
    (drafts / "wip.md").write_bytes(b"")
    args = ["check", "--select", "HL0", "--format", "concise", "-q"]
    assert run(site, *args, ".")[1] == f"empty.md:1:1: HL005 {EMPTY_MSG}\ninfo.md:2:1: HL020 {UNUSED_MSG}\n"
    assert run(site, *args, "drafts/wip.md")[1] == f"drafts/wip.md:1:1: HL005 {EMPTY_MSG}\n"
    assert run(site, *args, "--force-exclude", "drafts/wip.md", "empty.md")[1] == f"empty.md:1:1: HL005 {EMPTY_MSG}\n"


def test_force_exclude_with_a_file_glob(site):
    (site / "healthlint.toml").write_text('exclude = ["*.draft.md"]\n', "utf-8")
    (site / "a.draft.md").write_bytes(b"")
    args = ["check", "--select", "HL0", "--format", "concise", "-q"]
    assert run(site, *args, "a.draft.md")[1] == f"a.draft.md:1:1: HL005 {EMPTY_MSG}\n"
    code, out, _ = run(site, *args, "--force-exclude", "a.draft.md")
    assert (code, out) == (0, "")


# -- --today reaches the rules (in-process, with a test-only rule that reports the date) --------


def test_today_reaches_the_rules(tmp_path, monkeypatch, capsys):
    from healthlint.diagnostic import Severity, Span, Violation
    from healthlint.ruleset.rule import rule

    @rule("HL906", "says-today", Severity.INFO)
    def says_today(doc, ctx):
        """Reports the date that counts as today (test-only)."""
        yield Violation(Span.point(1), f"today is {ctx.today.isoformat()}")

    use_fake_rules(monkeypatch, says_today)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("x\n", "utf-8")
    assert cli.main(["check", "a.md", "--select", "HL906", "--today", "2024-02-29", "--format", "concise", "-q"]) == 0
    assert capsys.readouterr().out == "a.md:1:1: HL906 today is 2024-02-29\n"
    assert cli.main(["check", "a.md", "--select", "HL906", "--format", "concise", "-q"]) == 0
    assert capsys.readouterr().out == f"a.md:1:1: HL906 today is {date.today().isoformat()}\n"


def test_plain_full_output_does_not_import_rich(tmp_path):
    """The pre-commit hook's output is not a terminal: the full format is then plain text, and
    rich (a slow import) stays unloaded."""
    article = tmp_path / "a.md"
    article.write_text('---\ntitle: "x"\n---\n\n### Overskrift\n', encoding="utf-8")
    code = (
        "import sys\nfrom healthlint.cli import main\n"
        f"status = main(['check', {str(article)!r}, '--no-cache', '--select', 'HL301'])\n"
        "print('rich loaded' if 'rich' in sys.modules else 'rich not loaded', status)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "NO_COLOR": ""})
    assert run.stdout.splitlines()[0].endswith("a.md:5:5: HL301 heading-level-skipped [error]")
    assert run.stdout.splitlines()[-1] == "rich not loaded 1"


def test_the_hook_path_builds_only_the_check_command_and_leaves_shutil_unloaded(tmp_path, capsys):
    # argparse would import shutil (≈ 5 ms) for the terminal width of every option it adds.
    article = tmp_path / "a.md"
    article.write_text('---\ntitle: "x"\n---\n\n### Overskrift\n', encoding="utf-8")
    code = (
        "import sys\nfrom healthlint.cli import main\n"
        f"status = main([{str(article)!r}, '--no-cache', '--select', 'HL301', '--format', 'concise'])\n"
        "print('shutil' in sys.modules, status)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.splitlines()[0].startswith(f"{article}:5:5: HL301 ")
    assert run.stdout.splitlines()[-1] == "False 1"
    assert cli.build_parser("check")._subparsers._group_actions[0].choices.keys() == {"check"}
    assert cli.build_parser()._subparsers._group_actions[0].choices.keys() == set(cli.COMMANDS)


def test_help_wraps_at_the_width_in_columns(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "40")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(map(len, lines)) <= 40 and "    rule      show a rule's full" in lines
