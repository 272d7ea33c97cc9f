"""The statutory clock applied to the register: calendar from the database, deadlines.

The only module of the app that calls ``gongkai.clock``'s deadline arithmetic.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.clock import (
    ClockRules,
    Deadline,
    NonWorkingReceipt,
    Regulation,
    WorkCalendar,
    compute_deadline,
    consultation_reply_due,
)
from gongkai.errors import GongkaiError

from .choices import EventKind, PauseKind, Status
from .models import Application, CalendarOverride, CalendarYear, Pause
from .records import new_event, record_events
from .signals import deadlines_recomputed

__all__ = [
    "DeadlineError",
    "clock_rules",
    "deadline_of",
    "explain_deadline",
    "recompute_open_deadlines",
    "refresh_deadline",
    "work_calendar",
]

_cache_lock = threading.Lock()


class DeadlineError(GongkaiError, ValueError):
    """The dates of an application cannot give a deadline (Chinese message)."""


_cache: dict[Any, WorkCalendar] = {}


def work_calendar() -> WorkCalendar:
    """The package calendar plus the administrator's overrides and declared years.

    The key is the overrides themselves (a few rows), so every process sees a change at once.
    """
    overrides = tuple(
        CalendarOverride.objects.order_by("date").values_list("date", "is_workday", "note")
    )
    years = tuple(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    key = (overrides, years)
    with _cache_lock:
        calendar = _cache.get(key)
        if calendar is None:
            calendar = WorkCalendar(
                {day: is_workday for day, is_workday, _ in overrides},
                covered_years=years,
                notes={day: note for day, _, note in overrides if note},
            )
            _cache.clear()
            _cache[key] = calendar
    return calendar


def clock_rules(regulation: str | None = None) -> ClockRules:
    """The counting conventions configured in settings (GONGKAI_CLOCK_*, GONGKAI_FEE_*)."""
    return ClockRules(
        regulation=None if regulation is None else Regulation(regulation),
        count_receipt_day=settings.GONGKAI_CLOCK_COUNT_RECEIPT_DAY,
        non_working_receipt=NonWorkingReceipt(settings.GONGKAI_CLOCK_NON_WORKING_RECEIPT),
        fee_notice_pauses_clock=settings.GONGKAI_FEE_NOTICE_PAUSES_CLOCK,
    )


def deadline_of(
    app: Application,
    *,
    calendar: WorkCalendar | None = None,
    pauses: Iterable[Pause] | None = None,
) -> tuple[date | None, bool]:
    """(deadline, uncertain) of an open application; (None, False) while no clock runs."""
    if app.status in (Status.CLOSED, Status.AWAITING_CORRECTION):
        return app.deadline, app.deadline_uncertain
    calendar = calendar or work_calendar()
    if pauses is None:
        pauses = list(app.pauses.all()) if app.pk else []
    try:
        result = _count(app, calendar, pauses)
    except ValueError as exc:
        raise DeadlineError(str(exc)) from exc
    return result.due_on, result.uncertain


def explain_deadline(app: Application) -> list[str]:
    """How the current deadline was counted, one Chinese line per step."""
    if app.status in (Status.CLOSED, Status.AWAITING_CORRECTION) or app.deadline is None:
        return []
    return _count(app, work_calendar(), app.pauses.all()).explain()


def _count(app: Application, calendar: WorkCalendar, pauses: Iterable[Pause]) -> Deadline:
    """The statutory count of an open application from its receipt, extension and pauses."""
    rules = clock_rules(app.rules)
    consultations: list[tuple[date, date]] = []
    fee_periods: list[tuple[date, date]] = []
    for pause in pauses:
        # Pauses before a restart (补正) belong to the abandoned count and do not matter.
        if pause.started_on < app.clock_started_on:
            continue
        ended_on = pause.ended_on or _projected_end(app, pause, calendar, rules)
        if pause.kind == PauseKind.FEE:
            fee_periods.append((pause.started_on, ended_on))
        else:
            consultations.append((pause.started_on, ended_on))
    return compute_deadline(
        app.received_on,
        calendar=calendar,
        rules=rules,
        extended=app.extended,
        pauses=consultations,
        fee_pauses=fee_periods,
        clock_restarted_on=app.clock_started_on,
    )


def _projected_end(
    app: Application, pause: Pause, calendar: WorkCalendar, rules: ClockRules
) -> date:
    """Where an open pause is assumed to end: its full statutory window.

    While a consultation runs, the deadline assumes the consulted party uses its whole
    15 working days (arts. 32, 34); a pending fee assumes payment on the last day. Ending the
    pause (end_consultation, record_payment) recomputes the deadline from the real date.
    """
    if pause.kind == PauseKind.FEE and app.fee_due_on is not None:
        return max(app.fee_due_on, pause.started_on)
    return consultation_reply_due(pause.started_on, calendar=calendar, rules=rules).due_on


def refresh_deadline(app: Application, *, calendar: WorkCalendar | None = None) -> None:
    """Set ``deadline`` and ``deadline_uncertain`` from the current state (not saved)."""
    app.deadline, app.deadline_uncertain = deadline_of(app, calendar=calendar)


def recompute_open_deadlines(*, actor: Any = None, reason: str = "") -> int:
    """Recompute every open application's deadline in one pass; returns how many changed.

    Each changed application gets a ``deadline_recomputed`` event naming ``actor`` (the user
    whose calendar change caused it) or, without one, the system job "deadline_recompute".
    """
    calendar = work_calendar()
    now = timezone.now()
    today = timezone.localdate()
    changed: list[Application] = []
    events = []
    with transaction.atomic():
        open_apps = (
            Application.objects.select_for_update()
            .exclude(status__in=[Status.CLOSED, Status.AWAITING_CORRECTION])
            .prefetch_related("pauses")
        )
        for app in open_apps:
            deadline, uncertain = deadline_of(app, calendar=calendar, pauses=app.pauses.all())
            if (deadline, uncertain) == (app.deadline, app.deadline_uncertain):
                continue
            before = {"deadline": _iso(app.deadline), "deadline_uncertain": app.deadline_uncertain}
            app.deadline, app.deadline_uncertain = deadline, uncertain
            changed.append(app)
            events.append(
                new_event(
                    app,
                    EventKind.DEADLINE_RECOMPUTED,
                    actor=actor,
                    at=now,
                    effective_on=today,
                    before=before,
                    after={"deadline": _iso(deadline), "deadline_uncertain": uncertain},
                    payload={"reason": reason},
                    system="" if getattr(actor, "pk", None) else "deadline_recompute",
                )
            )
        Application.objects.bulk_update(changed, ["deadline", "deadline_uncertain"], batch_size=500)
        record_events(events, batch_size=500)
    deadlines_recomputed.send(sender=Application, changed=len(changed))
    return len(changed)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
