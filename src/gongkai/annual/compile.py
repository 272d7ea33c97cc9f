"""Compile tables 2, 3 and 4 of the annual report from the register, by SQL aggregation.

Table 3 is one GROUP BY query (applicant kind x outcome, with conditional counts) over the
cases open at some time in the year, table 4 one over the disputes filed in it, table 2 one
over the hand-entered figures: a handful of queries per report whatever the number of
cases, and no case is loaded into Python. The cut-offs are the issue's, applied to the
register's legal dates:

- 本年新收 (received_new): ``received_on`` in the year;
- 上年结转 (carried_over): received before 1 January and still open on 1 January, i.e.
  ``closed_on`` is null or on/after 1 January;
- 本年度办理结果 (the outcome rows): ``closed_on`` in the year, by ``outcome``;
- 结转下年度继续办理 (carried_forward): received by 31 December and still open then, i.e.
  ``closed_on`` is null or after 31 December.

Because ``closed_on >= received_on`` for every case, each case open at some point of the
year is counted exactly once in 一 + 二 and exactly once in 三（七） + 四: the header identity
of table 3 holds by construction, and 二 of year N is 四 of year N−1 by construction (the
two cut-offs describe the same set of cases).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.db import connection
from django.db.models import Count, DateField, F, Func, Model, Q, QuerySet, Sum
from django.utils import timezone

from gongkai.errors import GongkaiError
from gongkai.report import (
    METRICS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    Generation,
    Method,
    Origin,
    Report,
    ValueKind,
    t3_rows,
)
from gongkai.validate import attach_findings

from .models import FIRST_COMPILED_YEAR, Table2Entry

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application

__all__ = [
    "DISPUTE_COUNTING_RULE",
    "CompileError",
    "Cutoffs",
    "compile_report",
    "report_source",
]

# Table 4 counting rule. The 2019 and 2021 formats do not say which disputes belong to a
# year (the 填报说明 were not found, see statute-facts.md, open point 2). We count every
# dispute FILED in the year, once, in its route's group, with its result AS OF 31 DECEMBER:
# a dispute decided (decided_on) on or before 31 December counts under its result; one
# still undecided then, or decided only later, counts as 尚未审结 — so a year's report
# never changes after the year ends. A dispute filed in an earlier year and decided this
# year is not counted again.
DISPUTE_COUNTING_RULE = (
    "表四统计本年度内提起（filed_on 在本年度内）的行政复议、行政诉讼，每件计一次；"
    "截至 12 月 31 日已审结的按审结结果计入“结果维持”“结果纠正”“其他结果”，"
    "截至 12 月 31 日尚未审结（含次年才审结）的计入“尚未审结”；"
    "以前年度提起、本年度审结的不重复统计。"
)

_KINDS = tuple(column for column, _ in T3_COLUMNS if column != "total")
_DECIDED_RESULTS = ("upheld", "corrected", "other")
# The 2019 format prints 其他处理 as one row; the register keeps the 2021 split.
_UNDIVIDED_OTHER = {
    "other.no_correction": "other",
    "other.fee_unpaid": "other",
    "other.other": "other",
}


class CompileError(GongkaiError, ValueError):
    """The register cannot produce this report; the message is for the user (Chinese)."""


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """The first and last day of a report year."""

    first: date
    last: date

    @classmethod
    def for_year(cls, year: int) -> Cutoffs:
        """1 January to 31 December of ``year``."""
        return cls(date(year, 1, 1), date(year, 12, 31))


def report_source(agency: Agency, year: int, *, include_subordinates: bool = False) -> str:
    """The report's source string: where in the system its figures come from."""
    suffix = "/subtree" if include_subordinates else ""
    return f"gongkai:agency/{agency.code}/{year}{suffix}"


def compile_report(agency: Agency, year: int, *, include_subordinates: bool = False) -> Report:
    """Tables 2 (hand-entered), 3 and 4 of ``agency``'s annual report for ``year``, with the
    report's validation findings attached (as a parsed report has them)."""
    if year < FIRST_COMPILED_YEAR:
        raise CompileError(
            f"{year} 年的年度报告适用 2008 年条例的格式，没有统一表格，系统只能编制"
            f" {FIRST_COMPILED_YEAR} 年及以后的年度报告。"
        )
    if year > timezone.localdate().year:
        # A report is compiled for a year that has begun; a far-off year is a typing error.
        raise CompileError(f"年度 {year} 超出范围：只能编制已开始的年度的报告。")
    generation = Generation.for_year(year)
    name = f"{agency.name}（含下级机关）" if include_subordinates else agency.name
    report = Report(
        source=report_source(agency, year, include_subordinates=include_subordinates),
        agency=name,
        year=year,
        generation=generation,
    )
    cutoffs = Cutoffs.for_year(year)
    _compile_table2(report, agency, year, include_subordinates, generation)
    _compile_table3(report, agency, cutoffs, include_subordinates, generation)
    _compile_table4(report, agency, cutoffs, include_subordinates)
    return attach_findings(report)


# --- selection -------------------------------------------------------------------------


_Row = TypeVar("_Row", bound=Model)


def _scope(queryset: QuerySet[_Row], agency: Agency, include_subordinates: bool) -> QuerySet[_Row]:
    # The subtree as ``agency_id IN (SELECT id FROM agency WHERE path LIKE '/1/4/%')``: the
    # planner then walks the (agency, date) indexes once per agency of the subtree.
    if not include_subordinates:
        return queryset.filter(agency_id=agency.pk)
    from gongkai.agencies.models import Agency as AgencyModel

    subtree = AgencyModel.objects.within(agency).values("pk")
    return queryset.filter(agency_id__in=subtree)


# --- table 2 ---------------------------------------------------------------------------


def _compile_table2(
    report: Report, agency: Agency, year: int, include_subordinates: bool, generation: Generation
) -> None:
    # A rolled-up report adds up its agencies' entries key by key.
    entries = _scope(Table2Entry.objects.filter(year=year), agency, include_subordinates)
    totals = entries.values("key").annotate(value=Sum("value")).order_by()
    origin = Origin(0, f"{year} 年表二手工填报数据", Method.COMPILED)
    for row in totals:
        metric = METRICS.get(row["key"])
        if metric is None or generation not in metric.generations:
            continue  # Table2Entry.clean refuses these; a stray row must not spoil the report
        value: Decimal = row["value"]
        if metric.kind is ValueKind.MONEY:
            report.set(metric.key, value.normalize() if value else Decimal(0), origin)
        else:
            report.set(metric.key, int(value), origin)


# --- table 3 ---------------------------------------------------------------------------


def _compile_table3(
    report: Report,
    agency: Agency,
    cutoffs: Cutoffs,
    include_subordinates: bool,
    generation: Generation,
) -> None:
    from gongkai.applications.models import Application

    first, last = cutoffs.first, cutoffs.last
    year = first.year
    # One pass over the cases open at some time in the year (received by 31 December, not
    # closed before 1 January): every row of table 3 is a conditional count over that set,
    # grouped by applicant kind and outcome.
    active = _active_in_year(
        _scope(Application.objects.all(), agency, include_subordinates), cutoffs
    )
    grouped = (
        active.values_list("applicant_kind", "outcome")
        .annotate(
            received_new=Count("pk", filter=Q(received_on__gte=first)),
            carried_over=Count("pk", filter=Q(received_on__lt=first)),
            closed=Count("pk", filter=Q(closed_on__lte=last)),
            carried_forward=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=last)),
        )
        .order_by()
    )

    rows = [r.row for r in t3_rows(generation)]
    outcome_rows = rows[rows.index("carried_over") + 1 : rows.index("total")]
    counts: dict[str, Counter[str]] = {row: Counter() for row in rows}
    for kind, outcome, received_new, carried_over, closed, carried_forward in grouped:
        if kind not in _KINDS:
            n = received_new + carried_over
            raise CompileError(f"有 {n} 件申请的申请人类型“{kind}”无效，请先在台账中更正。")
        counts["received_new"][kind] += received_new
        counts["carried_over"][kind] += carried_over
        counts["carried_forward"][kind] += carried_forward
        if not closed:
            continue
        row = _UNDIVIDED_OTHER.get(outcome, outcome) if generation is Generation.Y2019 else outcome
        if row not in outcome_rows:
            raise CompileError(
                f"有 {closed} 件在 {year} 年办结的申请没有有效的办理结果（“{outcome}”），"
                "请先在台账中更正。"
            )
        counts[row][kind] += closed
        counts["total"][kind] += closed

    cutoff_text = {
        "received_new": f"收到日期在 {year} 年内",
        "carried_over": f"{year} 年 1 月 1 日前收到且当日仍未办结",
        "carried_forward": f"{year} 年 12 月 31 日前收到且当日仍未办结",
    }
    for row in rows:
        text = cutoff_text.get(row, f"办结日期在 {year} 年内")
        origin = Origin(0, f"台账统计：{text}", Method.COMPILED)
        for kind in _KINDS:
            report.set(f"t3.{row}.{kind}", counts[row][kind], origin)
        report.set(f"t3.{row}.total", sum(counts[row][kind] for kind in _KINDS), origin)


def _active_in_year(cases: QuerySet[Application], cutoffs: Cutoffs) -> QuerySet[Application]:
    """Cases open at some time in the year: received by 31 December, not closed before 1 January."""
    open_on_first = Q(closed_on__isnull=True) | Q(closed_on__gte=cutoffs.first)
    if connection.vendor != "sqlite":
        # PostgreSQL's statistics pick the cheaper of the two date indexes by themselves.
        return cases.filter(open_on_first, received_on__lte=cutoffs.last)
    # SQLite (as bundled with Python: no STAT4 histograms) rates both one-sided date ranges
    # alike and always walks (agency, received_on): for a recent year of a long register
    # that is nearly every row. Two index-only counts tell which range is smaller; when it
    # is the closing-date one, a unary plus keeps SQLite off the receipt-date index (the
    # documented way to disqualify a term from index use).
    received_later = cases.filter(received_on__gt=cutoffs.last).count()
    closed_earlier = cases.filter(closed_on__lt=cutoffs.first).count()
    if received_later >= closed_earlier:
        return cases.filter(open_on_first, received_on__lte=cutoffs.last)
    unindexed = Func(F("received_on"), template="+%(expressions)s", output_field=DateField())
    return cases.alias(received_on_unindexed=unindexed).filter(
        open_on_first, received_on_unindexed__lte=cutoffs.last
    )


# --- table 4 ---------------------------------------------------------------------------


def _compile_table4(
    report: Report, agency: Agency, cutoffs: Cutoffs, include_subordinates: bool
) -> None:
    from gongkai.applications.models import Dispute

    decided = Q(decided_on__isnull=False, decided_on__lte=cutoffs.last)
    disputes = _scope(Dispute.objects.all(), agency, include_subordinates)
    grouped = (
        disputes.filter(filed_on__gte=cutoffs.first, filed_on__lte=cutoffs.last)
        .values("route")
        .annotate(
            total=Count("pk"),
            **{
                result: Count("pk", filter=decided & Q(result=result))
                for result in _DECIDED_RESULTS
            },
        )
        .order_by()
    )
    by_route = {row["route"]: row for row in grouped}
    origin = Origin(
        0, f"台账统计：{cutoffs.first.year} 年内提起，按 12 月 31 日的审结情况", Method.COMPILED
    )
    for group, _ in T4_GROUPS:
        row = by_route.get(group, {})
        total = int(row.get("total", 0))
        figures = {result: int(row.get(result, 0)) for result in _DECIDED_RESULTS}
        figures["pending"] = total - sum(figures.values())
        figures["total"] = total
        for column, _ in T4_COLUMNS:
            report.set(f"t4.{group}.{column}", figures[column], origin)
    unknown = set(by_route) - {group for group, _ in T4_GROUPS}
    if unknown:
        raise CompileError(f"复议诉讼记录的类型“{'、'.join(sorted(unknown))}”无效。")
