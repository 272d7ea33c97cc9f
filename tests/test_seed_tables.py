"""Every cell of tables 2, 3 and 4 of the seed reports and the PDF fixture.

The expected rows were typed by reading the seed files (and the PDF's text) by eye. Known
misprints are read faithfully: 2021 row (六)1 has 3 under 自然人 but 1 under 总计; the 2020
report's 2019-format table 2 repeats 2019's figures; 2020 其他对外管理服务事项 prints "+163".
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from gongkai.parse._decode import path_to_document
from gongkai.parse._document import Line
from gongkai.parse._tables import TableExtraction, lines_to_tables
from gongkai.report import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Generation, Method, t3_rows

from .conftest import FIXTURES, seed

Row = list[int | None]

# --- expected tables -------------------------------------------------------------------

TIANQIAO_T3_2022: list[Row] = [
    [323, 0, 0, 0, 0, 0, 323],
    [22, 0, 0, 0, 0, 0, 22],
    [69, 0, 0, 0, 0, 0, 69],
    [35, 0, 0, 0, 0, 0, 35],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 2],
    [5, 0, 0, 0, 0, 0, 5],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [197, 0, 0, 0, 0, 0, 197],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [4, 0, 0, 0, 0, 0, 4],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [6, 0, 0, 0, 0, 0, 6],
    [0, 0, 0, 0, 0, 0, 0],
    [11, 0, 0, 0, 0, 0, 11],
    [333, 0, 0, 0, 0, 0, 333],
    [12, 0, 0, 0, 0, 0, 12],
]
TIANQIAO_T3_2021: list[Row] = [
    [340, 17, 0, 0, 1, 0, 358],
    [8, 0, 0, 0, 0, 0, 8],
    [51, 3, 0, 0, 0, 0, 54],
    [51, 2, 0, 0, 0, 0, 53],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [6, 2, 0, 0, 0, 0, 8],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [182, 10, 0, 0, 1, 0, 193],
    [2, 0, 0, 0, 0, 0, 2],
    [0, 0, 0, 0, 0, 0, 0],
    [4, 0, 0, 0, 0, 0, 4],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [3, 0, 0, 0, 0, 0, 1],  # printed so: 3 under 自然人, 1 under 总计
    [0, 0, 0, 0, 0, 0, 0],
    [25, 0, 0, 0, 0, 0, 25],
    [326, 17, 0, 0, 1, 0, 344],
    [22, 0, 0, 0, 0, 0, 22],
]
TIANQIAO_T3_2020: list[Row] = [
    [286, 0, 0, 0, 1, 0, 287],
    [10, 0, 0, 0, 0, 0, 10],
    [78, 1, 0, 0, 1, 0, 80],
    [36, 0, 0, 0, 0, 0, 36],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 2],
    [1, 0, 0, 0, 0, 0, 1],
    [2, 0, 0, 0, 0, 0, 2],
    [0, 0, 0, 0, 0, 0, 0],
    [3, 0, 0, 0, 0, 0, 3],
    [0, 0, 0, 0, 0, 0, 0],
    [128, 1, 0, 0, 0, 0, 129],
    [0, 0, 0, 0, 0, 0, 0],
    [8, 0, 0, 0, 0, 0, 8],
    [22, 0, 0, 0, 0, 0, 22],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [4, 0, 0, 0, 0, 0, 4],
    [286, 2, 0, 0, 1, 0, 289],
    [8, 0, 0, 0, 0, 0, 8],
]
TIANQIAO_T3_2019: list[Row] = [
    [241, 2, 0, 0, 0, 0, 243],
    [100, 0, 0, 0, 0, 0, 100],
    [70, 0, 0, 0, 0, 0, 70],
    [59, 0, 0, 0, 0, 0, 59],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [4, 0, 0, 0, 0, 0, 4],
    [0, 0, 0, 0, 0, 0, 0],
    [3, 0, 0, 0, 0, 0, 3],
    [18, 0, 0, 0, 0, 0, 18],
    [157, 2, 0, 0, 0, 0, 159],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [5, 0, 0, 0, 0, 0, 5],
    [0, 0, 0, 0, 0, 0, 0],
    [11, 0, 0, 0, 0, 0, 11],
    [331, 2, 0, 0, 0, 0, 333],
    [10, 0, 0, 0, 0, 0, 10],
]
ANKANG_T3_2019: list[Row] = [
    [2, 0, 0, 0, 0, 0, 2],
    [0, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 2],
    *([[0, 0, 0, 0, 0, 0, 0]] * 18),  # (二) through (六): all printed 0
    [2, 0, 0, 0, 0, 0, 2],
    [0, 0, 0, 0, 0, 0, 0],
]
HONGZE_T3_2024: list[Row] = [
    [95, 0, 0, 0, 0, 0, 95],
    [0, 0, 0, 0, 0, 0, 0],
    [50, 0, 0, 0, 0, 0, 50],
    [9, 0, 0, 0, 0, 0, 9],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],  # label misprinted "2.其他法律行政止公开"
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [31, 0, 0, 0, 0, 0, 31],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],  # (六)其他处理, printed undivided
    [95, 0, 0, 0, 0, 0, 95],
    [0, 0, 0, 0, 0, 0, 0],
]

TIANQIAO_T4_2022 = [41, 7, 5, 3, 56, 23, 3, 2, 13, 41, 30, 1, 3, 4, 38]
TIANQIAO_T4_2021 = [18, 3, 2, 17, 40, 11, 4, 1, 4, 20, 41, 1, 1, 5, 48]
TIANQIAO_T4_2020 = [31, 10, 24, 0, 65, 38, 1, 4, 15, 58, 18, 0, 4, 10, 32]
TIANQIAO_T4_2019 = [26, 3, 4, 1, 34, 17, 0, 1, 11, 29, 15, 0, 0, 3, 18]
ANKANG_T4_2019 = [0, 0, 0, 0, 0, 2, 0, 0, 1, 3, 0, 0, 0, 0, 0]
HONGZE_T4_2024 = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]

TIANQIAO_T2_2022 = {
    "t2.rules.issued": 0,
    "t2.rules.repealed": 0,
    "t2.rules.in_force": 0,
    "t2.normative_documents.issued": 1,
    "t2.normative_documents.repealed": 1,
    "t2.normative_documents.in_force": 2,
    "t2.licensing.decisions": 69110,
    "t2.penalty.decisions": 946,
    "t2.coercion.decisions": 88,
    "t2.fees.amount_wan_yuan": Decimal("5952"),
}
TIANQIAO_T2_2021 = {
    "t2.rules.issued": 0,
    "t2.rules.repealed": 0,
    "t2.rules.in_force": 0,
    "t2.normative_documents.issued": 1,
    "t2.normative_documents.repealed": 0,
    "t2.normative_documents.in_force": 3,
    "t2.licensing.decisions": 95386,
    "t2.penalty.decisions": 1506,
    "t2.coercion.decisions": 88,
    "t2.fees.amount_wan_yuan": Decimal("7167"),
}
# The 2020 report repeats 2019's items except 规范性文件's total, 收费 and 采购.
TIANQIAO_T2_2020 = {
    "t2.rules.made": 0,
    "t2.rules.published": 0,
    "t2.rules.total_published": 0,
    "t2.normative_documents.made": 1,
    "t2.normative_documents.published": 1,
    "t2.normative_documents.total_published": 9,
    "t2.licensing.previous_items": 210,
    "t2.licensing.change": -32,
    "t2.licensing.decisions": 74026,
    "t2.other_services.previous_items": 319,
    "t2.other_services.change": 163,
    "t2.other_services.decisions": 14465,
    "t2.penalty.previous_items": 2155,
    "t2.penalty.change": -89,
    "t2.penalty.decisions": 1349,
    "t2.coercion.previous_items": 58,
    "t2.coercion.change": -3,
    "t2.coercion.decisions": 55,
    "t2.fees.previous_items": 17,
    "t2.fees.change": 0,
    "t2.procurement.items": 7710,
    "t2.procurement.amount_wan_yuan": Decimal("104367.118823"),
}
TIANQIAO_T2_2019 = {
    **TIANQIAO_T2_2020,
    "t2.normative_documents.total_published": 8,
    "t2.fees.previous_items": 16,
    "t2.fees.change": 1,
    "t2.procurement.items": 7030,
    "t2.procurement.amount_wan_yuan": Decimal("87420.234406"),
}
ANKANG_T2_2019 = {
    "t2.rules.made": 0,
    "t2.rules.published": 0,
    "t2.rules.total_published": 0,
    "t2.normative_documents.made": 14,
    "t2.normative_documents.published": 13,
    "t2.normative_documents.total_published": 13,
    "t2.licensing.previous_items": 201,
    "t2.licensing.change": 0,
    "t2.licensing.decisions": 201,
    "t2.other_services.previous_items": 0,
    "t2.other_services.change": 0,
    "t2.other_services.decisions": 0,
    "t2.penalty.previous_items": 51,
    "t2.penalty.change": 0,
    "t2.penalty.decisions": 51,
    "t2.coercion.previous_items": 0,
    "t2.coercion.change": 0,
    "t2.coercion.decisions": 0,
    "t2.fees.previous_items": 2,
    "t2.fees.change": 0,
    "t2.procurement.items": 120,
    "t2.procurement.amount_wan_yuan": Decimal("2191.563"),
}
HONGZE_T2_2024 = {
    "t2.rules.issued": 0,
    "t2.rules.repealed": 0,
    "t2.rules.in_force": 0,
    "t2.normative_documents.issued": 3,
    "t2.normative_documents.repealed": 0,
    "t2.normative_documents.in_force": 8,
    "t2.licensing.decisions": 9487,
    "t2.penalty.decisions": 2776,
    "t2.coercion.decisions": 84,
    "t2.fees.amount_wan_yuan": Decimal("7545"),
}

# --- helpers ---------------------------------------------------------------------------


def _tianqiao(year: int) -> list[Line]:
    """One report of seed 000 (newest first, each begins after a line "字号:")."""
    lines = path_to_document(seed("000")).lines
    starts = [i for i, line in enumerate(lines) if line.text.strip() == "字号:"]
    order = {2022: 0, 2021: 1, 2020: 2, 2019: 3}[year]
    return list(lines[starts[order] : starts[order + 1]])


def _expected(
    t2: dict[str, int | Decimal], t3: Sequence[Row], t4: Sequence[int], split: bool
) -> dict[str, int | Decimal]:
    generation = Generation.Y2021 if split else Generation.Y2019
    rows = t3_rows(generation, split_other=split)
    assert len(rows) == len(t3)
    out: dict[str, int | Decimal] = dict(t2)
    for row, values in zip(rows, t3, strict=True):
        assert len(values) == 7
        for (column, _), value in zip(T3_COLUMNS, values, strict=True):
            if value is not None:
                out[f"t3.{row.row}.{column}"] = value
    keys = [f"t4.{g}.{c}" for g, _ in T4_GROUPS for c, _ in T4_COLUMNS]
    out.update(zip(keys, t4, strict=True))
    return out


def _values(extraction: TableExtraction) -> dict[str, int | Decimal]:
    return {key: figure.value for key, figure in extraction.figures.items()}


CASES = {
    "tianqiao-2022": (2022, TIANQIAO_T2_2022, TIANQIAO_T3_2022, TIANQIAO_T4_2022, True),
    "tianqiao-2021": (2021, TIANQIAO_T2_2021, TIANQIAO_T3_2021, TIANQIAO_T4_2021, True),
    "tianqiao-2020": (2020, TIANQIAO_T2_2020, TIANQIAO_T3_2020, TIANQIAO_T4_2020, False),
    "tianqiao-2019": (2019, TIANQIAO_T2_2019, TIANQIAO_T3_2019, TIANQIAO_T4_2019, False),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_tianqiao_tables_every_cell(case: str) -> None:
    year, t2, t3, t4, split = CASES[case]
    extraction = lines_to_tables(_tianqiao(year), year=year)
    assert _values(extraction) == _expected(t2, t3, t4, split)
    assert extraction.generation is (Generation.Y2021 if split else Generation.Y2019)
    assert extraction.split_other is split
    assert extraction.findings == []


def test_tianqiao_generation_comes_from_the_tables_not_the_year() -> None:
    # The year is withheld: the table-2 headers alone tell the format.
    assert lines_to_tables(_tianqiao(2021)).generation is Generation.Y2021
    assert lines_to_tables(_tianqiao(2020)).generation is Generation.Y2019


def test_tianqiao_cells_keep_origin_raw_and_unit() -> None:
    figures = lines_to_tables(_tianqiao(2020), year=2020).figures
    items = figures["t2.procurement.items"]
    assert (items.value, items.raw, items.unit) == (7710, "7710(次)", "次")
    amount = figures["t2.procurement.amount_wan_yuan"]
    assert amount.value == Decimal("104367.118823")
    assert (amount.raw, amount.unit) == ("104367.118823万元", "万元")
    change = figures["t2.other_services.change"]
    assert (change.value, change.raw) == (163, "+163")
    assert figures["t2.licensing.change"].value == -32
    first = figures["t3.received_new.natural_person"]
    assert first.origin is not None
    assert (first.origin.line, first.origin.text, first.origin.method) == (252, "286", Method.CELL)
    t4 = figures["t4.reconsideration.upheld"].origin
    assert t4 is not None and t4.line == 279  # "31 | 10 | 24 | 0 | 65 | …"


def test_tianqiao_misprinted_row_is_read_as_printed() -> None:
    figures = lines_to_tables(_tianqiao(2021), year=2021).figures
    assert figures["t3.other.no_correction.natural_person"].value == 3
    assert figures["t3.other.no_correction.total"].value == 1


def test_tianqiao_table_lines_cover_the_tables_only() -> None:
    extraction = lines_to_tables(_tianqiao(2022), year=2022)
    assert {13, 31, 55, 60} <= extraction.table_lines  # t2 heading, t3 first row, t4 row
    assert 6 not in extraction.table_lines  # 一、总体情况
    assert 61 not in extraction.table_lines  # 五、存在的主要问题及改进情况


def test_ankang_one_cell_per_line_traditional() -> None:
    lines = list(path_to_document(seed("004")).lines)
    extraction = lines_to_tables(lines, year=2019)
    assert _values(extraction) == _expected(ANKANG_T2_2019, ANKANG_T3_2019, ANKANG_T4_2019, False)
    assert extraction.generation is Generation.Y2019
    assert extraction.split_other is False
    assert extraction.findings == []
    amount = extraction.figures["t2.procurement.amount_wan_yuan"]
    assert (amount.raw, amount.unit) == ("2191.563万元", "万元")
    # The header fragments left after the report's end are not part of any table.
    assert 334 not in extraction.table_lines


def test_hongze_pdf_undivided_other_and_misprinted_label() -> None:
    lines = list(path_to_document(FIXTURES / "hongze-2024.pdf").lines)
    extraction = lines_to_tables(lines, year=2024)
    assert _values(extraction) == _expected(HONGZE_T2_2024, HONGZE_T3_2024, HONGZE_T4_2024, False)
    assert extraction.generation is Generation.Y2021  # 本年制发件数 in table 2
    assert extraction.split_other is False
    assert "t3.other.total" in extraction.figures
    assert "t3.other.other.total" not in extraction.figures
    assert extraction.findings == []
