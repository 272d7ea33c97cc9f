"""Random and mutated JSON bodies and query strings: a 2xx or a documented 4xx problem, never a 500."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.web.api import openapi_document
from tests.register_factories import World, registration_fields

pytestmark = pytest.mark.django_db

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SETTINGS = settings(
    max_examples=int(os.environ.get("GONGKAI_API_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that tends to break things: NUL, surrogates are not UTF-8, huge digits, full width.
_nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00",
            "\ud800",
            "a\udfffb",
            "9" * 5000,
            "１２３",
            "-1",
            "1e309",
            "NaN",
            "2025-02-30",
            "' OR 1=1",
        ]
    ),
    st.text(alphabet="0123456789-:T+", max_size=30),
)
_json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        _nasty_text,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture
def world() -> tuple[World, Client, int]:
    w = World()
    app = w.register(date(2025, 3, 3), applicant_contact="13800138000")
    # The real CSRF check runs (it reads form bodies before the view does).
    token = _get_new_csrf_string()
    client = Client(enforce_csrf_checks=True, headers={"X-CSRFToken": token})
    client.cookies["csrftoken"] = token
    client.force_login(w.admin)
    return w, client, app.pk


_DOCUMENT: dict[str, Any] = {}


def _documented(template: str, method: str) -> set[int]:
    if not _DOCUMENT:
        _DOCUMENT.update(openapi_document())
    responses = _DOCUMENT["paths"][template][method]["responses"]
    return {int(status) for status in responses}


def _check(response: Any, template: str, method: str) -> None:
    status = response.status_code
    assert status < 500, response.content[:500]
    if status >= 400:
        assert status in _documented(template, method), (status, response.content[:300])
        assert response["Content-Type"] == "application/problem+json"
        assert _CJK.search(response.json()["detail"])
    else:
        assert 200 <= status < 300


def _valid_registration(w: World) -> dict[str, Any]:
    return registration_fields(w, arrived_at="2025-03-04T10:00:00+08:00")


@st.composite
def _mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    body = dict(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        how = draw(st.sampled_from(["drop", "replace", "add", "whole"]))
        key = draw(st.sampled_from(sorted(body) or ["agency"]))
        if how == "drop":
            body.pop(key, None)
        elif how == "replace":
            body[key] = draw(_json_values)
        elif how == "add":
            body[draw(st.text(max_size=10))] = draw(_json_values)
        else:
            return draw(_json_values)
    return body


@_SETTINGS
@given(data=st.data())
def test_registration_bodies(world: tuple[World, Client, int], data: st.DataObject) -> None:
    w, client, _ = world
    body = data.draw(st.one_of(_mutated(_valid_registration(w)), _json_values))
    content_type = data.draw(
        st.sampled_from(
            [
                "application/json",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xx",
            ]
        )
    )
    response = client.post("/api/applications/", json.dumps(body), content_type=content_type)
    _check(response, "/api/applications/", "post")


@_SETTINGS
@given(
    name=st.sampled_from(
        ["answer", "issue_fee_notice", "start_consultation", "route_to_department"]
    ),
    data=st.data(),
)
def test_action_bodies(world: tuple[World, Client, int], name: str, data: st.DataObject) -> None:
    w, client, pk = world
    base = {
        "answer": {"outcome": "granted", "on": "2025-03-20"},
        "issue_fee_notice": {"method": "per_item", "items": 2},
        "start_consultation": {"kind": "third_party", "party": "某公司"},
        "route_to_department": {"department": w.town.pk},
    }[name]
    body = data.draw(_mutated(base))
    raw = data.draw(st.sampled_from(["json", "bytes"]))
    payload: Any = json.dumps(body) if raw == "json" else data.draw(st.binary(max_size=64))
    response = client.post(
        f"/api/applications/{pk}/actions/{name}/", payload, content_type="application/json"
    )
    _check(response, f"/api/applications/{{pk}}/actions/{name}/", "post")


_QUERY_KEYS = [
    "status", "outcome", "applicant_kind", "channel", "rules", "agency", "subtree", "year",
    "closed_year", "overdue", "uncertain", "q", "limit", "offset", "kind", "within", "format",
    "unmasked", "x",
]  # fmt: skip


@_SETTINGS
@given(
    endpoint=st.sampled_from(
        [
            ("/api/applications/", "/api/applications/"),
            ("/api/agencies/", "/api/agencies/"),
            ("/api/annual/bureau/2025/", "/api/annual/{code}/{year}/"),
            ("/api/ledger/bureau/export.csv", "/api/ledger/{code}/export.{fmt}"),
        ]
    ),
    query=st.dictionaries(st.sampled_from(_QUERY_KEYS), _nasty_text, max_size=4),
)
def test_query_strings(
    world: tuple[World, Client, int], endpoint: tuple[str, str], query: dict[str, str]
) -> None:
    _, client, _ = world
    url, template = endpoint
    response = client.get(f"{url}?{urlencode(query, errors='surrogatepass')}")
    _check(response, template, "get")


_GOOD_ROW = [
    "A-1",
    "2023-05-01",
    "互联网",
    "自然人",
    "张三",
    "",
    "",
    "申请内容",
    "予以公开",
    "2023-05-10",
]


@_SETTINGS
@given(data=st.data())
def test_import_files(world: tuple[World, Client, int], data: st.DataObject) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.annual_helpers import HEADER

    _, client, _ = world
    kind = data.draw(st.sampled_from(["mutated", "bytes"]))
    if kind == "bytes":
        content = data.draw(st.binary(max_size=300))
    else:
        row = list(_GOOD_ROW)
        row[0] = f"P-{data.draw(st.integers(min_value=0, max_value=10**9))}"
        for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
            index = data.draw(st.integers(min_value=0, max_value=len(row) - 1))
            row[index] = data.draw(_nasty_text)
        line = ",".join('"' + cell.replace('"', '""') + '"' for cell in row)
        content = f"{HEADER}\r\n{line}\r\n".encode("utf-8", "surrogatepass")
    name = data.draw(st.sampled_from(["台账.csv", "台账.xlsx", "x", ""]))
    upload = SimpleUploadedFile(name or "file", content)
    response = client.post("/api/ledger/bureau/import/", {"file": upload})
    _check(response, "/api/ledger/{code}/import/", "post")


_SEGMENT = st.one_of(
    st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and s not in (".", "..")),
    st.integers(min_value=0, max_value=10**40).map(str),
    st.sampled_from(["%00", "%ff", "%ED%A0%80", "-1", "１２", "bureau", "2025"]),
)


@_SETTINGS
@given(first=_SEGMENT, second=_SEGMENT, template=st.sampled_from(range(5)))
def test_url_paths(
    world: tuple[World, Client, int], first: str, second: str, template: int
) -> None:
    from urllib.parse import quote

    _, client, _ = world
    a = first if first.startswith("%") else quote(first, safe="")
    b = second if second.startswith("%") else quote(second, safe="")
    url = [
        f"/api/applications/{a}/",
        f"/api/annual/{a}/{b}/",
        f"/api/ledger/{a}/export.{b}",
        f"/api/applications/{a}/actions/{b}/",
        f"/api/{a}/{b}",
    ][template]
    response = client.get(url)
    assert response.status_code < 500, (url, response.content[:300])
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert _CJK.search(response.json()["detail"])
