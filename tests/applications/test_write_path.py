"""One write path: forms declare the parameters, actions change state, records write events;
bad input is refused in Chinese with nothing written (issue 7 and 8)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai.annual.actions import SetTable2Figure
from gongkai.annual.models import Table2Entry
from gongkai.applications.actions import (
    ACTIONS,
    ActionRefused,
    Answer,
    RegisterApplication,
    RevealPersonalData,
)
from gongkai.applications.forms import COMMON_FIELDS
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.audit.actions import RecordRefused
from gongkai.audit.models import AuditEntry
from tests.register_factories import World, registration_fields

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"


def _raw(w: World, **overrides: object) -> dict[str, object]:
    # The arrival time as the admin's datetime-local field sends it (no offset).
    return registration_fields(w, **{"arrived_at": "2025-03-03T10:00", **overrides})


def test_each_action_declares_its_parameters_once_in_its_form() -> None:
    for name, action in ACTIONS.items():
        names = action.parameter_names()
        assert not names & COMMON_FIELDS, name
        assert names == frozenset(action.form_class.base_fields) - COMMON_FIELDS, name
    assert "agency" not in RegisterApplication.parameter_names()
    assert {"applicant_name", "channel", "arrived_at"} <= RegisterApplication.parameter_names()


def test_submit_validates_with_the_form_and_names_each_bad_field() -> None:
    w = World()
    with pytest.raises(ActionRefused) as refused:
        RegisterApplication.submit(
            w.registrar, None, _raw(w, channel="pigeon", arrived_at="not a time")
        )
    assert set(refused.value.errors) == {"channel", "arrived_at"}
    assert refused.value.code == "invalid"
    assert refused.value.message.startswith("提交的内容有误")
    assert Application.objects.count() == 0


def test_submit_registers_and_answers_through_the_forms() -> None:
    w = World()
    app = RegisterApplication.submit(w.registrar, None, _raw(w, idempotency_key="k1"))
    again = RegisterApplication.submit(w.registrar, None, _raw(w, idempotency_key="k1"))
    assert again.pk == app.pk
    answered = Answer.submit(w.head, app.pk, {"on": "2025-03-20", "outcome": "granted"})
    assert answered.outcome == "granted"
    assert list(app.events.values_list("kind", flat=True)) == ["registered", "answered"]
    with pytest.raises(ActionRefused) as refused:
        Answer.submit(w.head, app.pk, {"on": "2025-03-20", "outcome": "no such outcome"})
    assert "outcome" in refused.value.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("applicant_name", "名" * 201),
        ("applicant_contact", "1" * 201),
        ("reference", "R" * 65),
        ("description", "事\x00项"),
    ],
)
def test_over_long_or_nul_values_are_refused_on_every_database(field: str, value: str) -> None:
    w = World()
    with pytest.raises(ActionRefused) as refused:
        RegisterApplication.submit(w.registrar, None, _raw(w, **{field: value}))
    assert field in refused.value.errors
    # The same limits hold for code that calls execute directly (no form).
    if "\x00" not in value:
        with pytest.raises(ActionRefused):
            w.register(**{field: value})
    assert Application.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0


def test_reference_numbers_are_one_case_whatever_the_width_or_case() -> None:
    w = World()
    first = w.register(reference="ABC-1")
    assert first.reference == "ABC-1"
    with pytest.raises(ActionRefused) as refused:
        w.register(reference="ａｂｃ－１", description="另一项申请")
    assert refused.value.code == "conflict"
    assert "ABC-1" in refused.value.message


@pytest.mark.parametrize(
    ("arrived", "message"),
    [("2008-04-30T10:00", "2008年5月1日"), ("2099-01-01T10:00", "不能晚于现在")],
)
def test_arrival_before_the_first_regulations_or_in_the_future_is_refused(
    arrived: str, message: str
) -> None:
    w = World()
    with pytest.raises(ActionRefused) as refused:
        RegisterApplication.submit(w.registrar, None, _raw(w, arrived_at=arrived))
    assert message in refused.value.message


def test_a_reveal_is_audited_and_refused_to_a_supervisor() -> None:
    w = World()
    app = w.register(applicant_id_number=ID_NUMBER, applicant_contact="13812345678")
    with pytest.raises(ActionRefused):
        RevealPersonalData.execute(w.supervisor, app)
    RevealPersonalData.execute(w.handler, app, reason="核实身份")
    event = app.events.get(kind="personal_data_revealed")
    assert event.actor == w.handler
    assert event.payload["reason"] == "核实身份"


def test_admin_pages_never_show_personal_data_until_revealed() -> None:
    w = World()
    app = w.register(applicant_id_number=ID_NUMBER, applicant_contact="13812345678")
    root = User.objects.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    page = client.get(f"/admin/applications/application/{app.pk}/change/").content.decode()
    assert ID_NUMBER not in page and "13812345678" not in page
    assert "1101**********002X" in page and "138****5678" in page
    listing = client.get("/admin/applications/application/?q=张三").content.decode()
    assert ID_NUMBER not in listing
    url = f"/admin/applications/application/{app.pk}/action/reveal_personal_data/"
    revealed = client.post(url, {"reason": "答复前核实"}).content.decode()
    assert ID_NUMBER in revealed and "13812345678" in revealed
    assert app.events.filter(kind="personal_data_revealed", actor=root).count() == 1


@pytest.mark.parametrize("who", ["superuser", "administrator"])
def test_a_calendar_day_saved_in_the_admin_recomputes_deadlines_audited(who: str) -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    actor = w.admin
    if who == "superuser":
        actor = User.objects.create(username="root", is_superuser=True)
    actor.is_staff = True
    actor.save()
    client = Client()
    client.force_login(actor)
    response = client.post(
        "/admin/applications/calendaroverride/add/",
        {"date": "2025-03-17", "is_workday": "", "note": "临时停工"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.deadline == date(2025, 4, 1)
    entry = AuditEntry.objects.get(action="calendar_day")
    assert entry.actor == actor
    assert entry.after["note"] == "临时停工"
    assert app.events.get(kind="deadline_recomputed").actor == actor


def test_table2_figures_change_only_through_the_audited_action() -> None:
    w = World()
    entry = Table2Entry(agency=w.bureau, year=2024, key="t2.rules.issued", value=3)
    with pytest.raises(RecordRefused):
        SetTable2Figure.save(w.handler, entry)
    SetTable2Figure.save(w.head, entry)
    entry.value = 4
    SetTable2Figure.save(w.head, entry)
    changes = AuditEntry.objects.filter(action="table2_figure").order_by("id")
    assert [c.after["value"] for c in changes] == ["3", "4"]
    assert changes[1].before["value"] == "3.0000"
    assert changes[1].actor == w.head and changes[1].agency == w.bureau
    with pytest.raises(RecordRefused) as refused:
        SetTable2Figure.save(w.head, Table2Entry(agency=w.bureau, year=2024, key="nope", value=1))
    assert "不是表二的指标" in refused.value.message
    SetTable2Figure.delete(w.head, entry)
    assert not Table2Entry.objects.exists()
    assert AuditEntry.objects.filter(action="table2_figure").count() == 3
