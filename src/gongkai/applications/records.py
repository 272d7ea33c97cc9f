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

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Model
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
    "assigned_to_id",
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


def create_applications(
    applications: Iterable[Application], *, batch_size: int = 2000, validated: bool = False
) -> int:
    """Insert many built applications at once (imports) and set their primary keys.

    Each is checked as above unless the caller has already checked every value against the
    model's limits (``validated``). Rows go in by one ``executemany`` per batch, each value
    converted by its field exactly as ``save()`` would: the ORM's per-value statement
    building cost about twice the insert itself on a 100,000-row import.
    """
    rows = list(applications)
    if not validated:
        for row in rows:
            row.clean_fields(exclude=_NOT_CLEANED)
    _insert(Application, rows, batch_size)
    keys: dict[str, int] = {}
    references = [row.reference for row in rows]
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        keys.update(Application.objects.filter(reference__in=chunk).values_list("reference", "pk"))
    for row in rows:
        row.pk = keys[row.reference]
        row._state.adding = False
        row._state.db = connection.alias
    return len(rows)


def _insert(model: type[Model], rows: list[Any], batch_size: int) -> None:
    """INSERT ``rows`` without their auto primary key, values prepared by their fields."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # The connection itself, not the thread-local proxy: a million attribute look-ups less.
    db = connections[DEFAULT_DB_ALIAS]
    quote = db.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    # Text, flags and empty values go to the driver as they are (what the field's own
    # conversion returns for them); JSON, dates, times and decimals take the field's way.
    plain = [not isinstance(f, models.JSONField) for f in fields]

    def prepared(field: Any, is_plain: bool, row: Any) -> Any:
        value = field.pre_save(row, True)
        if is_plain and (value is None or type(value) in (str, bool)):
            return value
        return field.get_db_prep_save(value, db)

    with db.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(
                sql,
                [
                    [prepared(f, p, row) for f, p in zip(fields, plain, strict=True)]
                    for row in rows[start : start + batch_size]
                ],
            )


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
    application: Application, kind: str, *, action: str = "", **fields: Any
) -> ApplicationEvent:
    """Append one event to ``application``'s history and send ``action_executed``.

    ``fields`` are those of ``new_event``; ``action`` names the step for the signal.
    """
    event = new_event(application, kind, **fields)
    event.save(force_insert=True)
    action_executed.send(
        sender=record_event, action=action or kind, application=application, event=event
    )
    return event


def record_events(events: Iterable[ApplicationEvent], *, batch_size: int = 2000) -> int:
    """Insert many events built by ``new_event`` at once (imports, system jobs)."""
    rows = list(events)
    _insert(ApplicationEvent, rows, batch_size)
    return len(rows)
