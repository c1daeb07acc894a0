"""Readability rules on the seed article: LIX, hot spots, long sentences and words, exact positions."""

from __future__ import annotations

import json
from datetime import date

from helpers import SEED, lint_alone

from healthlint.cli import main


def test_seed_lix_and_every_hot_spot():
    # The published seed article is evenly written: no paragraph stands 20 above the rest
    # (its hardest, LIX 63, is under the 65 of a hot spot), and no word has over 25 letters.
    found = lint_alone(SEED, select=["readability"], today=date(2026, 1, 1))
    assert sorted((d.code, d.span.line, d.span.column) for d in found) == [
        ("HL601", 2, 9),
        ("HL603", 8, 1),
        ("HL603", 8, 259),
        ("HL603", 11, 161),
        ("HL603", 23, 129),
        ("HL603", 29, 1),
        ("HL603", 67, 13),
        ("HL603", 81, 1),
    ]
    [lix] = [d for d in found if d.code == "HL601"]
    assert lix.message.startswith("The article's LIX is 47,5 (svær), above 45,0")
    assert all(d.severity.label in ("warning", "info") for d in found)


def test_lix_metrics_in_json(capsys):
    code = main(["check", str(SEED), "--select", "HL6", "--format", "json", "--today", "2026-01-01", "--no-cache"])
    assert code == 0
    metrics = json.loads(capsys.readouterr().out)["files"][0]["metrics"]
    assert (metrics["lix"], metrics["lix_band"], metrics["words"], metrics["sentences"], metrics["long_words"]) == (
        47.5,
        "svær",
        1158,
        79,
        380,
    )
    first_sections = [(s["line"], s["heading"], s["lix"]) for s in metrics["sections"][:3]]
    assert first_sections == [
        (8, None, 51.8),
        (10, "Hvad er hekseskud i lænden?", 57.0),
        (13, "Hvordan opstår et hekseskud i lænden?", 45.3),
    ]


def test_lix_limit_is_configurable(tmp_path):
    from healthlint.config import parse_config

    config = parse_config({"rules": {"lix-too-high": {"max-lix": 50}}}, "healthlint.toml", tmp_path)
    found = lint_alone(SEED, select=["HL601"], config=config)
    assert found == []
