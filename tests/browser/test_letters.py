"""Letters in a real browser: draft from the case page, edit, confirm, issue, download."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pdfplumber
from django.utils import timezone
from docx import Document

from gongkai.applications.actions import Answer
from gongkai.letters.models import Letter, LetterSettings
from tests.browser.conftest import check_accessibility, screenshot
from tests.register_factories import World

PREFIX = "示范区政府信息公开"


def _message(page: Any) -> str:
    return str(page.locator(".messages").inner_text())


def test_the_handler_drafts_edits_issues_and_downloads_the_answer_letter(login_as: Any) -> None:
    w = World()
    LetterSettings.objects.create(
        agency=w.bureau,
        number_prefix=PREFIX,
        reconsideration_body="示范区人民政府",
        court="示范区人民法院",
    )
    today = timezone.localdate()
    app = w.register(
        today - timedelta(days=3),
        applicant_name="王五",
        description="申请公开2025年本局道路养护资金的使用明细。",
    )
    Answer.execute(w.head, app, outcome="partially_granted", on=today)

    page = login_as(w.handler)
    page.goto(f"/staff/cases/{app.reference}/")
    page.get_by_label("起草告知书").select_option(label="答复告知书（部分公开）")
    page.get_by_role("button", name="起草").click()
    page.wait_for_url("**/staff/letters/*/edit/")
    assert "已起草" in _message(page)
    body = page.get_by_label("正文")
    assert "第三十七条" in body.input_value()
    body.fill(body.input_value() + "\n附件：道路养护资金使用明细（部分）。")
    screenshot(page, "letter-edit")
    check_accessibility(page)
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/staff/letters/*/")
    assert "草稿已保存" in _message(page)
    screenshot(page, "letter-draft")
    check_accessibility(page)

    page.get_by_role("link", name="出具").click()
    page.wait_for_url("**/issue/")
    assert f"{PREFIX}〔{today.year}〕第1号" in page.locator(".letter-status").inner_text()
    screenshot(page, "letter-issue-confirm")
    check_accessibility(page)
    page.get_by_role("button", name="确认出具").click()
    page.wait_for_url("**/staff/letters/*/")
    number = f"{PREFIX}〔{today.year}〕第1号"
    assert f"文号：{number}" in _message(page)
    assert page.get_by_role("link", name="编辑正文").count() == 0
    screenshot(page, "letter-issued")
    check_accessibility(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="下载 DOCX").click()
    docx = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert number in text and "道路养护资金使用明细（部分）" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF").click()
    with pdfplumber.open(io.BytesIO(download.value.path().read_bytes())) as pdf:
        assert number in "".join(pdf.pages[0].extract_text().split())
    assert Letter.objects.get().is_issued
    page.goto(f"/staff/cases/{app.reference}/")
    block = page.locator(".case-letters")
    assert number in block.inner_text()
    block.scroll_into_view_if_needed()
    block.screenshot(
        path=str(screenshot(page, "letter-case-page")[0].with_name("letter-case-block.png"))
    )


def test_the_administrator_edits_templates_and_numbering(login_as: Any) -> None:
    w = World()
    page = login_as(w.admin)
    page.goto(f"/staff/letters/templates/?agency={w.bureau.pk}")
    assert page.title().startswith("告知书模板与编号 · ")
    page.get_by_label("文号前缀").fill(PREFIX)
    page.get_by_label("行政复议机关").fill("示范区人民政府")
    page.get_by_label("管辖法院").fill("示范区人民法院")
    page.get_by_role("button", name="保存设置").click()
    page.wait_for_url("**/staff/letters/templates/?agency=*")
    assert "已保存" in _message(page)
    screenshot(page, "letter-templates")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("编辑.*不予公开：属于国家秘密")).click()
    assert "第十四条" not in page.get_by_label("正文").input_value()  # the article is a placeholder
    assert "{{ 依据条款 }}" in page.get_by_label("正文").input_value()
    screenshot(page, "letter-template-edit")
    check_accessibility(page)
    assert LetterSettings.objects.get(agency=w.bureau).number_prefix == PREFIX
