"""Export the register as CSV or XLSX: masked by default, safe to open in a spreadsheet.

Personal data (identity numbers, phones and e-mail in the contact) is masked unless the caller
asks for ``masked=False``, which only a user allowed by ``may_export_unmasked`` may do and
which is audited. A masked file is for reading; it cannot be imported back as the identity
numbers are gone (the import says so): the unmasked export is the one for migration.

A cell that a spreadsheet would read as a formula (OWASP's CSV injection: text beginning
with ``= + - @``, tab or carriage return) is written with a leading single quote, in CSV and
XLSX alike, and XLSX cells are always typed as strings. The import takes the quote off again,
so export then import is lossless.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from gongkai.agencies.access import may_export_unmasked
from gongkai.applications.choices import CHANNEL_CHOICES, ApplicantKind, Outcome
from gongkai.audit.log import record_audit
from gongkai.masking import mask_contact, mask_identity_number

from ._columns import HEADERS
from ._import import LedgerForbidden
from ._rows import FORMULA_TRIGGERS

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application

__all__ = [
    "ExportFormat",
    "csv_bytes",
    "export_ledger",
    "ledger_rows",
    "neutralised",
    "xlsx_bytes",
]

ExportFormat = Literal["csv", "xlsx"]
_FIELDS = (
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


def neutralised(text: str) -> str:
    """``text`` as a cell that no spreadsheet runs as a formula (a leading ' where needed)."""
    # Quotes already in front of a trigger get one more, so the import's removal is exact.
    return f"'{text}" if text.lstrip("'")[:1] in FORMULA_TRIGGERS else text


def ledger_rows(
    applications: QuerySet[Application], *, masked: bool = True
) -> Iterator[tuple[str, ...]]:
    """The register's data rows in the import column order (labels, ISO dates), as text."""
    channel = dict(CHANNEL_CHOICES)
    kind = dict(ApplicantKind.choices)
    outcome = dict(Outcome.choices)
    rows = applications.order_by("received_on", "reference").values_list(*_FIELDS)
    for values in rows.iterator(chunk_size=2000):
        row = dict(zip(_FIELDS, values, strict=True))
        number = row["applicant_id_number"] or row["applicant_credit_code"]
        contact = row["applicant_contact"]
        yield (
            row["reference"],
            row["received_on"].isoformat(),
            str(channel.get(row["channel"], row["channel"])),
            str(kind.get(row["applicant_kind"], row["applicant_kind"])),
            row["applicant_name"],
            mask_identity_number(number) if masked else number,
            mask_contact(contact) if masked else contact,
            row["description"],
            str(outcome.get(row["outcome"], row["outcome"])) if row["outcome"] else "",
            row["closed_on"].isoformat() if row["closed_on"] else "",
        )


def export_ledger(
    applications: QuerySet[Application],
    fmt: ExportFormat = "csv",
    *,
    masked: bool = True,
    actor: Any = None,
    agency: Agency | None = None,
) -> bytes:
    """The register as CSV (UTF-8 with BOM, which Excel opens) or XLSX, same columns as import.

    ``masked=False`` needs ``agency`` (whose register it is): a user ``actor`` must be allowed
    by ``may_export_unmasked`` there (else LedgerForbidden); ``actor=None`` is the command line.
    Every unmasked export is recorded in the audit log with its row count.
    """
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown export format {fmt!r}")
    if not masked:
        if agency is None:
            raise ValueError("an unmasked export names the agency whose register it is")
        if actor is not None and not may_export_unmasked(actor, agency):
            raise LedgerForbidden(
                f"无权导出未遮蔽的台账：须由{agency.name}的公开办负责人或管理员导出。"
            )
    counted = _Counted(ledger_rows(applications, masked=masked))
    data = csv_bytes(HEADERS, counted) if fmt == "csv" else xlsx_bytes("台账", HEADERS, counted)
    if not masked:
        record_audit(
            actor,
            "ledger_export_unmasked",
            agency=agency,
            summary=f"导出未遮蔽的台账（{fmt.upper()}，{counted.count} 件申请）",
            after={"format": fmt, "rows": counted.count},
            system="" if actor is not None else "export_ledger",
        )
    return data


class _Counted:
    """Rows passed through, counted (the audit entry names how many were exported)."""

    def __init__(self, rows: Iterable[tuple[str, ...]]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        for row in self._rows:
            self.count += 1
            yield tuple(neutralised(cell) for cell in row)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A spreadsheet as CSV that Excel opens: UTF-8 with BOM, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    # The BOM makes Excel read the file as UTF-8 instead of the system's GBK.
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A spreadsheet as one XLSX sheet called ``title`` (cut to Excel's 31), every cell text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            # Typed as a string: openpyxl would otherwise store "=..." as a live formula, and
            # an ID number must not become a float.
            # XML cannot carry most control characters; they are dropped, not fatal.
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
