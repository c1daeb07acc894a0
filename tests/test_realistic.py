"""Every rule held at its precision and recall on the labelled site (tests/realistic).

The floors in tests/realistic/floors.toml were measured with `bench/precision`; they may only
rise. A rule with a figure in a part (at least 10 expected findings) keeps its precision and
recall; a rule without one keeps its count of false and missed findings. Rules the later
work on spelling, medical safety, SEO and readability will tune are held where they are now;
every other rule on by default is held at the 90 % precision target.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "realistic"))

import scoring  # noqa: E402

from healthlint.ruleset.registry import all_rules  # noqa: E402

FLOORS = tomllib.loads((scoring.HERE / "floors.toml").read_text(encoding="utf-8"))
RULES = {rule.code: rule for rule in all_rules()}


_MEASURED: dict = {}


def measure(part: str):
    """Each part is measured once for the whole module (a run over its articles)."""
    if part not in _MEASURED:
        _MEASURED[part] = scoring.measure(part)
    return _MEASURED[part]


@pytest.fixture(scope="module", params=scoring.PARTS)
def measured(request):
    return request.param, measure(request.param)


def test_every_label_names_a_known_rule_and_a_place_in_its_file():
    for part in scoring.PARTS:
        for label in scoring.read_labels(part):  # raises LabelError on a bad label
            assert label.code in RULES, f"{part}.labels.tsv:{label.source_line}: unknown rule {label.code}"


def test_every_rule_stays_at_or_above_its_floor(measured):
    part, scores = measured
    floors = FLOORS.get(part, {})
    failures = []
    for code, score in scores.items():
        floor = floors.get(code, {})
        if "precision" in floor:
            if score.precision is None or score.precision + 1e-9 < floor["precision"]:
                failures.append(f"{code} precision {score.precision} < {floor['precision']}")
            if score.recall is None or score.recall + 1e-9 < floor["recall"]:
                failures.append(f"{code} recall {score.recall} < {floor['recall']}")
        else:
            if len(score.false) > floor.get("max-false", 0):
                failures.append(f"{code} {len(score.false)} false findings > {floor.get('max-false', 0)}: {score.false[:3]}")
            if len(score.missed) > floor.get("max-missed", 0):
                failures.append(f"{code} {len(score.missed)} missed > {floor.get('max-missed', 0)}: {score.missed[:3]}")
    assert not failures, f"{part}: " + "; ".join(failures)


def test_a_rule_on_by_default_and_not_left_to_later_tuning_meets_the_target(measured):
    part, scores = measured
    for code, score in scores.items():
        rule = RULES[code]
        if rule.default and not scoring.tuned_later(code) and score.has_figure:
            assert score.precision >= scoring.TARGET_PRECISION, (part, code, score.precision)


# HL610's own target, set with its likely-typo design: 80 % precision on each part.
SPELLING_TARGET = 0.80


def test_spelling_meets_its_target_on_each_part():
    # Reached on both parts in one step at the end of a session; the rule is still off until the
    # default-set tests, built around it as the off rule, are rewritten (see README).
    for part in scoring.PARTS:
        assert measure(part)["HL610"].precision >= SPELLING_TARGET, part
    assert RULES["HL610"].default is False


# The site must be as messy as real sites are; each class at least this often over both parts.
CLASSES = {
    "English exercise and method names": (r"(?i)\b(?:squats?|deadlifts?|cable row|y-raise|pull-ups?|lunges?|planke?n?|plank|bench press|hip thrusts?|face pulls?|dead bug|bird dog|farmers? walk|kettlebell swing|lat pulldown|split squat|curls?|foam roller|core|dry needling|stretching|warm-up)\b", 20),
    "Latin anatomy": (r"\b(?:[NnMmLl]|[Mm]m|[Nn]n|[Ll]ig|[Aa]rt|[Ll]igg)\. [a-z]{3,}", 20),
    "dotted abbreviations": (r"(?<![\w.])(?:ca|evt|pga|kr|sek|bl\.a|f\.eks|m\.fl|dvs|min|inkl|ift|mht)\.", 20),
    "domains as link text": (r"\[[^\]]*\b[\w-]+\.(?:dk|com|org|nu)\]", 20),
    "brands": (r"\b(?:CrossFit|TRX|Theraband|Fitbit|Concept2|Garmin|Strava|Ipren|Panodil|Pamol|Voltaren|Kinesio|Bosu|Nike|Apple Watch)\b", 20),
    "hyphenated Danish-English": (r"(?i)\b(?:core|pull-up|push-up|foam roller|pre|warm-up|cool-down|cable|kettlebell|squat|plank|taping|dry needling|stretch|band|TRX|CrossFit)-[a-zæøå]+", 20),
    "sets and repetitions": (r"\d+(?:[-–]\d+)? sæt à \d+", 20),
    "FAQ questions": (r"(?m)^(?:#{2,4} |\*\*)[^\n]*\?(?:\*\*)?\s*$", 20),
    "myths": (r"(?i)\bmyt(?:e|en|er|erne)\b", 20),
    "suspended hyphens": (r"\b[a-zæøåA-ZÆØÅ]+- (?:og|eller|til|samt) [a-zæøå]+", 20),
    "bound prefixes": (r"(?i)\b(?:anti|semi|intra|post|præ|pre|børne|ekstra|inter|sub|non|multi)-[a-zæøå]+", 20),
    "medical and anatomical terms": (r"(?i)\b(?:impingement|fasci\w*|tendin\w*|bursit\w*|artros\w*|prolaps\w*|neuromuskulær\w*|menisk\w*|iskias|lumbago|epikondyl\w*|quadriceps|hamstring\w*|gluteus|adduktor\w*)\b", 20),
    "long Danish compounds": (r"\b[a-zæøå]{16,}\b", 20),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_site_holds_what_real_sites_hold(name):
    pattern, least = CLASSES[name]
    text = "\n".join(p.read_text(encoding="utf-8") for part in scoring.PARTS for p in (scoring.HERE / part).rglob("*.md"))
    assert len(re.findall(pattern, text)) >= least, name


def test_the_site_has_at_least_80_articles_with_a_holdout_of_20():
    counts = {part: len(list((scoring.HERE / part).rglob("*.md"))) for part in scoring.PARTS}
    assert counts["holdout"] >= 20 and sum(counts.values()) >= 80, counts
