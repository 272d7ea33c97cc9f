"""The 信息处理费 (art. 42; 国办函〔2020〕109号): notice, payment, expiry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import Q

from gongkai.clock import fee_payment_due
from gongkai.fees import FeeBreakdown, FeeError, FeeMethod, calculate_fee

from ..choices import EventKind, Outcome, PauseKind, Regulation, Status
from ..deadlines import refresh_deadline, work_calendar
from ..forms import IssueFeeNoticeForm
from ..models import Application, Pause
from ._base import Action, ActionRefused, coerce_date

__all__ = ["ExpireFee", "IssueFeeNotice", "RecordPayment"]


_METHOD_ALIASES = {"per_volume": FeeMethod.PER_PAGE.value}  # 按量计收, as the admin form said


def _count(value: Any, what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ActionRefused(f"{what}应为整数：{value}") from None
    if number < 0:
        raise ActionRefused(f"{what}不能为负数。")
    return number


def applicant_items_before(app: Application) -> int:
    """The applicant's applications to the same agency earlier in the receipt's calendar month.

    按件计收 counts per applicant per 自然月 (art. 4). Each earlier application counts as one
    item: the register does not record how a request was split under 一事一申请, so an office
    that split one passes ``items_already_this_month`` instead. The applicant is the same
    identity number or credit code when one is recorded, else the same name and contact.
    """
    if app.applicant_id_number:
        same = Q(applicant_id_number=app.applicant_id_number)
    elif app.applicant_credit_code:
        same = Q(applicant_credit_code=app.applicant_credit_code)
    else:
        same = Q(applicant_name=app.applicant_name, applicant_contact=app.applicant_contact)
    month_start = app.received_on.replace(day=1)
    earlier = Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk)
    return (
        Application.objects.filter(same, earlier, agency_id=app.agency_id)
        .filter(received_on__gte=month_start)
        .count()
    )


def fee_for(app: Application, **params: Any) -> FeeBreakdown:
    """The 信息处理费 of an application by the chosen method (refused when not computable)."""
    method = str(params.get("method") or "")
    method = _METHOD_ALIASES.get(method, method)
    if method not in {m.value for m in FeeMethod}:
        raise ActionRefused("请选择计收方式：按件计收（per_item）或按量计收（per_page）。")
    item_params = {"items", "items_already_this_month"}
    other = {"pages"} if method == FeeMethod.PER_ITEM else item_params
    if any(params.get(name) not in (None, "") for name in other):
        raise ActionRefused("一件申请只能按一种方式计收信息处理费（按件或按量），不得同时填写。")
    try:
        if method == FeeMethod.PER_ITEM:
            items = _count(params.get("items"), "本次计费件数")
            before = _count(params.get("items_already_this_month"), "本月此前已计件数")
            return calculate_fee(
                method,
                items=1 if items is None else items,
                items_already_this_month=applicant_items_before(app) if before is None else before,
            )
        pages = _count(params.get("pages"), "页数")
        if pages is None:
            raise ActionRefused("按量计收须填写页数。")
        return calculate_fee(method, pages=pages)
    except FeeError as exc:
        raise ActionRefused(str(exc)) from None


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
    """发出收费通知: the amount by the 2020 measures; 20 working days to pay from the day after.

    The fee is computed, not typed in: ``method`` per_item (``items`` of this request, default 1;
    the applicant's earlier items this month come from the register) or per_page (``pages``).
    An ``amount`` given by the office must equal the computed one, and a notice for a fee of 0
    is refused: within the free bands nothing may be charged.
    """

    name = "issue_fee_notice"
    label = "发出收费通知"
    event_kind = EventKind.FEE_NOTICE_ISSUED
    statuses = frozenset({Status.REGISTERED, Status.IN_PROGRESS})
    form_class = IssueFeeNoticeForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        fees_from = date.fromisoformat(settings.GONGKAI_FEES_FROM)
        if app.rules == Regulation.Y2008 or on < fees_from:
            raise ActionRefused(
                f"信息处理费自{fees_from.isoformat()}起按《政府信息公开信息处理费管理办法》收取，"
                "本申请不适用。",
                code="conflict",
            )
        if app.fee_amount is not None:
            raise ActionRefused("本申请已发出过收费通知。", code="conflict")
        fee = fee_for(app, **params)
        calculation = "；".join(fee.describe())
        if fee.total <= 0:
            raise ActionRefused(
                f"按《政府信息公开信息处理费管理办法》本申请不收费（{calculation}）。"
            )
        if params.get("amount") not in (None, "") and _amount(params["amount"]) != fee.total:
            raise ActionRefused(
                f"收费金额 {params['amount']} 元与按《办法》计算的 {fee.total} 元不符（{calculation}）。"
            )
        amount = fee.total
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
        return {
            "amount": amount,
            "method": fee.method.value,
            "units": fee.units,
            "already_counted": fee.already_counted,
            "calculation": fee.describe(),
            "notice_received_on": received,
        }


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
