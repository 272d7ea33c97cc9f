"""The typed-in seed figures (seed_figures.py) against the seed text they were read from.

Seed 000's tables 3 and 4 are pipe rows: every row of seven or fifteen integers in a report's
lines is one of its printed rows, so the typed rows can be compared with the text directly,
without the parser.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import seed
from tests.seed_figures import TIANQIAO

_INTEGER = re.compile(r"^[+-]?\d+$")
# The lines of each of seed 000's reports (as in seed_reports).
_SPANS = {2022: (1, 96), 2021: (97, 194), 2020: (195, 290), 2019: (291, 384)}


def _number_rows(first: int, last: int) -> list[list[int]]:
    lines = seed("000").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines[first - 1 : last]:
        cells = [c.strip() for c in line.split("|")]
        numbers = [int(c) for c in cells if _INTEGER.match(c)]
        if len(numbers) in (7, 15):
            out.append(numbers)
    return out


@pytest.mark.parametrize("year", sorted(TIANQIAO))
def test_tables_3_and_4_as_printed(year: int) -> None:
    tables = TIANQIAO[year]
    assert _number_rows(*_SPANS[year]) == [*tables.t3, tables.t4]
