"""Calendar overrides: a change recomputes every open deadline in one pass; a deadline in a
year the calendar does not know is flagged."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.applications.actions import Answer, RequestCorrection
from gongkai.applications.actions.calendar import ChangeCalendarDay, DeclareCalendarYear
from gongkai.applications.deadlines import recompute_open_deadlines
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    CalendarOverride,
    CalendarYear,
)
from gongkai.audit.models import AuditEntry
from gongkai.clock import PACKAGE_YEARS
from tests.register_factories import World

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 3)  # deadline 2025-03-31


def test_an_override_moves_open_deadlines_and_leaves_closed_cases_alone() -> None:
    w = World()
    open_app = w.register(MONDAY)
    closed = Answer.execute(w.head, w.register(MONDAY), on=date(2025, 3, 20), outcome="granted")
    waiting = RequestCorrection.execute(
        w.handler, w.register(MONDAY), on=MONDAY, due_on="2025-03-10"
    )
    events = ApplicationEvent.objects.count()

    override = ChangeCalendarDay.save(
        w.admin, CalendarOverride(date=date(2025, 3, 17), is_workday=False, note="停电")
    )
    open_app.refresh_from_db()
    assert open_app.deadline == date(2025, 4, 1)
    recomputed = ApplicationEvent.objects.get(kind="deadline_recomputed")
    assert recomputed.application == open_app
    assert recomputed.actor == w.admin
    assert AuditEntry.objects.get(action="calendar_day").actor == w.admin
    assert recomputed.before == {"deadline": "2025-03-31", "deadline_uncertain": False}
    assert recomputed.after == {"deadline": "2025-04-01", "deadline_uncertain": False}
    assert ApplicationEvent.objects.count() == events + 1
    closed.refresh_from_db()
    waiting.refresh_from_db()
    assert closed.deadline == date(2025, 3, 31)
    assert waiting.deadline is None

    ChangeCalendarDay.delete(w.admin, override)
    open_app.refresh_from_db()
    assert open_app.deadline == date(2025, 3, 31)


def test_a_weekend_made_a_working_day_shortens_the_deadline() -> None:
    w = World()
    app = w.register(MONDAY)
    ChangeCalendarDay.save(w.admin, CalendarOverride(date=date(2025, 3, 8), is_workday=True))
    app.refresh_from_db()
    assert app.deadline == date(2025, 3, 28)


def _open_applications(w: World, n: int) -> None:
    for _ in range(n):
        w.register(MONDAY)


def test_recomputation_is_one_pass_whatever_the_number_of_open_cases() -> None:
    w = World()
    _open_applications(w, 3)
    with CaptureQueriesContext(connection) as few:
        ChangeCalendarDay.save(w.admin, CalendarOverride(date=date(2025, 3, 18), is_workday=False))
    _open_applications(w, 12)
    with CaptureQueriesContext(connection) as many:
        ChangeCalendarDay.save(w.admin, CalendarOverride(date=date(2025, 3, 19), is_workday=False))
    assert Application.objects.filter(deadline=date(2025, 4, 2)).count() == 15
    assert len(many.captured_queries) == len(few.captured_queries)


def test_recompute_reports_how_many_changed() -> None:
    w = World()
    _open_applications(w, 2)
    assert recompute_open_deadlines() == 0
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(date=date(2025, 3, 20), is_workday=False)]
    )
    assert recompute_open_deadlines(reason="批量导入") == 2


def test_a_deadline_in_a_year_the_calendar_does_not_know_is_flagged() -> None:
    w = World()
    last = max(PACKAGE_YEARS)
    received = date(last, 12, 10)
    # Created directly: the receipt may lie after today; the clock does not care.
    app = Application.objects.create(
        agency=w.bureau,
        reference="edge",
        applicant_kind="natural_person",
        applicant_name="王五",
        channel="in_person",
        arrived_at=timezone.now(),
        received_on=received,
        rules="2019",
        clock_started_on=received,
    )
    assert recompute_open_deadlines() == 1
    app.refresh_from_db()
    assert app.deadline is not None and app.deadline.year == last + 1
    assert app.deadline_uncertain is True
    # The administrator enters the next year's notice and declares the year complete.
    DeclareCalendarYear.save(w.admin, CalendarYear(year=last + 1, note="国务院办公厅通知已录入"))
    app.refresh_from_db()
    assert app.deadline_uncertain is False
