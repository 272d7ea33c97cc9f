"""Morning reminders: who gets which cases, working days, once a day, through Django's e-mail."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from gongkai.applications.choices import Status
from gongkai.applications.models import Application
from gongkai.staff.models import ReminderSent
from gongkai.staff.reminders import reminder_cases, send_reminders
from tests.register_factories import World, staff

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("locmem_mail"),
]

MONDAY = date(2026, 3, 9)  # after the weekend of 7-8 March
# Spring Festival 2026: 15-23 February off, Saturday 14 February a make-up working day.
LAST_WORKDAY_BEFORE_FESTIVAL = date(2026, 2, 14)
NEW_YEARS_EVE = date(2026, 2, 16)


@pytest.fixture
def locmem_mail() -> object:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        yield None


def case(w: World, due: date | None, **changes: object) -> Application:
    """A bureau case registered early in 2026 whose answer is due on ``due``."""
    where = {k: v for k, v in changes.items() if k in ("at_agency", "by")}
    app = w.register(date(2026, 1, 5), **where)  # type: ignore[arg-type]
    fields = {"deadline": due, **{k: v for k, v in changes.items() if k not in where}}
    Application.objects.filter(pk=app.pk).update(**fields)
    app.refresh_from_db()
    return app


def references(cases: object) -> set[str]:
    return {app.reference for app in cases}  # type: ignore[attr-defined]


@pytest.fixture
def world() -> World:
    w = World()
    for user in (w.handler, w.head, w.town_head, w.registrar, w.supervisor):
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return w


def test_a_monday_reminds_of_friday_overdue_and_cases_due_by_thursday(world: World) -> None:
    w = world
    other = staff("other_handler", (w.bureau, "handler"))
    overdue = case(w, date(2026, 3, 6))  # Friday before the weekend, unassigned
    today = case(w, MONDAY, assigned_to=w.handler)
    thursday = case(w, date(2026, 3, 12), assigned_to=w.handler)
    friday = case(w, date(2026, 3, 13), assigned_to=w.handler)  # the 4th working day
    colleague = case(w, date(2026, 3, 10), assigned_to=other)
    closed = case(w, date(2026, 3, 2), status=Status.CLOSED, closed_on=date(2026, 3, 2))
    paused = case(w, None)
    town = case(w, date(2026, 3, 11), at_agency=w.town, by=w.admin)

    assert references(reminder_cases(w.handler, MONDAY)) == {
        overdue.reference,
        today.reference,
        thursday.reference,
    }
    head = reminder_cases(w.head, MONDAY)
    assert references(head) == {
        overdue.reference,
        today.reference,
        thursday.reference,
        colleague.reference,
    }
    assert [app.deadline for app in head] == sorted(app.deadline for app in head)
    assert references(reminder_cases(w.town_head, MONDAY)) == {town.reference}
    for absent in (friday, closed, paused):
        assert absent.reference not in references(reminder_cases(w.head, MONDAY))
    # Registrars, supervisors and outsiders hold no reminder role for these cases.
    assert not reminder_cases(w.registrar, MONDAY).exists()
    assert not reminder_cases(w.outsider, MONDAY).exists()
    assert references(reminder_cases(other, MONDAY)) == {overdue.reference, colleague.reference}


def test_the_e_mail_lists_the_cases_in_chinese_and_is_sent_once_a_day(world: World) -> None:
    w = world
    overdue = case(w, date(2026, 3, 5), assigned_to=w.handler)
    soon = case(w, date(2026, 3, 11), assigned_to=w.handler)
    with time_machine.travel("2026-03-09 07:30 +0800", tick=False):
        out = StringIO()
        call_command("remind", stdout=out)
        assert "已发送 2 封提醒邮件" in out.getvalue()  # the handler and the head
        by_address = {message.to[0]: message for message in mail.outbox}
        assert set(by_address) == {"handler@example.cn", "head@example.cn"}
        message = by_address["handler@example.cn"]
        assert message.subject == "政府信息公开到期提醒（2026年3月9日）：2 件，其中已逾期 1 件"
        assert f"{overdue.reference}　某县财政局　答复期限 2026-03-05　已逾期 2 个工作日" in (
            message.body
        )
        assert "答复期限 2026-03-11　剩余 2 个工作日" in message.body
        assert f"/staff/cases/{soon.reference}/" in message.body
        assert "张三" not in message.body  # no applicant data leaves by e-mail

        again = StringIO()
        call_command("remind", stdout=again)
        assert "已发送 0 封提醒邮件" in again.getvalue()
        assert "今日已发送过 2 人" in again.getvalue()
        assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(day=MONDAY).count() == 2

    # The next working day is a new day: the list goes out again.
    assert send_reminders(date(2026, 3, 10)).sent == 2
    assert len(mail.outbox) == 4


def test_the_day_before_the_spring_festival(world: World) -> None:
    w = world
    after_holiday = case(w, date(2026, 2, 26), assigned_to=w.handler)  # 3rd working day after
    later = case(w, date(2026, 2, 27), assigned_to=w.handler)
    cases = references(reminder_cases(w.handler, LAST_WORKDAY_BEFORE_FESTIVAL))
    assert cases == {after_holiday.reference}
    assert later.reference not in cases

    # 除夕 is a holiday: cron may run every day, nothing goes out.
    with time_machine.travel("2026-02-16 07:30 +0800", tick=False):
        out = StringIO()
        call_command("remind", stdout=out)
    assert "2026-02-16 不是工作日，未发送提醒。" in out.getvalue()
    assert mail.outbox == []
    assert not ReminderSent.objects.filter(day=NEW_YEARS_EVE).exists()

    # The make-up Saturday before it is a working day: the reminder is sent.
    with time_machine.travel("2026-02-14 07:30 +0800", tick=False):
        call_command("remind", stdout=StringIO())
    assert {m.to[0] for m in mail.outbox} == {"handler@example.cn", "head@example.cn"}
    assert "剩余 3 个工作日" in mail.outbox[0].body


def test_users_without_an_address_or_cases_are_counted_and_not_recorded(world: World) -> None:
    w = world
    w.head.email = ""
    w.head.save(update_fields=["email"])
    case(w, date(2026, 3, 9), assigned_to=w.handler)
    run = send_reminders(MONDAY)
    assert (run.sent, run.no_address, run.nothing_due) == (1, 1, 1)  # town head: nothing due
    assert list(ReminderSent.objects.values_list("user__username", flat=True)) == ["handler"]


def test_a_failed_send_records_nothing_so_the_next_run_retries(world: World) -> None:
    w = world
    case(w, date(2026, 3, 9), assigned_to=w.handler)
    broken = override_settings(EMAIL_BACKEND="tests.staff.test_reminders.BrokenBackend")
    with broken, pytest.raises(ConnectionError):
        send_reminders(MONDAY)
    assert not ReminderSent.objects.exists()
    assert send_reminders(MONDAY).sent == 2


def test_a_bad_date_is_refused_in_chinese() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期应写作 YYYY-MM-DD"):
        call_command("remind", "--date", "2026-13-01")


class BrokenBackend:
    """An e-mail backend whose server is down."""

    def __init__(self, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise ConnectionError("mail server down")
