"""The only place that writes an application's history: one function creates an
application, one records an event.

Actions, the ledger import and system jobs (deadline recompute) all call these, so every
row of ``ApplicationEvent`` has the same shape: who (a user, or ``None`` for the system with
``payload["system"]`` naming the job), when, the legal date, the state before and after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from .models import Application, ApplicationEvent
from .signals import action_executed

__all__ = [
    "SNAPSHOT_FIELDS",
    "create_application",
    "create_applications",
    "json_value",
    "new_event",
    "record_event",
    "record_events",
    "snapshot",
]

SNAPSHOT_FIELDS = (
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


def json_value(value: Any) -> Any:
    """A value as it is stored in an event's JSON (dates as ISO text, decimals as text)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(application: Application) -> dict[str, Any]:
    """The audited fields of an application as JSON values."""
    return {name: json_value(getattr(application, name)) for name in SNAPSHOT_FIELDS}


# Foreign keys are checked by the database; validating them here would cost a query a row.
_NOT_CLEANED = ["agency", "reopened_from"]


def create_application(application: Application) -> Application:
    """Insert a new, fully built application (the caller records its first event).

    The model's limits (lengths, choices) are checked first, so SQLite refuses what
    PostgreSQL would: a ``django.core.exceptions.ValidationError`` names the field.
    """
    application.clean_fields(exclude=_NOT_CLEANED)
    application.save(force_insert=True)
    return application


def create_applications(applications: Iterable[Application], *, batch_size: int = 2000) -> int:
    """Insert many built applications at once (imports); each is checked as above."""
    rows = list(applications)
    for row in rows:
        row.clean_fields(exclude=_NOT_CLEANED)
    Application.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def _actor_of(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def new_event(
    application: Application,
    kind: str,
    *,
    actor: Any,
    effective_on: date,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    payload: Mapping[str, Any] | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    at: datetime | None = None,
    system: str = "",
) -> ApplicationEvent:
    """An unsaved event row (for bulk inserts); ``system`` names a job acting without a user."""
    data = {k: json_value(v) for k, v in (payload or {}).items()}
    if system:
        data["system"] = system
    return ApplicationEvent(
        application=application,
        kind=kind,
        actor=_actor_of(actor),
        at=at or timezone.now(),
        effective_on=effective_on,
        before=dict(before or {}),
        after=dict(after if after is not None else snapshot(application)),
        payload=data,
        note=note,
        idempotency_key=idempotency_key or None,
    )


def record_event(
    application: Application,
    kind: str,
    *,
    actor: Any,
    effective_on: date,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    payload: Mapping[str, Any] | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    at: datetime | None = None,
    system: str = "",
    action: str = "",
) -> ApplicationEvent:
    """Append one event to ``application``'s history and send ``action_executed``."""
    event = new_event(
        application,
        kind,
        actor=actor,
        effective_on=effective_on,
        before=before,
        after=after,
        payload=payload,
        note=note,
        idempotency_key=idempotency_key,
        at=at,
        system=system,
    )
    event.save(force_insert=True)
    action_executed.send(
        sender=record_event, action=action or kind, application=application, event=event
    )
    return event


def record_events(events: Iterable[ApplicationEvent], *, batch_size: int = 2000) -> int:
    """Insert many events built by ``new_event`` at once (imports, system jobs)."""
    rows = list(events)
    ApplicationEvent.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
