"""The staff workspace's shell: who may enter, the font-size switch, deadline wording."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.applications.actions import RequestCorrection
from gongkai.staff.common import deadline_status
from tests.register_factories import World

pytestmark = pytest.mark.django_db


def test_anonymous_users_go_to_the_login_page_and_outsiders_are_refused() -> None:
    w = World()
    anonymous = Client().get("/staff/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/staff/login/?next=")
    outsider = Client()
    outsider.force_login(w.outsider)
    refused = outsider.get("/staff/")
    assert refused.status_code == 403
    assert "没有任何机关的工作角色" in refused.content.decode()
    handler = Client()
    handler.force_login(w.handler)
    page = handler.get("/staff/")
    assert page.status_code == 200
    assert "<title>工作台 · " in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_the_font_size_is_remembered_in_a_cookie() -> None:
    w = World()
    client = Client()
    client.force_login(w.handler)
    response = client.get("/staff/font/large/?next=/staff/")
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert (
        client.get("/staff/")
        .content.decode()
        .startswith('<!DOCTYPE html>\n<html lang="zh-CN" class="font-large">')
    )
    away = client.get("/staff/font/small/?next=https://example.com/")
    assert away["Location"] == "/staff/"


@pytest.mark.parametrize(
    ("today", "text", "tone"),
    [
        (date(2025, 3, 3), "剩余 20 个工作日", "ok"),
        (date(2025, 3, 24), "剩余 5 个工作日", "soon"),
        (date(2025, 3, 31), "今日到期", "today"),
        (date(2025, 4, 1), "已逾期 1 个工作日", "overdue"),
        (date(2025, 4, 7), "已逾期 4 个工作日", "overdue"),  # 清明 4-6 Apr not counted
    ],
)
def test_deadlines_read_as_working_days_left_or_overdue(today: date, text: str, tone: str) -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    assert app.deadline == date(2025, 3, 31)
    status = deadline_status(app, today=today)
    assert (status.text, status.tone) == (text, tone)


def test_a_case_waiting_for_correction_has_no_running_deadline() -> None:
    w = World()
    with time_machine.travel("2025-03-05T10:00:00+08:00"):
        app = RequestCorrection.execute(
            w.handler, w.register(date(2025, 3, 3)), due_on="2025-03-20"
        )
        assert deadline_status(app).text == "暂停计时（待补正）"


def test_deadline_tag_builds_the_calendar_once_per_render() -> None:
    w = World()
    apps = [w.register(date(2025, 3, 3)) for _ in range(3)]
    page = Template(
        "{% load staff %}{% for a in apps %}{% deadline_of a as d %}{{ d.text }};{% endfor %}"
    )
    with (
        time_machine.travel("2025-03-24T10:00:00+08:00"),
        CaptureQueriesContext(connection) as queries,
    ):
        out = page.render(Context({"apps": apps}))
    assert out == "剩余 5 个工作日;" * 3
    assert len(queries) == 2  # the overrides and the declared years, once for the three rows
