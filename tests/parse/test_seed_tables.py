"""Every cell of tables 2, 3 and 4 of the seed reports and the PDF fixture, as parsed.

The expected figures are those of ``seed_figures.py``, typed by reading the seeds by eye.
Known misprints are read faithfully: 2021 row (六)1 has 3 under 自然人 but 1 under 总计; the
2020 report's 2019-format table 2 repeats 2019's figures; 2020 其他对外管理服务事项 prints "+163".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.parse._document import Line
from gongkai.parse.read._decode import path_to_document
from gongkai.parse.tables._tables import TableExtraction, lines_to_tables
from gongkai.report import Generation, Method, Value
from tests.conftest import FIXTURES, seed
from tests.seed_figures import ANKANG_2019, HONGZE_2024, TIANQIAO, SeedTables


def _tianqiao(year: int) -> list[Line]:
    """One report of seed 000 (newest first, each begins after a line "字号:")."""
    lines = path_to_document(seed("000")).lines
    starts = [i for i, line in enumerate(lines) if line.text.strip() == "字号:"]
    order = {2022: 0, 2021: 1, 2020: 2, 2019: 3}[year]
    return list(lines[starts[order] : starts[order + 1]])


def _values(extraction: TableExtraction) -> dict[str, Value]:
    return {key: figure.value for key, figure in extraction.figures.items()}


def _assert_every_cell(extraction: TableExtraction, tables: SeedTables) -> None:
    assert _values(extraction) == tables.figures()
    assert extraction.generation is tables.generation
    assert extraction.split_other is tables.split_other
    assert extraction.findings == []


@pytest.mark.parametrize("year", sorted(TIANQIAO))
def test_tianqiao_tables_every_cell(year: int) -> None:
    _assert_every_cell(lines_to_tables(_tianqiao(year), year=year), TIANQIAO[year])


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
    _assert_every_cell(extraction, ANKANG_2019)
    amount = extraction.figures["t2.procurement.amount_wan_yuan"]
    assert (amount.raw, amount.unit) == ("2191.563万元", "万元")
    # The header fragments left after the report's end are not part of any table.
    assert 334 not in extraction.table_lines


def test_hongze_pdf_undivided_other_and_misprinted_label() -> None:
    lines = list(path_to_document(FIXTURES / "hongze-2024.pdf").lines)
    extraction = lines_to_tables(lines, year=2024)
    _assert_every_cell(extraction, HONGZE_2024)
    assert extraction.generation is Generation.Y2021  # 本年制发件数 in table 2
    assert "t3.other.total" in extraction.figures
    assert "t3.other.other.total" not in extraction.figures
