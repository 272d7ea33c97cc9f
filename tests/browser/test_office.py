"""Office settings in a real browser: overview, staff, calendar, table 2; screenshots, axe."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.applications.models import CalendarOverride
from tests.browser.conftest import check_accessibility, keyboard_pass, screenshot
from tests.register_factories import World

pytestmark = pytest.mark.browser


def test_the_administrator_changes_the_calendar_and_sees_the_change_listed(login_as: Any) -> None:
    w = World()
    page = login_as(w.admin)
    for path, name in (
        ("/staff/office/", "office"),
        ("/staff/office/staff/", "office-staff"),
        ("/staff/office/table2/?agency=bureau&year=2025", "office-table2"),
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200
        screenshot(page, name)
        check_accessibility(page)
        assert "退出" in keyboard_pass(page)
    page.goto("/staff/office/calendar/")
    page.get_by_label("日期").fill("2027-10-09")
    page.get_by_label("这一天是").select_option("1")
    page.get_by_label("说明").fill("国庆调休上班")
    page.get_by_role("button", name="保存并重新计算期限").click()
    assert page.get_by_text("已设置 2027-10-09 工作日。").is_visible()
    assert CalendarOverride.objects.filter(is_workday=True).count() == 1
    screenshot(page, "office-calendar")
    check_accessibility(page)
    page.goto("/staff/office/")
    assert page.get_by_role("cell", name="调整工作日历：2027-10-09 工作日").is_visible()
