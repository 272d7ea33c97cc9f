"""Hypothesis strategies for annual reports.

Valid reports are built by construction: the parts are drawn and every total is computed
from them, so each identity of the format holds (row sums, column sums, the 勾稽关系 balance,
table-4 sums) without filtering.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.report import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    Generation,
    Report,
    ValueKind,
    metric,
    t3_rows,
)

__all__ = [
    "AGENCIES",
    "money",
    "partial_reports",
    "valid_reports",
]

# Issuing bodies as real titles name them (the parser reads the agency from the title line).
AGENCIES = (
    "济南市天桥区人民政府",
    "安康高新区管委会",
    "某某区人民政府",
    "北京市朝阳区人民政府办公室",
    "上海市浦东新区人民政府",
    "深圳市南山区教育局",
    "杭州市西湖区人民政府",
    "成都市武侯区住房和城乡建设局",
)

ORG_COLUMNS = tuple(key for key, _ in T3_COLUMNS if key != "total")

# Mostly small counts with many zeros, as real reports have, and now and then a large one.
counts = st.one_of(st.just(0), st.integers(0, 30), st.integers(0, 5_000), st.integers(0, 2_000_000))


@st.composite
def money(draw: st.DrawFn) -> Decimal:
    """A non-negative amount in 万元 with 0 to 6 printed decimal places."""
    places = draw(st.integers(0, 6))
    units = draw(st.integers(0, 10**12))
    return Decimal(units).scaleb(-places)


def _t2(draw: st.DrawFn, report: Report, generation: Generation) -> None:
    blocks = T2_2021_BLOCKS if generation is Generation.Y2021 else T2_2019_BLOCKS
    for block in blocks:
        for item in block.items:
            previous = None
            for column in item.columns:
                key = f"t2.{item.row}.{column}"
                kind = metric(key).kind
                if kind is ValueKind.MONEY:
                    report.set(key, draw(money()))
                elif kind is ValueKind.SIGNED:
                    # A change never takes the item count below zero.
                    floor = -previous if previous is not None else -1_000
                    report.set(key, draw(st.integers(floor, 5_000)))
                else:
                    value = draw(counts)
                    report.set(key, value)
                    if column == "previous_items":
                        previous = value


def _t3(draw: st.DrawFn, report: Report, generation: Generation, split_other: bool) -> None:
    rows = t3_rows(generation, split_other=split_other)
    outcome_rows = [r.row for r in rows if r.group is not None and r.row != "total"]
    for column in ORG_COLUMNS:
        handled = 0
        for row in outcome_rows:
            value = draw(counts)
            report.set(f"t3.{row}.{column}", value)
            handled += value
        report.set(f"t3.total.{column}", handled)
        carried_forward = draw(counts)
        report.set(f"t3.carried_forward.{column}", carried_forward)
        # 一 + 二 = 三（七）总计 + 四: draw 二 within what the balance allows, then 一 follows.
        carried_over = draw(st.integers(0, handled + carried_forward))
        report.set(f"t3.carried_over.{column}", carried_over)
        report.set(f"t3.received_new.{column}", handled + carried_forward - carried_over)
    for r in rows:
        total = sum(int(report.get(f"t3.{r.row}.{c}") or 0) for c in ORG_COLUMNS)
        report.set(f"t3.{r.row}.total", total)


def _t4(draw: st.DrawFn, report: Report) -> None:
    parts = [column for column, _ in T4_COLUMNS if column != "total"]
    for group, _ in T4_GROUPS:
        values = [draw(counts) for _ in parts]
        for column, value in zip(parts, values, strict=True):
            report.set(f"t4.{group}.{column}", value)
        report.set(f"t4.{group}.total", sum(values))


@st.composite
def valid_reports(
    draw: st.DrawFn, generation: Generation | None = None, split_other: bool | None = None
) -> Report:
    """A complete report of the 2019 or 2021 generation in which every identity holds."""
    if generation is None:
        generation = draw(st.sampled_from((Generation.Y2019, Generation.Y2021)))
    if generation is Generation.Y2021:
        year = draw(st.integers(2021, 2025))
        if split_other is None:
            split_other = draw(st.booleans())
    else:
        year = draw(st.integers(2019, 2020))
        split_other = False
    report = Report(
        source="strategies",
        agency=draw(st.sampled_from(AGENCIES)),
        year=year,
        generation=generation,
    )
    _t2(draw, report, generation)
    _t3(draw, report, generation, split_other)
    _t4(draw, report)
    return report


@st.composite
def partial_reports(draw: st.DrawFn, generation: Generation | None = None) -> Report:
    """A valid report with some of its figures absent (at least one figure stays)."""
    report = draw(valid_reports(generation))
    keys = sorted(report.figures)
    dropped = draw(st.sets(st.sampled_from(keys), min_size=1, max_size=len(keys) - 1))
    for key in dropped:
        del report.figures[key]
    return report
