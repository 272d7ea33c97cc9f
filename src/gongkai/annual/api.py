"""The JSON endpoint of the annual report: tables 2–4 compiled from the register.

It scopes by what the user may see (``gongkai.agencies.access``): ``?subtree=1`` rolls up the
agencies below only when the user may see every one of them. The register file's endpoints
(export, import) are ``gongkai.ledger.api``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema

from gongkai.agencies.access import agencies_visible_to
from gongkai.agencies.api import visible_agency
from gongkai.agencies.models import Agency
from gongkai.httpapi import ApiError, validated_query
from gongkai.httpapi.docs import problems, query_string

from .compile import DISPUTE_COUNTING_RULE, CompileError, compile_report

__all__ = ["router"]

router = Router(tags=["年度报告"])

_FIRST_YEAR = 2008  # the first Regulations took effect on 2008-05-01


class CompileQuery(forms.Form):
    """The query string of the compiled report."""

    subtree = forms.BooleanField(label="汇总下级机关（在可见范围内）", required=False)
    format = forms.ChoiceField(
        label="格式", required=False, choices=[("", ""), ("json", "JSON"), ("html", "HTML 表格")]
    )


class Finding(Schema):
    """One finding of the report checks."""

    rule: str
    severity: str
    message: str
    keys: list[str]
    suggestion: dict[str, Any] | None


class CompiledReport(Schema):
    """Tables 2–4 of an agency-year as metrics, with the checks' findings."""

    source: str
    index: int
    agency: str | None
    year: int | None
    generation: str | None
    metrics: dict[str, int | float | str]
    findings: list[Finding]
    dispute_counting_rule: str
    subtree_included: bool


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _whole_subtree_visible(user: Any, agency: Agency) -> bool:
    return not agency.subtree().exclude(pk__in=agencies_visible_to(user)).exists()


@router.get(
    "/annual/{code}/{int:year}/",
    response={200: CompiledReport, **problems(400, 403, 404)},
    summary="编制年度报告（JSON，或 ?format=html 的表格）",
    description="由台账编制某机关某年度报告的表二至表四并核对；subtree=1 汇总下级机关，仅当用户可见全部下级时汇总（subtree_included 说明是否汇总）。",
    openapi_extra={
        **query_string(CompileQuery),
        "responses": {200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
    },
)
def compiled_report(request: HttpRequest, code: str, year: int) -> Any:
    """The compiled annual report of an agency-year; ``?subtree=1`` rolls up those below."""
    params = validated_query(CompileQuery, request.GET)
    agency = visible_agency(_user(request), code)
    this_year = timezone.localdate().year
    if not _FIRST_YEAR <= year <= this_year:
        raise ApiError(f"年度应在 {_FIRST_YEAR} 年至 {this_year} 年之间：{year}")
    subtree = bool(params["subtree"]) and _whole_subtree_visible(_user(request), agency)
    try:
        report = compile_report(agency, year, include_subordinates=subtree)
    except CompileError as exc:
        raise ApiError(str(exc)) from None
    if params["format"] == "html":
        from gongkai.render import report_to_html

        return HttpResponse(report_to_html(report), content_type="text/html; charset=utf-8")
    body: dict[str, Any] = report.as_json()
    body["dispute_counting_rule"] = DISPUTE_COUNTING_RULE
    body["subtree_included"] = subtree
    return body
