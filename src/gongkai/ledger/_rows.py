"""Check every row of a register sheet; a bad row names its line and reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from gongkai.applications.choices import ApplicantKind
from gongkai.applications.identities import applicant_identity_errors

from ._columns import (
    COLUMNS,
    REQUIRED_HEADERS,
    applicant_kind_from_text,
    channel_from_text,
    normalise_header,
    outcome_from_text,
)
from ._read import Cell, LedgerFileError, Sheet

__all__ = ["LedgerProblem", "LedgerRow", "sheet_to_rows"]

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")


@dataclass(frozen=True, slots=True)
class LedgerProblem:
    """What is wrong with one row (line = its row number in the file)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One checked row of the register, ready to be written."""

    line: int
    reference: str
    received_on: date
    channel: str
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str
    applicant_credit_code: str
    applicant_contact: str
    description: str
    outcome: str
    closed_on: date | None


def sheet_to_rows(sheet: Sheet, *, today: date) -> tuple[list[LedgerRow], list[LedgerProblem]]:
    """Checked rows and the problems of every bad row (all of them, in file order)."""
    positions = _header_positions(sheet.header)
    rows: list[LedgerRow] = []
    problems: list[LedgerProblem] = []
    first_line: dict[str, int] = {}
    for line, cells in sheet.rows:
        values = {
            field: _cell(cells, index) for field, index in positions.items() if index is not None
        }
        row, messages = _check(line, values, today)
        reference = _text(values.get("reference"))
        if reference:
            if reference in first_line:
                messages.append(f"编号“{reference}”与第 {first_line[reference]} 行重复")
            else:
                first_line[reference] = line
        if messages:
            problems.append(LedgerProblem(line, "；".join(messages) + "。"))
        elif row is not None:
            rows.append(row)
    return rows, problems


def _header_positions(header: tuple[str, ...]) -> dict[str, int | None]:
    found = {normalise_header(text): i for i, text in reversed(list(enumerate(header)))}
    missing = [h for h in REQUIRED_HEADERS if normalise_header(h) not in found]
    if missing:
        raise LedgerFileError(
            f"表头缺少必需的列：{'、'.join(missing)}。第一行应为表头，"
            f"列名为：{'、'.join(c.header for c in COLUMNS)}。"
        )
    return {c.field: found.get(normalise_header(c.header)) for c in COLUMNS}


def _cell(cells: tuple[Cell, ...], index: int) -> Cell:
    return cells[index] if index < len(cells) else None


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 编号 20230001 as a float
    return str(value).strip()


def _check(line: int, values: dict[str, Cell], today: date) -> tuple[LedgerRow | None, list[str]]:
    messages: list[str] = []

    def required(field: str, header: str) -> str:
        text = _text(values.get(field))
        if not text:
            messages.append(f"“{header}”不能为空")
        return text

    reference = required("reference", "编号")
    received_on = _date(values.get("received_on"), "收到日期", messages, required=True)
    channel_text = required("channel", "申请方式")
    channel = channel_from_text(channel_text) if channel_text else None
    if channel_text and channel is None:
        messages.append(
            f"申请方式“{channel_text}”无效，应为当面、邮寄（需签收）、平信、传真、互联网或其他"
        )
    kind_text = required("applicant_kind", "申请人类型")
    kind = applicant_kind_from_text(kind_text) if kind_text else None
    if kind_text and kind is None:
        messages.append(
            f"申请人类型“{kind_text}”无效，应为自然人、商业企业、科研机构、社会公益组织、"
            "法律服务机构或其他"
        )
    name = required("applicant_name", "申请人姓名或名称")
    description = required("description", "申请内容")
    number = _text(values.get("identity_number")).upper()
    id_number, credit_code = "", ""
    if kind is not None and number:
        if kind == ApplicantKind.NATURAL_PERSON:
            id_number = number
        else:
            credit_code = number
        for message in applicant_identity_errors(kind, id_number, credit_code).values():
            messages.append(f"证件号码“{number}”有误：{message.rstrip('。')}")
    outcome_text = _text(values.get("outcome"))
    outcome = outcome_from_text(outcome_text) if outcome_text else ""
    if outcome is None:
        messages.append(f"办理结果“{outcome_text}”不是年报表三的办理结果")
    closed_on = _date(values.get("closed_on"), "办结日期", messages, required=False)
    if outcome_text and values.get("closed_on") in (None, ""):
        messages.append("填写了办理结果，但没有填写办结日期")
    if closed_on is not None and not outcome_text:
        messages.append("填写了办结日期，但没有填写办理结果")
    for label, day in (("收到日期", received_on), ("办结日期", closed_on)):
        if day is not None and day > today:
            messages.append(f"{label}“{day.isoformat()}”晚于今天")
    if received_on is not None and closed_on is not None and closed_on < received_on:
        messages.append(f"办结日期“{closed_on.isoformat()}”早于收到日期“{received_on.isoformat()}”")
    if messages or received_on is None or channel is None or kind is None or outcome is None:
        return None, messages
    return (
        LedgerRow(
            line=line,
            reference=reference,
            received_on=received_on,
            channel=channel,
            applicant_kind=kind,
            applicant_name=name,
            applicant_id_number=id_number,
            applicant_credit_code=credit_code,
            applicant_contact=_text(values.get("applicant_contact")),
            description=description,
            outcome=outcome,
            closed_on=closed_on,
        ),
        messages,
    )


def _date(value: Cell, header: str, messages: list[str], *, required: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _MIDNIGHT.sub("", _text(value))
    if not text:
        if required:
            messages.append(f"“{header}”不能为空")
        return None
    match = _DATE.match(text) or _DATE_COMPACT.match(text)
    if match is not None:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    messages.append(f"{header}“{text}”不是有效日期")
    return None
