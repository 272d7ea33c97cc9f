"""Handling steps: extension (art. 33(2)), routing for 协查, reopening."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency

from ..choices import Channel, EventKind, Status, regulation_for
from ..deadlines import refresh_deadline
from ..forms import ApproveExtensionForm, ReopenForm, RouteToDepartmentForm
from ..models import Application, ApplicationEvent
from ..records import create_application, record_event
from ._base import OFFICE_HEAD_ROLES, OPEN, Action, ActionRefused, chosen_pk, coerce_date

__all__ = ["ApproveExtension", "Reopen", "RouteToDepartment"]


class ApproveExtension(Action):
    """批准延期: once, by the office head, with notice to the applicant (+20; 2008: +15)."""

    name = "approve_extension"
    label = "批准延期答复"
    event_kind = EventKind.EXTENSION_APPROVED
    roles = OFFICE_HEAD_ROLES
    statuses = frozenset(
        {Status.REGISTERED, Status.IN_PROGRESS, Status.CONSULTING, Status.AWAITING_FEE}
    )
    form_class = ApproveExtensionForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        if app.extended:
            raise ActionRefused("本申请已延期，延期只能批准一次。", code="conflict")
        notified_on = coerce_date(params.get("notified_on"), "告知申请人延期的日期")
        assert notified_on is not None
        if notified_on < on or notified_on > timezone.localdate():
            raise ActionRefused("告知申请人的日期应在批准之日或之后，且不晚于今天。")
        original = app.deadline
        # A4 [U]: the extension must be decided and notified within the first period.
        if (
            settings.GONGKAI_EXTENSION_BEFORE_DEADLINE
            and original is not None
            and notified_on > original
        ):
            raise ActionRefused(
                f"答复期限（{original.isoformat()}）已过，不能再延期。", code="conflict"
            )
        app.extended = True
        refresh_deadline(app)
        return {"notified_on": notified_on, "original_deadline": original}


class RouteToDepartment(Action):
    """转部门协查: another agency is asked to search or to help; the case stays here."""

    name = "route_to_department"
    label = "转部门协查"
    event_kind = EventKind.ROUTED
    statuses = OPEN - {Status.AWAITING_CORRECTION}
    form_class = RouteToDepartmentForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        try:
            department = Agency.objects.get(pk=chosen_pk(params.get("department"), Agency))
        except (TypeError, ValueError, Agency.DoesNotExist):
            raise ActionRefused("请选择协查部门。") from None
        if department.pk == app.agency_id:
            raise ActionRefused("协查部门不能是受理机关本身。")
        if app.events.filter(kind=EventKind.ROUTED, payload__department=department.pk).exists():
            raise ActionRefused(f"已转{department.name}协查，请勿重复提交。", code="conflict")
        if app.status == Status.REGISTERED:
            app.status = Status.IN_PROGRESS
        return {"department": department.pk, "department_name": department.name}


class Reopen(Action):
    """重新办理 a closed case (e.g. after a reconsideration ordered a new answer).

    Counting rule, so that the annual identities hold (上年结转 = 上年结转下年度):
    - reopened in the calendar year it was closed: that year's report is not compiled yet,
      so the case itself reopens: outcome and closed_on are cleared, the clock restarts on
      the reopening day; the year counts it once, with its final outcome;
    - reopened in a later year: the earlier year's report (already published) counted the case
      as closed and must not change. The case stays closed and a linked new application
      (``reopened_from``) is registered, received on the reopening day, and counted as
      newly received in that year.
    """

    name = "reopen"
    label = "重新办理"
    event_kind = EventKind.REOPENED
    roles = OFFICE_HEAD_ROLES | {Role.ADMINISTRATOR}
    statuses = frozenset({Status.CLOSED})
    form_class = ReopenForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        reason = str(params.get("reason") or "").strip()
        if not reason:
            raise ActionRefused("请填写重新办理的原因。")
        assert app.closed_on is not None
        if on < app.closed_on:
            raise ActionRefused("重新办理的日期不能早于办结日期。")
        if on.year == app.closed_on.year:
            payload: dict[str, Any] = {"reason": reason, "previous_outcome": app.outcome}
            app.status = Status.IN_PROGRESS
            app.outcome = ""
            app.closed_on = None
            app.delivered_on = None
            app.extended = False
            app.clock_started_on = on
            refresh_deadline(app)
            return payload
        running = app.reopenings.exclude(status=Status.CLOSED).first()
        if running is not None:
            raise ActionRefused(
                f"本申请已重新办理（编号 {running.reference}），请勿重复提交。", code="conflict"
            )
        successor = _successor(app, on)
        app._reopened_as = successor  # type: ignore[attr-defined]  # handed to after_event
        return {"reason": reason, "successor": successor.pk, "reference": successor.reference}

    @classmethod
    def after_event(cls, actor: Any, app: Application, event: ApplicationEvent) -> None:
        successor = getattr(app, "_reopened_as", None)
        if successor is None:
            return
        record_event(
            successor,
            EventKind.REGISTERED,
            actor=event.actor,
            at=event.at,
            effective_on=successor.received_on,
            payload={"reopened_from": app.pk, "reference": app.reference},
            note=event.note,
            action=cls.name,
        )

    @classmethod
    def result_of(cls, app: Application) -> Application:
        if app.status == Status.CLOSED:
            successor = app.reopenings.order_by("-id").first()
            if successor is not None:
                return successor
        return app


def _successor(app: Application, on: date) -> Application:
    number = app.reopenings.count() + 1
    successor = Application(
        agency=app.agency,
        reference=f"{app.reference}-R{number}",
        applicant_kind=app.applicant_kind,
        applicant_name=app.applicant_name,
        applicant_id_number=app.applicant_id_number,
        applicant_credit_code=app.applicant_credit_code,
        applicant_contact=app.applicant_contact,
        channel=Channel.OTHER,
        arrived_at=timezone.make_aware(datetime.combine(on, time(9, 0))),
        confirmed_on=on,
        received_on=on,
        rules=regulation_for(on),
        description=app.description,
        status=Status.IN_PROGRESS,
        clock_started_on=on,
        reopened_from=app,
        is_demo=app.is_demo,
    )
    refresh_deadline(successor)
    return create_application(successor)
