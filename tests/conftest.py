"""Shared test helpers: lint a fixture file alone, read its inline expectations."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from healthlint.config import Config
from healthlint.run.engine import Engine

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parent / "data" / "seed-article.md"

# A fixture marks what it must produce in HTML comments anywhere in the file:
#   <!-- expect HL301 12:1 HL305 14:20 -->   (code line:column, as many as needed)
#   <!-- expect none -->                      (a passing case)
#   <!-- test select=HL3 today=2026-01-01 --> (optional: which rules, which date is today)
EXPECT_RE = re.compile(r"<!--\s*expect\s+(.*?)\s*-->")
EXPECT_ITEM_RE = re.compile(r"(HL\d{3})\s+(\d+):(\d+)")
SETTINGS_RE = re.compile(r"<!--\s*test\s+(.*?)\s*-->")


def lint_alone(path: Path, *, select: list[str] | None = None, today: date = date(2026, 1, 1), config: Config | None = None):
    """Lint one file with the default config; site rules see only this file."""
    engine = Engine(config or Config(root=path.parent), today=today, select=select)
    result = engine.lint_bytes(str(path), path.name, path.read_bytes())
    return engine.finish([result])


def expectations(path: Path) -> tuple[list[tuple[str, int, int]], dict[str, str]]:
    """The sorted (code, line, column) list a fixture declares (a problem may repeat), and its settings."""
    text = path.read_bytes().decode("utf-8", "replace")
    expected: list[tuple[str, int, int]] = []
    for match in EXPECT_RE.finditer(text):
        for code, line, column in EXPECT_ITEM_RE.findall(match.group(1)):
            expected.append((code, int(line), int(column)))
    expected.sort()
    settings: dict[str, str] = {}
    for match in SETTINGS_RE.finditer(text):
        for item in match.group(1).split():
            key, _, value = item.partition("=")
            settings[key] = value
    return expected, settings


@pytest.fixture
def seed_path() -> Path:
    return SEED


def apply_fix(text: str, fix) -> str:
    """Apply a Fix's edits to the text, as `--fix` does."""
    from healthlint.fix import apply_edits

    return apply_edits(text, list(fix.edits))
