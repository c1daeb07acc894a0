"""The report does not depend on how it was computed: one process, two worker processes, or
the results cache. Run on a generated corpus of 60 articles (bench/generate.py) with every rule."""

from __future__ import annotations

import concurrent.futures
import importlib.util
from pathlib import Path

import pytest

from healthlint import cli
from healthlint.run import runner

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("determinism") / "site"
    manifest = _generator().build(folder, files=60, seed=7)
    assert manifest["files"] == 60 and manifest["defects"]["unpadded-date"] > 0
    return folder


class _CountingPool(concurrent.futures.ProcessPoolExecutor):
    workers: list[int] = []

    def __init__(self, max_workers=None, **kwargs):
        _CountingPool.workers.append(max_workers)
        super().__init__(max_workers=max_workers, **kwargs)


def _check(monkeypatch, capsys, corpus: Path, fmt: str, *extra: str) -> str:
    monkeypatch.chdir(corpus)
    code = cli.main(["check", ".", "--format", fmt, "--today", "2026-01-01", *extra])
    assert code == 1  # the corpus has injected errors (heading jumps, broken tables)
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_same_output_with_one_process_two_processes_and_a_warm_cache(corpus, fmt, monkeypatch, capsys):
    # 60 files would otherwise stay in one process (runner.MIN_FILES_PER_PROCESS); make the
    # run really use two workers, and prove it did.
    monkeypatch.setattr(runner, "MIN_FILES_PER_PROCESS", 4)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _CountingPool)
    _CountingPool.workers = []
    from healthlint.run import cache

    cache.clean(corpus)

    one = _check(monkeypatch, capsys, corpus, fmt, "--no-cache", "--jobs", "1")
    assert _CountingPool.workers == []
    two = _check(monkeypatch, capsys, corpus, fmt, "--no-cache", "--jobs", "2")
    assert _CountingPool.workers == [2]

    filled = _check(monkeypatch, capsys, corpus, fmt, "--jobs", "2")  # computes and writes the cache
    assert list((corpus / ".healthlint_cache").glob("results-*/*.msgpack"))

    def no_linting(paths, make_lint, jobs):
        assert list(paths) == [], "a warm cache should lint nothing again"
        return []

    monkeypatch.setattr(runner, "run", no_linting)
    warm = _check(monkeypatch, capsys, corpus, fmt, "--jobs", "2")

    assert one.count("HL301") > 0 and one.count("HL401") > 0
    assert two == one
    assert filled == one
    assert warm == one
