"""The year's report in a real browser: compiled, edited, submitted, published; screenshots, axe."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.annual.models import AnnualReport, ReportState
from tests.annual_helpers import case
from tests.browser.conftest import check_accessibility, screenshot
from tests.register_factories import World

pytestmark = pytest.mark.browser

# The machine's clock is after 2025, so the 2025 report may be submitted without freezing it.
URL = "/staff/annual/2025/?agency=bureau"


def test_the_report_is_compiled_edited_submitted_and_published(login_as: Any) -> None:
    w = World()
    case(w.bureau, date(2025, 3, 3), closed_on=date(2025, 3, 20)).save()
    case(w.bureau, date(2025, 12, 10)).save()
    page = login_as(w.head)
    response = page.goto(URL)
    assert response is not None and response.status == 200
    assert page.title() == "2025年度报告 · 某县财政局 · gongkai"
    screenshot(page, "annual-draft")
    check_accessibility(page)
    page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(page)
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_label("一、总体情况").fill("本年度，本局认真贯彻落实《条例》。")
    page.get_by_label("五、存在的主要问题及改进情况").fill("答复质量有待提高。")
    page.get_by_role("button", name="保存正文").click()
    assert page.get_by_text("报告正文已保存。").is_visible()
    page.get_by_label("行政许可 · 本年处理决定数量").fill("12")
    page.get_by_role("button", name="保存表二").click()
    assert page.get_by_text("表二数据已保存，更改 1 项。").is_visible()

    page.get_by_role("button", name="报送上级主管部门").click()
    assert page.get_by_text("年度报告已报送上级主管部门。").is_visible()
    page.get_by_role("link", name="发布……").click()
    assert page.get_by_role("heading", name="确认发布 某县财政局 2025年度报告").is_visible()
    screenshot(page, "annual-confirm-publish")
    check_accessibility(page)
    page.get_by_role("button", name="确认发布").click()
    assert page.get_by_text("年度报告已发布，发布编号：").is_visible()
    screenshot(page, "annual-published")
    check_accessibility(page)
    row = AnnualReport.objects.get(agency=w.bureau, year=2025)
    assert row.state == ReportState.PUBLISHED and row.number == 1
    assert page.locator(".national-tables td.num").filter(has_text="12").count() >= 1
