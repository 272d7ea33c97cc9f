"""Import a register file: one action, every row checked, all rows written or none, audited."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.access import holds_role_at
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.applications.choices import EventKind, Status, regulation_for
from gongkai.applications.deadlines import DeadlineError, refresh_deadline, work_calendar
from gongkai.applications.models import Application
from gongkai.applications.records import create_applications, new_event, record_events
from gongkai.audit.log import record_audit

from ._columns import HEADERS, normalise_header
from ._errors import MAX_PROBLEMS, LedgerError, LedgerFileError
from ._read import bytes_to_sheet
from ._rows import CheckedSheet, LedgerProblem, LedgerRow, sheet_to_rows

__all__ = [
    "IMPORT_ROLES",
    "ImportLedger",
    "ImportResult",
    "LedgerFileForm",
    "LedgerForbidden",
    "import_ledger",
]

# Rows are written in batches inside the one transaction, so memory stays flat.
_BATCH = 2000
# Imported history carries no arrival time; the day's office opening is written so that
# received_on (the legal date) is what the row says.
_ARRIVAL_TIME = time(9, 0)
_ZONE = ZoneInfo("Asia/Shanghai")
IMPORT_ROLES = frozenset({Role.REGISTRAR, Role.ADMINISTRATOR})


class LedgerForbidden(LedgerError):
    """The user may not import into, or export unmasked, this agency's register."""

    default_code = "forbidden"

    def __init__(self, reason: str) -> None:
        super().__init__([reason])
        self.message = reason  # the reason is the whole message ("无权…")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: data rows read, imported and refused (all or none: 0 or all)."""

    read: int
    imported: int
    refused: int = 0
    problems: tuple[str, ...] = ()
    ignored_headers: tuple[str, ...] = field(default=())

    @property
    def created(self) -> int:
        """The applications created (the name the first API used)."""
        return self.imported


class LedgerFileForm(forms.Form):
    """The import's one parameter: the file (the agency and the user come from the request)."""

    file = forms.FileField(label="台账文件（CSV 或 XLSX）")


class ImportLedger:
    """Import a CSV/XLSX register into an agency: the one action that writes imported cases.

    A registrar or administrator at the agency (or a superuser) may import; ``actor=None`` is
    the command line run by the server's operator, recorded as the system. Every row is
    checked first; one bad row refuses the file. The rows are written in one transaction
    through ``gongkai.applications.records``, each with a ``registered`` event naming the
    importing user, file and line, and the import is one audit entry.
    """

    name = "import_ledger"
    label = "导入台账"
    form_class = LedgerFileForm

    @staticmethod
    def allowed(actor: Any, agency: Agency) -> bool:
        """May ``actor`` import into ``agency``'s register?"""
        if actor is None:
            return True
        return holds_role_at(actor, agency, IMPORT_ROLES)

    def execute(self, actor: Any, agency: Agency, data: bytes, filename: str) -> ImportResult:
        """Check, then write every row or none; raises LedgerError saying why not."""
        if not self.allowed(actor, agency):
            raise LedgerForbidden(f"无权导入台账：须由{agency.name}的登记员或管理员办理。")
        try:
            sheet = bytes_to_sheet(data, filename)
            checked = sheet_to_rows(sheet, today=timezone.localdate())
        except LedgerFileError as exc:
            raise LedgerError([exc.message], code=exc.code) from None
        if checked.read == 0:
            raise LedgerError(["文件只有表头，没有数据行。"])
        _refuse_registered(checked)
        if checked.refused:
            listed = sorted(checked.problems, key=lambda p: p.line)[:MAX_PROBLEMS]
            raise LedgerError(
                listed,
                read=checked.read,
                refused=checked.refused,
                unlisted=checked.refused - len(listed),
                hints=checked.hints(),
            )
        known = {normalise_header(h) for h in HEADERS}
        ignored = tuple(h for h in sheet.header if h.strip() and normalise_header(h) not in known)
        try:
            with transaction.atomic():
                _write(agency, checked.rows, filename, actor)
                record_audit(
                    actor,
                    "ledger_import",
                    agency=agency,
                    summary=f"导入台账 {filename or '未命名文件'}：{len(checked.rows)} 件申请",
                    after={"file": filename, "read": checked.read, "imported": len(checked.rows)},
                    system="" if actor is not None else "import_ledger",
                )
        except IntegrityError:
            # Another import registered one of these references meanwhile.
            raise LedgerError(
                ["导入时发现编号已被登记，请重新导入以查看重复的行。"], code="conflict"
            ) from None
        return ImportResult(read=checked.read, imported=len(checked.rows), ignored_headers=ignored)


def import_ledger(agency: Agency, data: bytes, filename: str = "", *, actor: Any) -> ImportResult:
    """Import a CSV/XLSX register into ``agency`` as ``actor`` (None: the command line)."""
    return ImportLedger().execute(actor, agency, data, filename)


def _chunks(rows: Sequence[LedgerRow]) -> Iterator[Sequence[LedgerRow]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


def _refuse_registered(checked: CheckedSheet) -> None:
    """Move the rows whose reference is already registered to the refused ones."""
    taken: set[str] = set()
    for chunk in _chunks(checked.rows):
        taken.update(
            Application.objects.filter(reference__in=[r.reference for r in chunk]).values_list(
                "reference", flat=True
            )
        )
    if not taken:
        return
    kept = []
    for row in checked.rows:
        if row.reference in taken:
            checked.refuse(LedgerProblem(row.line, f"编号“{row.reference}”已在系统中登记。"))
        else:
            kept.append(row)
    checked.rows = kept


def _application(agency: Agency, row: LedgerRow) -> Application:
    return Application(
        agency=agency,
        reference=row.reference,
        applicant_kind=row.applicant_kind,
        applicant_name=row.applicant_name,
        applicant_id_number=row.applicant_id_number,
        applicant_credit_code=row.applicant_credit_code,
        applicant_contact=row.applicant_contact,
        channel=row.channel,
        arrived_at=datetime.combine(row.received_on, _ARRIVAL_TIME, _ZONE),
        received_on=row.received_on,
        rules=regulation_for(row.received_on),
        description=row.description,
        status=Status.CLOSED if row.closed_on else Status.IN_PROGRESS,
        clock_started_on=row.received_on,
        outcome=row.outcome,
        closed_on=row.closed_on,
    )


def _write(agency: Agency, rows: list[LedgerRow], filename: str, actor: Any) -> None:
    calendar = work_calendar()
    now = timezone.now()
    where = filename or "未命名文件"
    for chunk in _chunks(rows):
        applications = [_application(agency, row) for row in chunk]
        for row, application in zip(chunk, applications, strict=True):
            # An imported open case runs on the statutory clock from its receipt date like
            # any other (the ledger carries no pauses or extensions to honour).
            if application.closed_on is None:
                try:
                    refresh_deadline(application, calendar=calendar)
                except DeadlineError as exc:
                    problem = LedgerProblem(row.line, str(exc))
                    raise LedgerError([problem], read=len(rows), refused=1) from None
        # Every value was checked against the model's limits by the row checks (_rows.py).
        create_applications(applications, batch_size=_BATCH, validated=True)
        record_events(
            (
                new_event(
                    application,
                    EventKind.REGISTERED,
                    actor=actor,
                    effective_on=row.received_on,
                    after=None,
                    payload={"source": "ledger_import", "file": filename, "line": row.line},
                    note=f"由台账文件导入（{where} 第 {row.line} 行）",
                    at=now,
                    system="" if actor is not None else "import_ledger",
                )
                for row, application in zip(chunk, applications, strict=True)
            ),
            batch_size=_BATCH,
        )
