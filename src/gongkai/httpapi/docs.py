"""Small builders of the OpenAPI description of an endpoint (merged by ``gongkai.web.api``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django import forms

from .forms import query_parameters
from .problems import Problem

if TYPE_CHECKING:
    from ninja import Router, Schema
    from ninja.types import TCallable

__all__ = ["QUERY_KEY", "json_body", "listing", "problems", "query_string"]

# Operation key under which an endpoint lists its query parameters; the API's OpenAPI view
# appends them to the parameters ninja derives from the path (a list is not merged).
QUERY_KEY = "x-gongkai-query"


def problems(*statuses: int) -> dict[int, type[Problem]]:
    """Response declarations: each status answered by a problem document."""
    return dict.fromkeys(statuses, Problem)


def json_body(schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    """``openapi_extra`` describing a JSON object request body."""
    body: dict[str, Any] = {
        "required": True,
        "content": {"application/json": {"schema": schema}},
    }
    if description:
        body["description"] = description
    return {"requestBody": body}


def query_string(
    form_class: type[forms.BaseForm], *, exclude: Iterable[str] = ()
) -> dict[str, Any]:
    """``openapi_extra`` describing the query parameters of a filter form."""
    return {QUERY_KEY: query_parameters(form_class, exclude=exclude)}


def listing(
    router: Router,
    path: str,
    *,
    page: type[Schema],
    query: type[forms.BaseForm],
    summary: str,
    description: str,
) -> Callable[[TCallable], TCallable]:
    """A GET list endpoint filtered by the form ``query``: ``page``, or a 400/403 problem."""
    return router.get(
        path,
        response={200: page, **problems(400, 403)},
        summary=summary,
        description=description,
        openapi_extra=query_string(query),
    )
