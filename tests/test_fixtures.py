"""Every fixture under tests/fixtures/ produces exactly the diagnostics it marks inline."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import FIXTURES, expectations, lint_alone

FIXTURE_FILES = sorted(FIXTURES.rglob("*.md"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path):
    expected, settings = expectations(path)
    family = path.parent.name  # tests/fixtures/<family>/… selects that family's rules by default
    select = settings.get("select", family).split(",")
    today = date.fromisoformat(settings.get("today", "2026-01-01"))
    found = sorted((d.code, d.span.line, d.span.column) for d in lint_alone(path, select=select, today=today))
    assert found == expected


def test_every_fixture_states_its_expectation():
    for path in FIXTURE_FILES:
        assert "expect" in path.read_text("utf-8", "replace"), f"{path} marks no expectation"
