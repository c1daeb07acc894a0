"""A branch may commit anything under `.healthlint_cache/`: nothing read from there may run
code, forge a result, or make healthlint write or delete outside the project."""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

from security.cli import BAD_ARTICLE, TODAY, PicklePayload, healthlint, no_traceback

CHECK = ("check", "--format", "json", "--today", TODAY, "--jobs", "1")


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    (project / "ordbog").mkdir(parents=True)
    (project / "healthlint.toml").write_text("", encoding="utf-8")
    (project / "ordbog" / "knae.md").write_text(BAD_ARTICLE, encoding="utf-8")
    (project / "ordbog" / "ryg.md").write_text(BAD_ARTICLE.replace("knæet og", "ryggen og"), encoding="utf-8")
    # Older than the racy window, so cached entries are trusted by mtime and size alone.
    old = time.time() - 3600
    for path in (project / "ordbog").iterdir():
        os.utime(path, (old, old))
    return project


def _cache_files(project: Path) -> list[Path]:
    return sorted(p for p in (project / ".healthlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore")


def test_a_planted_pickle_in_every_cache_file_runs_no_code_and_changes_no_result(tmp_path):
    project = _project(tmp_path)
    first = healthlint(project, *CHECK, "-o", "first.json")
    assert first.returncode == 1
    planted = _cache_files(project)
    assert planted, "the first run keeps a cache"
    marker = tmp_path / "owned"
    for path in planted:
        path.write_bytes(pickle.dumps(PicklePayload(marker)))
    second = healthlint(project, *CHECK, "-o", "second.json")
    no_traceback(second)
    assert not marker.exists(), "a file under .healthlint_cache ran code"
    assert second.returncode == 1
    assert (project / "second.json").read_bytes() == (project / "first.json").read_bytes()


def _forge_clean(path: Path) -> bool:
    """Rewrite a results shard so that every cached file has no problems; True if it was one."""
    data = path.read_bytes()
    try:
        shard = pickle.loads(data)  # the format up to 0.1: pickle
    except Exception:
        shard = None
    if isinstance(shard, dict) and isinstance(shard.get("entries"), dict):
        for key, entry in shard["entries"].items():
            mtime, size, digest, racy, blob = entry
            value = pickle.loads(blob)
            value.diagnostics = []
            shard["entries"][key] = (mtime, size, digest, racy, pickle.dumps(value))
        path.write_bytes(pickle.dumps(shard))
        return True
    import msgspec

    try:
        shard = msgspec.msgpack.decode(data)
    except msgspec.DecodeError:
        return False
    # [format, {path: [mtime, size, digest, racy, encoded result]}]
    entries = shard[1] if isinstance(shard, list) and len(shard) == 2 else None
    if not isinstance(entries, dict):
        return False
    for key, entry in entries.items():
        value = msgspec.msgpack.decode(entry[-1])
        value["diagnostics"] = []
        entry[-1] = msgspec.msgpack.encode(value)
    path.write_bytes(msgspec.msgpack.encode(shard))
    return True


def test_a_committed_cache_with_the_problems_removed_does_not_turn_a_failure_into_a_pass(tmp_path):
    """The attacker lints the branch on their own machine, removes the problems from the
    results and commits `.healthlint_cache/`; CI (another user, another home) must still fail."""
    project = _project(tmp_path)
    attacker = healthlint(project, *CHECK, home=tmp_path / "attacker")
    assert attacker.returncode == 1
    forged = 0
    for path in _cache_files(project):
        if path.name.startswith("replay-"):
            path.unlink()  # a stored report would be replayed as it is: drop it
        elif _forge_clean(path):
            forged += 1
    assert forged, "the attacker found results to forge"
    ci = healthlint(project, *CHECK, home=tmp_path / "ci")
    no_traceback(ci)
    assert ci.returncode == 1
    codes = sorted((d["path"], d["code"], d["line"], d["column"]) for d in json.loads(ci.stdout)["diagnostics"] if d["code"] == "HL110")
    assert codes == [("ordbog/knae.md", "HL110", 4, 1), ("ordbog/ryg.md", "HL110", 4, 1)]


def test_a_cache_folder_that_is_a_symlink_is_refused_and_nothing_outside_is_written_or_deleted(tmp_path):
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    (outside / "results-0123456789abcdef").mkdir(parents=True)
    for name in ("results-a", "results-b", "results-c", "results-d", "results-e"):
        (outside / name).mkdir()
        (outside / name / "keep.txt").write_text("mine", encoding="utf-8")
    (outside / "notes.txt").write_text("mine", encoding="utf-8")
    (project / ".healthlint_cache").symlink_to(outside, target_is_directory=True)
    before = sorted(str(p.relative_to(outside)) for p in outside.rglob("*"))
    done = healthlint(project, *CHECK)
    no_traceback(done)
    assert done.returncode == 1
    assert b".healthlint_cache" in done.stderr and b"symbolic link" in done.stderr
    assert sorted(str(p.relative_to(outside)) for p in outside.rglob("*")) == before
    cleaned = healthlint(project, "clean")
    no_traceback(cleaned)
    assert sorted(str(p.relative_to(outside)) for p in outside.rglob("*")) == before


def test_temporary_files_a_killed_run_left_are_removed_after_an_hour_and_a_running_ones_kept(tmp_path):
    project = _project(tmp_path)
    assert healthlint(project, *CHECK).returncode == 1
    folders = [project / ".healthlint_cache", *(p for p in (project / ".healthlint_cache").iterdir() if p.is_dir())]
    hour_ago = time.time() - 3700
    left, running = [], []
    for number, folder in enumerate(folders):
        old = folder / f".00.msgpack.{number:012x}.tmp"
        old.write_bytes(b"half a file")
        os.utime(old, (hour_ago, hour_ago))
        left.append(old)
        fresh = folder / f".01.msgpack.{number:012x}.tmp"
        fresh.write_bytes(b"being written")
        running.append(fresh)
    # An edit, so the run writes its cache again.
    article = project / "ordbog" / "knae.md"
    article.write_text(BAD_ARTICLE + "\nEn linje mere.\n", encoding="utf-8")
    assert healthlint(project, *CHECK).returncode == 1
    assert [p for p in left if p.exists()] == []
    assert [p for p in running if not p.exists()] == []
