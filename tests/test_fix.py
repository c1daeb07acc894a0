"""Fixes: edits mapped onto the file's own bytes, rounds, and safe writing, through the CLI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from healthlint import cli, fix
from healthlint.diagnostic import Diagnostic, Edit, Fix, Severity, Span

TODAY = "2026-01-01"
HEAD = '---\ntitle: "Hekseskud i lænden"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n---\n\n'


# -- edits on text with any line endings ------------------------------------------------


def edit(line, column, end_line, end_column, new_text):
    return Edit(Span(line, column, end_line, end_column), new_text)


def test_split_lines_keeps_each_ending_and_matches_the_documents_lines():
    assert fix.split_lines("a\r\nb\nc\rd") == [("a", "\r\n"), ("b", "\n"), ("c", "\r"), ("d", "")]
    assert fix.split_lines("a\n") == [("a", "\n"), ("", "")]


def test_apply_edits_keeps_crlf_and_positions_are_code_points():
    text = "æøå: x\r\nnæste\r\n"
    assert fix.apply_edits(text, [edit(1, 4, 1, 5, "")]) == "æøå x\r\nnæste\r\n"


def test_apply_edits_keeps_each_lines_own_ending_in_a_mixed_file():
    text = "a.\r\nb.\nc.\rd."
    edits = [edit(n, 2, n, 3, "") for n in (1, 2, 3, 4)]
    assert fix.apply_edits(text, edits) == "a\r\nb\nc\rd"


def test_a_line_break_added_by_a_fix_takes_the_ending_of_its_line():
    assert fix.apply_edits("ab\r\ncd\n", [edit(1, 2, 1, 2, "\n")]) == "a\r\nb\r\ncd\n"
    assert fix.apply_edits("ab\ncd\r\n", [edit(2, 2, 2, 2, "\n")]) == "ab\nc\r\nd\r\n"


def test_an_edit_over_a_line_break_joins_the_lines_and_keeps_the_last_ending():
    assert fix.apply_edits("a\r\nb\nc", [edit(1, 2, 2, 1, " ")]) == "a b\nc"
    assert fix.apply_edits("a\r\nb", [edit(1, 2, 2, 2, "")]) == "a"


def test_several_edits_on_one_line_apply_from_the_end():
    assert fix.apply_edits("abcdef", [edit(1, 1, 1, 2, "X"), edit(1, 5, 1, 7, "YZW")]) == "XbcdYZW"


def _fix(*edits, safe=True):
    return Fix(tuple(edits), safe=safe)


def test_select_fixes_skips_a_fix_that_overlaps_one_already_chosen():
    first = _fix(edit(1, 1, 1, 3, "x"))
    overlapping = _fix(edit(1, 2, 1, 4, "y"))
    touching = _fix(edit(1, 3, 1, 4, "z"))  # starts where the first ends: no overlap
    assert fix.select_fixes([overlapping, touching, first], "abcd") == [first, touching]


def test_two_insertions_at_one_point_conflict():
    one, two = _fix(edit(1, 2, 1, 2, "x")), _fix(edit(1, 2, 1, 2, "y"))
    assert fix.select_fixes([one, two], "ab") == [one]


def test_a_fix_with_an_edit_outside_the_text_is_never_applied():
    beyond_line = _fix(edit(3, 1, 3, 1, "x"))
    beyond_column = _fix(edit(1, 4, 1, 4, "x"))
    backwards = _fix(edit(1, 3, 1, 2, "x"))
    self_overlap = _fix(edit(1, 1, 1, 3, "x"), edit(1, 2, 1, 3, "y"))
    assert fix.select_fixes([beyond_line, beyond_column, backwards, self_overlap], "ab\n") == []
    assert fix.select_fixes([_fix(edit(2, 1, 2, 1, "x"))], "ab\n") != []  # the empty last line exists


def _diagnostic(fix_):
    return Diagnostic("t.md", "HL999", "test", Severity.WARNING, "m", Span(1, 1, 1, 2), fix_)


def test_fix_text_lints_again_after_each_round_until_nothing_is_left():
    def lint(text):  # one fix at a time: the first "a" becomes "b"
        at = text.find("a")
        return [] if at == -1 else [_diagnostic(_fix(edit(1, at + 1, 1, at + 2, "b")))]

    assert fix.fix_text("aaa", lint) == fix.FixedText("bbb", applied=3, rounds=3)


def test_fix_text_stops_after_the_round_limit_when_fixes_undo_each_other():
    def lint(text):
        return [_diagnostic(_fix(edit(1, 1, 1, 2, "y" if text == "x" else "x")))]

    result = fix.fix_text("x", lint, max_rounds=4)
    assert (result.text, result.rounds) == ("x", 4)


def test_fix_text_applies_unsafe_fixes_only_when_asked():
    def lint(text):
        return [] if text == "b" else [_diagnostic(_fix(edit(1, 1, 1, 2, "b"), safe=False))]

    assert fix.fix_text("a", lint).text == "a"
    assert fix.fix_text("a", lint, unsafe=True).text == "b"


# -- every fixable rule through the CLI, on LF, CRLF, BOM and no-final-newline files -----

CASES = {
    # code: (before, after, safe)
    "HL111": (HEAD.replace("lastUpdated", "lastupdated"), HEAD, False),
    "HL121": (HEAD.replace('"12/10/2025"', '"2/1/2025"'), HEAD.replace('"12/10/2025"', '"02/01/2025"'), True),
    "HL122": (HEAD.replace('"13/09/2025"', '"13.09.2025"'), HEAD, True),
    "HL122-ambiguous": (HEAD.replace('"13/09/2025"', '"05.09.2025"'), HEAD.replace('"13/09/2025"', '"05/09/2025"'), False),
    "HL302": (HEAD + "# Hvad er hekseskud?", HEAD + "## Hvad er hekseskud?", False),
    "HL304": (HEAD + "Tekst.\n\n## Behandling:", HEAD + "Tekst.\n\n## Behandling", True),
    "HL401": (HEAD + "| a | b | c |\n|---|---|---|\n| 1 | 2 |", HEAD + "| a | b | c |\n|---|---|---|\n| 1 | 2 | |", False),
    "HL504": (HEAD + "Smerte ved isjias.", HEAD + "Smerte ved iskias.", True),
}

VARIANTS = {
    "lf": lambda t: (t + "\n").encode(),
    "crlf": lambda t: (t + "\n").replace("\n", "\r\n").encode(),
    "bom": lambda t: b"\xef\xbb\xbf" + (t + "\n").encode(),
    "bom-crlf": lambda t: b"\xef\xbb\xbf" + (t + "\n").replace("\n", "\r\n").encode(),
    "no-final-newline": lambda t: t.encode(),
    "crlf-no-final-newline": lambda t: t.replace("\n", "\r\n").encode(),
}


def run(args) -> int:
    return cli.main(["check", "--no-cache", "--today", TODAY, *args])


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES)
def test_each_fixable_rule_is_fixed_byte_for_byte(case, variant, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    before, after, safe = CASES[case]
    code = case.split("-")[0]
    path = tmp_path / "artikel.md"
    path.write_bytes(VARIANTS[variant](before))

    run(["--fix", "--select", code, "artikel.md"])
    expected_after_safe = VARIANTS[variant](after if safe else before)
    assert path.read_bytes() == expected_after_safe
    out = capsys.readouterr().out
    assert out.endswith("Fixed 1 problem in 1 file.\n" if safe else "No fixes applied.\n")

    if not safe:
        assert run(["--unsafe-fixes", "--select", code, "artikel.md"]) == 0
        assert path.read_bytes() == VARIANTS[variant](after)
        assert capsys.readouterr().out == "Checked 1 file: no problems found.\nFixed 1 problem in 1 file.\n"


def test_a_file_is_not_written_when_no_fix_applies(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_bytes((HEAD + "# Hvad er hekseskud?\n").encode())  # only an unsafe fix
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    assert run(["--select", "HL302", "a.md"]) == 1
    assert run(["--fix", "--select", "HL302", "a.md"]) == 1
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)
    out = capsys.readouterr().out
    assert "a.md:7:3: HL302 body-h1 [error] [*] fixable (unsafe)" in out
    assert os.listdir(tmp_path) == ["a.md"]


def test_the_report_after_fixing_shows_what_remains_and_counts_fixes_over_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(HEAD + "## Behandling:\n\nTekst om isjias.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(HEAD + "## Forløb.\n\n| a | b |\n|---|---|\n| 1 |\n", encoding="utf-8")
    assert run(["--fix", "--select", "HL304,HL401,HL504", "."]) == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if ": HL" in line] == ["b.md:11:1: HL401 table-column-count [error] [*] fixable (unsafe)"]
    assert out.endswith("Checked 2 files: 1 error, 0 warnings, 0 infos.\n[*] 1 fixable with --unsafe-fixes.\nFixed 3 problems in 2 files.\n")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == HEAD + "## Behandling\n\nTekst om iskias.\n"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == HEAD + "## Forløb\n\n| a | b |\n|---|---|\n| 1 |\n"


def test_the_full_report_says_how_many_problems_each_fix_flag_would_fix(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(HEAD + "## Behandling:\n\n## Forløb.\n\n# Titel\n", encoding="utf-8")
    assert run(["--select", "HL302,HL304", "a.md"]) == 1
    assert capsys.readouterr().out.endswith(
        "Checked 1 file: 1 error, 2 warnings, 0 infos.\n[*] 2 fixable with --fix, 1 more with --unsafe-fixes.\n"
    )
    assert run(["--select", "HL302,HL304", "--quiet", "a.md"]) == 1
    assert "fixable with" not in capsys.readouterr().out


def test_fixes_take_several_rounds_when_two_fixes_touch_one_value(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(HEAD.replace('"13/09/2025"', '"13.9.2025"'), encoding="utf-8")
    assert run(["--fix", "--select", "HL121,HL122", "a.md"]) == 0
    assert path.read_text(encoding="utf-8") == HEAD
    assert capsys.readouterr().out.endswith("Fixed 2 problems in 1 file.\n")


def test_suppressed_and_disabled_rules_are_not_fixed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    text = HEAD + "<!-- healthlint-disable-next-line HL304 -->\n## Behandling:\n\n## Forløb:\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    run(["--fix", "--select", "HL304", "--ignore", "HL504", "a.md"])
    assert path.read_text(encoding="utf-8") == text.replace("## Forløb:", "## Forløb")
    path.write_text(text, encoding="utf-8")
    run(["--fix", "--select", "HL3", "--ignore", "HL304", "a.md"])
    assert path.read_text(encoding="utf-8") == text


def test_the_files_mode_is_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(HEAD + "## Behandling:\n", encoding="utf-8")
    path.chmod(0o640)
    run(["--fix", "--select", "HL304", "a.md"])
    assert path.read_text(encoding="utf-8") == HEAD + "## Behandling\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link_and_its_target_is_fixed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.md"
    target.write_text(HEAD + "## Behandling:\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(target)
    run(["--fix", "--select", "HL304", "link.md"])
    assert (tmp_path / "link.md").is_symlink()
    assert target.read_text(encoding="utf-8") == HEAD + "## Behandling\n"


# -- --diff ----------------------------------------------------------------------------


def test_diff_prints_exactly_what_fix_would_change_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    data = (HEAD + "## Behandling:\n\nTekst.\n\n# Overskrift").encode()
    path.write_bytes(data)
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    assert run(["--diff", "--select", "HL302,HL304", "a.md"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "--- a.md\n+++ a.md\n@@ -4,7 +4,7 @@\n"
        ' lastUpdated: "12/10/2025"\n ---\n \n-## Behandling:\n+## Behandling\n \n Tekst.\n \n'
    )
    assert captured.err == "Would fix 1 problem in 1 file.\n"

    assert run(["--diff", "--unsafe-fixes", "--select", "HL302,HL304", "a.md"]) == 1
    assert capsys.readouterr().out == (
        "--- a.md\n+++ a.md\n@@ -4,8 +4,8 @@\n"
        ' lastUpdated: "12/10/2025"\n ---\n \n-## Behandling:\n+## Behandling\n \n Tekst.\n \n'
        "-# Overskrift\n\\ No newline at end of file\n+## Overskrift\n\\ No newline at end of file\n"
    )
    assert path.read_bytes() == data
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)


def test_diff_exits_0_and_prints_nothing_when_nothing_would_change(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(HEAD + "## Behandling\n", encoding="utf-8")
    assert run(["--diff", "--select", "HL304", "a.md"]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "No fixes to apply.\n")


def test_diff_keeps_crlf_in_the_lines_it_shows(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_bytes((HEAD + "## Behandling:\n").replace("\n", "\r\n").encode())
    assert run(["--diff", "--select", "HL304", "a.md"]) == 1
    assert capsys.readouterr().out.endswith(" \r\n-## Behandling:\r\n+## Behandling\r\n")


# -- standard input ----------------------------------------------------------------------


def test_stdin_with_fix_prints_the_fixed_bytes_and_reports_on_stderr(tmp_path):
    data = b"\xef\xbb\xbf" + (HEAD + "## Behandling:\n\n# Titel\n").replace("\n", "\r\n").encode()
    done = subprocess.run(
        [sys.executable, "-m", "healthlint", "check", "--fix", "--no-cache", "--today", TODAY, "--select", "HL302,HL304", "-"],
        input=data, capture_output=True, cwd=tmp_path, timeout=60,
    )
    assert done.stdout == data.replace(b"## Behandling:", b"## Behandling")
    err = done.stderr.decode()
    assert "-:9:3: HL302 body-h1 [error] [*] fixable (unsafe)" in err
    assert err.endswith("Fixed 1 problem in 1 file.\n")
    assert done.returncode == 1
    assert os.listdir(tmp_path) == []


# -- safe writing ----------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_a_file_changed_on_disk_before_the_write_is_left_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(HEAD + "## Behandling:\n", encoding="utf-8")
    edited = (HEAD + "## Behandling:\n\nNy tekst fra redaktøren.\n").encode()
    read_current = fix._read_current

    def someone_saves_first(target):
        path.write_bytes(edited)
        return read_current(target)

    monkeypatch.setattr(fix, "_read_current", someone_saves_first)
    assert run(["--fix", "--select", "HL304", "a.md"]) == 1
    assert path.read_bytes() == edited
    captured = capsys.readouterr()
    assert captured.err == "healthlint: a.md changed on disk while it was being fixed; it was left as it is\n"
    assert "a.md:7:14: HL304" in captured.out  # the report is on the file as it is now
    assert captured.out.endswith("No fixes applied.\n")
    assert _leftovers(tmp_path) == []


def test_a_crash_during_the_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    data = (HEAD + "## Behandling:\n").encode()
    path.write_bytes(data)

    def crash(*args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(RuntimeError):
        run(["--fix", "--select", "HL304", "a.md"])
    assert path.read_bytes() == data
    assert os.listdir(tmp_path) == ["a.md"]


def test_a_write_that_fails_is_reported_and_the_old_file_stays(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    data = (HEAD + "## Behandling:\n").encode()
    path.write_bytes(data)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert run(["--fix", "--select", "HL304", "a.md"]) == 1
    assert path.read_bytes() == data
    assert capsys.readouterr().err == "healthlint: a.md could not be written: No space left on device; it was left as it is\n"
    assert os.listdir(tmp_path) == ["a.md"]


def test_diff_of_standard_input_names_it_dash_and_writes_nothing(tmp_path, monkeypatch, capsys):
    import io

    monkeypatch.chdir(tmp_path)
    data = (HEAD + "## Behandling:\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(["--diff", "--select", "HL304", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        '--- -\n+++ -\n@@ -4,4 +4,4 @@\n lastUpdated: "12/10/2025"\n ---\n \n-## Behandling:\n+## Behandling\n'
    )
    assert captured.err == "Would fix 1 problem in 1 file.\n"
    assert os.listdir(tmp_path) == []
