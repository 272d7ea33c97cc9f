"""The agencies JSON endpoint: those the user may see (``gongkai.agencies.access``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from ninja import ModelSchema, Router, Schema

from gongkai.httpapi import ApiError, validated_query
from gongkai.httpapi.docs import listing
from gongkai.httpapi.forms import BIGINT_MAX

from .access import agencies_visible_to
from .choices import AgencyKind
from .filtersets import filter_agencies
from .models import Agency

__all__ = ["router", "visible_agency"]

router = Router(tags=["机关"])


def visible_agency(user: Any, code: str) -> Agency:
    """The agency with ``code`` if ``user`` may see it; a 404 problem otherwise."""
    agency = None
    max_length = Agency._meta.get_field("code").max_length or 32
    if len(code) <= max_length and "\x00" not in code:
        agency = agencies_visible_to(user).filter(code=code).first()
    if agency is None:
        shown = "".join(c for c in code[:max_length] if c.isprintable())
        raise ApiError(f"没有代码为“{shown}”的机关，或无权查看。", code="not_found")
    return agency


class AgencyFilter(forms.Form):
    """The query string of the agency list."""

    kind = forms.ChoiceField(label="类型", required=False, choices=[("", ""), *AgencyKind.choices])
    q = forms.CharField(label="名称或代码包含", required=False, max_length=200)
    within = forms.IntegerField(
        label="某机关及其下级（机关编号）", required=False, min_value=1, max_value=BIGINT_MAX
    )


class AgencyOut(ModelSchema):
    """One agency in the hierarchy."""

    class Meta:
        model = Agency
        fields = ("id", "name", "kind", "code", "parent", "path")


class AgencyList(Schema):
    """The agencies the user may see, in hierarchy order."""

    results: list[AgencyOut]


@listing(
    router,
    "/agencies/",
    page=AgencyList,
    query=AgencyFilter,
    summary="机关列表（可见范围内）",
    description="当前用户可见的机关（本机关；监督员、管理员另含其下级），按层级排列。",
)
def agency_list(request: HttpRequest) -> dict[str, Any]:
    """The agencies visible to the user, filtered by ``kind``, ``q``, ``within``."""
    params = validated_query(AgencyFilter, request.GET)
    filters = {k: str(v) for k, v in params.items() if v not in (None, "")}
    visible = agencies_visible_to(request.auth)  # type: ignore[attr-defined]
    return {"results": list(filter_agencies(visible, filters).order_by("path"))}
