"""The answer (art. 36 and the table-3 outcomes) and its delivery."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..choices import ANSWER_OUTCOMES, OUTCOME_BASES, EventKind, Outcome, Status
from ..forms import AnswerForm, RecordDeliveryForm
from ..models import Application
from ._base import OFFICE_HEAD_ROLES, Action, ActionRefused

__all__ = ["Answer", "RecordDelivery"]


class Answer(Action):
    """答复: closes the case with exactly one statutory outcome on the answer's date."""

    name = "answer"
    label = "答复"
    event_kind = EventKind.ANSWERED
    roles = OFFICE_HEAD_ROLES
    statuses = frozenset({Status.REGISTERED, Status.IN_PROGRESS})
    form_class = AnswerForm

    @classmethod
    def state_message(cls, app: Application) -> str:
        if app.status == Status.CONSULTING:
            return "正在征求意见，不能答复：请先登记征求意见结束。"
        if app.status == Status.AWAITING_FEE:
            return "正在等待缴费，不能答复：请先登记缴费或按逾期未缴费办结。"
        return super().state_message(app)

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        outcome = params.get("outcome")
        if isinstance(outcome, list | tuple | set):
            if len(outcome) != 1:
                raise ActionRefused("答复只能选择一种办理结果。")
            (outcome,) = outcome
        if not outcome:
            raise ActionRefused("请选择办理结果。")
        if outcome not in Outcome.values:
            raise ActionRefused(f"未知的办理结果：{outcome}")
        if outcome not in ANSWER_OUTCOMES:
            raise ActionRefused(
                "逾期未补正、逾期未缴费须通过相应的办结操作登记，不能作为答复结果。"
            )
        if (
            outcome == Outcome.UNAVAILABLE_STILL_UNCLEAR
            and not app.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
        ):
            raise ActionRefused("“补正后申请内容仍不明确”只适用于已收到补正的申请。")
        overdue = app.deadline is not None and on > app.deadline
        app.status = Status.CLOSED
        app.outcome = outcome
        app.closed_on = on
        return {
            "outcome": outcome,
            "article": OUTCOME_BASES[outcome].article,
            "overdue": overdue,
        }


class RecordDelivery(Action):
    """送达: the answer reached the applicant."""

    name = "record_delivery"
    label = "登记送达"
    event_kind = EventKind.DELIVERED
    statuses = frozenset({Status.CLOSED})
    form_class = RecordDeliveryForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        last_close = app.events.filter(
            kind__in=[
                EventKind.ANSWERED,
                EventKind.WITHDRAWN,
                EventKind.CORRECTION_EXPIRED,
                EventKind.FEE_EXPIRED,
                EventKind.REOPENED,
            ]
        ).last()
        if last_close is None or last_close.kind != EventKind.ANSWERED:
            raise ActionRefused("本申请没有待送达的答复。", code="conflict")
        if app.delivered_on is not None:
            raise ActionRefused(
                f"答复已于{app.delivered_on.isoformat()}送达，请勿重复登记。", code="conflict"
            )
        assert app.closed_on is not None
        if on < app.closed_on:
            raise ActionRefused("送达日期不能早于答复日期。")
        app.delivered_on = on
        return {"method": str(params.get("method") or "")}
