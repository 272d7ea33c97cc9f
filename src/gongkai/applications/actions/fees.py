"""The 信息处理费 (art. 42; 国办函〔2020〕109号): notice, payment, expiry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings

from gongkai.clock import fee_payment_due

from ..choices import EventKind, Outcome, PauseKind, Rules, Status
from ..deadlines import refresh_deadline, work_calendar
from ..models import Application, Pause
from ._base import Action, ActionRefused, coerce_date

__all__ = ["ExpireFee", "IssueFeeNotice", "RecordPayment"]


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ActionRefused(f"收费金额不正确：{value}") from None
    if not amount.is_finite() or amount <= 0:
        raise ActionRefused("收费金额应大于零。")
    if amount != amount.quantize(Decimal("0.01")):
        raise ActionRefused("收费金额最多保留两位小数。")
    return amount


class IssueFeeNotice(Action):
    """发出收费通知: the applicant has 20 working days from the day after receiving it."""

    name = "issue_fee_notice"
    label = "发出收费通知"
    event_kind = EventKind.FEE_NOTICE_ISSUED
    statuses = frozenset({Status.REGISTERED, Status.IN_PROGRESS})
    params = frozenset({"amount", "method", "notice_received_on"})

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        fees_from = date.fromisoformat(settings.GONGKAI_FEES_FROM)
        if app.rules == Rules.Y2008 or on < fees_from:
            raise ActionRefused(
                f"信息处理费自{fees_from.isoformat()}起按《政府信息公开信息处理费管理办法》收取，"
                "本申请不适用。",
                code="conflict",
            )
        if app.fee_amount is not None:
            raise ActionRefused("本申请已发出过收费通知。", code="conflict")
        amount = _amount(params.get("amount"))
        method = str(params.get("method") or "")
        if method not in {"per_item", "per_volume"}:
            raise ActionRefused("请选择计收方式：按件计收（per_item）或按量计收（per_volume）。")
        received = coerce_date(
            params.get("notice_received_on"), "申请人收到通知日期", required=False
        )
        received = received or on
        if received < on:
            raise ActionRefused("申请人收到通知的日期不能早于发出通知的日期。")
        due = fee_payment_due(received, calendar=work_calendar())
        Pause.objects.create(application=app, kind=PauseKind.FEE, started_on=on)
        app.status = Status.AWAITING_FEE
        app.fee_amount = amount
        app.fee_due_on = due.due_on
        refresh_deadline(app)
        return {"amount": amount, "method": method, "notice_received_on": received}


class RecordPayment(Action):
    """登记缴费: handling resumes."""

    name = "record_payment"
    label = "登记缴费"
    event_kind = EventKind.FEE_PAID
    statuses = frozenset({Status.AWAITING_FEE})

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        if app.fee_due_on is not None and on > app.fee_due_on:
            raise ActionRefused(
                f"缴费期限（{app.fee_due_on.isoformat()}）已过，应按逾期未缴费办结。",
                code="conflict",
            )
        app.pauses.filter(kind=PauseKind.FEE, ended_on__isnull=True).update(ended_on=on)
        app.status = Status.IN_PROGRESS
        app.fee_paid_on = on
        refresh_deadline(app)
        return {"amount": app.fee_amount}


class ExpireFee(Action):
    """逾期未缴费: the request is treated as abandoned (table 3 （六）2)."""

    name = "expire_fee"
    label = "按逾期未缴费办结"
    event_kind = EventKind.FEE_EXPIRED
    statuses = frozenset({Status.AWAITING_FEE})

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        if app.fee_due_on is None or on <= app.fee_due_on:
            raise ActionRefused(
                f"缴费期限（{app.fee_due_on}）尚未届满，不能按逾期未缴费办结。", code="conflict"
            )
        app.pauses.filter(ended_on__isnull=True).update(ended_on=on)
        app.status = Status.CLOSED
        app.outcome = Outcome.OTHER_FEE_UNPAID
        app.closed_on = on
        return {"outcome": app.outcome}
