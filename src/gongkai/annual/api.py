"""JSON endpoints of the annual report and the register file: compile, export, import.

Every endpoint scopes by what the user may see (``gongkai.agencies.access``): ``?subtree=1``
widens to the agencies below only within that. Exports are masked; ``?unmasked=1`` is an
explicit, audited choice of a role that may make it.
"""

from __future__ import annotations

import csv
import inspect
import io
import re
from typing import Any, Literal

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status

from gongkai.agencies.access import agencies_visible_to, may_export_unmasked, roles_at
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.httpapi import ApiError, validated_query
from gongkai.httpapi.docs import problems, query_string
from gongkai.masking import mask_contact, mask_identity_number

from . import ledger as annual_ledger
from .compile import DISPUTE_COUNTING_RULE, CompileError, compile_report

__all__ = ["MAX_PROBLEMS", "MAX_UPLOAD_BYTES", "router"]

router = Router(tags=["年度报告与台账"])

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A refused import lists at most this many problems (the ledger library caps them too), each
# at most this long: a problem may quote a cell, and a cell may be megabytes long.
MAX_PROBLEMS = 200
MAX_PROBLEM_CHARS = 500
_FIRST_YEAR = 2008  # the first Regulations took effect on 2008-05-01
_IMPORT_ROLES = frozenset({Role.REGISTRAR, Role.ADMINISTRATOR})
_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _ledger() -> Any:
    # Typed loosely: the register file library is moving to gongkai.ledger and its
    # export_ledger gains masked/actor/agency; gongkai.annual.ledger re-exports it meanwhile.
    return annual_ledger


class CompileQuery(forms.Form):
    """The query string of the compiled report."""

    subtree = forms.BooleanField(label="汇总下级机关（在可见范围内）", required=False)
    format = forms.ChoiceField(
        label="格式", required=False, choices=[("", ""), ("json", "JSON"), ("html", "HTML 表格")]
    )


class ExportQuery(forms.Form):
    """The query string of a register export."""

    subtree = forms.BooleanField(label="含下级机关（在可见范围内）", required=False)
    unmasked = forms.BooleanField(
        label="不遮蔽身份证号码和联系方式（须有权限，留痕）", required=False
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


class ImportOutcome(Schema):
    """What an accepted import wrote."""

    created: int
    ignored_headers: list[str]


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _visible_agency(request: HttpRequest, code: str) -> Agency:
    agency = None
    if len(code) <= 32 and "\x00" not in code:
        agency = agencies_visible_to(_user(request)).filter(code=code).first()
    if agency is None:
        shown = "".join(c for c in code[:32] if c.isprintable())
        raise ApiError(f"没有代码为“{shown}”的机关，或无权查看。", code="not_found")
    return agency


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
    agency = _visible_agency(request, code)
    this_year = timezone.localdate().year
    if not _FIRST_YEAR <= year <= this_year:
        raise ApiError(f"年度应在 {_FIRST_YEAR} 年至 {this_year} 年之间：{year}")
    subtree = bool(params["subtree"]) and _whole_subtree_visible(_user(request), agency)
    try:
        report = compile_report(agency, year, include_subordinates=subtree)
    except CompileError as exc:
        raise ApiError(str(exc)) from None
    from gongkai.validate import check_report

    report.findings = list(check_report(report))
    if params["format"] == "html":
        from gongkai.render import report_to_html

        return HttpResponse(report_to_html(report), content_type="text/html; charset=utf-8")
    body: dict[str, Any] = report.as_json()
    body["dispute_counting_rule"] = DISPUTE_COUNTING_RULE
    body["subtree_included"] = subtree
    return body


@router.get(
    "/ledger/{code}/export.{fmt}",
    response={200: None, **problems(400, 403, 404)},
    summary="导出台账（CSV 或 XLSX；默认遮蔽个人信息）",
    description="导出某机关的台账；subtree=1 含可见范围内的下级机关。默认遮蔽身份证号码和联系方式；unmasked=1 须为公开办负责人或管理员，导出记入审计日志。",
    openapi_extra={
        **query_string(ExportQuery),
        "responses": {
            200: {
                "description": "台账文件",
                "content": {
                    media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                    for media in _CONTENT_TYPES.values()
                },
            }
        },
    },
)
def ledger_export(request: HttpRequest, code: str, fmt: Literal["csv", "xlsx"]) -> HttpResponse:
    """The agency's register (``?subtree=1`` adds those below that the user may see)."""
    params = validated_query(ExportQuery, request.GET)
    agency = _visible_agency(request, code)
    user = _user(request)
    unmasked = bool(params["unmasked"])
    if unmasked and not may_export_unmasked(user, agency):
        raise ApiError(
            f"无权导出未遮蔽的台账：须由{agency.name}的公开办负责人或管理员导出。",
            code="forbidden",
        )
    scope = agency.subtree() if params["subtree"] else Agency.objects.filter(pk=agency.pk)
    queryset = Application.objects.filter(agency__in=scope).filter(
        agency__in=agencies_visible_to(user)
    )
    data = _export(queryset, fmt, masked=not unmasked, actor=user, agency=agency)
    response = HttpResponse(data, content_type=_CONTENT_TYPES[fmt])
    name = agency.code if re.fullmatch(r"[\w.-]+", agency.code, re.ASCII) else str(agency.pk)
    response["Content-Disposition"] = f'attachment; filename="ledger-{name}.{fmt}"'
    return response


def _shortened(problem: str) -> str:
    if len(problem) <= MAX_PROBLEM_CHARS:
        return problem
    return f"{problem[:MAX_PROBLEM_CHARS]}…（共 {len(problem)} 字，其余从略）"


def _export(queryset: Any, fmt: str, *, masked: bool, actor: Any, agency: Agency) -> bytes:
    ledger = _ledger()
    export = ledger.export_ledger
    if "masked" in inspect.signature(export).parameters:
        data: bytes = export(queryset, fmt, masked=masked, actor=actor, agency=agency)
        return data
    return _interim_export(ledger, queryset, fmt, masked=masked, actor=actor, agency=agency)


def _interim_export(
    ledger: Any, queryset: Any, fmt: str, *, masked: bool, actor: Any, agency: Agency
) -> bytes:
    # Until the ledger library's export_ledger(masked=, actor=, agency=) lands: mask the
    # personal columns here and audit an unmasked export. Remove with the move to
    # gongkai.ledger.
    if not masked:
        from gongkai.audit.log import record_audit

        record_audit(
            actor,
            "ledger_exported_unmasked",
            agency=agency,
            summary=f"导出未遮蔽的台账（{fmt}）",
            after={"format": fmt, "rows": queryset.count()},
        )
        data: bytes = ledger.export_ledger(queryset, fmt)
        return data
    headers = list(ledger.HEADERS)
    maskers = {
        headers.index("证件号码"): mask_identity_number,
        headers.index("联系方式"): mask_contact,
    }
    rows = [
        [maskers[i](v) if i in maskers else v for i, v in enumerate(row)]
        for row in ledger.ledger_rows(queryset)
    ]
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    for row in [headers, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@router.post(
    "/ledger/{code}/import/",
    response={201: ImportOutcome, **problems(400, 403, 404, 413)},
    summary="导入台账（multipart 字段 file；全部导入或全部不导入）",
    description="导入 CSV 或 XLSX 台账（不超过 20 MB）；须为该机关的登记员或管理员。有任何一行不合格则全部不导入，problems 列出各行问题（最多 200 条，每条最多 500 字）。",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {
                                "type": "string",
                                "format": "binary",
                                "description": "CSV 或 XLSX 台账文件，不超过 20 MB",
                            }
                        },
                        "required": ["file"],
                    }
                }
            },
        }
    },
)
def ledger_import(request: HttpRequest, code: str) -> Status[dict[str, Any]]:
    """Import a register file into the agency: every row checked, all written or none."""
    too_large = ApiError("文件过大（超过 20 MB），请分批导入。", code="too_large")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    # Refuse before the body is read: the size the client declares is enough to say no.
    if declared > MAX_UPLOAD_BYTES + 64 * 1024:
        raise too_large
    agency = _visible_agency(request, code)
    user = _user(request)
    if not (user.is_superuser or roles_at(user, agency) & _IMPORT_ROLES):
        raise ApiError(f"无权导入台账：须由{agency.name}的登记员或管理员办理。", code="forbidden")
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError("请上传台账文件（字段名 file）。", errors={"file": ["请上传台账文件。"]})
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise too_large
    ledger = _ledger()
    try:
        result = ledger.import_ledger(agency, upload.read(), upload.name or "", actor=user)
    except ledger.LedgerError as exc:
        listed = [_shortened(p) for p in exc.problems[:MAX_PROBLEMS]]
        if len(exc.problems) > MAX_PROBLEMS:
            listed.append(f"另有 {len(exc.problems) - MAX_PROBLEMS} 处问题未列出。")
        raise ApiError(
            f"台账未导入：{listed[0] if listed else ''}",
            extra={"problems": listed},
            log_message="ledger import refused",
        ) from None
    return Status(201, {"created": result.created, "ignored_headers": list(result.ignored_headers)})
