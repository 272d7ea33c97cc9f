"""The one road every state change takes: permission, state, change, audit, signal.

Each action declares its parameters once, as a Django form (``form_class``); the admin, the
staff pages, the JSON API and the command line show or validate that form and call
``submit`` (or ``execute`` with the cleaned values). Every event row is written by
``gongkai.applications.records``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from gongkai.agencies.access import holds_role_at
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.errors import GongkaiError

from ..choices import OPEN_STATUSES, Status
from ..deadlines import DeadlineError
from ..forms import ActionForm
from ..models import Application, ApplicationEvent
from ..records import json_value, record_event, snapshot

__all__ = [
    "ALL_STATUSES",
    "HANDLING_ROLES",
    "OFFICE_HEAD_ROLES",
    "OPEN",
    "Action",
    "ActionRefused",
    "chosen_pk",
    "coerce_date",
    "json_value",
    "refuse_unknown",
    "snapshot",
    "validation_errors",
]

# Roles per kind of step (see permissions.py for the reach of each role).
OPEN = OPEN_STATUSES
ALL_STATUSES = frozenset(Status.values)
HANDLING_ROLES = frozenset({Role.HANDLER, Role.OFFICE_HEAD, Role.ADMINISTRATOR})
OFFICE_HEAD_ROLES = frozenset({Role.OFFICE_HEAD})


class ActionRefused(GongkaiError):
    """An action was refused; nothing was changed. ``message`` is for the user (Chinese).

    ``code`` says why: "forbidden" (the actor may not), "conflict" (the case's state does not
    allow it), "invalid" (a parameter is missing or wrong), "not_found". ``errors`` maps a
    form field ("__all__" for the form) to its Chinese messages when parameters are invalid.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        errors: Mapping[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message, log_message=f"action refused ({code})", code=code)
        self.errors: dict[str, list[str]] = dict(errors or {})

    @property
    def http_status(self) -> int:
        """The HTTP status that answers this refusal."""
        return {"forbidden": 403, "conflict": 409, "not_found": 404}.get(self.code, 400)


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    """A model ValidationError as field -> Chinese messages."""
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for m in errors[0].messages]
            if len(errors) == 1
            else [m for e in errors for m in e.messages]
            for field, errors in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}


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
    """Base of every state change of an application.

    Subclasses set ``name``, ``label``, ``event_kind``, ``roles``, ``statuses``,
    ``form_class`` and implement ``apply``. ``execute`` does the rest: permission, state, the
    change inside a transaction on the locked row, one audit event, the signal; on refusal
    nothing changes. ``submit`` validates raw input with the form first.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    event_kind: ClassVar[str]
    roles: ClassVar[frozenset[str]] = HANDLING_ROLES
    statuses: ClassVar[frozenset[str]] = frozenset()
    form_class: ClassVar[type[ActionForm]] = ActionForm
    # False for steps that happen when they are recorded (a note, a reveal): no legal date.
    dated: ClassVar[bool] = True

    # --- the form ------------------------------------------------------------------------

    @classmethod
    def parameter_names(cls) -> frozenset[str]:
        """The action's own parameters, as its form declares them."""
        return cls.form_class.parameter_names()

    @classmethod
    def form(
        cls,
        data: Mapping[str, Any] | None = None,
        *,
        application: Application | None = None,
        **kwargs: Any,
    ) -> ActionForm:
        """The action's form, bound to ``data`` when given, for ``application``."""
        return cls.form_class(data, application=application, **kwargs)

    @classmethod
    def submit(
        cls, actor: Any, application: Application | int | None, data: Mapping[str, Any]
    ) -> Application:
        """Validate raw input (a POST or a JSON object) with the form, then execute."""
        app = cls._load(application)
        form = cls.form(data, application=app)
        params = cls.cleaned(form)
        return cls.execute(actor, app, **params)

    @classmethod
    def cleaned(cls, form: ActionForm) -> dict[str, Any]:
        """The form's parameters, or ActionRefused with every field's messages."""
        if not form.is_valid():
            errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
            first = next(iter(errors.values()))[0]
            raise ActionRefused(f"提交的内容有误：{first}", errors=errors)
        return form.params()

    @classmethod
    def _load(cls, application: Application | int | None) -> Application:
        if isinstance(application, Application):
            return application
        if application is None:
            raise ActionRefused("申请不存在。", code="not_found")
        app = Application.objects.select_related("agency").filter(pk=application).first()
        if app is None:
            raise ActionRefused("申请不存在。", code="not_found")
        return app

    # --- who and when ----------------------------------------------------------------------

    @classmethod
    def check_permission(cls, actor: Any, agency: Agency) -> None:
        """Refuse unless the actor holds one of ``roles`` for ``agency``."""
        if actor is None or not getattr(actor, "is_authenticated", False):
            raise ActionRefused("请先登录。", code="forbidden")
        if not holds_role_at(actor, agency, cls.roles):
            names = "、".join(Role(role).label for role in sorted(cls.roles))
            raise ActionRefused(
                f"无权{cls.label}：须由{agency.name}的{names}办理。", code="forbidden"
            )

    @classmethod
    def is_allowed(cls, actor: Any, app: Application) -> bool:
        """Whether ``actor`` may take this step on ``app`` in its current state (for pages)."""
        if app.status not in cls.statuses:
            return False
        try:
            cls.check_permission(actor, app.agency)
        except ActionRefused:
            return False
        return True

    @classmethod
    def state_message(cls, app: Application) -> str:
        """Why the case's state does not allow this step (Chinese)."""
        return f"申请当前状态为“{app.get_status_display()}”，不能{cls.label}。"

    @classmethod
    def effective_date(cls, app: Application, on: date | str | None) -> date:
        """The legal date of the step: today by default, never before receipt or in future."""
        if not cls.dated:
            on = None
        value = coerce_date(on, "日期", required=False) or timezone.localdate()
        if value > timezone.localdate():
            raise ActionRefused(f"日期不能晚于今天：{value.isoformat()}")
        if value < app.received_on:
            raise ActionRefused(
                f"日期不能早于收到申请日期（{app.received_on.isoformat()}）：{value.isoformat()}"
            )
        return value

    # --- the step --------------------------------------------------------------------------

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
        refuse_unknown(params, set(cls.parameter_names()))
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
                    raise ActionRefused("申请不存在。", code="not_found")
                cls.check_permission(actor, app.agency)
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
                event = record_event(
                    app,
                    cls.event_kind,
                    actor=actor,
                    effective_on=effective_on,
                    before=before,
                    payload=payload,
                    note=note,
                    idempotency_key=idempotency_key,
                    action=cls.name,
                )
                cls.after_event(actor, app, event)
        except IntegrityError as exc:
            # A concurrent submission with the same idempotency key won the race.
            raise ActionRefused("该操作已提交，请勿重复提交。", code="conflict") from exc
        except DeadlineError as exc:
            raise ActionRefused(str(exc)) from exc
        return cls.result_of(app)

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        """Change ``app`` (and related rows); return the event payload. Raise to refuse."""
        raise NotImplementedError

    @classmethod
    def after_event(cls, actor: Any, app: Application, event: ApplicationEvent) -> None:
        """Hook for work that needs the event (e.g. a linked application)."""

    @classmethod
    def result_of(cls, app: Application) -> Application:
        """What ``execute`` returns: the application (a reopening returns its successor)."""
        return app
