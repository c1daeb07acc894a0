#!/usr/bin/env python3
"""Cost per article in one process: every rule on N corpus files, after a warm-up.

    python bench/per_article.py CORPUS [N]            # CPU time per article: first pass, best later pass
    PROFILE=cumtime python bench/per_article.py CORPUS  # cProfile of the first pass, sorted by that column
    PASSES=2 PROFILE=tottime python bench/per_article.py CORPUS  # … of a later pass

Runs `Engine.lint_bytes` on bytes already read, so start-up, discovery, the cache, workers
and the report are left out: what remains is the per-article work the cold targets measure.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from datetime import date
from pathlib import Path


def main() -> int:
    folder = Path(sys.argv[1]).resolve()
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    os.chdir(folder)
    from healthlint.api import Options
    from healthlint.run.pipeline import engine_for as _engine
    from healthlint.run.pipeline import lint_data as _lint_data
    from healthlint.run.pipeline import resolve_config

    options = Options(today=date(2026, 1, 1), cache=False, jobs=1)
    config = resolve_config([Path(".")], options)
    engine = _engine(config, options)
    articles = [(path, path.read_bytes()) for path in sorted(Path(".").rglob("*.md"))[:count]]
    _lint_data(engine, config, *articles[0])  # dictionary, packs and caches loaded once

    def run() -> int:
        return sum(len(_lint_data(engine, config, path, data).diagnostics) for path, data in articles)

    if os.environ.get("PROFILE"):
        if os.environ.get("PASSES") == "2":
            run()  # profile a later pass: words already judged
        profile = cProfile.Profile()
        profile.runcall(run)
        pstats.Stats(profile).sort_stats(os.environ["PROFILE"]).print_stats(40)
        return 0
    # The first pass meets each word for the first time (dictionary lookups, compound
    # splits, suggestions), as a cold run does; later passes reuse the verdicts kept per
    # process, as the later articles of a large run mostly do.
    times = []
    for _ in range(3):
        started = time.process_time()
        found = run()
        times.append(time.process_time() - started)
    first, best = times[0], min(times[1:])
    print(
        f"{len(articles)} articles, {found} problems, CPU per article: {first / len(articles) * 1000:.2f} ms "
        f"in the first pass, {best / len(articles) * 1000:.2f} ms in the best later pass"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
