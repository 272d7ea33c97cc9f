"""``GET /api/openapi.json``: a valid OpenAPI 3 document covering every endpoint, from the forms."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate

from gongkai.applications.actions import ACTIONS, RegisterApplication
from gongkai.applications.api import REVEAL_ACTION
from gongkai.httpapi import form_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode("utf-8")
    assert "\\u" not in text and "申请" in text  # Chinese as it is
    doc: dict[str, Any] = response.json()
    return doc


def test_the_document_is_valid_openapi_3(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    validate(document)


def _api_routes() -> set[tuple[str, str]]:
    """(OpenAPI path, "") for every URL pattern mounted under /api/ (Django's own view)."""
    routes: set[tuple[str, str]] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/"):
                routes.add((route, pattern.name or ""))

    walk(get_resolver().url_patterns, "")
    return routes


def _as_openapi(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def test_every_url_pattern_under_api_is_documented(document: dict[str, Any]) -> None:
    routes = _api_routes()
    # The document itself and the catch-all that answers unknown URLs with a problem.
    undocumented = {"openapi", "unknown"}
    expected = {_as_openapi(r) for r, name in routes if name not in undocumented}
    assert len(expected) >= 20
    assert expected <= set(document["paths"]), expected - set(document["paths"])
    for route in (
        "/api/applications/",
        "/api/applications/{pk}/",
        "/api/applications/{pk}/actions/answer/",
        "/api/applications/{pk}/reveal/",
        "/api/agencies/",
        "/api/annual/{code}/{year}/",
        "/api/ledger/{code}/export.{fmt}",
        "/api/ledger/{code}/import/",
    ):
        assert route in document["paths"]
    assert set(document["paths"]["/api/applications/"]) == {"get", "post"}


def test_each_action_body_is_generated_from_its_form(document: dict[str, Any]) -> None:
    paths = document["paths"]
    for name, action in ACTIONS.items():
        if name == REVEAL_ACTION:
            continue
        operation = paths[f"/api/applications/{{pk}}/actions/{name}/"]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        assert schema == form_schema(action.form_class, title=action.label)
        assert set(schema["properties"]) == set(action.form_class.base_fields)
    answer = paths["/api/applications/{pk}/actions/answer/"]["post"]
    body = answer["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["outcome"]
    outcome = body["properties"]["outcome"]
    assert "granted" in outcome["enum"]
    assert "granted＝予以公开" in outcome["description"]
    assert body["properties"]["on"]["format"] == "date"
    fee = paths["/api/applications/{pk}/actions/issue_fee_notice/"]["post"]
    items = fee["requestBody"]["content"]["application/json"]["schema"]["properties"]["items"]
    assert (items["type"], items["minimum"], items["maximum"]) == (["integer", "null"], 1, 10000)
    route = paths["/api/applications/{pk}/actions/route_to_department/"]["post"]
    department = route["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert department["department"]["type"] == "integer"


def test_registration_and_filters_are_documented_from_their_forms(document: dict[str, Any]) -> None:
    post = document["paths"]["/api/applications/"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert schema == form_schema(RegisterApplication.form_class, title="登记申请")
    assert schema["properties"]["reference"]["maxLength"] == 64
    assert {"agency", "applicant_kind", "applicant_name", "channel", "arrived_at"} <= set(
        schema["required"]
    )
    listing = document["paths"]["/api/applications/"]["get"]
    names = {p["name"]: p for p in listing["parameters"]}
    assert {"status", "agency", "subtree", "year", "q", "limit", "offset"} <= set(names)
    assert names["limit"]["schema"]["maximum"] == 200
    export = document["paths"]["/api/ledger/{code}/export.{fmt}"]["get"]
    assert {p["name"] for p in export["parameters"]} >= {"code", "fmt", "subtree", "unmasked"}


def test_errors_are_documented_as_problem_details(document: dict[str, Any]) -> None:
    seen = 0
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"]
                    seen += 1
    assert seen > 40
