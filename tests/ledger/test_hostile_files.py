"""Hostile and damaged register files: every row read or a clear refusal, never a silent loss.

Each test builds its own small file; the XLSX ones are written part by part with zipfile so
that they can carry what Excel never writes (a stale dimension, a DTD, a bomb).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.ledger import MAX_PROBLEMS, LedgerError, _read, import_ledger
from gongkai.ledger import _xlsx as xlsx_reader
from tests.annual_helpers import HEADER
from tests.ledger.hostile_xlsx import MAIN, WORKBOOK, WORKBOOK_RELS, XML_DECLARATION, laughs
from tests.ledger.hostile_xlsx import row as sheet_row

# The register's "today" is frozen (tests/ledger/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register_today")]

GOOD = "{n},2023-05-06,互联网,自然人,王五,,,申请公开某文件,予以公开,2023-05-20"
_LAUGHS = laughs(3)


def _sheet(rows: list[list[str]], *, dimension: str = "", prolog: str = "") -> str:
    body = "".join(sheet_row(i, cells) for i, cells in enumerate([HEADER.split(","), *rows], 1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    head = prolog or XML_DECLARATION
    return f'{head}<worksheet xmlns="{MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'


def _xlsx(sheet: str | bytes, *, workbook: str = WORKBOOK) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def _good(count: int) -> list[list[str]]:
    return [GOOD.format(n=f"A-{n}").split(",") for n in range(count)]


def _refusal(office, data: bytes, filename: str = "台账.xlsx") -> LedgerError:
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(office, data, filename, actor=None)
    assert Application.objects.count() == 0
    return excinfo.value


def test_a_stale_dimension_does_not_hide_rows(office) -> None:
    # The sheet says A1:J3 (2 data rows) but holds 10; openpyxl's read-only mode read 2.
    result = import_ledger(
        office, _xlsx(_sheet(_good(10), dimension="A1:J3")), "台账.xlsx", actor=None
    )
    assert (result.read, result.imported, result.refused) == (10, 10, 0)
    assert Application.objects.count() == 10


def test_a_stale_dimension_written_by_openpyxl_is_ignored_too(office) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for row in _good(6):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:J7"/>', b'<dimension ref="A1:B2"/>')
                assert b"A1:B2" in data
            target.writestr(info, data)
    result = import_ledger(office, patched.getvalue(), "台账.xlsx", actor=None)
    assert result.imported == 6


@pytest.mark.parametrize("part", ["sheet", "workbook"])
def test_an_entity_declaration_is_refused(office, part: str) -> None:
    if part == "sheet":
        data = _xlsx(_sheet([["&lol3;"] * 10], prolog=_LAUGHS))
    else:
        data = _xlsx(_sheet(_good(1)), workbook=_LAUGHS + WORKBOOK.split("?>", 1)[1])
    error = _refusal(office, data)
    assert error.problems == (
        "XLSX 文件中含有 XML 文档类型或实体声明（DTD/ENTITY）。Excel 不会生成这样的文件，"
        "为安全起见不予读取；请在 Excel 中另存后再导入。",
    )
    assert error.code == "unreadable"


def test_a_zip_bomb_is_refused_before_it_is_inflated(office, monkeypatch) -> None:
    # The limit is lowered so that the bomb stays small in the test; the check is the same.
    monkeypatch.setattr(xlsx_reader, "MAX_XML_BYTES", 4 * 1024 * 1024)
    padding = "<row/>" * (1024 * 1024)  # 6 MB of XML that deflates to a few kilobytes
    data = _xlsx(_sheet(_good(1)).replace("</sheetData>", padding + "</sheetData>"))
    assert len(data) < 100_000
    error = _refusal(office, data)
    (message,) = error.problems
    assert message.startswith("XLSX 文件解压后过大（6 MB，上限 4 MB），可能是压缩炸弹")
    assert error.code == "too_large"


def test_nul_bytes_get_a_clear_message(office) -> None:
    data = f"{HEADER}\r\n{GOOD.format(n='A-1')}\r\nA-2,2023\x00-05-06\r\n".encode()
    error = _refusal(office, data, "台账.csv")
    assert error.problems == (
        "文件第 3 行含有 NUL 空字符，不是文本格式的 CSV 表格（可能是其他格式的文件，"
        "或文件已损坏）。请在 Excel 中另存为 CSV（UTF-8）或 XLSX 后再导入。",
    )
    utf16 = f"{HEADER}\r\nA-1\x00,x\r\n".encode("utf-16")
    assert _refusal(office, utf16, "台账.txt").problems[0].startswith("文件第 2 行含有 NUL 空字符")
    sheet = _sheet(_good(2)).replace("A-1", "A\x00-1").encode()
    (message,) = _refusal(office, _xlsx(sheet)).problems
    assert message.startswith("XLSX 文件中的 xl/worksheets/sheet1.xml 无法解析（第 1 行）")
    assert "NUL" in message


def test_every_bad_row_is_counted_but_at_most_200_are_listed(office) -> None:
    bad = [
        f"B-{n},2023-13-01,飞鸽传书,自然人,{'某' * 5000},,,内容,,".split(",") for n in range(300)
    ]
    error = _refusal(office, _xlsx(_sheet(_good(5) + bad)))
    assert (error.read, error.refused, error.unlisted) == (305, 300, 100)
    assert error.message == "台账未导入：共读取 305 行，其中 300 行有问题，全部未导入。"
    rows = error.problems[:MAX_PROBLEMS]
    assert (
        rows[0]
        == "第 7 行：收到日期“2023-13-01”不是有效日期；申请方式“飞鸽传书”无效；申请人姓名或名称过长（5000 字，最多 200 字）。"
    )
    assert rows[-1].startswith("第 206 行：")
    assert error.problems[MAX_PROBLEMS:] == (
        "另有 100 处问题未列出。",
        "申请方式可填写：当面、邮寄（需签收）、平信、传真、互联网、其他。",
    )
    # The answer stays small however long the cells are: each problem quotes at most 40 chars.
    assert sum(len(p) for p in error.problems) < 30_000


def test_a_long_cell_is_quoted_shortened(office) -> None:
    row = f"C-1,2023-05-06,{'邮' * 1000},自然人,王五,,,内容,,"
    (problem, _hint) = _refusal(office, f"{HEADER}\r\n{row}\r\n".encode(), "a.csv").problems
    assert problem == f"第 2 行：申请方式“{'邮' * 40}…（共 1000 字）”无效。"


def test_one_bad_row_refuses_the_whole_file(office) -> None:
    rows = [GOOD.format(n=f"A-{n}") for n in range(9)] + [
        "A-9,2007-12-31,互联网,自然人,王五,,,内容,,"
    ]
    error = _refusal(office, f"{HEADER}\r\n".encode() + "\r\n".join(rows).encode(), "a.csv")
    assert error.problems == (
        "第 11 行：收到日期“2007-12-31”早于《政府信息公开条例》施行之日（2008-05-01）。",
    )
    assert (error.read, error.refused) == (10, 1)
    assert ApplicationEvent.objects.count() == 0


def test_references_are_compared_normalised(office) -> None:
    rows = [GOOD.format(n="ABC-1"), GOOD.format(n="ａｂｃ－１")]
    error = _refusal(office, f"{HEADER}\r\n{rows[0]}\r\n{rows[1]}\r\n".encode(), "a.csv")
    assert error.problems == ("第 3 行：编号“ABC-1”与第 2 行重复。",)


def test_too_many_rows_are_refused(office, monkeypatch) -> None:
    monkeypatch.setattr(_read, "MAX_ROWS", 3)
    rows = "\r\n".join(GOOD.format(n=f"A-{n}") for n in range(4))
    error = _refusal(office, f"{HEADER}\r\n{rows}\r\n".encode(), "a.csv")
    assert error.problems == ("文件的数据超过 3 行，请分批导入（每个文件不超过 3 行）。",)
    assert error.code == "too_large"


def test_a_row_wider_than_excel_is_refused(office) -> None:
    # A row's cells stay in memory until the row ends, so a row may not be endless.
    sheet = _sheet(_good(1)).replace(
        "</sheetData>", '<row r="3">' + "<c/>" * 16_385 + "</row></sheetData>"
    )
    (message,) = _refusal(office, _xlsx(sheet)).problems
    assert message == "XLSX 工作表第 3 行的单元格超过 16384 个，不是 Excel 能保存的工作表。"


def test_columns_far_right_are_ignored_and_cells_are_placed_by_address(office) -> None:
    # Cells may skip columns (an empty 证件号码) and carry values beyond the register's columns.
    cells = "".join(
        f'<c r="{col}2" t="inlineStr"><is><t>{value}</t></is></c>'
        for col, value in zip(
            "ABCDEGHIJ",
            [*GOOD.format(n="A-1").split(",")[:5], "", "内容", "予以公开", "2023-05-20"],
            strict=True,
        )
    )
    sheet = _sheet([]).replace(
        "</sheetData>", f'<row r="2">{cells}<c r="ZZ2"><v>1</v></c></row></sheetData>'
    )
    result = import_ledger(office, _xlsx(sheet), "台账.xlsx", actor=None)
    assert result.imported == 1
    imported = Application.objects.get()
    assert (imported.applicant_name, imported.applicant_contact, imported.description) == (
        "王五",
        "",
        "内容",
    )
