"""The typed model of one annual report, shared by parsing, compiling, validation and rendering."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ._metrics import METRICS, Generation, key_order

__all__ = [
    "Absence",
    "Breakdown",
    "Figure",
    "Finding",
    "Method",
    "Origin",
    "Percentage",
    "Report",
    "Severity",
    "Statement",
    "Suggestion",
    "Value",
]

Value = int | Decimal


class Method(StrEnum):
    """How a figure was read from its source."""

    CELL = "cell"  # a table cell, read as printed
    DECODED = "decoded"  # split out of run-together digits by the row and column sums
    PROSE = "prose"  # stated in running text
    COMPILED = "compiled"  # counted from the system's own register


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a figure came from: the line of the decoded source and the text read."""

    line: int  # 1-based line number in the decoded source (0 when not from a source)
    text: str
    method: Method = Method.CELL


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure a report states, with its raw text, unit and origin."""

    key: str
    value: Value
    origin: Origin | None = None
    raw: str | None = None  # the cell as printed when it differs from the value ("7710(次)")
    unit: str | None = None  # unit printed in the cell ("万元", "次")


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure stated in the prose of a report.

    ``subject`` is a metric key (``t3.received_new.total``), a group of table-3 rows
    (``t3.denied``, ``t3.unavailable``, ``t3.not_processed``, ``t3.other``: the group's
    总计 column), or None when the prose item has no counterpart in the tables.
    """

    subject: str | None
    value: Value
    label: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A stated total and the parts the prose itemises under it (其中…)."""

    total: Statement
    parts: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Percentage:
    """A stated percentage of a part against its base (…7件,占18.9%)."""

    part: Statement
    base: Statement
    percent: Decimal
    origin: Origin


@dataclass(frozen=True, slots=True)
class Absence:
    """The prose says there were none of these (未发生行政复议、行政诉讼)."""

    subjects: tuple[str, ...]  # metric keys that must then be 0 or absent
    origin: Origin


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The value the evidence pins down for one cell."""

    key: str
    value: Value


@dataclass(frozen=True, slots=True)
class Finding:
    """What validation says of a report (messages in Chinese)."""

    rule: str
    severity: Severity
    message: str
    keys: tuple[str, ...] = ()
    suggestion: Suggestion | None = None

    def as_json(self) -> dict[str, object]:
        """The finding as the spec's JSON object."""
        suggestion: dict[str, object] | None = None
        if self.suggestion is not None:
            suggestion = {
                "key": self.suggestion.key,
                "value": _json_value(self.suggestion.value),
            }
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "keys": list(self.keys),
            "suggestion": suggestion,
        }


@dataclass(slots=True)
class Report:
    """One annual report: who issued it, for which year, in which layout, and its figures."""

    source: str
    index: int = 0
    agency: str | None = None
    year: int | None = None
    generation: Generation | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    percentages: list[Percentage] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    first_line: int = 0  # span of the report in the decoded source, 1-based inclusive
    last_line: int = 0

    @property
    def metrics(self) -> Mapping[str, Value]:
        """Key to value, in printed order."""
        return {k: self.figures[k].value for k in sorted(self.figures, key=key_order)}

    def get(self, key: str) -> Value | None:
        """The value of a key, or None when the report does not state it (absent is not 0)."""
        figure = self.figures.get(key)
        return None if figure is None else figure.value

    def set(self, key: str, value: Value, origin: Origin | None = None, **extra: str) -> None:
        """State a figure; the key must be in the metric dictionary."""
        if key not in METRICS:
            raise KeyError(f"unknown metric key {key!r}")
        self.figures[key] = Figure(key, value, origin, extra.get("raw"), extra.get("unit"))

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures[k] for k in sorted(self.figures, key=key_order))

    @property
    def has_errors(self) -> bool:
        """True when validation found at least one error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def as_json(self) -> dict[str, object]:
        """The report as one element of ``gongkai parse --json``."""
        return {
            "source": self.source,
            "index": self.index,
            "agency": self.agency,
            "year": self.year,
            "generation": None if self.generation is None else str(self.generation),
            "metrics": {k: _json_value(v) for k, v in self.metrics.items()},
            "findings": [f.as_json() for f in self.findings],
        }


def _json_value(value: Value) -> int | float:
    # Money keeps its printed precision when it is whole; JSON has no decimal type.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
