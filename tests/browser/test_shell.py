"""The staff workspace's shell in a real browser: login, dashboard, font switch, keyboard, axe."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.browser.conftest import check_accessibility, keyboard_pass, screenshot
from tests.register_factories import World

pytestmark = pytest.mark.browser


def _root_font_px(page: Any) -> str:
    return str(page.evaluate("() => getComputedStyle(document.documentElement).fontSize"))


def test_signing_in_reaches_the_dashboard(browser_page: Any) -> None:
    w = World()
    user = User.objects.get(pk=w.handler.pk)
    user.set_password("正确的密码-2026")
    user.save()
    page = browser_page
    page.goto("/staff/")
    assert "/staff/login/" in page.url
    assert page.title().startswith("登录 · ")
    screenshot(page, "login")
    check_accessibility(page)
    # The web font is served locally (no CDN) and Chinese text is laid out with it.
    assert page.evaluate("() => document.fonts.check('16px \"Noto Sans SC\"', '工作台')")

    page.get_by_label("用户名").fill("handler")
    page.get_by_label("密码").fill("正确的密码-2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/staff/")
    assert page.title().startswith("工作台 · ")


def test_the_dashboard_at_desktop_and_phone_width(login_as: Any) -> None:
    w = World()
    for day in (date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)):
        w.register(day)
    page = login_as(w.head)
    response = page.goto("/staff/")
    assert response is not None and response.status == 200
    assert page.get_by_role("heading", name="工作台", exact=True).is_visible()
    # htmx is served from /static/ and loads (deferred), with no request leaving the server.
    page.wait_for_function("() => typeof window.htmx !== 'undefined'")
    screenshot(page, "dashboard")
    check_accessibility(page)
    reached = keyboard_pass(page)
    assert "检索" in reached and "退出" in reached  # the navigation and the sign-out button
    page.set_viewport_size({"width": 390, "height": 844})
    # Nothing is cut off at phone width: the page does not scroll sideways.
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    check_accessibility(page)


def test_the_font_switch_persists_across_pages(login_as: Any) -> None:
    w = World()
    page = login_as(w.handler)
    page.goto("/staff/")
    assert _root_font_px(page) == "16px"
    page.locator(".font-switch").get_by_role("link", name="大").click()
    page.wait_for_load_state()
    assert _root_font_px(page) == "18px"
    page.goto("/staff/search/")
    assert _root_font_px(page) == "18px"
    page.locator(".font-switch").get_by_role("link", name="小").click()
    page.wait_for_load_state()
    assert _root_font_px(page) == "14px"
    page.goto("/staff/")
    assert _root_font_px(page) == "14px"


def test_tab_from_the_top_reaches_a_visible_skip_link(login_as: Any) -> None:
    w = World()
    page = login_as(w.handler)
    page.goto("/staff/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return {text: el.textContent, left: box.left, top: box.top, width: box.width,
                    outline: style.outlineStyle, outlineWidth: style.outlineWidth};
        }"""
    )
    assert focused["text"] == "跳到主要内容"
    assert focused["left"] >= 0 and focused["top"] >= 0 and focused["width"] > 0
    assert focused["outline"] != "none" and focused["outlineWidth"] != "0px"
    screenshot(page, "skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab goes on from the main content, and its focus is visible too.
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
