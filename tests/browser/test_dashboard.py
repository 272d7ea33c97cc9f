"""The dashboard and the register search in a real browser: screenshots, keyboard, axe."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from gongkai.applications.models import Application
from tests.browser.conftest import check_accessibility, screenshot
from tests.register_factories import World

pytestmark = pytest.mark.browser

TOPICS = (
    "申请公开本县二〇二五年农村公路养护资金使用情况及相关合同",
    "请提供某中学扩建工程的环境影响评价报告",
    "城市更新项目征收补偿方案",
    "最低生活保障对象名单及审核程序",
)


def _office(w: World) -> list[Application]:
    today = timezone.localdate()
    cases = []
    shifts: list[tuple[int | None, str]] = [
        (-3, "in_progress"),
        (0, "in_progress"),
        (2, "in_progress"),
        (9, "consulting"),
        (None, "awaiting_correction"),
        (12, "awaiting_fee"),
        (15, "in_progress"),
    ]
    for n, (shift, status) in enumerate(shifts * 2):
        app = w.register(
            date(2026, 1, 5) if today > date(2026, 1, 5) else today,
            applicant_name=("王小明", "李四", "某某科技有限公司")[n % 3],
            description=f"{TOPICS[n % len(TOPICS)]}（第{n + 1}项）",
            applicant_contact="13812345678",
        )
        deadline = today + timedelta(days=shift) if shift is not None else None
        assigned = w.handler if n % 2 else None
        Application.objects.filter(pk=app.pk).update(
            deadline=deadline, status=status, assigned_to=assigned
        )
        cases.append(app)
    return cases


def test_the_dashboard_groups_filter_and_look_calm(login_as: Any) -> None:
    w = World()
    _office(w)
    page = login_as(w.head)
    page.goto("/staff/")
    assert page.title().startswith("工作台 · ")
    screenshot(page, "dashboard-groups")
    check_accessibility(page)
    html = page.content()
    assert "13812345678" not in html
    # The 已逾期 count is a link that filters the list, reached by keyboard.
    overdue = page.get_by_role("link", name="本机关已逾期：2 件")
    overdue.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**group=overdue**")
    assert page.get_by_role("heading", name="本机关已逾期案件").is_visible()
    assert page.locator("table.list tbody tr").count() == 2
    assert "已逾期" in page.locator("table.list tbody").inner_text()
    # Sorting by a header keeps the group.
    page.get_by_role("link", name="案件编号").click()
    page.wait_for_url("**sort=reference**")
    assert "group=overdue" in page.url
    screenshot(page, "dashboard-overdue")
    check_accessibility(page)


def test_the_search_finds_chinese_words_and_offers_the_export(login_as: Any) -> None:
    w = World()
    _office(w)
    page = login_as(w.registrar)
    page.goto("/staff/search/")
    page.get_by_label("申请内容").fill("公路养护")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url("**words=**")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 4
    assert page.get_by_role("link", name="CSV").is_visible()
    screenshot(page, "search-results")
    check_accessibility(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
