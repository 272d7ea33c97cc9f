"""The register in and out: CSV/XLSX import (all rows or none), export, round trip."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from gongkai.applications.choices import Outcome
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.ledger import HEADERS, LedgerError, export_ledger, import_ledger
from tests.annual_helpers import HEADER, case, make_agency

# The register's "today" is frozen (tests/ledger/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register_today")]


# A resident ID and a unified social credit code with valid check characters.
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"

GOOD_ROWS = [
    f"2023-001,2023-01-05,互联网,自然人,张三,{RESIDENT_ID},13800000000,申请公开某路段改造规划,予以公开,2023-01-20",
    f"2023-002,2023/02/10,当面,商业企业,某某科技有限公司,{CREDIT_CODE},,申请公开某项目环评批复,不予公开：属于国家秘密,2023-03-01",
    "2023-003,2023年12月28日,邮寄（需签收）,其他,某业主委员会,,,申请公开物业维修资金使用情况,,",
    "2023-004,2023-06-01,平信,自然人,李四,,,申请公开某文件,本机关不掌握相关政府信息,2023-06-15",
    "2023-005,2023-07-01,internet,legal_services,某律师事务所,,,申请公开某批复,other.other,2023-07-03",
]


def _csv(*rows: str, encoding: str = "utf-8", header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def _problems(excinfo: pytest.ExceptionInfo[LedgerError]) -> tuple[str, ...]:
    return excinfo.value.problems


def test_a_good_csv_imports_every_row(office) -> None:
    result = import_ledger(office, _csv(*GOOD_ROWS), "台账.csv", actor=None)
    assert result.created == 5
    first = Application.objects.get(reference="2023-001")
    assert (first.received_on, first.closed_on, first.outcome) == (
        date(2023, 1, 5),
        date(2023, 1, 20),
        "granted",
    )
    assert (first.channel, first.applicant_kind, first.applicant_id_number) == (
        "internet",
        "natural_person",
        RESIDENT_ID,
    )
    second = Application.objects.get(reference="2023-002")
    assert second.outcome == "denied.state_secret"
    assert second.applicant_credit_code == CREDIT_CODE
    assert second.received_on == date(2023, 2, 10)
    open_case = Application.objects.get(reference="2023-003")
    assert (open_case.status, open_case.closed_on, open_case.outcome) == ("in_progress", None, "")
    assert open_case.channel == "registered_post"
    assert open_case.applicant_kind == "other_org"
    assert Application.objects.get(reference="2023-004").outcome == "unavailable.not_held"
    assert Application.objects.get(reference="2023-005").applicant_kind == "legal_services"
    event = ApplicationEvent.objects.get(application=first)
    assert event.payload == {
        "source": "ledger_import",
        "file": "台账.csv",
        "line": 2,
        "system": "import_ledger",  # the command line: no user
    }
    assert event.actor is None


def test_gb18030_csv_from_excel_imports(office) -> None:
    result = import_ledger(office, _csv(*GOOD_ROWS[:2], encoding="gb18030"), "台账.csv", actor=None)
    assert result.created == 2
    assert Application.objects.get(reference="2023-002").applicant_name == "某某科技有限公司"


def test_every_bad_row_is_named_and_nothing_is_imported(office) -> None:
    rows = [
        *GOOD_ROWS[:2],
        "2023-010,2023-02-30,互联网,自然人,王五,,,申请内容,,",
        "2023-011,2023-03-01,飞鸽传书,自然人,赵六,,,申请内容,,",
        "2023-012,2023-03-01,互联网,自然人,孙七,110105194912310021,,申请内容,,",
        "2023-013,2023-03-05,互联网,自然人,周八,,,申请内容,予以公开,2023-03-01",
        "2023-014,2023-03-05,互联网,自然人,吴九,,,申请内容,予以公开,",
        "2023-001,2023-03-05,互联网,自然人,郑十,,,申请内容,,",
        "2023-016,2023-03-05,互联网,自然人,,,,申请内容,同意公开,2023-03-06",
    ]
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(office, _csv(*rows), "台账.csv", actor=None)
    problems = _problems(excinfo)
    assert problems[0] == "第 4 行：收到日期“2023-02-30”不是有效日期。"
    assert problems[1].startswith("第 5 行：申请方式“飞鸽传书”无效")
    assert problems[2].startswith("第 6 行：证件号码“110105194912310021”有误：")
    assert problems[3] == "第 7 行：办结日期“2023-03-01”早于收到日期“2023-03-05”。"
    assert problems[4] == "第 8 行：填写了办理结果，但没有填写办结日期。"
    assert problems[5] == "第 9 行：编号“2023-001”与第 2 行重复。"
    assert problems[6] == (
        "第 10 行：“申请人姓名或名称”不能为空；办理结果“同意公开”不是年报表三的办理结果。"
    )
    assert problems[7:] == (
        "申请方式可填写：当面、邮寄（需签收）、平信、传真、互联网、其他。",
        "办理结果可填写：" + "、".join(str(label) for _, label in Outcome.choices) + "。",
    )
    assert len(problems) == 9
    assert Application.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0


def test_a_reference_already_in_the_database_is_refused(office) -> None:
    case(office, date(2022, 5, 1), reference="2023-004").save()
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(office, _csv(*GOOD_ROWS), "台账.csv", actor=None)
    assert _problems(excinfo) == ("第 5 行：编号“2023-004”已在系统中登记。",)
    assert Application.objects.count() == 1


def test_dates_after_today_are_refused(office) -> None:
    row = "2024-100,2024-03-02,互联网,自然人,张三,,,申请内容,,"
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(office, _csv(row), "台账.csv", actor=None)
    assert _problems(excinfo) == ("第 2 行：收到日期“2024-03-02”晚于今天。",)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.csv", "文件是空的，没有表头也没有数据。"),
        (b"\r\n , ,\r\n", "a.csv", "文件是空的，没有表头也没有数据。"),
        (
            bytes(range(1, 256)) * 4,
            "a.csv",
            "无法识别文件内容：请导入 CSV（UTF-8 或 GB18030 编码）或 XLSX 表格。",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "a.xls",
            "这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入。",
        ),
        (b"PK\x03\x04garbage", "a.xlsx", "无法打开 XLSX 文件：文件已损坏或不是 Excel 工作簿。"),
        (HEADER.encode(), "a.csv", "文件只有表头，没有数据行。"),
    ],
)
def test_bad_files_give_one_clear_message(office, data: bytes, filename: str, message: str) -> None:
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(office, data, filename, actor=None)
    assert _problems(excinfo) == (message,)


def test_wrong_headers_name_the_missing_columns(office) -> None:
    data = _csv(
        GOOD_ROWS[0], header="序号,日期,方式,类型,姓名,证件号码,联系方式,内容,结果,办结日期"
    )
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(office, data, "a.csv", actor=None)
    (problem,) = _problems(excinfo)
    assert problem.startswith(
        "表头缺少必需的列：编号、收到日期、申请方式、申请人类型、申请人姓名或名称、申请内容。"
    )


def test_xlsx_with_date_cells_and_numeric_references_imports(office) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append(
        [
            20230001,
            date(2023, 4, 3),
            "传真",
            "科研机构",
            "某研究院",
            None,
            None,
            "申请内容",
            "部分公开",
            date(2023, 4, 20),
        ]
    )
    sheet.append([None] * len(HEADERS))  # trailing blank rows are ignored
    out = io.BytesIO()
    workbook.save(out)
    result = import_ledger(office, out.getvalue(), "台账.xlsx", actor=None)
    assert result.created == 1
    imported = Application.objects.get(reference="20230001")
    assert (imported.received_on, imported.outcome, imported.channel) == (
        date(2023, 4, 3),
        "partially_granted",
        "fax",
    )


def test_extra_columns_are_reported_as_ignored(office) -> None:
    data = _csv(GOOD_ROWS[0] + ",已归档", header=HEADER + ",备注")
    result = import_ledger(office, data, "a.csv", actor=None)
    assert result.ignored_headers == ("备注",)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_round_trips(office, fmt: str) -> None:
    import_ledger(office, _csv(*GOOD_ROWS), "台账.csv", actor=None)
    fields = (
        "reference",
        "received_on",
        "channel",
        "applicant_kind",
        "applicant_name",
        "applicant_id_number",
        "applicant_credit_code",
        "applicant_contact",
        "description",
        "outcome",
        "closed_on",
        "status",
    )
    before = sorted(Application.objects.values_list(*fields))
    # The unmasked export is the one for migration (a masked one has no identity numbers).
    exported = export_ledger(
        Application.objects.filter(agency=office),
        fmt,  # type: ignore[arg-type]
        masked=False,
        agency=office,
    )
    other = make_agency("示范区人民政府", "GOV2")
    ApplicationEvent.objects.all().delete()  # a bulk delete: the audit guard is per row
    Application.objects.all().delete()
    result = import_ledger(other, exported, f"export.{fmt}", actor=None)
    assert result.created == 5
    assert sorted(Application.objects.values_list(*fields)) == before
    if fmt == "csv":
        assert exported.startswith("\ufeff".encode() + HEADER.encode())
