"""Consultations of third parties (art. 32) and co-producing agencies (art. 34).

Their time is excluded from the reply period (art. 33(3)); each is a ``Pause`` row. One
consultation runs at a time: several parties consulted together are one period (name them
all in ``party``), so no working day is excluded twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.clock import consultation_reply_due

from ..choices import EventKind, PauseKind, Regulation, Status
from ..deadlines import clock_rules, refresh_deadline, work_calendar
from ..forms import StartConsultationForm
from ..models import Application, Pause
from ._base import Action, ActionRefused

__all__ = ["EndConsultation", "StartConsultation"]

_CONSULTATION_KINDS = {PauseKind.THIRD_PARTY, PauseKind.CO_PRODUCER}


class StartConsultation(Action):
    """开始征求意见: the clock stops until the consultation ends."""

    name = "start_consultation"
    label = "开始征求意见"
    event_kind = EventKind.CONSULTATION_STARTED
    statuses = frozenset({Status.REGISTERED, Status.IN_PROGRESS})
    form_class = StartConsultationForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        kind = str(params.get("kind") or "")
        if kind not in _CONSULTATION_KINDS:
            raise ActionRefused("请选择征求意见类型：第三方征求意见或会商。")
        if kind == PauseKind.CO_PRODUCER and app.rules == Regulation.Y2008:
            # 2008 art. 24(3) excludes only the third-party consultation.
            raise ActionRefused(
                "2008年条例只规定征求第三方意见的时间不计入答复期限，会商时间不能扣除。",
                code="conflict",
            )
        party = str(params.get("party") or "").strip()
        if not party:
            raise ActionRefused("请填写征求意见的对象。")
        if app.deadline is not None and on > app.deadline:
            raise ActionRefused(
                f"答复期限（{app.deadline.isoformat()}）已过，不能再开始征求意见。",
                code="conflict",
            )
        Pause.objects.create(application=app, kind=kind, started_on=on, party=party)
        app.status = Status.CONSULTING
        refresh_deadline(app)
        payload: dict[str, Any] = {"kind": kind, "party": party}
        if app.rules == Regulation.Y2019:
            reply = consultation_reply_due(on, calendar=work_calendar(), rules=clock_rules())
            payload["reply_due_on"] = reply.due_on
        return payload


class EndConsultation(Action):
    """征求意见结束: the clock runs again from the next working day."""

    name = "end_consultation"
    label = "结束征求意见"
    event_kind = EventKind.CONSULTATION_ENDED
    statuses = frozenset({Status.CONSULTING})

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        pause = (
            app.pauses.filter(ended_on__isnull=True, kind__in=_CONSULTATION_KINDS)
            .order_by("-started_on")
            .first()
        )
        if pause is None:
            raise ActionRefused("没有正在进行的征求意见。", code="conflict")
        if on < pause.started_on:
            raise ActionRefused("结束日期不能早于开始征求意见的日期。")
        pause.ended_on = on
        pause.save(update_fields=["ended_on"])
        app.status = Status.IN_PROGRESS
        refresh_deadline(app)
        return {"kind": pause.kind, "party": pause.party, "started_on": pause.started_on}
