#!/usr/bin/env python3
"""The pre-commit hook and a replayed full run, two versions timed in turns, each on its own copy.

    python bench/ab_hook_and_replay.py SITE RUNS OLD_SRC NEW_SRC

Like bench/ab_one_file.py, but each version gets its own copy of SITE (in /tmp/ab-old and
/tmp/ab-new): when the cache format changes, a shared site would have each version delete or
ignore the other's cache, and one of them would always run cold. Run with a Python that has
both versions' dependencies.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

py = sys.executable
env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
env.setdefault("PYTHONPYCACHEPREFIX", "/tmp/healthlint-bench/pycache")
site, runs, old, new = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
versions = {"old": (old, Path("/tmp/ab-old")), "new": (new, Path("/tmp/ab-new"))}
for _, copy in versions.values():
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".healthlint_cache"))
def hook(src, site):
    article = sorted((site / "ordbog").iterdir())[0]
    data = article.read_bytes()
    article.write_bytes(data[:-1] if data.endswith(b"\n\n") else data + b"\n")
    cmd = [py, "-m", "healthlint", "check", "--format", "json", "-o", os.devnull, "--today", "2026-01-01", str(article.relative_to(site))]
    t = time.perf_counter(); d = subprocess.run(cmd, cwd=site, env={**env, "PYTHONPATH": src}, capture_output=True); e = time.perf_counter() - t
    assert d.returncode in (0, 1), d.stderr
    return e
def full(src, site, out):
    cmd = [py, "-m", "healthlint", "check", ".", "--format", "json", "-o", out, "--today", "2026-01-01"]
    t = time.perf_counter(); d = subprocess.run(cmd, cwd=site, env={**env, "PYTHONPATH": src}, capture_output=True); e = time.perf_counter() - t
    assert d.returncode in (0, 1), d.stderr
    return e
for name, (src, site) in versions.items():
    full(src, site, f"/tmp/ab-{name}-full.json"); hook(src, site); time.sleep(2.1); hook(src, site)
times = {n: [] for n in versions}; replay = {n: [] for n in versions}
time.sleep(2.1)
for name, (src, site) in versions.items():
    full(src, site, f"/tmp/ab-{name}-full.json")
time.sleep(2.1)
for _ in range(runs):
    for name, (src, site) in versions.items():
        times[name].append(hook(src, site))
for name, (src, site) in versions.items():
    full(src, site, f"/tmp/ab-{name}-w.json")  # refresh after the hook edits
time.sleep(2.2)
for name, (src, site) in versions.items():
    full(src, site, f"/tmp/ab-{name}-w.json")
for _ in range(runs // 2):
    for name, (src, site) in versions.items():
        replay[name].append(full(src, site, f"/tmp/ab-{name}-r.json"))
for name in versions:
    v = sorted(times[name]); r = sorted(replay[name])
    print(f"{name}: hook median {statistics.median(v):.3f} s best {v[0]:.3f} s | warm replay (1000 files) median {statistics.median(r):.3f} s best {r[0]:.3f} s")
print("reports identical:", open("/tmp/ab-old-r.json","rb").read() == open("/tmp/ab-new-r.json","rb").read())
