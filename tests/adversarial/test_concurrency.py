"""Runs that overlap or are cut short: two runs at once on one tree with the cache on, a run
stopped with Ctrl-C (SIGINT) half-way, and `--fix` killed between writing and renaming. None
leaves a corrupt cache, a temporary file, or a half-written article."""

from __future__ import annotations

import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parents[1] / "data" / "seed-article.md"
CHECK = [sys.executable, "-m", "healthlint", "check", ".", "--format", "json", "--today", "2026-01-01"]


def make_site(folder: Path, count: int) -> dict[str, bytes]:
    """`count` articles made from the seed, each a little different, some with a fixable date."""
    seed = SEED.read_text("utf-8")
    files = {}
    for i in range(count):
        text = seed.replace("Hekseskud i lænden", f"Hekseskud nummer {i}", 1)
        if i % 3 == 0:
            text = text.replace('lastUpdated: "12/10/2025"', 'lastUpdated: "2/10/2025"')  # HL121: unpadded
        name = f"artikel-{i:03}.md"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        files[name] = data
    (folder / "healthlint.toml").write_text("", "utf-8")  # the cache lives here, beside the config
    return files


def leftovers(folder: Path) -> list[str]:
    """Temporary files anywhere under the folder (atomic writes use `.NAME.*.tmp`)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith(".tmp") or ".tmp" in p.suffixes)


def cache_is_whole(folder: Path) -> None:
    cache = folder / ".healthlint_cache"
    if not cache.exists():
        return
    for path in cache.rglob("*.pickle"):  # the results are shards in a folder
        with open(path, "rb") as handle:
            data = pickle.load(handle)  # a torn write would fail here
        # the results, the site index (columns, one entry per file), or a replay
        assert isinstance(data, dict) and ("entries" in data or "keys" in data or "inputs" in data)
        if "keys" in data:  # loads whole, not as the empty index a damaged one gives
            from healthlint.site.index import SiteIndex

            index = SiteIndex.load(path)
            assert len(index) > 0 and len(index.rel_paths) == len(index.mtimes) == len(index.keys)


def reference(folder: Path) -> dict:
    proc = subprocess.run([*CHECK, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr  # the seed has warnings, no errors
    return json.loads(proc.stdout)


def test_two_runs_at_once_with_the_cache_agree_and_leave_a_whole_cache(tmp_path):
    make_site(tmp_path, 60)
    expected = reference(tmp_path)
    procs = [
        subprocess.Popen([*CHECK, "--jobs", str(jobs)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for jobs in (1, 2)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0 and "Traceback" not in err, err
        assert json.loads(out) == expected
    cache_is_whole(tmp_path)
    assert leftovers(tmp_path) == []
    warm = subprocess.run(CHECK, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert json.loads(warm.stdout) == expected  # what the two runs cached is right


@pytest.mark.parametrize("whole_group", [False, True], ids=["parent-only", "process-group"])
def test_ctrl_c_half_way_exits_130_and_leaves_no_temp_files_and_a_usable_cache(tmp_path, whole_group):
    make_site(tmp_path, 150)
    expected = reference(tmp_path)
    # Interrupt at several moments: while importing, while linting, around the cache write.
    for delay in (0.3, 1.0, 2.0, 3.5):
        proc = subprocess.Popen(
            [*CHECK, "--jobs", "2"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True,
        )
        time.sleep(delay)
        if whole_group:
            os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: every process of the run
        else:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        # 130: stopped by the signal. 0: it had finished. -SIGINT: the signal came while the
        # interpreter was shutting down, after the report was written, and Python then exits
        # as killed by SIGINT (a shell shows 130 for both).
        assert proc.returncode in (130, 0, -signal.SIGINT), (delay, proc.returncode, err)
        assert "Traceback" not in err, err
        if proc.returncode == 130:
            assert "healthlint: interrupted" in err
        if out.strip():  # whatever was printed is the whole report
            assert json.loads(out) == expected
        else:
            assert proc.returncode != 0
        assert leftovers(tmp_path) == []
        cache_is_whole(tmp_path)
    warm = subprocess.run(CHECK, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert json.loads(warm.stdout) == expected


def _fix_command(name: str) -> list[str]:
    return [sys.executable, "-m", "healthlint", "check", name, "--fix", "--no-cache", "--today", "2026-01-01", "--format", "concise"]


def test_fix_killed_between_write_and_rename_leaves_the_old_file(tmp_path):
    files = make_site(tmp_path, 1)
    [(name, before)] = files.items()
    signal_file = tmp_path / "paused"
    env = {**os.environ, "HEALTHLINT_TEST_PAUSE_BEFORE_RENAME": str(signal_file)}
    proc = subprocess.Popen(_fix_command(name), cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not signal_file.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert signal_file.exists(), proc.communicate()
    temporary = Path(signal_file.read_text("utf-8"))
    assert temporary.parent == tmp_path and temporary.exists()
    proc.kill()  # SIGKILL: nothing of ours runs after this
    proc.communicate(timeout=30)
    assert (tmp_path / name).read_bytes() == before  # the old file, whole
    fixed = temporary.read_bytes()
    assert fixed != before and b'lastUpdated: "02/10/2025"' in fixed  # the new text was complete in the temp file
    # The hidden temporary file is not an article: the next run neither lints nor trips on it.
    proc = subprocess.run(_fix_command("."), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    assert (tmp_path / name).read_bytes() == fixed
    assert not any(line.startswith(".") for line in proc.stdout.splitlines())


def test_fix_interrupted_between_write_and_rename_removes_its_temporary_file(tmp_path):
    files = make_site(tmp_path, 1)
    [(name, before)] = files.items()
    signal_file = tmp_path / "paused"
    env = {**os.environ, "HEALTHLINT_TEST_PAUSE_BEFORE_RENAME": str(signal_file)}
    proc = subprocess.Popen(_fix_command(name), cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not signal_file.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "healthlint: interrupted" in err
    assert (tmp_path / name).read_bytes() == before
    assert leftovers(tmp_path) == []


def test_fix_killed_at_random_moments_never_leaves_half_a_file(tmp_path):
    files = make_site(tmp_path, 12)
    fixed = {}
    # What each file becomes when --fix runs to the end (in a copy).
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, data in files.items():
        (copy / name).write_bytes(data)
    subprocess.run(_fix_command("."), cwd=copy, capture_output=True, timeout=300)
    for name in files:
        fixed[name] = (copy / name).read_bytes()
    assert all(fixed[n] != files[n] for n in files)  # each has something to fix
    rng = random.Random(7)
    for _ in range(8):
        proc = subprocess.Popen(_fix_command("."), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.kill()
        proc.wait(timeout=30)
        for name in files:
            assert (tmp_path / name).read_bytes() in (files[name], fixed[name]), name
        for leftover in leftovers(tmp_path):
            (tmp_path / leftover).unlink()  # SIGKILL cannot clean up; the next kill starts clean
