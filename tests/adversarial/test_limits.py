"""Per-file time and memory limits: a rule that hangs or eats memory stops that file with HL006
or HL007, and every other file is still linted (in one process and in worker processes)."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from fakerules import use_fake_rules

from healthlint import api
from healthlint.config import ConfigError, load_config
from healthlint.diagnostic import Severity
from healthlint.ruleset.rule import rule
from healthlint.run import limits, pipeline

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

TODAY = date(2026, 1, 1)
SELECT = ["HL0", "HL901", "HL981", "HL982"]


@rule("HL981", "slow-on-marker", Severity.WARNING, tags=("testing",))
def slow_on_marker(doc, ctx):
    """Sleeps a minute on a file that holds SLOW (test-only).

    **Why this matters**: it stands for a rule that hangs on hostile input.

    **Fix safety**: no automatic fix.
    """
    if "SLOW" in doc.text:
        time.sleep(60)
    if "SPIN" in doc.text:
        while True:  # pure Python, never blocks in a system call
            pass
    yield from ()


@rule("HL982", "huge-on-marker", Severity.WARNING, tags=("testing",))
def huge_on_marker(doc, ctx):
    """Allocates 4 GB, 64 MB at a time, on a file that holds HUGE (test-only).

    **Why this matters**: it stands for a rule whose memory grows without bound.

    **Fix safety**: no automatic fix.
    """
    if "HUGE" in doc.text:
        hoard = [bytearray(64 << 20) for _ in range(64)]
        del hoard
    yield from ()


def files(folder: Path, names: dict[str, str]) -> None:
    for name, text in names.items():
        (folder / name).write_text(text, "utf-8")


def places(report) -> list[tuple[str, str, int, int]]:
    return [(d.path, d.code, d.span.line, d.span.column) for d in report.diagnostics]


@pytest.fixture
def fake(monkeypatch, tmp_path):
    use_fake_rules(monkeypatch, slow_on_marker, huge_on_marker)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def options(**kwargs) -> api.Options:
    return api.Options(today=TODAY, select=SELECT, jobs=1, cache=False, **kwargs)


def test_a_hanging_rule_stops_that_file_with_hl006_and_the_others_are_linted(fake):
    files(fake, {"a.md": "SLOW\n", "b.md": "FLAG\n", "c.md": "SPIN\n", "d.md": "x FLAG\n"})
    started = time.perf_counter()
    report = api.lint_paths(["."], options(time_limit=0.5))
    elapsed = time.perf_counter() - started
    assert places(report) == [
        ("a.md", "HL006", 1, 1),
        ("b.md", "HL901", 1, 1),
        ("c.md", "HL006", 1, 1),
        ("d.md", "HL901", 1, 3),
    ]
    message = report.diagnostics[0].message
    assert "longer than 0.5 s (`time-limit`)" in message and "the other files were" in message
    assert report.diagnostics[0].severity is Severity.ERROR
    assert elapsed < 5, elapsed


def test_a_rule_that_eats_memory_stops_that_file_with_hl007_and_the_others_are_linted(fake):
    files(fake, {"a.md": "HUGE\n", "b.md": "FLAG\n"})
    before = resource.getrlimit(resource.RLIMIT_AS)
    report = api.lint_paths(["."], options(memory_limit=256))
    assert places(report) == [("a.md", "HL007", 1, 1), ("b.md", "HL901", 1, 1)]
    assert "more than 256 MB of memory (`memory-limit`)" in report.diagnostics[0].message
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # the process's own limit is back


def test_limits_hold_in_worker_processes(fake):
    # 60 files is enough for two worker processes (forked: they carry the test rules).
    names = {f"f{i:02}.md": "FLAG\n" for i in range(60)}
    names["f10.md"], names["f40.md"] = "SLOW\n", "HUGE\n"
    files(fake, names)
    report = api.lint_paths(["."], api.Options(today=TODAY, select=SELECT, jobs=2, cache=False, time_limit=3, memory_limit=256))
    got = places(report)
    assert ("f10.md", "HL006", 1, 1) in got and ("f40.md", "HL007", 1, 1) in got
    assert [p for p in got if p[1] == "HL901"] == [(name, "HL901", 1, 1) for name in sorted(names) if name not in ("f10.md", "f40.md")]


def test_a_file_under_its_limit_is_cached_and_one_that_hit_it_is_not(fake, monkeypatch):
    files(fake, {"a.md": "SLOW\n", "b.md": "FLAG\n"})
    first = api.lint_paths(["."], api.Options(today=TODAY, select=SELECT, jobs=1, time_limit=0.3))
    assert [p[1] for p in places(first)] == ["HL006", "HL901"]
    (fake / "a.md").write_text("FLAG\n", "utf-8")  # no longer slow: it must be linted again
    second = api.lint_paths(["."], api.Options(today=TODAY, select=SELECT, jobs=1, time_limit=0.3))
    assert places(second) == [("a.md", "HL901", 1, 1), ("b.md", "HL901", 1, 1)]


def test_zero_turns_the_limits_off_and_the_timer_is_left_as_it_was(fake):
    files(fake, {"a.md": "FLAG\n"})
    previous = signal.getsignal(signal.SIGALRM)
    report = api.lint_paths(["."], options(time_limit=0, memory_limit=0))
    assert places(report) == [("a.md", "HL901", 1, 1)]
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_outer_timer_keeps_running_after_a_bounded_call():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        assert limits.call(limits.Limits(time=1, memory=0), sum, [1, 2]) == 3
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4 < remaining <= 5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_time_limit_outside_the_main_thread_runs_unbounded_rather_than_failing():
    import threading

    out = []
    thread = threading.Thread(target=lambda: out.append(limits.call(limits.Limits(time=0.1, memory=0), lambda: (time.sleep(0.3), "done")[1])))
    thread.start()
    thread.join()
    assert out == ["done"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("time-limit = -1", "`time-limit`: must be a number of seconds from 0 to 3600"),
        ('time-limit = "10"', "`time-limit`: must be a number of seconds from 0 to 3600"),
        ("memory-limit = 1.5", "`memory-limit`: must be a whole number of megabytes from 0 to 1,048,576"),
        ("memory-limit = true", "`memory-limit`: must be a whole number of megabytes from 0 to 1,048,576"),
    ],
)
def test_bad_limits_in_config_are_config_errors_naming_the_key(tmp_path, line, message):
    (tmp_path / "healthlint.toml").write_text(line + "\n", "utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(None, tmp_path, tmp_path)
    assert message in str(error.value)


def test_limits_come_from_config_and_the_command_line_wins(tmp_path):
    (tmp_path / "healthlint.toml").write_text("time-limit = 2.5\nmemory-limit = 300\n", "utf-8")
    config = load_config(None, tmp_path, tmp_path)
    assert pipeline.file_limits(config, api.Options()) == limits.Limits(time=2.5, memory=300)
    assert pipeline.file_limits(config, api.Options(time_limit=0, memory_limit=50)) == limits.Limits(time=0, memory=50)
    assert pipeline.file_limits(load_config(None, tmp_path / "..", tmp_path), api.Options()).time in (2.5, 10.0)


def test_cli_flags_reach_the_run_and_bad_values_are_usage_errors(tmp_path):
    # A project pack pattern that is slow on every paragraph (about 0.05 s each, under the
    # pattern timeout) makes a file slow without any test rule: the CLI's --time-limit stops it.
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, "utf-8")
    # (The pack's rule is selected in config: `--select HL591` is refused before packs are loaded.)
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["slow.yaml"]\nselect = ["HL0", "HL591"]\n', "utf-8")
    (tmp_path / "slow.md").write_text("---\ntitle: x\n---\n\n" + ("ab " * 60 + "\n\n") * 2000, "utf-8")
    (tmp_path / "z.md").write_text("", "utf-8")
    args = [sys.executable, "-m", "healthlint", "check", ".", "--format", "concise", "--no-cache"]
    started = time.perf_counter()
    proc = subprocess.run([*args, "--time-limit", "1.5"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 20
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("slow.md:1:1: HL006 Checking this file took longer than 1.5 s (`time-limit`)")
    assert lines[1].startswith("z.md:1:1: HL005 ")
    bad = subprocess.run([*args, "--memory-limit", "lots"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "argument --memory-limit: 'lots': must be a whole number of megabytes from 0 to 1,048,576" in bad.stderr


SLOW_PACK = """\
rules:
  - code: HL591
    name: slow-pattern
    extends: existence
    level: warning
    summary: A pattern that backtracks polynomially (test-only).
    scope: paragraph
    patterns:
      - '(?:.*a){8}z'
    message: Found “{match}”.
    why: It exists to be slow.
"""


def test_running_out_of_memory_without_a_limit_of_ours_says_so(fake):
    files(fake, {"a.md": "HUGE\n", "b.md": "FLAG\n"})
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    from healthlint.run.limits import _address_space

    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + (256 << 20), hard))  # as `ulimit -v` would
    try:
        report = api.lint_paths(["."], options(memory_limit=0))
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert places(report) == [("a.md", "HL007", 1, 1), ("b.md", "HL901", 1, 1)]
    assert report.diagnostics[0].message.startswith("Checking this file ran out of memory, so it was stopped")
