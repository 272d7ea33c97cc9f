"""Hand-entered annual-report figures: table 2 is not counted from the register (yet)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.audit.models import actor_field
from gongkai.report import METRICS, Generation, ValueKind

__all__ = [
    "FIRST_COMPILED_YEAR",
    "AnnualReport",
    "ReportState",
    "Table2Entry",
    "table2_choices",
    "table2_problem",
]

# Years before 2019 use the 2008 regulation's free-form report; the register cannot
# produce it and the system does not try.
FIRST_COMPILED_YEAR = 2019


def table2_choices() -> list[tuple[str, str]]:
    """Every table-2 key of either generation with its printed item and column."""
    return [
        (m.key, f"{m.row_label} · {m.column_label}（{m.key}）")
        for m in METRICS.values()
        if m.table == "t2"
    ]


def table2_problem(key: str, year: int, value: Decimal) -> str | None:
    """Why a table-2 figure cannot be entered for a year, or None when it can."""
    metric = METRICS.get(key)
    if metric is None or metric.table != "t2":
        return f"“{key}”不是表二的指标。"
    if year < FIRST_COMPILED_YEAR:
        return f"{year} 年的年度报告不采用统一表格格式，无法录入表二数据。"
    generation = Generation.for_year(year)
    if generation not in metric.generations:
        return (
            f"“{metric.row_label} · {metric.column_label}”不属于 {year} 年采用的"
            f" {generation.value} 年版格式。"
        )
    if metric.kind is ValueKind.MONEY:
        if value < 0:
            return "金额不能为负数。"
        return None
    if value != value.to_integral_value():
        return "件数必须是整数。"
    if metric.kind is ValueKind.COUNT and value < 0:
        return "件数不能为负数。"
    return None


class Table2Entry(models.Model):
    """One hand-entered figure of table 2 (主动公开政府信息情况) for an agency and year."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="table2_entries",
        verbose_name="行政机关",
    )
    year = models.PositiveSmallIntegerField("年度")
    # Checked in clean() (and offered as choices by the admin form) rather than as field
    # choices, so that relabelling a metric does not need a migration.
    key = models.CharField("指标", max_length=64)
    value = models.DecimalField("数值", max_digits=16, decimal_places=4)
    note = models.CharField("备注", max_length=200, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "表二数据（手工填报）"
        verbose_name_plural = "表二数据（手工填报）"
        ordering = ("agency", "-year", "key")
        constraints = [  # noqa: RUF012  (Django's Meta API takes a list)
            models.UniqueConstraint(
                fields=("agency", "year", "key"), name="annual_table2_one_value_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.key} = {self.value}"

    def clean(self) -> None:
        """Refuse keys outside the year's generation and values of the wrong kind."""
        if self.year is None or self.value is None or not self.key:
            return
        problem = table2_problem(self.key, int(self.year), Decimal(self.value))
        if problem is not None:
            raise ValidationError(problem)


class ReportState(models.TextChoices):
    """Where an agency's annual report stands on its way to publication."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    # Set by the supervising office (issue 11): sent back with comments, editable again.
    RETURNED = "returned", "已退回"
    # Set by the supervising office (issue 11): reviewed, may be published.
    ACCEPTED = "accepted", "已审核"
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    """An agency's 政府信息公开工作年度报告 for one year: narrative, state, frozen snapshot.

    Changed only through the steps of ``gongkai.annual.yearend``. From submission on,
    ``snapshot`` holds the report as submitted (figures, findings, the rendered tables and
    the narrative); publication stamps it with its number and it never changes again.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name="行政机关",
    )
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField(
        "状态", max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = actor_field("报送人")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = actor_field("发布人")
    # The publication number: a serial per agency and calendar year of publication.
    number_year = models.PositiveSmallIntegerField("编号年份", null=True, blank=True)
    number = models.PositiveIntegerField("编号", null=True, blank=True)
    reference = models.CharField("发布编号", max_length=120, blank=True)
    snapshot = models.JSONField("冻结版本", default=dict, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ("agency", "-year")
        constraints = [  # noqa: RUF012  (Django's Meta API takes a list)
            models.UniqueConstraint(fields=("agency", "year"), name="annual_report_one_per_year"),
            models.UniqueConstraint(
                fields=("agency", "number_year", "number"),
                condition=models.Q(number__isnull=False),
                name="annual_report_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告（{self.get_state_display()}）"

    @property
    def is_frozen(self) -> bool:
        """True once submitted: the page and the exports show the snapshot."""
        return self.state != ReportState.DRAFT and self.state != ReportState.RETURNED
