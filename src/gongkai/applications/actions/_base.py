"""The one road every state change takes: permission, state, change, audit, signal."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from gongkai.agencies.choices import Role

from ..choices import Status
from ..deadlines import DeadlineError
from ..models import Application, ApplicationEvent
from ..permissions import roles_at
from ..signals import action_executed

__all__ = [
    "HANDLING_ROLES",
    "OFFICE_HEAD_ROLES",
    "OPEN",
    "Action",
    "ActionRefused",
    "chosen_pk",
    "coerce_date",
    "refuse_unknown",
    "snapshot",
]

# Roles per kind of step (see permissions.py for the reach of each role).
OPEN = frozenset(s for s in Status.values if s != Status.CLOSED)
HANDLING_ROLES = frozenset({Role.HANDLER, Role.OFFICE_HEAD, Role.ADMINISTRATOR})
OFFICE_HEAD_ROLES = frozenset({Role.OFFICE_HEAD})

_SNAPSHOT_FIELDS = (
    "status",
    "outcome",
    "received_on",
    "clock_started_on",
    "deadline",
    "deadline_uncertain",
    "extended",
    "correction_due_on",
    "fee_amount",
    "fee_due_on",
    "fee_paid_on",
    "closed_on",
    "delivered_on",
)


class ActionRefused(Exception):
    """An action was refused; nothing was changed. ``message`` is for the user (Chinese).

    ``code`` says why: "forbidden" (the actor may not), "conflict" (the case's state does not
    allow it), "invalid" (a parameter is missing or wrong).
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    @property
    def http_status(self) -> int:
        return {"forbidden": 403, "conflict": 409}.get(self.code, 400)


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(application: Application) -> dict[str, Any]:
    """The audited fields of an application as JSON values."""
    return {name: _json_value(getattr(application, name)) for name in _SNAPSHOT_FIELDS}


def coerce_date(value: Any, label: str, *, required: bool = True) -> date | None:
    """A date from a date or an ISO string; refuses anything else with a Chinese message."""
    if value is None or value == "":
        if required:
            raise ActionRefused(f"请填写{label}。")
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ActionRefused(f"{label}格式不正确（应为 YYYY-MM-DD）：{value}") from None


def chosen_pk(value: Any, model: type[Model]) -> int:
    """The primary key a choice names: a ``model`` instance (forms) or the key itself (API).

    Raises TypeError or ValueError when it names none (an unsaved instance, None, junk).
    """
    if isinstance(value, model):
        if value.pk is None:
            raise TypeError(f"unsaved {model.__name__}")
        return int(value.pk)
    return int(value)


def refuse_unknown(params: Mapping[str, Any], allowed: set[str]) -> None:
    """Refuse parameters the action does not take (a typo must not be silently ignored)."""
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ActionRefused(f"不支持的参数：{'、'.join(unknown)}")


class Action:
    """Base of every state change on an existing application.

    Subclasses set ``name``, ``label``, ``event_kind``, ``roles``, ``statuses`` and
    implement ``apply``. ``execute`` does the rest: permission, state, the change inside a
    transaction on the locked row, one audit event, the signal; on refusal nothing changes.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    event_kind: ClassVar[str]
    roles: ClassVar[frozenset[str]] = HANDLING_ROLES
    statuses: ClassVar[frozenset[str]] = frozenset()
    params: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def execute(
        cls,
        actor: Any,
        application: Application | int,
        *,
        on: date | str | None = None,
        note: str = "",
        idempotency_key: str | None = None,
        **params: Any,
    ) -> Application:
        """Apply the action and return the application as it now stands."""
        refuse_unknown(params, set(cls.params))
        pk = application.pk if isinstance(application, Application) else application
        try:
            with transaction.atomic():
                app = (
                    Application.objects.select_for_update()
                    .select_related("agency")
                    .filter(pk=pk)
                    .first()
                )
                if app is None:
                    raise ActionRefused("申请不存在。", code="conflict")
                cls.check_permission(actor, app)
                if idempotency_key:
                    replay = app.events.filter(idempotency_key=idempotency_key).first()
                    if replay is not None:
                        if replay.kind != cls.event_kind:
                            raise ActionRefused(
                                "该提交标识已用于另一操作，请刷新后重试。", code="conflict"
                            )
                        # The same submission again: it already applied once.
                        return cls.result_of(app)
                if app.status not in cls.statuses:
                    raise ActionRefused(cls.state_message(app), code="conflict")
                effective_on = cls.effective_date(app, on)
                before = snapshot(app)
                payload = cls.apply(actor, app, effective_on, **params) or {}
                app.save()
                event = ApplicationEvent.objects.create(
                    application=app,
                    kind=cls.event_kind,
                    actor=actor if getattr(actor, "pk", None) else None,
                    at=timezone.now(),
                    effective_on=effective_on,
                    before=before,
                    after=snapshot(app),
                    payload={k: _json_value(v) for k, v in payload.items()},
                    note=note,
                    idempotency_key=idempotency_key or None,
                )
                action_executed.send(sender=cls, action=cls.name, application=app, event=event)
                cls.after_event(actor, app, event)
        except IntegrityError as exc:
            # A concurrent submission with the same idempotency key won the race.
            raise ActionRefused("该操作已提交，请勿重复提交。", code="conflict") from exc
        except DeadlineError as exc:
            raise ActionRefused(str(exc)) from exc
        return cls.result_of(app)

    @classmethod
    def check_permission(cls, actor: Any, app: Application) -> None:
        """Refuse unless the actor holds one of ``roles`` for the application's agency."""
        if actor is None or not getattr(actor, "is_authenticated", False):
            raise ActionRefused("请先登录。", code="forbidden")
        if actor.is_superuser and actor.is_active:
            return
        if not roles_at(actor, app.agency) & cls.roles:
            names = "、".join(Role(role).label for role in sorted(cls.roles))
            raise ActionRefused(
                f"无权{cls.label}：须由{app.agency.name}的{names}办理。", code="forbidden"
            )

    @classmethod
    def state_message(cls, app: Application) -> str:
        return f"申请当前状态为“{app.get_status_display()}”，不能{cls.label}。"

    @classmethod
    def effective_date(cls, app: Application, on: date | str | None) -> date:
        """The legal date of the step: today by default, never before receipt or in future."""
        value = coerce_date(on, "日期", required=False) or timezone.localdate()
        if value > timezone.localdate():
            raise ActionRefused(f"日期不能晚于今天：{value.isoformat()}")
        if value < app.received_on:
            raise ActionRefused(
                f"日期不能早于收到申请日期（{app.received_on.isoformat()}）：{value.isoformat()}"
            )
        return value

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        """Change ``app`` (and related rows); return the event payload. Raise to refuse."""
        raise NotImplementedError

    @classmethod
    def after_event(cls, actor: Any, app: Application, event: ApplicationEvent) -> None:
        """Hook for work that needs the event (e.g. a linked application)."""

    @classmethod
    def result_of(cls, app: Application) -> Application:
        return app
