"""Replay: an unchanged site's report is written again without linting; any change lints."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from healthlint import api
from healthlint.cli import main
from healthlint.run import cache, pipeline

CONFIG = 'select = ["HL304", "HL221"]\n'


def article(title: str, heading: str) -> str:
    return f'---\ntitle: "{title}"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n---\n\n## {heading}\n\nTekst.\n'


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("healthlint.cli.REPLAY_MIN_FILES", 1)  # a small site stands for a large one
    # Files made by the test are seconds old: let the replay trust their mtimes at once.
    monkeypatch.setattr(cache, "RACY_NS", 0)
    (tmp_path / "healthlint.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "a.md").write_text(article("Knæ", "Behandling:"), encoding="utf-8")
    (tmp_path / "b.md").write_text(article("Ryg", "Behandling"), encoding="utf-8")
    return tmp_path


CLEAN = (0, "Checked 2 files: no problems found.\n")


def check(*extra: str) -> tuple[int, str]:
    out = Path("out.json")
    code = main(["check", ".", "--format", "concise", "--fail-on", "warning", "-o", str(out), *extra])
    return code, out.read_text(encoding="utf-8")


def no_linting(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("linted although nothing changed")

    monkeypatch.setattr(api, "lint_paths", refuse)


def test_an_unchanged_site_replays_the_report_and_exit_code_without_linting(site, monkeypatch):
    first = check()
    assert first[0] == 1 and "a.md:7:14: HL304" in first[1]
    assert len(list((site / ".healthlint_cache").glob("replay-*.bin"))) == 1
    no_linting(monkeypatch)
    assert check() == first


def test_an_edit_that_keeps_size_and_mtime_is_linted_again(site, monkeypatch):
    check()
    path = site / "a.md"
    stamp = os.stat(path).st_mtime_ns
    path.write_text(article("Knæ", "Behandlinger"), encoding="utf-8")  # same size
    os.utime(path, ns=(stamp, stamp))  # same mtime; the ctime still moves
    assert check() == CLEAN


def test_a_new_file_in_the_site_is_linted_and_seen_by_the_site_rules(site):
    check()
    (site / "c.md").write_text(article("Knæ", "Behandling"), encoding="utf-8")
    code, text = check()
    assert code == 1
    assert "c.md:2:9: HL221" in text and "a.md:2:9: HL221" in text


def test_other_options_or_settings_do_not_replay_another_commands_report(site, monkeypatch):
    check()
    assert check("--ignore", "HL304") == CLEAN
    code, text = check("--exit-zero")
    assert code == 0 and "HL304" in text
    (site / "healthlint.toml").write_text('select = ["HL221"]\n', encoding="utf-8")
    assert check() == CLEAN


def test_a_word_list_edit_is_an_input_of_cached_results_and_the_replay(site):
    (site / "healthlint.toml").write_text(
        'select = ["HL610"]\n[spelling]\nwords-files = ["ord.txt"]\n',
        encoding="utf-8",
    )
    (site / "ord.txt").write_text("\n", encoding="utf-8")
    (site / "a.md").write_text(article("Knæ", "Behandlng"), encoding="utf-8")
    code, text = check()
    assert code == 1 and "a.md:7:4: HL610" in text
    (site / "ord.txt").write_text("behandlng\n", encoding="utf-8")
    assert check() == CLEAN


def test_a_damaged_replay_is_ignored(site):
    first = check()
    for stored in (site / ".healthlint_cache").glob("replay-*.bin"):
        stored.write_bytes(b"\xc1 not msgpack")
    assert check() == first


def test_inputs_changed_moments_ago_are_not_replayed(site, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 3600 * 10**9)
    check()
    assert not list((site / ".healthlint_cache").glob("replay-*.bin"))


def test_a_run_over_a_few_files_is_not_replayed(site, monkeypatch):
    monkeypatch.setattr("healthlint.cli.REPLAY_MIN_FILES", 3)
    check()
    assert not list((site / ".healthlint_cache").glob("replay-*.bin"))


def test_no_replay_without_the_cache_or_with_a_baseline(site, monkeypatch):
    check("--no-cache")
    assert not (site / ".healthlint_cache").exists()
    main(["check", ".", "--write-baseline", "base.json"])
    check("--baseline", "base.json")
    assert not list((site / ".healthlint_cache").glob("replay-*.bin"))


def test_a_run_with_a_file_stopped_at_a_limit_is_not_kept(site, monkeypatch):
    # HL006/HL007 depend on the machine's load, so such a report is never replayed.
    from healthlint.run import limits

    def too_slow(bounds, fn, *args):
        raise limits.FileTimeLimit("Checking this file took too long.")

    monkeypatch.setattr(limits, "call", too_slow)
    code, text = check("--extend-select", "HL006")
    assert code == 1 and "a.md:1:1: HL006" in text
    assert not list((site / ".healthlint_cache").glob("replay-*.bin"))


def test_the_time_and_memory_limits_given_are_inputs(site):
    digest = lambda **limits: pipeline.inputs_digest(pipeline.plan(["."], api.Options(**limits)))[0]  # noqa: E731
    assert len({digest(), digest(time_limit=30), digest(memory_limit=500)}) == 3
