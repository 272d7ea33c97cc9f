"""Import a register spreadsheet into the database (all rows or none) and export it back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.applications.choices import (
    ApplicantKind,
    Channel,
    EventKind,
    Outcome,
    Status,
    rules_for,
)
from gongkai.applications.deadlines import refresh_deadline, work_calendar
from gongkai.applications.models import Application, ApplicationEvent

from ._columns import HEADERS, normalise_header
from ._read import LedgerFileError, bytes_to_sheet
from ._rows import LedgerProblem, LedgerRow, sheet_to_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

    from gongkai.agencies.models import Agency

__all__ = [
    "ImportResult",
    "LedgerError",
    "export_ledger",
    "import_ledger",
    "ledger_rows",
]

ExportFormat = Literal["csv", "xlsx"]
_BATCH = 1000
# Imported history carries no arrival time; the day's office opening is written so that
# received_on (the legal date) is what the row says.
_ARRIVAL_TIME = time(9, 0)


class LedgerError(ValueError):
    """The import was refused; ``problems`` names every bad row, or the file's one problem."""

    def __init__(self, problems: Iterable[LedgerProblem | str]) -> None:
        self.problems: tuple[str, ...] = tuple(str(p) for p in problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote."""

    created: int
    ignored_headers: tuple[str, ...] = field(default=())


def import_ledger(
    agency: Agency,
    data: bytes,
    filename: str = "",
    *,
    actor: User | None = None,
    is_demo: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Import a CSV/XLSX register into ``agency``: every row checked, all written or none.

    Imported rows are written directly, not through RegisterApplication: they are
    historical records with their own receipt and closing dates (and outcomes decided
    long ago), which the actions would refuse or re-derive from the arrival time. Each
    imported application still gets one audit event naming the file and line.
    """
    today = today or timezone.localdate()
    try:
        sheet = bytes_to_sheet(data, filename)
        rows, problems = sheet_to_rows(sheet, today=today)
    except LedgerFileError as exc:
        raise LedgerError([str(exc)]) from None
    if not rows and not problems:
        raise LedgerError(["文件只有表头，没有数据行。"])
    problems = sorted([*problems, *_already_registered(rows)], key=lambda p: p.line)
    if problems:
        raise LedgerError(problems)
    known = {normalise_header(h) for h in HEADERS}
    ignored = tuple(h for h in sheet.header if h.strip() and normalise_header(h) not in known)
    try:
        with transaction.atomic():
            _write(agency, rows, filename, actor, is_demo)
    except IntegrityError:
        # Another import registered one of these references meanwhile.
        raise LedgerError(["导入时发现编号已被登记，请重新导入以查看重复的行。"]) from None
    return ImportResult(created=len(rows), ignored_headers=ignored)


def _already_registered(rows: list[LedgerRow]) -> list[LedgerProblem]:
    line_of = {row.reference: row.line for row in rows}
    references = list(line_of)
    problems = []
    for start in range(0, len(references), _BATCH):
        chunk = references[start : start + _BATCH]
        for reference in Application.objects.filter(reference__in=chunk).values_list(
            "reference", flat=True
        ):
            problems.append(LedgerProblem(line_of[reference], f"编号“{reference}”已在系统中登记。"))
    return problems


def _write(
    agency: Agency,
    rows: list[LedgerRow],
    filename: str,
    actor: User | None,
    is_demo: bool,
) -> None:
    zone = ZoneInfo("Asia/Shanghai")
    applications = [
        Application(
            agency=agency,
            reference=row.reference,
            applicant_kind=row.applicant_kind,
            applicant_name=row.applicant_name,
            applicant_id_number=row.applicant_id_number,
            applicant_credit_code=row.applicant_credit_code,
            applicant_contact=row.applicant_contact,
            channel=row.channel,
            arrived_at=datetime.combine(row.received_on, _ARRIVAL_TIME, zone),
            received_on=row.received_on,
            rules=rules_for(row.received_on),
            description=row.description,
            status=Status.CLOSED if row.closed_on else Status.IN_PROGRESS,
            clock_started_on=row.received_on,
            outcome=row.outcome,
            closed_on=row.closed_on,
            is_demo=is_demo,
        )
        for row in rows
    ]
    # An imported open case runs on the statutory clock from its receipt date like any other:
    # its deadline is computed now (the ledger carries no pauses or extensions to honour).
    calendar = work_calendar()
    for application in applications:
        if application.closed_on is None:
            refresh_deadline(application, calendar=calendar)
    Application.objects.bulk_create(applications, batch_size=_BATCH)
    # bulk_create sets primary keys on PostgreSQL and SQLite (RETURNING); look them up
    # by reference anyway so this does not depend on the backend.
    ids = dict(
        Application.objects.filter(reference__in=[r.reference for r in rows]).values_list(
            "reference", "pk"
        )
    )
    now = timezone.now()
    ApplicationEvent.objects.bulk_create(
        [
            ApplicationEvent(
                application_id=ids[row.reference],
                kind=EventKind.REGISTERED,
                actor=actor,
                at=now,
                effective_on=row.received_on,
                before={},
                after=_state(row),
                payload={"source": "ledger_import", "file": filename, "line": row.line},
                note=f"由台账文件导入（{filename or '未命名文件'} 第 {row.line} 行）",
            )
            for row in rows
        ],
        batch_size=_BATCH,
    )


def _state(row: LedgerRow) -> dict[str, Any]:
    return {
        "status": Status.CLOSED if row.closed_on else Status.IN_PROGRESS,
        "received_on": row.received_on.isoformat(),
        "outcome": row.outcome,
        "closed_on": row.closed_on.isoformat() if row.closed_on else None,
    }


# --- export ----------------------------------------------------------------------------


def ledger_rows(applications: QuerySet[Application]) -> Iterable[tuple[str, ...]]:
    """The register's data rows in the import column order (labels, ISO dates)."""
    channel = dict(Channel.choices)
    kind = dict(ApplicantKind.choices)
    outcome = dict(Outcome.choices)
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
    )
    for values in applications.order_by("received_on", "reference").values_list(*fields):
        row = dict(zip(fields, values, strict=True))
        yield (
            row["reference"],
            row["received_on"].isoformat(),
            str(channel.get(row["channel"], row["channel"])),
            str(kind.get(row["applicant_kind"], row["applicant_kind"])),
            row["applicant_name"],
            row["applicant_id_number"] or row["applicant_credit_code"],
            row["applicant_contact"],
            row["description"],
            str(outcome.get(row["outcome"], row["outcome"])) if row["outcome"] else "",
            row["closed_on"].isoformat() if row["closed_on"] else "",
        )


def export_ledger(applications: QuerySet[Application], fmt: ExportFormat = "csv") -> bytes:
    """The register as CSV (UTF-8 with BOM, which Excel opens) or XLSX, same columns as import."""
    rows = ledger_rows(applications)
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx(rows)
    raise ValueError(f"unknown export format {fmt!r}")


def _xlsx(rows: Iterable[tuple[str, ...]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append(list(HEADERS))
    for row in rows:
        # Text cells throughout: an ID number must not become a float in Excel.
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
