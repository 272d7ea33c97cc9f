"""Fixtures shared by the ledger's tests: the register's "today" and one office."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from gongkai.agencies.models import Agency
from tests.annual_helpers import make_agency


@pytest.fixture
def register_today() -> Iterator[None]:
    """The register's "today" (no date after it): 2024-03-01 in Beijing, the clock frozen."""
    with time_machine.travel("2024-03-01T10:00:00+08:00", tick=False):
        yield


@pytest.fixture
def office() -> Agency:
    """One office with no parent."""
    return make_agency("示范区住房和城乡建设局", "ZJJ")
