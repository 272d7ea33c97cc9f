"""The register of applications (依申请公开台账): applications, their audit trail, pauses,
disputes and the administrator's calendar overrides."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.audit.models import AppendOnly, AuditImmutable, actor_field

from .choices import (
    CHANNEL_CHOICES,
    OPEN_STATUSES,
    PAUSE_CHOICES,
    RULES_CHOICES,
    ApplicantKind,
    DisputeResult,
    DisputeRoute,
    EventKind,
    Outcome,
    Status,
)

__all__ = [
    "OPEN_STATUSES",
    "Application",
    "ApplicationEvent",
    "AuditImmutable",
    "CalendarOverride",
    "CalendarYear",
    "Dispute",
    "Pause",
]


class Application(models.Model):
    """One request for government information, from receipt to its outcome."""

    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    reference = models.CharField("申请编号", max_length=64, unique=True)
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人", max_length=200)
    applicant_id_number = models.CharField("身份证号码", max_length=18, blank=True)
    applicant_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    applicant_contact = models.CharField("联系方式", max_length=200, blank=True)
    channel = models.CharField("申请渠道", max_length=16, choices=CHANNEL_CHOICES)
    arrived_at = models.DateTimeField("到达时间")
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期", db_index=True)
    rules = models.CharField("适用条例", max_length=4, choices=RULES_CHOICES)
    description = models.TextField("申请内容", blank=True)
    status = models.CharField(
        "状态", max_length=24, choices=Status.choices, default=Status.REGISTERED
    )
    clock_started_on = models.DateField("起算日期")
    deadline = models.DateField("答复期限", null=True, blank=True)
    deadline_uncertain = models.BooleanField("期限待核", default=False)
    extended = models.BooleanField("已延期", default=False)
    # The applicant's deadline for the 补正 set in the correction notice (art. 30).
    correction_due_on = models.DateField("补正期限", null=True, blank=True)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_due_on = models.DateField("缴费期限", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    outcome = models.CharField(
        "办理结果", max_length=48, choices=Outcome.choices, blank=True, default=""
    )
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    reopened_from = models.ForeignKey(
        "self",
        verbose_name="原申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reopenings",
    )
    # The handler the office head put on the case (None: the office as a whole).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-received_on", "-id")
        indexes = (
            models.Index(fields=["agency", "received_on"], name="app_agency_received"),
            models.Index(fields=["agency", "closed_on"], name="app_agency_closed"),
            models.Index(fields=["agency", "status"], name="app_agency_status"),
        )

    def __str__(self) -> str:
        return f"{self.reference} {self.applicant_name}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    def clean(self) -> None:
        """Validate the applicant's identity number against the applicant kind."""
        from .applicant import applicant_identity_errors

        errors = applicant_identity_errors(
            self.applicant_kind, self.applicant_id_number, self.applicant_credit_code
        )
        if errors:
            raise ValidationError(errors)


class ApplicationEvent(AppendOnly, models.Model):
    """One step of an application, append-only: who, when, the state before and after."""

    record_name = "办理记录"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("事项", max_length=32, choices=EventKind.choices)
    actor = actor_field()
    at = models.DateTimeField("记录时间")
    effective_on = models.DateField("生效日期")
    before = models.JSONField("变更前", default=dict)
    after = models.JSONField("变更后", default=dict)
    payload = models.JSONField("参数", default=dict)
    note = models.TextField("备注", blank=True)
    idempotency_key = models.CharField("提交标识", max_length=64, null=True, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["application", "idempotency_key"], name="event_idempotency_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_kind_display()} {self.effective_on}"


class Pause(models.Model):
    """A consultation period excluded from the reply clock (arts. 32, 33(3), 34)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="pauses"
    )
    kind = models.CharField("类型", max_length=16, choices=PAUSE_CHOICES)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    party = models.CharField("征求意见对象", max_length=200, blank=True)

    class Meta:
        verbose_name = "期限扣除"
        verbose_name_plural = "期限扣除"
        ordering = ("started_on", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}–{self.ended_on or ''}"


class Dispute(models.Model):
    """An administrative reconsideration or lawsuit over an application (table 4)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="disputes"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="被申请机关", on_delete=models.PROTECT, related_name="disputes"
    )
    route = models.CharField("途径", max_length=40, choices=DisputeRoute.choices)
    result = models.CharField(
        "结果", max_length=16, choices=DisputeResult.choices, default=DisputeResult.PENDING
    )
    filed_on = models.DateField("立案日期", db_index=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    reference = models.CharField("案号", max_length=100, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "行政复议与诉讼"
        verbose_name_plural = "行政复议与诉讼"
        ordering = ("-filed_on", "-id")
        indexes = (models.Index(fields=["agency", "filed_on"], name="dispute_agency_filed"),)

    def __str__(self) -> str:
        return f"{self.get_route_display()} {self.reference or self.filed_on}"


class CalendarOverride(models.Model):
    """A day the administrator declares a working day or a day off, over the package data."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "工作日历调整"
        verbose_name_plural = "工作日历调整"
        ordering = ("date",)

    def __str__(self) -> str:
        kind = "工作日" if self.is_workday else "休息日"
        return f"{self.date} {kind}"


class CalendarYear(models.Model):
    """A year whose holiday notice the administrator has entered completely as overrides.

    Years the chinese-calendar package covers need no row. For any other year deadlines stay
    flagged (``deadline_uncertain``) until the administrator declares the year complete here.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "已录入完整的日历年份"
        verbose_name_plural = "已录入完整的日历年份"
        ordering = ("year",)

    def __str__(self) -> str:
        return f"{self.year} 年"
