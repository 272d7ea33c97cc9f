"""The year-end workflow of an agency's annual report: edit, submit, publish (audited steps).

A report is a draft (compiled afresh from the register on every look) until it is
submitted; submission freezes a snapshot — the figures, the findings, the tables rendered in
the national layout and the narrative — and publication stamps that snapshot with a number.
A published report never changes and is never recompiled. ``returned`` and ``accepted``
are set by the supervising office (issue 11); a returned report is edited like a draft.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import holds_role_at, is_active_user
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.audit.log import model_fields, record_audit
from gongkai.errors import GongkaiError
from gongkai.render import report_to_html
from gongkai.render._layout import report_period, report_title, report_to_layout
from gongkai.report import Report, Severity

from .compile import compile_report
from .models import AnnualReport, ReportState

__all__ = [
    "EDIT_ROLES",
    "NARRATIVE_FIELDS",
    "PublishReport",
    "ReportRefused",
    "ReportStep",
    "SaveNarrative",
    "SubmitReport",
    "WithdrawReport",
    "build_snapshot",
    "current_report",
    "report_document",
]

# The office head and the administrator of the agency write, submit and publish the report.
EDIT_ROLES = frozenset({Role.OFFICE_HEAD, Role.ADMINISTRATOR})
# The narrative sections, in the order the national format prints them around the tables.
NARRATIVE_FIELDS = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
_EDITABLE = frozenset({ReportState.DRAFT, ReportState.RETURNED})
_MAX_NARRATIVE = 20000


class ReportRefused(GongkaiError):
    """A step of the annual report was refused; nothing changed (Chinese message)."""

    default_code = "forbidden"

    def __init__(
        self,
        message: str,
        *,
        errors: dict[str, list[str]] | None = None,
        log_message: str | None = None,
        code: str | None = None,
    ):
        super().__init__(message, log_message=log_message, code=code)
        self.errors = errors or {}


def current_report(agency: Agency, year: int) -> AnnualReport:
    """The agency's report row for ``year``, or an unsaved draft when none exists yet."""
    found = AnnualReport.objects.filter(agency=agency, year=year).first()
    return found or AnnualReport(agency=agency, year=year)


def _exact(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def build_snapshot(report: Report, narrative: dict[str, str]) -> dict[str, Any]:
    """The report as it is frozen: figures, findings, rendered tables, layout, narrative."""
    layout = report_to_layout(report)
    return {
        "title": report_title(report),
        "period": report_period(report),
        "report": report.as_json(),
        # as_json gives money as float; the exact printed value is kept beside it.
        "exact_metrics": {k: _exact(v) for k, v in report.metrics.items()},
        "tables_html": report_to_html(report, standalone=False),
        "layout": [dataclasses.asdict(section) for section in layout.sections],
        "narrative": {name: narrative.get(name, "") for name, _ in NARRATIVE_FIELDS},
        "frozen_at": timezone.now().isoformat(),
    }


def report_document(row: AnnualReport) -> dict[str, Any]:
    """What the page and the exports show: the snapshot once frozen, else compiled now."""
    if row.is_frozen and row.snapshot:
        frozen: dict[str, Any] = row.snapshot
        return frozen
    compiled = compile_report(row.agency, row.year)
    return build_snapshot(compiled, {name: getattr(row, name) for name, _ in NARRATIVE_FIELDS})


def _audited_fields(row: AnnualReport) -> dict[str, Any]:
    # The snapshot is the row's own frozen copy; the audit entry records the rest.
    return {k: v for k, v in model_fields(row).items() if k not in ("snapshot", "updated_at")}


class ReportStep:
    """One audited step on an agency-year's report: role and state checked, row locked."""

    name: ClassVar[str]
    label: ClassVar[str]
    roles: ClassVar[frozenset[str]] = EDIT_ROLES
    states: ClassVar[frozenset[str]] = _EDITABLE

    @classmethod
    def refusal(cls, actor: Any, row: AnnualReport) -> str | None:
        """Why ``actor`` may not take this step now, or None."""
        if not is_active_user(actor):
            return "请先登录。"
        if not holds_role_at(actor, row.agency, cls.roles):
            names = "、".join(Role(role).label for role in sorted(cls.roles))
            return f"无权{cls.label}：须由{row.agency.name}的{names}办理。"
        if row.state not in cls.states:
            return f"年度报告{row.get_state_display()}，不能{cls.label}。"
        return None

    @classmethod
    def is_allowed(cls, actor: Any, row: AnnualReport) -> bool:
        """Whether to offer the step's button."""
        return cls.refusal(actor, row) is None

    @classmethod
    def submit(cls, actor: Any, agency: Agency, year: int, data: Any = None) -> AnnualReport:
        """Take the step on ``agency``'s report for ``year``; raises ``ReportRefused``."""
        with transaction.atomic():
            row, _ = AnnualReport.objects.select_for_update().get_or_create(
                agency=agency, year=year
            )
            problem = cls.refusal(actor, row)
            if problem is not None:
                raise ReportRefused(problem, log_message=f"annual report {cls.name} refused")
            before = _audited_fields(row)
            extra = cls.apply(actor, row, data or {})
            row.save()
            record_audit(
                actor,
                f"annual_report_{cls.name}",
                summary=f"{cls.label}：{row.agency.name} {row.year} 年度报告",
                obj=row,
                agency=row.agency,
                before=before,
                after={**_audited_fields(row), **extra},
            )
        return row

    @classmethod
    def apply(cls, actor: Any, row: AnnualReport, data: Any) -> dict[str, Any]:
        """Change ``row`` (unsaved); return extra fields for the audit entry."""
        raise NotImplementedError


class SaveNarrative(ReportStep):
    """保存报告正文: sections 一, 五 and 六 of a draft or returned report."""

    name = "narrative"
    label = "保存报告正文"

    @classmethod
    def apply(cls, actor: Any, row: AnnualReport, data: Any) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        values: dict[str, str] = {}
        for name, title in NARRATIVE_FIELDS:
            text = str(data.get(name, "")).replace("\r\n", "\n").strip()
            if len(text) > _MAX_NARRATIVE:
                errors[name] = [f"“{title}”不能超过 {_MAX_NARRATIVE} 字。"]
            values[name] = text
        if errors:
            raise ReportRefused("报告正文未保存，请按提示修改。", errors=errors, code="invalid")
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        for name, text in values.items():
            setattr(row, name, text)
        return {"changed_sections": sorted(changed)}


class SubmitReport(ReportStep):
    """报送: send the report to the supervising office; the snapshot is frozen now."""

    name = "submit"
    label = "报送年度报告"

    @classmethod
    def apply(cls, actor: Any, row: AnnualReport, data: Any) -> dict[str, Any]:
        today = timezone.localdate()
        if today <= date(row.year, 12, 31):
            raise ReportRefused(
                f"{row.year} 年尚未结束，年度报告须在 {row.year + 1} 年 1 月 1 日以后报送。",
                code="conflict",
            )
        if not row.overview.strip():
            raise ReportRefused(
                "请先填写“一、总体情况”并保存，再报送。",
                errors={"overview": ["请填写总体情况。"]},
                code="invalid",
            )
        compiled = compile_report(row.agency, row.year)
        errors = [f for f in compiled.findings if f.severity is Severity.ERROR]
        if errors:
            raise ReportRefused(
                f"年度报告有 {len(errors)} 项错误（见“核对结果”），请更正后再报送。",
                code="conflict",
            )
        narrative = {name: getattr(row, name) for name, _ in NARRATIVE_FIELDS}
        row.snapshot = build_snapshot(compiled, narrative)
        row.state = ReportState.SUBMITTED
        row.submitted_at = timezone.now()
        row.submitted_by = actor
        return {"figures": len(compiled.figures)}


class WithdrawReport(ReportStep):
    """撤回报送: take a submitted report back to a draft before it is reviewed or published."""

    name = "withdraw"
    label = "撤回报送"
    states = frozenset({ReportState.SUBMITTED})

    @classmethod
    def apply(cls, actor: Any, row: AnnualReport, data: Any) -> dict[str, Any]:
        row.state = ReportState.DRAFT
        row.snapshot = {}
        row.submitted_at = None
        row.submitted_by = None
        return {}


class PublishReport(ReportStep):
    """发布: publish the submitted version, numbered; legally final and never changed."""

    name = "publish"
    label = "发布年度报告"
    states = frozenset({ReportState.SUBMITTED, ReportState.ACCEPTED})

    @classmethod
    def apply(cls, actor: Any, row: AnnualReport, data: Any) -> dict[str, Any]:
        now = timezone.now()
        number_year = timezone.localdate(now).year
        # The row is locked; another report of the agency published at the same instant
        # would hit the unique constraint and roll back rather than share the number.
        last = (
            AnnualReport.objects.filter(agency=row.agency, number_year=number_year)
            .exclude(number__isnull=True)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        row.number_year = number_year
        row.number = (last or 0) + 1
        row.reference = f"{row.agency.name}政府信息公开年报〔{number_year}〕第{row.number}号"
        row.state = ReportState.PUBLISHED
        row.published_at = now
        row.published_by = actor
        row.snapshot = {**row.snapshot, "reference": row.reference, "published_at": now.isoformat()}
        return {}


STEPS: dict[str, type[ReportStep]] = {
    step.name: step for step in (SaveNarrative, SubmitReport, WithdrawReport, PublishReport)
}
