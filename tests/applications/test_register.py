"""Registration: the art. 31 receipt date, the rules version, identity numbers, references."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications.actions import ActionRefused
from gongkai.applications.models import Application, ApplicationEvent
from tests.register_factories import World, at

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 3)


def test_in_person_receipt_is_the_arrival_day_and_the_deadline_20_working_days_later() -> None:
    w = World()
    app = w.register(MONDAY)
    assert app.received_on == MONDAY
    assert app.clock_started_on == MONDAY
    assert app.rules == "2019"
    assert app.status == "registered"
    # Day 0 = 2025-03-03; 20 working days later is Monday 2025-03-31.
    assert app.deadline == date(2025, 3, 31)
    assert app.deadline_uncertain is False
    assert app.reference == "bureau-2025-00001"
    event = app.events.get()
    assert event.kind == "registered"
    assert event.actor == w.registrar
    assert event.before == {}
    assert event.after["deadline"] == "2025-03-31"


def test_internet_receipt_is_the_confirmation_day_not_the_arrival() -> None:
    w = World()
    # Arrived on a Friday evening, confirmed by both sides on Monday.
    app = w.register(
        date(2025, 2, 28),
        channel="internet",
        confirmed_on=MONDAY,
        arrived_at=at(date(2025, 2, 28), 21),
    )
    assert app.arrived_at.date() == date(2025, 2, 28)
    assert app.received_on == MONDAY
    assert app.deadline == date(2025, 3, 31)


@pytest.mark.parametrize("channel", ["ordinary_letter", "fax", "internet", "other"])
def test_channels_needing_confirmation_are_refused_without_it(channel: str) -> None:
    w = World()
    with pytest.raises(ActionRefused, match="确认日期"):
        w.register(MONDAY, channel=channel)
    assert Application.objects.count() == 0


def test_registered_post_receipt_is_the_signing_day() -> None:
    w = World()
    app = w.register(MONDAY, channel="registered_post", arrived_at=at(date(2025, 3, 4), 15))
    assert app.received_on == date(2025, 3, 4)


def test_confirmation_before_arrival_is_refused() -> None:
    w = World()
    with pytest.raises(ActionRefused, match="早于"):
        w.register(MONDAY, channel="fax", confirmed_on=date(2025, 3, 1))


def test_receipt_before_2019_05_15_follows_the_2008_rules_15_working_days() -> None:
    w = World()
    app = w.register(date(2019, 5, 14))
    assert app.rules == "2008"
    # 2019-05-14 (Tue) + 15 working days = 2019-06-04.
    assert app.deadline == date(2019, 6, 4)
    later = w.register(date(2019, 5, 15))
    assert later.rules == "2019"


def test_identity_numbers_are_validated_and_stored_canonically() -> None:
    w = World()
    app = w.register(MONDAY, applicant_id_number="11010519491231002x")
    assert app.applicant_id_number == "11010519491231002X"
    with pytest.raises(ActionRefused, match="校验位"):
        w.register(MONDAY, applicant_id_number="110105194912310021", description="b")
    org = w.register(
        MONDAY,
        applicant_kind="commercial",
        applicant_name="某有限公司",
        applicant_credit_code="91350100M000100Y43",
        description="c",
    )
    assert org.applicant_credit_code == "91350100M000100Y43"
    with pytest.raises(ActionRefused):
        w.register(
            MONDAY,
            applicant_kind="research",
            applicant_name="某研究所",
            applicant_credit_code="91350100M000100Y44",
            description="d",
        )
    with pytest.raises(ActionRefused, match="自然人申请人不填写统一社会信用代码"):
        w.register(MONDAY, applicant_credit_code="91350100M000100Y43", description="e")
    assert Application.objects.count() == 2


def test_model_validation_checks_identity_numbers_too() -> None:
    w = World()
    app = w.register(MONDAY)
    app.applicant_id_number = "110105194912310021"
    with pytest.raises(ValidationError) as invalid:
        app.full_clean()
    assert "applicant_id_number" in invalid.value.message_dict


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("applicant_kind", "alien", "申请人类型"),
        ("applicant_name", " ", "申请人姓名"),
        ("channel", "pigeon", "申请渠道"),
        ("arrived_at", "yesterday", "格式不正确"),
        ("arrived_at", "2099-01-01T10:00", "晚于现在"),
        ("unknown_field", "x", "不支持的参数"),
    ],
)
def test_bad_registration_input_is_refused_with_a_message(
    field: str, value: str, message: str
) -> None:
    w = World()
    with pytest.raises(ActionRefused, match=message) as refused:
        w.register(MONDAY, **{field: value})
    assert refused.value.http_status == 400
    assert Application.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0


def test_an_explicit_reference_must_be_unique() -> None:
    w = World()
    w.register(MONDAY, reference="依申请〔2025〕1号")
    with pytest.raises(ActionRefused, match="已存在") as refused:
        w.register(MONDAY, reference="依申请〔2025〕1号", description="another")
    assert refused.value.code == "conflict"


def test_automatic_references_count_per_agency_and_year() -> None:
    w = World()
    first = w.register(MONDAY)
    second = w.register(MONDAY)
    next_year = w.register(date(2026, 1, 5))
    assert (first.reference, second.reference, next_year.reference) == (
        "bureau-2025-00001",
        "bureau-2025-00002",
        "bureau-2026-00001",
    )


def test_registration_at_an_agency_below_an_administrator() -> None:
    w = World()
    app = w.register(
        MONDAY,
        by=w.admin,
        at_agency=w.town,
        applicant_kind="other_org",
        applicant_name="某村民委员会",
    )
    # Registered in the town's own register, by the county's administrator.
    assert app.reference == "town-2025-00001"
    assert app.events.get().actor == w.admin
    # The bureau's registrar holds no role at the town and does not see it.
    with pytest.raises(ActionRefused, match="受理机关不存在"):
        w.register(MONDAY, at_agency=w.town, description="另一申请")


def test_audit_events_cannot_be_changed_or_deleted() -> None:
    from gongkai.applications.models import AuditImmutable

    w = World()
    event = w.register(MONDAY).events.get()
    event.note = "篡改"
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        event.delete()
    assert ApplicationEvent.objects.get().note == ""
