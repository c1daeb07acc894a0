"""Catastrophic regular expressions in a project's own rule pack (`rule-packs` in config):
refused at load when their shape is known to explode, stopped by the per-match timeout when it
is not, and bounded by the per-file time limit when each match is just under that timeout."""

from __future__ import annotations

import time

import hostile
import pytest

# Adversarial and property-based: thorough and slow; CI runs them, the quick suite does not.
pytestmark = pytest.mark.slow

PACK = """\
rules:
  - code: HL592
    name: house-pattern
    extends: existence
    level: warning
    summary: A pattern from the project (test-only).
    scope: paragraph
    patterns:
      - '{pattern}'
    message: Found “{{match}}”.
    why: It is a test.
"""


def project(tmp_path, pattern: str, article: str) -> None:
    (tmp_path / "house.yaml").write_text(PACK.format(pattern=pattern), "utf-8")
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["house.yaml"]\nselect = ["HL0", "HL592"]\n', "utf-8")
    (tmp_path / "long.md").write_text(article, "utf-8")
    (tmp_path / "z.md").write_text("", "utf-8")


@pytest.mark.parametrize("pattern", [r"(a+)+b", r"(\w+\s?)*!", r"(?:x*)*y", r"(a|b+)*c"])
def test_exponential_patterns_are_refused_when_the_pack_loads(tmp_path, pattern):
    project(tmp_path, pattern, "Tekst.\n")
    run = hostile.run_cli(tmp_path, ".", fmt="concise")
    assert run.code == 2
    assert f"house.yaml:9: the pattern `{pattern}` in `patterns` repeats a repeat" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_polynomial_pattern_on_a_long_paragraph_stops_at_the_match_timeout(tmp_path):
    # `(?:.*a){12}z` passes the shape check (a bounded repeat) but backtracks as n^12 on text
    # full of `a` with no `z`: the per-match timeout (0.25 s) stops the rule on this file.
    project(tmp_path, r"(?:.*a){12}z", "---\ntitle: x\n---\n\n" + "ab " * 20_000 + "\n")
    started = time.perf_counter()
    run = hostile.run_cli(tmp_path, ".", timeout=60)
    assert time.perf_counter() - started < 15
    assert run.code == 1 and "Traceback" not in run.stderr
    assert [(d["path"], d["code"], d["line"], d["column"]) for d in run.payload["diagnostics"]] == [
        ("long.md", "HL010", 1, 1),
        ("z.md", "HL005", 1, 1),
    ]
    message = run.payload["diagnostics"][0]["message"]
    assert message.startswith("Rule HL592 house-pattern stopped on this file: ")
    assert "Please report" not in message  # the pack's author can fix it; it is not healthlint's bug
    assert "the pattern '(?:.*a){12}z' (house.yaml:9) took more than 0.25 s on one passage" in message
    assert "avoid nested or overlapping repeats" in message


def test_a_pattern_just_under_the_match_timeout_on_every_paragraph_is_stopped_by_the_time_limit(tmp_path):
    # About 0.05 s a paragraph × 2,000 paragraphs would be 100 s; the file stops at 2 s.
    project(tmp_path, r"(?:.*a){8}z", "---\ntitle: x\n---\n\n" + ("ab " * 60 + "\n\n") * 2000)
    (tmp_path / "healthlint.toml").write_text(
        'rule-packs = ["house.yaml"]\nselect = ["HL0", "HL592"]\ntime-limit = 2\n', "utf-8"
    )
    started = time.perf_counter()
    run = hostile.run_cli(tmp_path, ".", timeout=60)
    assert time.perf_counter() - started < 15
    assert [(d["path"], d["code"], d["line"], d["column"]) for d in run.payload["diagnostics"]] == [
        ("long.md", "HL006", 1, 1),
        ("z.md", "HL005", 1, 1),
    ]
    assert "longer than 2 s (`time-limit`)" in run.payload["diagnostics"][0]["message"]
