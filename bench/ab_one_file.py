#!/usr/bin/env python3
"""The pre-commit path of two versions of healthlint, timed in turns on the same site.

    python bench/ab_one_file.py SITE RUNS old=/path/to/old/src new=/path/to/new/src

This machine's speed drifts by a third within minutes, so two versions timed one after the
other cannot be compared; here each round edits the site's first `ordbog/` article (adds or
drops a trailing blank line) and runs `healthlint check` on it once per version, in turns,
and the medians are compared. Each version is imported from its `src` folder (PYTHONPATH),
so a `git worktree` of an older commit serves as `old`. Each keeps its own cache (the cache
key holds the build), warmed by two runs 2 s apart before the timing starts. To time the
hook after a full run, run `healthlint check .` with each version in SITE first.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    site, runs = Path(sys.argv[1]).resolve(), int(sys.argv[2])
    versions = dict(arg.split("=", 1) for arg in sys.argv[3:])
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", "/tmp/healthlint-bench/pycache")
    article = sorted((site / "ordbog").iterdir())[0]

    def one_run(src: str) -> float:
        data = article.read_bytes()
        article.write_bytes(data[:-1] if data.endswith(b"\n\n") else data + b"\n")
        command = [sys.executable, "-m", "healthlint", "check", "--format", "json", "-o", os.devnull, "--today", "2026-01-01", str(article.relative_to(site))]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=site, env={**env, "PYTHONPATH": src}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"{src}: exit {done.returncode}\n{done.stderr.decode(errors='replace')}")
        return elapsed

    for src in versions.values():
        one_run(src)
        time.sleep(2.1)  # past the racy window, so the site index is trusted by mtime
        one_run(src)
    times: dict[str, list[float]] = {name: [] for name in versions}
    for _ in range(runs):
        for name, src in versions.items():
            times[name].append(one_run(src))
    imports = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import markdown_it, frontmatter"], env=env, check=True)
        imports.append(time.perf_counter() - start)
    for name, values in times.items():
        values.sort()
        print(f"{name:>8}: median {statistics.median(values):.3f} s, best {values[0]:.3f} s, first quartile {values[len(values) // 4]:.3f} s ({runs} runs)")
    print(f"{'imports':>8}: best {min(imports):.3f} s (python -c 'import markdown_it, frontmatter')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
