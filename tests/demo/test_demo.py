"""The demo database: structure, lawful history through the actions, determinism, idempotence."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, StaffRole
from gongkai.annual.compile import compile_report
from gongkai.annual.models import Table2Entry
from gongkai.applications.models import Application, ApplicationEvent, Dispute, Pause
from gongkai.demo import DEMO_CODE, create_demo_data
from gongkai.letters.actions import IssueLetter, start_draft
from gongkai.validate import check_report, check_series

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 31)
PER_YEAR = 150


def _fingerprint() -> list[tuple[object, ...]]:
    return list(
        Application.objects.order_by("reference").values_list(
            "reference",
            "agency__code",
            "applicant_kind",
            "channel",
            "received_on",
            "outcome",
            "closed_on",
        )
    )


def test_demo_district_history_and_reports() -> None:
    summary = create_demo_data(seed=7, today=TODAY, per_year=PER_YEAR)
    assert summary.created
    assert summary.years == (2023, 2024, 2025)
    government = Agency.objects.get(code=DEMO_CODE)
    assert government.name == "示范区人民政府"
    kinds = sorted(government.subtree().values_list("kind", flat=True))
    assert kinds == ["department"] * 6 + ["government"] + ["street"] * 2 + ["town"] * 2
    assert set(StaffRole.objects.values_list("role", flat=True)) == {
        "registrar",
        "handler",
        "office_head",
        "supervisor",
        "administrator",
    }
    apps = Application.objects.all()
    assert summary.applications == apps.count() > 300
    assert not apps.filter(is_demo=False).exists()
    assert not Dispute.objects.filter(is_demo=False).exists()
    # Every case came in through the registration action, with its actor on record.
    registered = ApplicationEvent.objects.filter(
        kind="registered", actor__username="demo_registrar"
    )
    assert registered.count() == apps.count()
    # The realistic mix: mostly natural persons, many 本机关不掌握, some of every kind of step.
    assert apps.filter(applicant_kind="natural_person").count() > apps.count() * 0.7
    assert apps.filter(outcome="unavailable.not_held").count() > apps.count() * 0.2
    for kind in (
        "correction_requested",
        "extension_approved",
        "consultation_started",
        "withdrawn",
        "fee_notice_issued",
    ):
        assert ApplicationEvent.objects.filter(kind=kind).exists(), kind
    assert Pause.objects.exists()
    assert Dispute.objects.exists()
    # The current year is partly open; the earlier years are answered.
    assert apps.filter(received_on__year=2025, closed_on__isnull=True).exists()
    assert Table2Entry.objects.filter(year=2024, key="t2.licensing.decisions").exists()

    reports = [
        compile_report(government, year, include_subordinates=True) for year in summary.years
    ]
    for report in reports:
        assert [f for f in check_report(report) if f.severity == "error"] == []
    assert not any(f.rule == "series.carried_over" for fs in check_series(reports) for f in fs)
    assert reports[1].get("t3.received_new.total") == apps.filter(received_on__year=2024).count()


def test_demo_is_idempotent() -> None:
    first = create_demo_data(seed=7, today=TODAY, per_year=20)
    events = ApplicationEvent.objects.count()
    users = get_user_model().objects.count()
    second = create_demo_data(seed=7, today=TODAY, per_year=20)
    assert not second.created
    assert (second.applications, second.agencies, second.disputes) == (
        first.applications,
        first.agencies,
        first.disputes,
    )
    assert ApplicationEvent.objects.count() == events
    assert get_user_model().objects.count() == users


def test_demo_is_deterministic_for_a_seed() -> None:
    with transaction.atomic():
        create_demo_data(seed=11, today=TODAY, per_year=40)
        first = _fingerprint()
        transaction.set_rollback(True)
    create_demo_data(seed=11, today=TODAY, per_year=40)
    assert _fingerprint() == first
    assert len(first) > 50


def test_the_demo_can_issue_an_answer_letter_at_once() -> None:
    create_demo_data(seed=7, today=TODAY, per_year=PER_YEAR)
    app = Application.objects.filter(agency__code=f"{DEMO_CODE}-EDU", outcome="granted").first()
    assert app is not None
    handler = get_user_model().objects.get(username="demo_handler")
    letter = start_draft(handler, app, "answer", "granted")
    with time_machine.travel(app.closed_on, tick=False):
        IssueLetter.execute(handler, app, letter=letter.pk)
    letter.refresh_from_db()
    assert letter.number.startswith(f"教育局政府信息公开〔{app.closed_on.year}〕第")
    assert "示范区人民政府" in letter.body
