"""The typed-in seed figures (seed_reports.py) against the seed text they were read from."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from gongkai.report import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Report, t3_rows

from .conftest import seed
from .seed_reports import tianqiao_2019, tianqiao_2020, tianqiao_2021, tianqiao_2022

_INTEGER = re.compile(r"^[+-]?\d+$")


def _number_rows(report: Report) -> list[list[int]]:
    lines = seed("000").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines[report.first_line - 1 : report.last_line]:
        cells = [c.strip() for c in line.split("|")]
        numbers = [int(c) for c in cells if _INTEGER.match(c)]
        if len(numbers) in (7, 15):
            out.append(numbers)
    return out


@pytest.mark.parametrize("build", [tianqiao_2022, tianqiao_2021, tianqiao_2020, tianqiao_2019])
def test_tables_3_and_4_as_printed(build: Callable[[], Report]) -> None:
    report = build()
    assert report.generation is not None
    split = report.get("t3.other.other.total") is not None
    typed = [
        [report.figures[f"t3.{r.row}.{c}"].value for c, _ in T3_COLUMNS]
        for r in t3_rows(report.generation, split_other=split)
    ]
    typed.append([report.figures[f"t4.{g}.{c}"].value for g, _ in T4_GROUPS for c, _ in T4_COLUMNS])
    assert _number_rows(report) == typed
