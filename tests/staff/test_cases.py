"""The case page, registration and the step forms of the staff workspace."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from gongkai.applications.actions import (
    Answer,
    ApproveExtension,
    DecideDispute,
    EndConsultation,
    FileDispute,
    IssueFeeNotice,
    ReceiveCorrection,
    RecordDelivery,
    RecordPayment,
    Reopen,
    RequestCorrection,
    RouteToDepartment,
    StartConsultation,
    Withdraw,
)
from gongkai.applications.actions.fees import ExpireFee
from gongkai.applications.actions.intake import ExpireCorrection
from gongkai.applications.choices import EventKind, Status
from gongkai.applications.models import Application, ApplicationEvent, CalendarOverride
from gongkai.applications.records import record_event
from gongkai.staff.cases.timeline import describe_event, timeline
from tests.register_factories import World, registration_fields

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"
NOW = "2025-03-05T10:12:00+08:00"


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def case_url(app: Application) -> str:
    return f"/staff/cases/{app.reference}/"


def html(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def world() -> World:
    return World()


# --- who may enter ---------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_every_case_page_sends_anonymous_users_to_the_login_page(world: World) -> None:
    app = world.register(date(2025, 3, 3))
    for url in (
        "/staff/cases/new/",
        case_url(app),
        f"{case_url(app)}request_correction/",
        f"{case_url(app)}answer/",
    ):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/staff/login/?next=")
    posted = Client().post(f"{case_url(app)}reveal/")
    assert posted.status_code == 302


@time_machine.travel(NOW, tick=False)
def test_a_case_of_another_agency_is_not_found(world: World) -> None:
    app = world.register(date(2025, 3, 3))
    town_head = client_of(world.town_head)
    for url in (case_url(app), f"{case_url(app)}answer/"):
        assert town_head.get(url).status_code == 404
    assert town_head.post(f"{case_url(app)}reveal/").status_code == 404
    assert town_head.post(f"{case_url(app)}add_note/", {"text": "x"}).status_code == 404
    assert not app.events.filter(kind=EventKind.NOTE_ADDED).exists()
    # The county's supervisor oversees the bureau and may read its case.
    assert client_of(world.supervisor).get(case_url(app)).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_wrong_role_sees_no_button_and_its_post_is_refused_in_chinese(world: World) -> None:
    app = world.register(date(2025, 3, 3))
    registrar = client_of(world.registrar)
    page = html(registrar.get(case_url(app)))
    assert f"{case_url(app)}answer/" not in page
    assert f"{case_url(app)}request_correction/" not in page
    refused = registrar.post(
        f"{case_url(app)}answer/", {"outcome": "granted", "confirmed": "1", "on": "2025-03-05"}
    )
    assert refused.status_code == 403
    assert "无权答复" in html(refused)
    app.refresh_from_db()
    assert app.status == Status.REGISTERED and app.outcome == ""
    # The office head sees the answer button.
    assert f"{case_url(app)}answer/" in html(client_of(world.head).get(case_url(app)))


# --- registration ----------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_registration_redirects_to_the_case_with_a_message_and_applies_once(
    world: World,
) -> None:
    registrar = client_of(world.registrar)
    form = html(registrar.get("/staff/cases/new/"))
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form)
    assert key is not None
    assert world.town.name not in form  # only agencies where the user may register
    data = registration_fields(world, idempotency_key=key.group(1), channel="registered_post")
    data.update(arrived_at="2025-03-04T09:00", applicant_id_number=ID_NUMBER)
    first = registrar.post("/staff/cases/new/", data)
    second = registrar.post("/staff/cases/new/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1
    app = Application.objects.get()
    assert first["Location"] == case_url(app)
    page = html(registrar.get(first["Location"]))
    assert f"已登记，案件编号 {app.reference}，答复期限 {app.deadline.isoformat()}" in page
    assert ID_NUMBER not in page


@time_machine.travel(NOW, tick=False)
def test_registration_errors_are_summarised_and_repeated_beside_each_field(
    world: World,
) -> None:
    registrar = client_of(world.registrar)
    data = registration_fields(world, applicant_name="", applicant_id_number="123")
    response = registrar.post("/staff/cases/new/", data)
    assert response.status_code == 400
    page = html(response)
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_applicant_name"' in summary
    assert 'href="#id_applicant_id_number"' in summary
    assert page.count("field-error") >= 2
    assert Application.objects.count() == 0
    # Another agency's id is not a choice for this registrar.
    other = registrar.post("/staff/cases/new/", registration_fields(world, agency=world.town.pk))
    assert other.status_code == 400 and Application.objects.count() == 0
    assert client_of(world.handler).get("/staff/cases/new/").status_code == 403


# --- masking and the reveal ----------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_masked_values_never_reach_any_page_until_revealed(world: World) -> None:
    app = world.register(
        date(2025, 3, 3), applicant_id_number=ID_NUMBER, applicant_contact=f"电话 {PHONE}"
    )
    for user in (world.registrar, world.handler, world.head, world.supervisor, world.admin):
        client = client_of(user)
        for url in (case_url(app), f"{case_url(app)}add_note/"):
            response = client.get(url)
            if response.status_code != 200:
                continue
            assert ID_NUMBER not in html(response) and PHONE not in html(response), (user, url)
    # The supervisor may read the case but not reveal it.
    supervisor = client_of(world.supervisor)
    assert "查看完整身份信息" not in html(supervisor.get(case_url(app)))
    assert supervisor.post(f"{case_url(app)}reveal/").status_code == 403
    assert not app.events.filter(kind=EventKind.PERSONAL_DATA_REVEALED).exists()


@time_machine.travel(NOW, tick=False)
def test_the_reveal_is_audited_and_shown_once_in_that_response_only(world: World) -> None:
    app = world.register(
        date(2025, 3, 3), applicant_id_number=ID_NUMBER, applicant_contact=f"电话 {PHONE}"
    )
    handler = client_of(world.handler)
    assert "查看完整身份信息" in html(handler.get(case_url(app)))
    revealed = handler.post(f"{case_url(app)}reveal/", {"reason": "电话联系申请人"})
    assert revealed.status_code == 200
    assert ID_NUMBER in html(revealed) and PHONE in html(revealed)
    assert "no-store" in revealed["Cache-Control"]
    event = app.events.get(kind=EventKind.PERSONAL_DATA_REVEALED)
    assert event.actor == world.handler
    again = html(handler.get(case_url(app)))
    assert ID_NUMBER not in again and PHONE not in again
    assert "handler（承办人）查看了申请人的完整身份信息，原因：电话联系申请人" in again


# --- steps: forms, confirmation, PRG -----------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_step_validates_and_answers_with_a_redirect_and_a_message(world: World) -> None:
    app = world.register(date(2025, 3, 3))
    handler = client_of(world.handler)
    url = f"{case_url(app)}request_correction/"
    assert 'name="due_on"' in html(handler.get(url))
    missing = handler.post(url, {"on": "2025-03-05"})
    assert missing.status_code == 400
    assert 'href="#id_due_on"' in html(missing)
    app.refresh_from_db()
    assert app.status == Status.REGISTERED
    done = handler.post(url, {"on": "2025-03-05", "due_on": "2025-03-20", "idempotency_key": "k1"})
    assert done.status_code == 302 and done["Location"] == case_url(app)
    again = handler.post(url, {"on": "2025-03-05", "due_on": "2025-03-20", "idempotency_key": "k1"})
    assert again.status_code == 302 and again["Location"] == case_url(app)
    assert app.events.filter(kind=EventKind.CORRECTION_REQUESTED).count() == 1
    page = html(handler.get(case_url(app)))
    assert "已告知补正。补正期限 2025-03-20" in page
    assert "2025-03-05 10:12 handler（承办人）告知补正，补正期限 2025-03-20" in page


@time_machine.travel(NOW, tick=False)
def test_the_answer_first_shows_a_confirmation_page_with_the_outcome_and_article(
    world: World,
) -> None:
    app = world.register(date(2025, 3, 3))
    head = client_of(world.head)
    url = f"{case_url(app)}answer/"
    data = {"outcome": "unavailable.not_held", "on": "2025-03-05", "idempotency_key": "a1"}
    confirm = head.post(url, data)
    assert confirm.status_code == 200
    page = html(confirm)
    assert "确认答复" in page
    assert "无法提供：本机关不掌握相关政府信息" in page
    assert "第三十六条第（四）（五）项" in page
    app.refresh_from_db()
    assert app.status == Status.REGISTERED  # nothing happened yet
    done = head.post(url, {**data, "confirmed": "1"})
    assert done.status_code == 302
    twice = head.post(url, {**data, "confirmed": "1"})
    assert twice.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.outcome == "unavailable.not_held"
    assert app.events.filter(kind=EventKind.ANSWERED).count() == 1
    assert "已答复，办理结果：无法提供：本机关不掌握相关政府信息" in html(head.get(case_url(app)))


@time_machine.travel(NOW, tick=False)
def test_assignment_and_notes_are_small_forms_for_the_roles_allowed(world: World) -> None:
    app = world.register(date(2025, 3, 3))
    head = client_of(world.head)
    page = html(head.get(case_url(app)))
    assert f"{case_url(app)}assign/" in page and f"{case_url(app)}add_note/" in page
    assert f"{case_url(app)}assign/" not in html(client_of(world.handler).get(case_url(app)))
    assert head.post(f"{case_url(app)}assign/", {"handler": world.handler.pk}).status_code == 302
    assert head.post(f"{case_url(app)}add_note/", {"text": "先查档案室"}).status_code == 302
    page = html(head.get(case_url(app)))
    assert "head（公开办负责人）分派承办人：handler" in page
    assert "内部备注</span> 2025-03-05 10:12 head（公开办负责人）添加内部备注：先查档案室" in page
    assert "{" not in page.split('class="timeline"')[1].split("</ol>")[0]


# --- the timeline -----------------------------------------------------------------------------


def _all_kinds(w: World) -> list[ApplicationEvent]:
    """Events of every kind, each made by the real action (letters: by the records module)."""
    with time_machine.travel("2025-03-03T11:30:00+08:00", tick=False):
        a = w.register(date(2025, 3, 3), applicant_id_number=ID_NUMBER)
        b = w.register(date(2025, 3, 3))
        c = w.register(date(2025, 3, 3))
        d = w.register(date(2025, 3, 3))
    with time_machine.travel("2025-03-05T10:12:00+08:00", tick=False):
        RequestCorrection.execute(w.handler, a, due_on="2025-03-20")
        RequestCorrection.execute(w.handler, b, due_on="2025-03-10")
        StartConsultation.execute(w.handler, c, kind="third_party", party="某公司")
        IssueFeeNotice.execute(w.handler, d, method="per_page", pages=200)
        ACTIONS_ON_A = ("assign", "add_note", "reveal_personal_data")
        from gongkai.applications.actions import ACTIONS

        ACTIONS[ACTIONS_ON_A[0]].execute(w.head, a, handler=w.handler.pk)
        ACTIONS[ACTIONS_ON_A[1]].execute(w.handler, a, text="请档案室协助")
        ACTIONS[ACTIONS_ON_A[2]].execute(w.handler, a, reason="核对身份")
    with time_machine.travel("2025-03-12T10:00:00+08:00", tick=False):
        ReceiveCorrection.execute(w.registrar, a)
        ExpireCorrection.execute(w.handler, b)
        EndConsultation.execute(w.handler, c)
        RouteToDepartment.execute(w.handler, c, department=w.town.pk)
        RecordPayment.execute(w.handler, d)
        ApproveExtension.execute(w.head, a, notified_on="2025-03-12")
        CalendarOverride.objects.create(date=date(2025, 4, 3), is_workday=False, note="测试")
        from gongkai.applications.deadlines import recompute_open_deadlines

        recompute_open_deadlines(reason="工作日历调整")
        Answer.execute(w.head, a, outcome="granted")
        RecordDelivery.execute(w.handler, a, method="邮寄")
        FileDispute.execute(w.head, a, route="reconsideration", reference="复2025-1")
        DecideDispute.execute(w.head, a, dispute=a.disputes.get().pk, result="upheld")
        Reopen.execute(w.head, a, reason="复议决定重新答复")
        Withdraw.execute(w.registrar, c)
        record_event(
            a,
            EventKind.LETTER_ISSUED,
            actor=w.head,
            effective_on=date(2025, 3, 12),
            payload={"title": "答复告知书", "number": "某县财政局〔2025〕第1号"},
        )
    with time_machine.travel("2025-03-05T10:12:00+08:00", tick=False):
        e = w.register(date(2025, 3, 5))
        IssueFeeNotice.execute(w.handler, e, method="per_page", pages=200)
    with time_machine.travel("2025-04-30T10:00:00+08:00", tick=False):
        ExpireFee.execute(w.handler, e)
    return list(ApplicationEvent.objects.select_related("actor", "application__agency"))


def test_every_event_kind_reads_as_a_plain_chinese_sentence(world: World) -> None:
    events = _all_kinds(world)
    kinds = {e.kind for e in events}
    assert kinds == set(EventKind.values), set(EventKind.values) - kinds
    for event in events:
        sentence = describe_event(event)
        assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d \S", sentence), sentence
        for raw in ("{", "}", "None", "'", '"', "_"):
            assert raw not in sentence, (event.kind, sentence)
    by_kind = {e.kind: describe_event(e) for e in events}
    assert by_kind[EventKind.CORRECTION_REQUESTED].startswith(
        "2025-03-05 10:12 handler（承办人）告知补正，补正期限 2025-03-"
    )
    assert "答复办结：予以公开（条例第三十六条第（一）（二）项）" in by_kind[EventKind.ANSWERED]
    assert "系统（期限重算任务）" in by_kind[EventKind.DEADLINE_RECOMPUTED]
    assert "文号 某县财政局〔2025〕第1号" in by_kind[EventKind.LETTER_ISSUED]
    app = Application.objects.filter(events__kind=EventKind.NOTE_ADDED).get()
    notes = [entry for entry in timeline(app) if entry.is_note]
    assert [n.sentence.split(" ", 2)[2] for n in notes] == [
        "handler（承办人）添加内部备注：请档案室协助"
    ]
