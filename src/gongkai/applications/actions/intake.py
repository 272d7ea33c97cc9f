"""Intake: registration, 补正 (art. 30) and withdrawal."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.access import agencies_visible_to
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.clock import ReceiptDateError, correction_due, receipt_date

from ..applicant import checked_identity
from ..choices import ApplicantKind, Channel, EventKind, Outcome, Regulation, Status, regulation_for
from ..deadlines import DeadlineError, clock_rules, refresh_deadline, work_calendar
from ..forms import RegistrationForm, RequestCorrectionForm
from ..models import Application, ApplicationEvent
from ..records import create_application, record_event
from ._base import (
    OPEN,
    Action,
    ActionRefused,
    coerce_date,
    refuse_unknown,
    validation_errors,
)

__all__ = [
    "FIRST_REGULATIONS_IN_FORCE",
    "ExpireCorrection",
    "ReceiveCorrection",
    "RegisterApplication",
    "RequestCorrection",
    "Withdraw",
    "close_open_pauses",
    "normalise_reference",
]

# The first Regulations (国务院令第492号) took effect on 2008-05-01: no disclosure application
# under them can have arrived earlier, so an earlier date is a typing error.
FIRST_REGULATIONS_IN_FORCE = date(2008, 5, 1)


_DASHES = str.maketrans("—–－‐", "----")


def normalise_reference(text: str) -> str:
    """A case number as it is compared: NFKC (full-width to half-width), upper case, trimmed.

    ``ABC-1`` and ``ａｂｃ－１`` name one case; long dashes typed by input methods become "-".
    """
    folded = unicodedata.normalize("NFKC", text or "").strip().upper()
    return folded.translate(_DASHES)


def _may_see(actor: Any, agency: Agency) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return True  # check_permission answers "请先登录" for anonymous callers
    return agencies_visible_to(actor).filter(pk=agency.pk).exists()


def _arrival(value: Any) -> datetime:
    """An aware arrival timestamp from a datetime, a date or an ISO string."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text) if "T" in text or " " in text else None
        except ValueError:
            raise ActionRefused(f"到达时间格式不正确：{text}") from None
        if value is None:
            value = coerce_date(text, "到达时间")
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        # A bare date: the time of day is unknown and does not matter for art. 31.
        moment = datetime.combine(value, time(9, 0))
    else:
        raise ActionRefused("请填写到达时间。")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class RegisterApplication(Action):
    """登记申请: create an application with its art. 31 receipt date and first deadline."""

    name = "register"
    label = "登记申请"
    event_kind = EventKind.REGISTERED
    roles = frozenset({Role.REGISTRAR, Role.ADMINISTRATOR})
    form_class = RegistrationForm

    @classmethod
    def submit(
        cls, actor: Any, application: Application | int | None, data: Mapping[str, Any]
    ) -> Application:
        """Validate raw input with the registration form, then register."""
        params = cls.cleaned(cls.form(data))
        agency = params.pop("agency")
        return cls.execute(actor, None, agency=agency, **params)

    @classmethod
    def execute(  # type: ignore[override]  # registration creates the application
        cls,
        actor: Any,
        application: None = None,
        *,
        agency: Agency | int,
        note: str = "",
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> Application:
        """Register a request at ``agency``; returns the new application."""
        refuse_unknown(fields, set(cls.parameter_names()))
        try:
            with transaction.atomic():
                # Locking the agency serialises registrations there (reference numbers).
                target = (
                    Agency.objects.select_for_update()
                    .filter(pk=agency.pk if isinstance(agency, Agency) else agency)
                    .first()
                )
                # An agency the actor may not see answers as one that does not exist, so
                # that registration cannot be used to probe agency ids.
                if target is None or not _may_see(actor, target):
                    raise ActionRefused("受理机关不存在。")
                cls.check_permission(actor, target)
                if idempotency_key:
                    replay = ApplicationEvent.objects.filter(
                        kind=cls.event_kind,
                        idempotency_key=idempotency_key,
                        application__agency=target,
                    ).first()
                    if replay is not None:
                        return replay.application
                app = cls._build(target, fields)
                try:
                    create_application(app)
                except ValidationError as exc:
                    errors = validation_errors(exc)
                    first = next(iter(errors.values()))[0]
                    raise ActionRefused(f"提交的内容有误：{first}", errors=errors) from None
                record_event(
                    app,
                    cls.event_kind,
                    actor=actor,
                    effective_on=app.received_on,
                    payload={"agency": target.pk, "reference": app.reference},
                    note=note,
                    idempotency_key=idempotency_key,
                    action=cls.name,
                )
        except IntegrityError as exc:
            raise ActionRefused("该申请已登记，请勿重复提交。", code="conflict") from exc
        return app

    @classmethod
    def _build(cls, agency: Agency, fields: dict[str, Any]) -> Application:
        kind = str(fields.get("applicant_kind") or "")
        if kind not in ApplicantKind.values:
            raise ActionRefused("请选择申请人类型（自然人或五类法人或其他组织之一）。")
        name = str(fields.get("applicant_name") or "").strip()
        if not name:
            raise ActionRefused("请填写申请人姓名或名称。")
        channel = str(fields.get("channel") or "")
        if channel not in set(Channel):
            raise ActionRefused("请选择申请渠道。")
        arrived_at = _arrival(fields.get("arrived_at"))
        if arrived_at > timezone.now():
            raise ActionRefused("到达时间不能晚于现在。")
        if timezone.localdate(arrived_at) < FIRST_REGULATIONS_IN_FORCE:
            raise ActionRefused(
                "到达时间早于2008年5月1日《政府信息公开条例》施行之日，请核对日期。"
            )
        confirmed_on = coerce_date(fields.get("confirmed_on"), "确认日期", required=False)
        if confirmed_on is not None and confirmed_on > timezone.localdate():
            raise ActionRefused("确认日期不能晚于今天。")
        try:
            received_on = receipt_date(channel, arrived_at, confirmed_on)
        except ReceiptDateError as exc:
            raise ActionRefused(str(exc)) from None
        if received_on is None:
            # Art. 31: for these channels the receipt date is the confirmation date; a
            # request that cannot yet be confirmed is not registered (A2: the clock starts
            # when contact is made).
            raise ActionRefused(
                f"“{Channel(channel).label}”渠道的收到日期为与申请人确认之日，请先确认并填写确认日期。"
            )
        id_number = str(fields.get("applicant_id_number") or "").strip().upper()
        credit_code = str(fields.get("applicant_credit_code") or "").strip().upper()
        id_number, credit_code, errors = checked_identity(kind, id_number, credit_code)
        if errors:
            raise ActionRefused(" ".join(errors.values()))
        description = str(fields.get("description") or "").strip()
        duplicate = Application.objects.filter(
            agency=agency,
            applicant_name=name,
            channel=channel,
            arrived_at=arrived_at,
            description=description,
        ).first()
        if duplicate is not None:
            raise ActionRefused(
                f"该申请已登记（编号 {duplicate.reference}），请勿重复提交。", code="conflict"
            )
        reference = normalise_reference(str(fields.get("reference") or ""))
        if reference:
            if Application.objects.filter(reference=reference).exists():
                raise ActionRefused(f"申请编号 {reference} 已存在。", code="conflict")
        else:
            reference = _next_reference(agency, received_on.year)
        app = Application(
            agency=agency,
            reference=reference,
            applicant_kind=kind,
            applicant_name=name,
            applicant_id_number=id_number,
            applicant_credit_code=credit_code,
            applicant_contact=str(fields.get("applicant_contact") or "").strip(),
            channel=channel,
            arrived_at=arrived_at,
            confirmed_on=confirmed_on,
            received_on=received_on,
            rules=regulation_for(received_on),
            description=description,
            status=Status.REGISTERED,
            clock_started_on=received_on,
            is_demo=bool(fields.get("is_demo", False)),
        )
        try:
            refresh_deadline(app)
        except DeadlineError as exc:
            raise ActionRefused(str(exc)) from None
        return app


def _next_reference(agency: Agency, year: int) -> str:
    prefix = f"{agency.code}-{year}-"
    taken = set(
        Application.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    )
    number = len(taken) + 1
    while f"{prefix}{number:05d}" in taken:
        number += 1
    return f"{prefix}{number:05d}"


def close_open_pauses(app: Application, on: date) -> None:
    """End every running pause on ``on`` (the case leaves the clock)."""
    app.pauses.filter(ended_on__isnull=True).update(ended_on=on)


class RequestCorrection(Action):
    """告知补正: once, covering everything, within 7 working days of receipt (art. 30)."""

    name = "request_correction"
    label = "告知补正"
    event_kind = EventKind.CORRECTION_REQUESTED
    statuses = frozenset({Status.REGISTERED, Status.IN_PROGRESS})
    form_class = RequestCorrectionForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        if app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            raise ActionRefused(
                "补正须一次性告知，本申请已告知过补正，不能再次告知。", code="conflict"
            )
        due_on = coerce_date(params.get("due_on"), "补正期限")
        assert due_on is not None
        if due_on <= on:
            raise ActionRefused("补正期限应晚于告知补正的日期。")
        payload: dict[str, Any] = {"due_on": due_on}
        if app.rules == Regulation.Y2019:
            notice = correction_due(
                app.received_on, calendar=work_calendar(), rules=clock_rules(app.rules)
            )
            if on > notice.due_on:
                raise ActionRefused(
                    f"已超过告知补正的期限：应在收到申请之日起7个工作日内"
                    f"（{notice.due_on.isoformat()}前）一次性告知（条例第三十条）。",
                    code="conflict",
                )
            payload["notice_due_on"] = notice.due_on
        app.status = Status.AWAITING_CORRECTION
        app.correction_due_on = due_on
        # The reply period restarts from the corrected request: no deadline meanwhile.
        app.deadline = None
        app.deadline_uncertain = False
        return payload


class ReceiveCorrection(Action):
    """收到补正: the reply period restarts from this day (art. 30)."""

    name = "receive_correction"
    label = "登记收到补正"
    event_kind = EventKind.CORRECTION_RECEIVED
    roles = frozenset({Role.REGISTRAR, Role.HANDLER, Role.OFFICE_HEAD, Role.ADMINISTRATOR})
    statuses = frozenset({Status.AWAITING_CORRECTION})

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        late = app.correction_due_on is not None and on > app.correction_due_on
        app.status = Status.IN_PROGRESS
        app.clock_started_on = on
        refresh_deadline(app)
        return {"late": late}


class ExpireCorrection(Action):
    """逾期未补正: the request is treated as abandoned (art. 30; table 3 （六）1)."""

    name = "expire_correction"
    label = "按逾期未补正办结"
    event_kind = EventKind.CORRECTION_EXPIRED
    statuses = frozenset({Status.AWAITING_CORRECTION})

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        if app.rules == Regulation.Y2008:
            raise ActionRefused(
                "2008年条例没有“逾期不补正视为放弃申请”的规定，请按答复办结。", code="conflict"
            )
        if app.correction_due_on is None or on <= app.correction_due_on:
            raise ActionRefused(
                f"补正期限（{app.correction_due_on}）尚未届满，不能按逾期未补正办结。",
                code="conflict",
            )
        app.status = Status.CLOSED
        app.outcome = Outcome.OTHER_NO_CORRECTION
        app.closed_on = on
        return {"outcome": app.outcome}


class Withdraw(Action):
    """撤回申请: the applicant withdraws; closed as 其他处理 · 其他."""

    name = "withdraw"
    label = "登记撤回申请"
    event_kind = EventKind.WITHDRAWN
    roles = frozenset({Role.REGISTRAR, Role.HANDLER, Role.OFFICE_HEAD, Role.ADMINISTRATOR})
    statuses = OPEN

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        close_open_pauses(app, on)
        app.status = Status.CLOSED
        app.outcome = Outcome.OTHER_OTHER
        app.closed_on = on
        app.deadline_uncertain = False
        return {"outcome": app.outcome}
