"""Fixtures shared by the suite (the helpers themselves are in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED


@pytest.fixture
def seed_path() -> Path:
    return SEED
