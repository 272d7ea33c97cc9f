"""JSON endpoints of the register file: export (masked unless explicitly not) and import.

Both scope by what the user may see (``gongkai.agencies.access``): ``?subtree=1`` adds the
agencies below only within that. ``?unmasked=1`` is the office head's or an administrator's
explicit choice, which ``export_ledger`` records in the audit log. An import is capped at
20 MB before it is read; the library caps the problems it lists.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from django import forms
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from gongkai.agencies.access import agencies_visible_to, may_export_unmasked
from gongkai.agencies.api import visible_agency
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.httpapi import ApiError, form_errors, validated_query
from gongkai.httpapi.docs import problems, query_string

from ._errors import LedgerError
from ._export import export_ledger
from ._import import ImportLedger, LedgerFileForm, import_ledger

__all__ = ["MAX_PROBLEM_CHARS", "MAX_UPLOAD_BYTES", "router"]

router = Router(tags=["台账"])

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# The library shortens the cells a problem quotes; this bounds any other long line too.
MAX_PROBLEM_CHARS = 500
_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExportQuery(forms.Form):
    """The query string of a register export."""

    subtree = forms.BooleanField(label="含下级机关（在可见范围内）", required=False)
    unmasked = forms.BooleanField(
        label="不遮蔽身份证号码和联系方式（须有权限，留痕）", required=False
    )


class ImportOutcome(Schema):
    """What an accepted import did: rows read, imported (all of them) and refused (none)."""

    read: int
    imported: int
    refused: int
    created: int
    ignored_headers: list[str]


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.get(
    "/ledger/{code}/export.{fmt}",
    response={200: None, **problems(400, 403, 404)},
    summary="导出台账（CSV 或 XLSX；默认遮蔽个人信息）",
    description=(
        "导出某机关的台账；subtree=1 含可见范围内的下级机关。默认遮蔽身份证号码和联系方式；"
        "unmasked=1 须为公开办负责人或管理员，导出记入审计日志。"
    ),
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
    user = _user(request)
    agency = visible_agency(user, code)
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
    data = export_ledger(queryset, fmt, masked=not unmasked, actor=user, agency=agency)
    response = HttpResponse(data, content_type=_CONTENT_TYPES[fmt])
    name = agency.code if re.fullmatch(r"[\w.-]+", agency.code, re.ASCII) else str(agency.pk)
    response["Content-Disposition"] = f'attachment; filename="ledger-{name}.{fmt}"'
    return response


def _shortened(problem: str) -> str:
    if len(problem) <= MAX_PROBLEM_CHARS:
        return problem
    return f"{problem[:MAX_PROBLEM_CHARS]}…（共 {len(problem)} 字，其余从略）"


@router.post(
    "/ledger/{code}/import/",
    response={201: ImportOutcome, **problems(400, 403, 404, 409, 413)},
    summary="导入台账（multipart 字段 file；全部导入或全部不导入）",
    description=(
        "导入 CSV 或 XLSX 台账（不超过 20 MB）；须为该机关的登记员或管理员。有任何一行不合格则"
        "全部不导入：problems 列出各行问题（最多 200 条），read、refused 为读取和有问题的行数。"
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            name: {
                                "type": "string",
                                "format": "binary",
                                "description": f"{field.label}，不超过 20 MB",
                            }
                            for name, field in LedgerFileForm.base_fields.items()
                        },
                        "required": list(LedgerFileForm.base_fields),
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
    user = _user(request)
    agency = visible_agency(user, code)
    if not ImportLedger.allowed(user, agency):
        raise ApiError(f"无权导入台账：须由{agency.name}的登记员或管理员办理。", code="forbidden")
    form = LedgerFileForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = form_errors(form)
        raise ApiError(f"请上传台账文件：{next(iter(errors.values()))[0]}", errors=errors)
    upload = form.cleaned_data["file"]
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise too_large
    try:
        result = import_ledger(agency, upload.read(), upload.name or "", actor=user)
    except LedgerError as exc:
        raise ApiError(
            exc.message,
            code=exc.code,
            extra={
                "problems": [_shortened(p) for p in exc.problems],
                "read": exc.read,
                "refused": exc.refused,
            },
            log_message="ledger import refused",
        ) from None
    return Status(
        201,
        {
            "read": result.read,
            "imported": result.imported,
            "refused": result.refused,
            "created": result.created,
            "ignored_headers": list(result.ignored_headers),
        },
    )
