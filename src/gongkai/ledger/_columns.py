"""The register's spreadsheet columns and the labels accepted in them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.applications.choices import CHANNEL_CHOICES, ApplicantKind, Channel, Outcome
from gongkai.report import T3_ROWS, normalise_label

__all__ = [
    "ACCEPTED_VALUES",
    "COLUMNS",
    "HEADERS",
    "REQUIRED_HEADERS",
    "Column",
    "applicant_kind_from_text",
    "channel_from_text",
    "normalise_header",
    "outcome_from_text",
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the register spreadsheet: its header and the Application field."""

    header: str
    field: str
    required: bool  # the header must be present (a cell may still be blank when allowed)


# The exact column set, in export order. 证件号码 holds the resident ID of a natural person
# or the unified social credit code of an organisation, as offices keep one column for both.
COLUMNS: tuple[Column, ...] = (
    Column("编号", "reference", True),
    Column("收到日期", "received_on", True),
    Column("申请方式", "channel", True),
    Column("申请人类型", "applicant_kind", True),
    Column("申请人姓名或名称", "applicant_name", True),
    Column("证件号码", "identity_number", False),
    Column("联系方式", "applicant_contact", False),
    Column("申请内容", "description", True),
    Column("办理结果", "outcome", False),
    Column("办结日期", "closed_on", False),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
REQUIRED_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if c.required)

_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)"
)
_PARENTHESISED = re.compile(r"[（(][^）)]*[)）]$")


def normalise_header(text: str) -> str:
    """A header cell as matched: NFKC, no spaces, no required-field star."""
    return normalise_label(text).strip("*＊")


def _variants(text: str) -> set[str]:
    # A label as offices type it: with or without the printed numbering, the trailing
    # parenthesised note, and the group prefix ("不予公开：").
    base = normalise_label(text)
    out = {base, _NUMBERING.sub("", base)}
    for item in list(out):
        out.add(_PARENTHESISED.sub("", item))
    return out


def _lookup(pairs: list[tuple[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for text, value in pairs:
        for variant in _variants(text):
            table.setdefault(variant, value)
    return table


def _unnumbered(text: str) -> str:
    return _NUMBERING.sub("", normalise_label(text))


_OUTCOME_ROWS = [row for row in T3_ROWS if row.row in Outcome.values]
_OUTCOMES = _lookup(
    [(key, key) for key in Outcome.values]
    + [(str(label), str(key)) for key, label in Outcome.choices]
    + [(row.label, row.row) for row in _OUTCOME_ROWS]
    + [
        (f"{_unnumbered(row.group)}{sep}{_unnumbered(row.label)}", row.row)
        for row in _OUTCOME_ROWS
        if row.group and not row.group.startswith("三、")
        for sep in (":", "-", "—", "/", "")
    ]
)
_CHANNELS = _lookup(
    [(str(key), str(key)) for key in Channel]
    + [(str(label), str(key)) for key, label in CHANNEL_CHOICES]
    + [("邮寄", Channel.REGISTERED_POST), ("挂号信", Channel.REGISTERED_POST)]
    + [
        ("网络", Channel.INTERNET),
        ("网上申请", Channel.INTERNET),
        ("信函", Channel.ORDINARY_LETTER),
    ]
)
_KINDS = _lookup(
    [(key, key) for key in ApplicantKind.values]
    + [(str(label), str(key)) for key, label in ApplicantKind.choices]
    + [("其他组织", ApplicantKind.OTHER_ORG), ("法人或其他组织:其他", ApplicantKind.OTHER_ORG)]
)


# The values a coded column accepts, as a refused import lists them (labels as exported;
# the keys and the table-3 wordings with numbering are accepted too).
ACCEPTED_VALUES: dict[str, tuple[str, ...]] = {
    "申请方式": tuple(str(label) for _, label in CHANNEL_CHOICES),
    "申请人类型": tuple(str(label) for _, label in ApplicantKind.choices),
    "办理结果": tuple(str(label) for _, label in Outcome.choices),
}


def outcome_from_text(text: str) -> str | None:
    """The outcome key for a key or a table-3 label ("不予公开：属于国家秘密"), or None."""
    return _OUTCOMES.get(normalise_label(text))


def channel_from_text(text: str) -> str | None:
    """The channel key for a key or a label ("互联网"), or None."""
    return _CHANNELS.get(normalise_label(text))


def applicant_kind_from_text(text: str) -> str | None:
    """The applicant-kind key for a key or a table-3 column label ("自然人"), or None."""
    return _KINDS.get(normalise_label(text))
