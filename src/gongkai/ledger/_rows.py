"""Check every row of a register sheet; a bad row names its line and reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from gongkai.applications.actions.intake import FIRST_REGULATIONS_IN_FORCE, normalise_reference
from gongkai.applications.applicant import checked_identity
from gongkai.applications.choices import ApplicantKind
from gongkai.applications.models import Application

from ._columns import (
    ACCEPTED_VALUES,
    COLUMNS,
    REQUIRED_HEADERS,
    applicant_kind_from_text,
    channel_from_text,
    normalise_header,
    outcome_from_text,
)
from ._errors import MAX_PROBLEMS, LedgerFileError, quoted
from ._read import Cell, Sheet

__all__ = [
    "FORMULA_TRIGGERS",
    "CheckedSheet",
    "LedgerProblem",
    "LedgerRow",
    "sheet_to_rows",
    "unneutralised",
]

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MIDNIGHT = re.compile(r"[\sT]0?0:00(:00)?$")
# What a masked export writes (gongkai.masking): the value is gone, it cannot be imported.
_MASKED = re.compile(r"\*{3,}")
# The characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# The model's own limits, checked here so that every long cell is named with its row.
_MAX_LENGTH = {
    name: getattr(Application._meta.get_field(name), "max_length", 0) or 0
    for name in ("reference", "applicant_name", "applicant_contact")
}
_MAX_DESCRIPTION = 32_767  # Excel's own limit for one cell


def unneutralised(text: str) -> str:
    """A cell as it was before export neutralised it: one leading quote before a trigger off."""
    if text.startswith("'") and text.lstrip("'")[:1] in FORMULA_TRIGGERS and len(text) > 1:
        return text[1:]
    return text


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


@dataclass(slots=True)
class CheckedSheet:
    """The good rows, the first problems (at most MAX_PROBLEMS) and how many rows were bad."""

    rows: list[LedgerRow] = field(default_factory=list)
    problems: list[LedgerProblem] = field(default_factory=list)
    refused: int = 0
    read: int = 0
    wrong_codes: set[str] = field(default_factory=set)

    def refuse(self, problem: LedgerProblem) -> None:
        """Count a bad row; keep its problem while fewer than MAX_PROBLEMS are kept."""
        self.refused += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def hints(self) -> list[str]:
        """One line per coded column that had a wrong value: the values it accepts."""
        return [
            f"{header}可填写：{'、'.join(ACCEPTED_VALUES[header])}。"
            for header in ACCEPTED_VALUES
            if header in self.wrong_codes
        ]


def sheet_to_rows(sheet: Sheet, *, today: date) -> CheckedSheet:
    """Check every row in file order; good rows are kept, bad ones counted and named."""
    positions = _header_positions(sheet.header)
    checked = CheckedSheet()
    first_line: dict[str, int] = {}
    for line, cells in sheet.rows:
        checked.read += 1
        values = {
            name: _cell(cells, index) for name, index in positions.items() if index is not None
        }
        row, messages = _check(values, today, checked.wrong_codes, line)
        reference = normalise_reference(_text(values.get("reference")))
        if reference:
            if reference in first_line:
                messages.append(f"编号{quoted(reference)}与第 {first_line[reference]} 行重复")
            else:
                first_line[reference] = line
        if messages:
            checked.refuse(LedgerProblem(line, "；".join(messages) + "。"))
        elif row is not None:
            checked.rows.append(row)
    return checked


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
    if type(value) is str:  # the common case first: this runs for every cell
        text = value.strip()
        return unneutralised(text).strip() if text[:1] == "'" else text
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # Excel stores 编号 20230001 as a float
    return str(value).strip()


def _coded(
    text: str, value: str | None, header: str, messages: list[str], wrong: set[str]
) -> str | None:
    # A wrong code is named in the row; the accepted values are listed once, after the rows.
    if text and value is None:
        what = "不是年报表三的办理结果" if header == "办理结果" else "无效"
        messages.append(f"{header}{quoted(text)}{what}")
        wrong.add(header)
    return value


def _check(
    values: dict[str, Cell], today: date, wrong: set[str], line: int
) -> tuple[LedgerRow | None, list[str]]:
    messages: list[str] = []

    def required(name: str, header: str) -> str:
        text = _text(values.get(name))
        if not text:
            messages.append(f"“{header}”不能为空")
        return text

    def limited(text: str, header: str, limit: int) -> str:
        if len(text) > limit:
            messages.append(f"{header}过长（{len(text)} 字，最多 {limit} 字）")
        return text

    reference = limited(
        normalise_reference(required("reference", "编号")), "编号", _MAX_LENGTH["reference"]
    )
    received_on = _date(values.get("received_on"), "收到日期", messages, required=True)
    channel_text = required("channel", "申请方式")
    channel = _coded(channel_text, channel_from_text(channel_text), "申请方式", messages, wrong)
    kind_text = required("applicant_kind", "申请人类型")
    kind = _coded(kind_text, applicant_kind_from_text(kind_text), "申请人类型", messages, wrong)
    name = limited(
        required("applicant_name", "申请人姓名或名称"),
        "申请人姓名或名称",
        _MAX_LENGTH["applicant_name"],
    )
    description = limited(required("description", "申请内容"), "申请内容", _MAX_DESCRIPTION)
    contact = limited(
        _text(values.get("applicant_contact")), "联系方式", _MAX_LENGTH["applicant_contact"]
    )
    if _MASKED.search(contact):
        messages.append(
            f"联系方式{quoted(contact)}是遮蔽后的内容，不能导入（请使用未遮蔽的导出文件）"
        )
    id_number, credit_code = _identity(kind, _text(values.get("identity_number")), messages)
    outcome_text = _text(values.get("outcome"))
    outcome = (
        _coded(outcome_text, outcome_from_text(outcome_text), "办理结果", messages, wrong)
        if outcome_text
        else ""
    )
    closed_on = _date(values.get("closed_on"), "办结日期", messages, required=False)
    if outcome_text and values.get("closed_on") in (None, ""):
        messages.append("填写了办理结果，但没有填写办结日期")
    if closed_on is not None and not outcome_text:
        messages.append("填写了办结日期，但没有填写办理结果")
    for label, day in (("收到日期", received_on), ("办结日期", closed_on)):
        if day is not None and day > today:
            messages.append(f"{label}“{day.isoformat()}”晚于今天")
    if received_on is not None and received_on < FIRST_REGULATIONS_IN_FORCE:
        messages.append(
            f"收到日期“{received_on.isoformat()}”早于《政府信息公开条例》施行之日（2008-05-01）"
        )
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
            applicant_contact=contact,
            description=description,
            outcome=outcome,
            closed_on=closed_on,
        ),
        messages,
    )


def _identity(kind: str | None, number: str, messages: list[str]) -> tuple[str, str]:
    # One column holds the resident ID of a person or the credit code of an organisation.
    if kind is None or not number:
        return "", ""
    if _MASKED.search(number):
        messages.append(
            f"证件号码{quoted(number)}是遮蔽后的号码，不能导入（迁移数据请使用未遮蔽的导出文件）"
        )
        return "", ""
    person = kind == ApplicantKind.NATURAL_PERSON
    id_number, credit_code, errors = checked_identity(
        kind, number.upper() if person else "", "" if person else number.upper()
    )
    for message in errors.values():
        messages.append(f"证件号码{quoted(number)}有误：{message.rstrip('。')}")
    return id_number, credit_code


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
    messages.append(f"{header}{quoted(text)}不是有效日期")
    return None
