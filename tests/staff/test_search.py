"""The register search: Chinese substrings without word breaks, filters, scoping, export."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from gongkai.applications.models import Application
from gongkai.staff.search import views as search_views
from tests.register_factories import World, staff

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _found(client: Client, **params: str) -> set[str]:
    page = client.get("/staff/search/", params)
    assert page.status_code == 200
    listing = page.context["listing"]
    return {row["object"].reference for row in listing.rows()} if listing else set()


def _world() -> tuple[World, Application, Application, Application]:
    w = World()
    roads = w.register(
        date(2026, 3, 2),
        applicant_name="李四",
        description="申请公开本县二〇二五年农村公路养护资金使用情况",
    )
    school = w.register(
        date(2026, 4, 1),
        applicant_name="王小明",
        description="请提供某中学扩建工程的环境影响评价报告",
        channel="registered_post",
    )
    Application.objects.filter(pk=school.pk).update(status="closed", outcome="granted")
    town = w.register(
        date(2026, 3, 5),
        by=staff("town_registrar", (w.town, "registrar")),
        at_agency=w.town,
        applicant_name="李四",
        description="公路养护合同",
    )
    return w, roads, school, town


def test_chinese_words_are_found_inside_a_sentence_without_word_breaks() -> None:
    w, roads, school, _town = _world()
    head = _client(w.head)
    assert _found(head, words="公路养护") == {roads.reference}
    assert _found(head, words="影响评") == {school.reference}
    assert _found(head, applicant="王小明") == {school.reference}
    assert _found(head, reference=roads.reference[-6:]) >= {roads.reference}
    assert _found(head, words="不存在的词") == set()
    assert (
        "没有符合条件的记录" in head.get("/staff/search/", {"words": "不存在的词"}).content.decode()
    )


def test_filters_combine_dates_outcome_status_and_agency() -> None:
    w, roads, school, _town = _world()
    head = _client(w.head)
    assert _found(head, received_from="2026-03-01", received_to="2026-03-31") == {roads.reference}
    assert _found(head, outcome="granted") == {school.reference}
    assert _found(head, status="closed", words="中学") == {school.reference}
    assert _found(head, status="registered", words="中学") == set()
    assert _found(head, agency=str(w.bureau.pk), applicant="李四") == {roads.reference}
    wrong = head.get("/staff/search/", {"received_from": "2026-05-01", "received_to": "2026-03-01"})
    html = wrong.content.decode()
    assert "检索条件有误" in html and "收到日期起不能晚于收到日期止" in html


def test_search_is_scoped_to_the_users_agencies() -> None:
    w, roads, _school, town = _world()
    assert _found(_client(w.town_head), applicant="李四") == {town.reference}
    assert _found(_client(w.head), applicant="李四") == {roads.reference}
    # The county's supervisor oversees both.
    assert _found(_client(w.supervisor), applicant="李四") == {roads.reference, town.reference}
    assert Client().get("/staff/search/").status_code == 302
    assert _client(w.outsider).get("/staff/search/", {"words": "公路"}).status_code == 403


def test_the_export_is_exactly_the_search_result() -> None:
    w, roads, _school, _town = _world()
    head = _client(w.head)
    response = head.get("/staff/search/", {"words": "公路", "export": "xlsx"})
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == roads.reference
    assert "申请公开本县二〇二五年农村公路养护资金使用情况" in rows[1]


def test_the_empty_form_asks_for_a_condition() -> None:
    w, *_ = _world()
    page = _client(w.registrar).get("/staff/search/")
    assert page.context["listing"] is None
    html = page.content.decode()
    assert "请输入至少一个检索条件" in html
    assert "<title>检索 · " in html


def test_a_short_name_is_a_prefix_and_a_broad_search_counts_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w, roads, school, _town = _world()
    head = _client(w.head)
    # One or two characters have no trigram: matched as the start of the name.
    assert _found(head, applicant="李") == {roads.reference}
    assert _found(head, applicant="王小") == {school.reference}
    assert _found(head, applicant="四") == set()
    monkeypatch.setattr(search_views, "COUNT_LIMIT", 1)
    page = head.get("/staff/search/", {"status": "registered"})
    assert page.context["listing"].total_capped
    assert "共 <strong>1+</strong> 条" in page.content.decode()
    monkeypatch.setattr(search_views, "COUNT_LIMIT", 1000)
    assert not head.get("/staff/search/", {"status": "registered"}).context["listing"].total_capped
