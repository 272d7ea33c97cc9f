"""Every bad request is a 4xx problem in Chinese, never a 500; one format for every error."""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, RequestFactory
from django.utils.encoding import escape_uri_path

from gongkai.applications.models import Application
from tests.register_factories import World, registration_fields

pytestmark = pytest.mark.django_db

_CJK = re.compile(r"[\u4e00-\u9fff]")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """A problem document with ``status``, a Chinese detail and the RFC 9457 members."""
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == "application/problem+json"
    text = response.content.decode("utf-8")
    assert "\\u" not in text  # Chinese as it is, never escaped
    problem: dict[str, Any] = json.loads(text)
    assert {"type", "title", "status", "detail", "instance"} <= set(problem)
    assert problem["status"] == status
    assert problem["instance"] == escape_uri_path(response.wsgi_request.path)
    assert _CJK.search(problem["detail"]), problem["detail"]
    assert "Traceback" not in text
    return problem


def post_json(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"agency": "abc"}, "agency"),
        ({"agency": 10**30}, "agency"),
        ({"agency": -1}, "agency"),
        ({"agency": True}, "agency"),
        ({"agency": 999999}, "agency"),
        ({"reference": "R" * 65}, "reference"),
        ({"applicant_contact": "电话" * 101}, "applicant_contact"),
        ({"applicant_name": "名" * 201}, "applicant_name"),
        ({"applicant_name": "张\x00三"}, "applicant_name"),
        ({"description": "内容\x00"}, "description"),
        ({"applicant_name": 5}, "applicant_name"),
        ({"applicant_name": ["张三"]}, "applicant_name"),
        ({"applicant_name": {"a": 1}}, "applicant_name"),
        ({"arrived_at": []}, "arrived_at"),
        ({"arrived_at": "昨天"}, "arrived_at"),
        ({"arrived_at": "2007-12-31T10:00:00+08:00"}, "到达时间"),
        ({"channel": "pigeon"}, "channel"),
        ({"is_demo": "yes"}, "is_demo"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_registrations_are_400_and_store_nothing(changes: dict[str, Any], field: str) -> None:
    w = World()
    response = post_json(
        client_for(w.registrar), "/api/applications/", registration_fields(w, **changes)
    )
    problem = assert_problem(response, 400)
    assert field in problem.get("errors", {}) or field in problem["detail"], problem
    assert not Application.objects.exists()


def test_over_long_values_are_refused_as_the_model_would() -> None:
    # SQLite would store an over-long reference silently; PostgreSQL would raise DataError.
    w = World()
    limits = {
        f.name: f.max_length
        for f in Application._meta.concrete_fields
        if getattr(f, "max_length", None) and f.name.startswith(("reference", "applicant_"))
    }
    assert {"reference", "applicant_name", "applicant_contact"} <= set(limits)
    client = client_for(w.registrar)
    for name, limit in limits.items():
        if name == "applicant_kind":
            continue
        response = post_json(
            client, "/api/applications/", registration_fields(w, **{name: "9" * (limit + 1)})
        )
        problem = assert_problem(response, 400)
        assert name in problem["errors"], (name, problem)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'"text"',
        b"42",
        b"null",
        b"\xff\xfe{}",
        b'{"a": NaN}',
        b"[" * 100000,
        b'{"applicant_name": "\\ud800"}',
        b'{"\\udfff": 1}',
    ],
)
def test_bodies_that_are_not_a_json_object(body: bytes) -> None:
    w = World()
    response = client_for(w.registrar).post(
        "/api/applications/", body, content_type="application/json"
    )
    problem = assert_problem(response, 400)
    assert "JSON" in problem["detail"] or "Unicode" in problem["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "offset=-1",
        "offset=99999999999999999999999",
        "offset=1e9",
        "limit=0",
        "limit=-5",
        "limit=100000000000000000000000000000",
        "limit=abc",
        "year=二〇二五",
        "year=99999",
        "agency=abc",
        "agency=99999999999999999999999",
        "status=nonsense",
        "q=%00",
        "q=" + "长" * 201,
        "colour=red",
    ],
)
def test_bad_list_queries_are_400(query: str) -> None:
    w = World()
    problem = assert_problem(client_for(w.handler).get(f"/api/applications/?{query}"), 400)
    assert problem["errors"]


@pytest.mark.parametrize("year", ["99999", "0", "1900", "2007", "3000", "2018"])
def test_compile_refuses_years_out_of_range(year: str) -> None:
    w = World()
    problem = assert_problem(client_for(w.head).get(f"/api/annual/bureau/{year}/"), 400)
    assert year in problem["detail"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/applications/99999999999999999999999999/", 404),
        ("/api/applications/123456/", 404),
        ("/api/annual/%00/2025/", 404),
        ("/api/annual/" + "x" * 500 + "/2025/", 404),
        ("/api/ledger/bureau/export.pdf", 400),
        ("/api/ledger/bureau/export.csv?unmasked=maybe&subtree=1&x=1", 400),
        ("/api/nothing/here/", 404),
        ("/api/applications/%0A/", 404),
        ("/api/applications/1/actions/answer/", 405),
    ],
)
def test_bad_urls_are_problems(url: str, status: int) -> None:
    w = World()
    w.register(date(2025, 3, 3))
    assert_problem(client_for(w.head).get(url), status)


def test_unknown_action_and_bad_action_parameters() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    client = client_for(w.head)
    unknown = assert_problem(post_json(client, f"/api/applications/{app.pk}/actions/fly/", {}), 400)
    assert "未知的操作" in unknown["detail"]
    url = f"/api/applications/{app.pk}/actions/answer/"
    for body, field in [
        ({"outcome": "nonsense"}, "outcome"),
        ({"outcome": 1}, "outcome"),
        ({"outcome": "granted", "on": "2025-02-30"}, "on"),
        ({"outcome": "granted", "on": 20250320}, "on"),
        ({"outcome": "granted", "note": "x\x00"}, "note"),
    ]:
        problem = assert_problem(post_json(client, url, body), 400)
        assert field in problem["errors"], (body, problem)
    fee = f"/api/applications/{app.pk}/actions/issue_fee_notice/"
    for items in (0, -1, 10**40, "many", 1.5):
        body = {"method": "per_item", "items": items}
        assert_problem(post_json(client, fee, body), 400)
    assert Application.objects.get().status == "registered"


def test_problems_are_chinese_whatever_the_browser_language() -> None:
    w = World()
    client = client_for(w.handler)
    response = client.get("/api/applications/?limit=abc", HTTP_ACCEPT_LANGUAGE="en")
    problem = assert_problem(response, 400)
    assert all(_CJK.search(m) for m in problem["errors"]["limit"])


def test_session_and_csrf_the_way_a_browser_client_posts() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.head)
    url = f"/api/applications/{app.pk}/actions/answer/"
    body = json.dumps({"outcome": "granted", "on": "2025-03-20"})
    refused = client.post(url, body, content_type="application/json")
    assert "CSRF" in assert_problem(refused, 403)["detail"]
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    answered = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert answered.status_code == 200
    assert answered.json()["status"] == "closed"
    # Reading needs the session, not the token.
    assert client.get(url.replace("actions/answer/", "")).status_code == 200
    assert_problem(Client().get(f"/api/applications/{app.pk}/"), 403)


def test_an_unexpected_error_is_logged_in_english_and_answered_in_chinese(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from gongkai.web.api import api

    request = RequestFactory().get("/api/applications/")
    with caplog.at_level(logging.ERROR, logger="gongkai.api"):
        response = api.on_exception(request, RuntimeError("secret internals: table xyz"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    text = response.content.decode()
    assert "secret internals" not in text
    assert "服务器内部错误" in json.loads(text)["detail"]
    (record,) = caplog.records
    assert record.getMessage() == "unexpected error answering GET /api/applications/"
    assert record.exc_info is not None and "secret internals" in str(record.exc_info[1])


def test_huge_upload_is_refused_before_it_is_read() -> None:
    w = World()
    client = client_for(w.registrar)
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("台账.csv", b"x" * (21 * 1024 * 1024))
    problem = assert_problem(client.post("/api/ledger/bureau/import/", {"file": big}), 413)
    assert "20 MB" in problem["detail"]
    missing = assert_problem(client.post("/api/ledger/bureau/import/", {}), 400)
    assert "file" in missing["errors"]


def test_import_lists_a_bounded_number_of_problems() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.annual_helpers import HEADER

    w = World()
    rows = "".join(f"\r\nB-{n},2023-13-01,互联网,自然人,李四,,,申请内容,," for n in range(5000))
    upload = SimpleUploadedFile("台账.csv", (HEADER + rows).encode())
    response = client_for(w.registrar).post("/api/ledger/bureau/import/", {"file": upload})
    problem = assert_problem(response, 400)
    assert 1 <= len(problem["problems"]) <= 201
    assert len(response.content) < 100_000
    assert not Application.objects.exists()


def test_a_json_body_past_django_s_limit_is_413() -> None:
    w = World()
    body = json.dumps(registration_fields(w, description="长" * 1_500_000))
    response = client_for(w.registrar).post(
        "/api/applications/", body, content_type="application/json"
    )
    assert_problem(response, 413)
    assert not Application.objects.exists()


def test_model_validation_and_permission_errors_are_problems() -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.web.api import api

    request = RequestFactory().post("/api/applications/")
    refused = api.on_exception(request, ValidationError({"reference": ["申请编号已存在。"]}))
    assert refused.status_code == 400
    assert json.loads(refused.content)["errors"] == {"reference": ["申请编号已存在。"]}
    denied = api.on_exception(request, PermissionDenied())
    assert denied.status_code == 403
    assert json.loads(denied.content)["detail"] == "无权进行此操作。"


def test_a_missing_trailing_slash_is_named() -> None:
    w = World()
    problem = assert_problem(client_for(w.handler).get("/api/applications"), 404)
    assert "末尾加“/”" in problem["detail"]
    other = assert_problem(client_for(w.handler).get("/api/nothing"), 404)
    assert "末尾" not in other["detail"]


def test_forms_and_broken_multipart_with_the_real_csrf_check() -> None:
    # Django's CSRF check reads a form body first: a JSON endpoint then has no body left.
    w = World()
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.registrar)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    form = client.post("/api/applications/", {"agency": str(w.bureau.pk)}, HTTP_X_CSRFTOKEN=token)
    assert "不能是表单" in assert_problem(form, 400)["detail"]
    for url in ("/api/applications/", "/api/ledger/bureau/import/"):
        for content_type in ("multipart/form-data; boundary=xx", "multipart/form-data"):
            broken = client.post(
                url, b"--xx\r\nbroken", content_type=content_type, HTTP_X_CSRFTOKEN=token
            )
            assert_problem(broken, 400)
    assert not Application.objects.exists()
