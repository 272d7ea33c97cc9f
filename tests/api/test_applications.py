"""The JSON API: session auth, CSRF, visibility, actions by name, errors as JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.applications.models import Application, ApplicationEvent
from tests.register_factories import World

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_list_and_detail_show_only_visible_applications() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    listing = client_for(w.supervisor).get("/api/applications/").json()
    assert listing["count"] == 1
    row = listing["results"][0]
    assert (row["reference"], row["deadline"], row["status"]) == (
        app.reference,
        "2025-03-31",
        "registered",
    )
    assert client_for(w.town_head).get("/api/applications/").json()["count"] == 0
    detail = client_for(w.handler).get(f"/api/applications/{app.pk}/").json()
    assert [e["kind"] for e in detail["events"]] == ["registered"]
    assert detail["deadline_explanation"][0] == "收到日期：2025-03-03（星期一）"
    assert detail["deadline_explanation"][-1].startswith("答复期限：2025-03-31（星期一）")
    hidden = client_for(w.town_head).get(f"/api/applications/{app.pk}/")
    assert hidden.status_code == 404
    assert hidden.json()["detail"] == "申请不存在或无权查看。"


def test_anonymous_requests_get_403_json() -> None:
    response = Client().get("/api/applications/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["detail"], problem["code"]) == (
        403,
        "请先登录。",
        "forbidden",
    )
    assert problem["instance"] == "/api/applications/"


def test_filters_and_bad_filters() -> None:
    w = World()
    w.register(date(2025, 3, 3))
    w.register(date(2024, 6, 3))
    client = client_for(w.handler)
    assert client.get("/api/applications/?year=2024").json()["count"] == 1
    assert client.get(f"/api/applications/?agency={w.county.pk}&subtree=1").json()["count"] == 2
    assert client.get(f"/api/applications/?agency={w.county.pk}").json()["count"] == 0
    bad = client.get("/api/applications/?year=二〇二五")
    assert bad.status_code == 400
    assert "收到年度" in bad.json()["detail"]
    assert list(bad.json()["errors"]) == ["year"]


def test_register_and_run_actions_through_the_api() -> None:
    w = World()
    created = post(
        client_for(w.registrar),
        "/api/applications/",
        {
            "agency": w.bureau.pk,
            "applicant_kind": "natural_person",
            "applicant_name": "张三",
            "channel": "internet",
            "arrived_at": "2025-03-01T20:15:00+08:00",
            "confirmed_on": "2025-03-03",
            "description": "某路段改造的批复",
        },
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["received_on"] == "2025-03-03"

    url = f"/api/applications/{pk}/actions/answer/"
    refused = post(client_for(w.handler), url, {"on": "2025-03-20", "outcome": "granted"})
    assert refused.status_code == 403
    assert "无权答复" in refused.json()["detail"]

    answered = post(
        client_for(w.head), url, {"on": "2025-03-20", "outcome": "granted", "idempotency_key": "a1"}
    )
    assert answered.status_code == 200
    assert answered.json()["outcome_article"] == "第三十六条第（一）（二）项"
    replay = post(
        client_for(w.head), url, {"on": "2025-03-20", "outcome": "granted", "idempotency_key": "a1"}
    )
    assert replay.status_code == 200
    assert ApplicationEvent.objects.filter(kind="answered").count() == 1

    again = post(client_for(w.head), url, {"on": "2025-03-20", "outcome": "granted"})
    assert again.status_code == 409
    assert "已办结" in again.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{not json", 400, "JSON"),
        (b"[1, 2]", 400, "JSON 对象"),
        (json.dumps({"on": "2025-03-20"}).encode(), 400, "请选择办理结果"),
        (json.dumps({"outcome": "granted", "colour": "red"}).encode(), 400, "不支持的参数"),
    ],
)
def test_bad_bodies_are_400_with_a_chinese_message(body: bytes, status: int, message: str) -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    response = client_for(w.head).post(
        f"/api/applications/{app.pk}/actions/answer/", body, content_type="application/json"
    )
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert Application.objects.get().status == "registered"


def test_unknown_action_and_wrong_method() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    client = client_for(w.head)
    unknown = post(client, f"/api/applications/{app.pk}/actions/approve/", {})
    assert unknown.status_code == 400
    assert client.get(f"/api/applications/{app.pk}/actions/answer/").status_code == 405


def test_post_without_csrf_token_is_refused_with_session_auth() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.head)
    response = post(client, f"/api/applications/{app.pk}/actions/answer/", {"outcome": "granted"})
    assert response.status_code == 403
    assert Application.objects.get().status == "registered"


def test_agency_list_is_limited_to_visible_agencies() -> None:
    w = World()
    names = [a["name"] for a in client_for(w.supervisor).get("/api/agencies/").json()["results"]]
    assert names == ["某县人民政府", "某县财政局", "某镇人民政府"]
    own = client_for(w.handler).get("/api/agencies/").json()["results"]
    assert [a["code"] for a in own] == ["bureau"]
