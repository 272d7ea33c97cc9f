"""Administrative reconsideration and lawsuits over an application (table 4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..choices import DisputeResult, DisputeRoute, EventKind, Status
from ..forms import DecideDisputeForm, FileDisputeForm
from ..models import Application, Dispute
from ._base import Action, ActionRefused, chosen_pk

__all__ = ["DecideDispute", "FileDispute"]

_ALL = frozenset(Status.values)


class FileDispute(Action):
    """复议或诉讼立案 (a case may be disputed while open, e.g. over a missed deadline)."""

    name = "file_dispute"
    label = "登记行政复议或诉讼"
    event_kind = EventKind.DISPUTE_FILED
    statuses = _ALL
    form_class = FileDisputeForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        route = str(params.get("route") or "")
        if route not in DisputeRoute.values:
            raise ActionRefused("请选择途径：行政复议、未经复议直接起诉或复议后起诉。")
        reference = str(params.get("reference") or "").strip()
        same = app.disputes.filter(route=route)
        same = same.filter(reference=reference) if reference else same.filter(filed_on=on)
        if same.exists():
            raise ActionRefused("该复议或诉讼已登记，请勿重复提交。", code="conflict")
        dispute = Dispute.objects.create(
            application=app,
            agency=app.agency,
            route=route,
            result=DisputeResult.PENDING,
            filed_on=on,
            reference=reference,
            is_demo=app.is_demo,
        )
        return {"dispute": dispute.pk, "route": route, "reference": reference}


class DecideDispute(Action):
    """复议或诉讼审结, with its result."""

    name = "decide_dispute"
    label = "登记复议或诉讼结果"
    event_kind = EventKind.DISPUTE_DECIDED
    statuses = _ALL
    form_class = DecideDisputeForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        try:
            dispute = app.disputes.select_for_update().get(
                pk=chosen_pk(params.get("dispute"), Dispute)
            )
        except (TypeError, ValueError, Dispute.DoesNotExist):
            raise ActionRefused("请选择本申请的复议或诉讼案件。") from None
        if dispute.result != DisputeResult.PENDING:
            raise ActionRefused(
                f"该案件已于{dispute.decided_on}审结，请勿重复登记。", code="conflict"
            )
        result = str(params.get("result") or "")
        if result not in DisputeResult.values or result == DisputeResult.PENDING:
            raise ActionRefused("请选择结果：结果维持、结果纠正或其他结果。")
        if on < dispute.filed_on:
            raise ActionRefused("审结日期不能早于立案日期。")
        dispute.result = result
        dispute.decided_on = on
        dispute.save(update_fields=["result", "decided_on"])
        return {"dispute": dispute.pk, "result": result}
