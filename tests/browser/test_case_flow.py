"""A posted letter from registration to the answer, in a real browser, with screenshots."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from gongkai.applications.choices import EventKind, Status
from gongkai.applications.models import Application
from tests.browser.conftest import check_accessibility, keyboard_pass, screenshot
from tests.register_factories import World

pytestmark = pytest.mark.browser

ID_NUMBER = "11010519491231002X"


def _cut_off_at_phone_width(page: Any) -> list[str]:
    """Elements that stick out to the right at phone width (none: nothing is cut off)."""
    page.set_viewport_size({"width": 390, "height": 844})
    wide: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .map(e => e.tagName + '.' + e.className)"""
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    return wide


def _message(page: Any) -> str:
    return str(page.locator(".messages").inner_text())


def test_a_posted_letter_from_registration_to_the_answer(login_as: Any) -> None:
    w = World()
    today = timezone.localdate()
    arrived = today - timedelta(days=2)

    # 登记员 records a letter that came by registered post.
    page = login_as(w.registrar)
    page.goto("/staff/cases/new/")
    assert page.title().startswith("登记申请 · ")
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("申请人", exact=True).fill("王五")
    page.get_by_label("身份证号码").fill(ID_NUMBER)
    page.get_by_label("联系方式").fill("13812345678")
    page.get_by_label("申请渠道").select_option("registered_post")
    page.get_by_label("到达时间").fill(f"{arrived.isoformat()}T09:30")
    page.get_by_label("申请内容").fill("申请公开2025年本局道路养护资金的使用明细。")
    screenshot(page, "case-register")
    check_accessibility(page)
    page.get_by_role("button", name="登记").click()
    page.wait_for_url("**/staff/cases/*/")
    app = Application.objects.get()
    assert f"已登记，案件编号 {app.reference}" in _message(page)
    assert ID_NUMBER not in page.content()

    # 承办人 asks for a correction.
    page = login_as(w.handler)
    page.goto(f"/staff/cases/{app.reference}/")
    page.get_by_role("link", name="告知补正").click()
    page.wait_for_url("**/request_correction/")
    page.get_by_role("button", name="告知补正").click()  # no due date: the error summary
    summary = page.locator(".error-summary")
    assert summary.is_visible() and "补正期限" in summary.inner_text()
    screenshot(page, "case-action-errors")
    check_accessibility(page)
    page.get_by_label("补正期限").fill((today + timedelta(days=15)).isoformat())
    page.get_by_role("button", name="告知补正").click()
    page.wait_for_url(f"**/staff/cases/{app.reference}/")
    assert "已告知补正" in _message(page)

    # The applicant's correction arrives; the registrar records it.
    page = login_as(w.registrar)
    page.goto(f"/staff/cases/{app.reference}/")
    page.get_by_role("link", name="登记收到补正").click()
    page.get_by_role("button", name="登记收到补正").click()
    page.wait_for_url(f"**/staff/cases/{app.reference}/")
    assert "已收到补正" in _message(page)

    # 公开办负责人 approves an extension, then answers with an outcome (after a confirmation).
    page = login_as(w.head)
    page.goto(f"/staff/cases/{app.reference}/")
    page.get_by_role("link", name="批准延期答复").click()
    page.get_by_label("告知申请人日期").fill(today.isoformat())
    page.get_by_role("button", name="批准延期答复").click()
    page.wait_for_url(f"**/staff/cases/{app.reference}/")
    assert "已批准延期答复" in _message(page)
    page.get_by_role("link", name="答复（办结）").click()
    page.get_by_label("办理结果").select_option("partially_granted")
    screenshot(page, "case-action")
    check_accessibility(page)
    page.get_by_role("button", name="下一步：确认").click()
    assert "第三十七条" in page.locator(".confirm-box").inner_text()
    screenshot(page, "case-confirm")
    check_accessibility(page)
    page.get_by_role("button", name="确认答复").click()
    page.wait_for_url(f"**/staff/cases/{app.reference}/")
    assert "已答复，办理结果：部分公开" in _message(page)
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.outcome == "partially_granted"

    timeline = page.locator(".timeline").inner_text()
    for words in (
        "登记申请",
        "告知补正，补正期限",
        "登记收到补正",
        "批准延期答复",
        "答复办结：部分公开",
    ):
        assert words in timeline
    assert "{" not in timeline
    assert ID_NUMBER not in page.content()
    screenshot(page, "case-page")
    check_accessibility(page)
    assert "查看完整身份信息" in keyboard_pass(page)
    assert _cut_off_at_phone_width(page) == []

    # The audited reveal shows the identity number in that response only.
    page.get_by_role("button", name="查看完整身份信息").click()
    assert ID_NUMBER in page.locator("#applicant-title + dl").inner_text()
    screenshot(page, "case-revealed")
    assert app.events.filter(kind=EventKind.PERSONAL_DATA_REVEALED, actor=w.head).count() == 1
    page.goto(f"/staff/cases/{app.reference}/")
    assert ID_NUMBER not in page.content()
