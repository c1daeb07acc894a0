"""Every hostile input gives its exact diagnostic within a stated time and memory, through the
CLI with every rule on, and never a traceback, an internal error or a hang."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import hostile
import pytest

from healthlint import api
from healthlint.run import pipeline

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize("case", hostile.CASES, ids=[case.name for case in hostile.CASES])
def test_hostile_input(case, tmp_path):
    run = hostile.check_case(case, tmp_path)
    assert run.peak_mb < case.memory_mb, f"{case.name}: {run.peak_mb:.0f} MB"


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "ran"
    (tmp_path / "a.md").write_text(hostile.APPLY_TAG.format(marker=marker), "utf-8")
    (tmp_path / "b.md").write_text(hostile.OBJECT_TAG.format(marker=marker), "utf-8")
    run = hostile.run_cli(tmp_path, ".", "--select", "HL103")
    assert run.places() == [("HL103", 3, 6), ("HL103", 3, 6)]
    assert "YAML tags such as `!!python/object` are never run" in run.payload["diagnostics"][0]["message"]
    assert not marker.exists()


def test_all_hostile_inputs_in_one_tree_do_not_stop_each_other(tmp_path):
    # The small cases side by side in one run, with a good article last: each file gets its
    # own diagnostic and the good one is still checked.
    small = [c for c in hostile.CASES if c.seconds <= 10 and "50mb" not in c.name]
    for index, case in enumerate(small):
        folder = tmp_path / f"{index:02}-{case.name}"
        folder.mkdir()
        case.make(folder)
    (tmp_path / "zz-good.md").write_text('---\ntitle: "God"\n---\n\n#### For dybt\n', "utf-8")
    run = hostile.run_cli(tmp_path, ".", timeout=120)
    assert "Traceback" not in run.stderr and run.code == 1
    by_file: dict[str, set] = {}
    for d in run.payload["diagnostics"]:
        by_file.setdefault(d["path"].split("/")[0], set()).add((d["code"], d["line"], d["column"]))
    assert not any(code == "HL010" for found in by_file.values() for code, _, _ in found)
    for index, case in enumerate(small):
        found = {p for p in by_file.get(f"{index:02}-{case.name}", set()) if p[0].startswith(case.about)}
        assert found == set(case.expect), (case.name, found)
    assert ("HL301", 5, 6) in by_file["zz-good.md"]
    assert run.seconds < 60


# -- files that go away, change shape or cannot be read ------------------------------------


def test_a_file_deleted_between_discovery_and_reading_is_hl001_and_the_rest_go_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("", "utf-8")
    real_read = pipeline.read_file

    def read_after_deleting_b(path, max_size, boundary=None):
        if Path(path).name == "b.md":
            os.unlink(path)
        return real_read(path, max_size, boundary)

    monkeypatch.setattr(pipeline, "read_file", read_after_deleting_b)
    report = api.lint_paths(["."], api.Options(today=TODAY, select=["HL0"], jobs=1, cache=True))
    assert [(d.path, d.code, d.span.line, d.span.column) for d in report.diagnostics] == [
        ("a.md", "HL005", 1, 1),
        ("b.md", "HL001", 1, 1),
        ("c.md", "HL005", 1, 1),
    ]
    assert "No such file or directory" in report.diagnostics[1].message
    assert [r.path for r in report.files] == ["a.md", "b.md", "c.md"]


def test_a_file_replaced_by_a_folder_before_reading_is_hl001(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("", "utf-8")
    real_read = pipeline.read_file

    def read_after_swapping(path, max_size, boundary=None):
        os.unlink(path)
        os.mkdir(path)
        return real_read(path, max_size, boundary)

    monkeypatch.setattr(pipeline, "read_file", read_after_swapping)
    report = api.lint_paths(["."], api.Options(today=TODAY, select=["HL0"], jobs=1, cache=False))
    [d] = report.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("HL001", 1, 1)
    assert "folder, not a file" in d.message


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_is_hl001(tmp_path):
    # /proc/self/mem opens for its owner, root included, and reading offset 0 fails with EIO.
    (tmp_path / "z.md").write_text("", "utf-8")
    run = hostile.run_cli(tmp_path, "/proc/self/mem", "z.md", "--select", "HL0")
    assert [(d["path"], d["code"], d["line"], d["column"]) for d in run.payload["diagnostics"]] == [
        ("/proc/self/mem", "HL001", 1, 1),
        ("z.md", "HL005", 1, 1),
    ]


# Root reads any file, so the run drops to the `nobody` user after every module is imported
# (the interpreter under /root is not readable by `nobody`).
_AS_NOBODY = """
import os, sys
from healthlint.cli import main
main(["check", sys.argv[1], "--format", "json", "-o", os.devnull, "--no-cache"])  # imports everything
os.setgroups([]); os.setgid(65534); os.setuid(65534)
sys.exit(main(["check", ".", "--select", "HL0", "--format", "json", "--no-cache"]))
"""


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="needs POSIX users")
def test_permission_denied_is_hl001_even_when_the_tests_run_as_root():
    folder = Path(tempfile.mkdtemp(prefix="healthlint-perm-"))
    warm_folder = Path(tempfile.mkdtemp(prefix="healthlint-warm-"))  # alone: its site is one file
    try:
        folder.chmod(0o755)
        locked = folder / "locked.md"
        locked.write_text("---\ntitle: x\n---\n", "utf-8")
        locked.chmod(0)
        (folder / "z.md").write_text("", "utf-8")
        (folder / "z.md").chmod(0o644)
        warm = warm_folder / "warm.md"
        warm.write_text('---\ntitle: "x"\n---\n\n## A\n\nTekst.\n', "utf-8")
        if os.geteuid() != 0:
            with pytest.raises(PermissionError):
                locked.read_bytes()
            command = [sys.executable, "-m", "healthlint", "check", ".", "--select", "HL0", "--format", "json", "--no-cache"]
        else:
            command = [sys.executable, "-c", _AS_NOBODY, str(warm)]
        proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=60)
        assert "Traceback" not in proc.stderr, proc.stderr
        payload = json.loads(proc.stdout)
        assert [(d["path"], d["code"], d["line"], d["column"]) for d in payload["diagnostics"]] == [
            ("locked.md", "HL001", 1, 1),
            ("z.md", "HL005", 1, 1),
        ]
        assert "Permission denied" in payload["diagnostics"][0]["message"]
        assert proc.returncode == 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(warm_folder, ignore_errors=True)


# -- content that must not drive the terminal ---------------------------------------------

CONTROL_TITLE = '---\ntitle: "<script>alert(1)</script>\\e[2J\\e]0;pwned\\a\\x9b31m rød"\n---\n\n#### \x1b[31mOverskrift\x1b[0m <script>x()</script>\x07\x9b1m\n\nTekst med \x1b[5mblink\x1b[0m og \u202eomvendt.\n'


def _controls(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch not in "\n\t" and unicodedata.category(ch) == "Cc"})


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_escape_sequences_from_an_article_never_reach_the_terminal(tmp_path, fmt):
    (tmp_path / "a.md").write_text(CONTROL_TITLE, "utf-8")
    run = hostile.run_cli(tmp_path, "a.md", "--color", "never", fmt=fmt)
    assert "Traceback" not in run.stderr
    assert run.code == 1
    assert "HL301" in run.stdout  # the heading after the title is still checked
    assert _controls(run.stdout) == []
    assert _controls(run.stderr) == []
    assert "\\u001b" in run.stdout or "\\x1b" in run.stdout  # shown escaped, not dropped
    assert "<script>" in run.stdout  # plain text on a terminal: shown as written, quoted


def test_with_colour_the_only_escape_sequences_are_healthlints_own(tmp_path):
    import re

    (tmp_path / "a.md").write_text(CONTROL_TITLE, "utf-8")
    run = hostile.run_cli(tmp_path, "a.md", "--color", "always", fmt="full")
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)  # rich's SGR colour codes
    assert _controls(without_styles) == []
    assert "\x1b[2J" not in run.stdout and "\x1b]0;" not in run.stdout


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize(
    "bad, expected",
    [(b"ab\x00cd", ("HL002", 5, 3)), (b"l\xe6nden", ("HL003", 5, 2)), (b"ab\xed\xa0\x80", ("HL003", 5, 3))],
    ids=["nul", "latin-1", "surrogate"],
)
def test_the_place_of_a_bad_byte_is_the_same_for_every_line_ending(tmp_path, ending, bad, expected):
    # Found by test_pipeline_properties: with CR endings every bad byte was put on line 1.
    data = ending.join(["---", "title: x", "---", "", ""]).encode() + bad + ending.encode()
    (tmp_path / "a.md").write_bytes(data)
    report = api.lint_paths([tmp_path / "a.md"], api.Options(today=TODAY, select=["HL0"], cache=False))
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [expected]
