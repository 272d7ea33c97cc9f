"""Shared test fixtures: where the read-only seed reports and fixtures live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _find_shared() -> Path:
    for parent in (REPO, *REPO.parents):
        candidate = parent / "shared"
        if (candidate / "seeds").is_dir():
            return candidate
    raise RuntimeError("shared/ with seeds/ not found beside the repository")


SHARED = _find_shared()
SEEDS = SHARED / "seeds"
FIXTURES = SHARED / "fixtures"


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "000")."""
    (match,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return match


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
