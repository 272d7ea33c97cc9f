"""JSON views of the annual report and the register file: compile, export, import.

Errors are ``{"error": "<Chinese message>", "code": ...}`` with HTTP 400, 403 or 404, like
the register's API.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.applications.permissions import agencies_visible_to, roles_at

from .compile import DISPUTE_COUNTING_RULE, CompileError, compile_report
from .ledger import ExportFormat, LedgerError, export_ledger, import_ledger

__all__ = ["compiled_report", "ledger_export", "ledger_import"]

_IMPORT_ROLES = frozenset({"registrar", "administrator"})
_MAX_UPLOAD = 20 * 1024 * 1024
_EXPORT_FORMATS: dict[str, ExportFormat] = {"csv": "csv", "xlsx": "xlsx"}


def _error(message: str, status: int, code: str = "invalid") -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


def _visible_agency(request: HttpRequest, code: str) -> Agency | JsonResponse:
    if not request.user.is_authenticated:
        return _error("请先登录。", 403, "forbidden")
    agency = agencies_visible_to(request.user).filter(code=code).first()
    if agency is None:
        return _error(f"没有代码为“{code}”的机关，或无权查看。", 404, "not_found")
    return agency


def _flag(request: HttpRequest, name: str) -> bool:
    return request.GET.get(name, "").lower() in ("1", "true", "yes")


@require_GET
def compiled_report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The compiled annual report of an agency-year: JSON, or the tables as HTML (?format=html).

    ``?subtree=1`` rolls up the agency's subordinates.
    """
    agency = _visible_agency(request, code)
    if isinstance(agency, JsonResponse):
        return agency
    try:
        report = compile_report(agency, year, include_subordinates=_flag(request, "subtree"))
    except CompileError as exc:
        return _error(str(exc), 400)
    from gongkai.validate import check_report

    report.findings = list(check_report(report))
    if request.GET.get("format") == "html":
        from gongkai.render import report_to_html

        return HttpResponse(report_to_html(report), content_type="text/html; charset=utf-8")
    body: dict[str, Any] = report.as_json()
    body["dispute_counting_rule"] = DISPUTE_COUNTING_RULE
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def ledger_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The agency's register as CSV or XLSX (``?subtree=1`` adds the subordinates)."""
    agency = _visible_agency(request, code)
    if isinstance(agency, JsonResponse):
        return agency
    export_format = _EXPORT_FORMATS.get(fmt)
    if export_format is None:
        return _error("导出格式应为 csv 或 xlsx。", 400)
    scope = agency.subtree() if _flag(request, "subtree") else [agency]
    data = export_ledger(Application.objects.filter(agency__in=scope), export_format)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ledger-{agency.code}.{fmt}"'
    return response


@require_POST
def ledger_import(request: HttpRequest, code: str) -> JsonResponse:
    """Import a register file (multipart field ``file``) into the agency: all rows or none."""
    agency = _visible_agency(request, code)
    if isinstance(agency, JsonResponse):
        return agency
    user: Any = request.user
    if not (user.is_superuser or roles_at(user, agency) & _IMPORT_ROLES):
        return _error(f"无权导入台账：须由{agency.name}的登记员或管理员办理。", 403, "forbidden")
    upload = request.FILES.get("file")
    if upload is None:
        return _error("请上传台账文件（字段名 file）。", 400)
    if upload.size is not None and upload.size > _MAX_UPLOAD:
        return _error("文件过大（超过 20 MB），请分批导入。", 400)
    try:
        result = import_ledger(agency, upload.read(), upload.name or "", actor=user)
    except LedgerError as exc:
        return JsonResponse(
            {"error": "台账未导入：", "problems": list(exc.problems), "code": "invalid"},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {"created": result.created, "ignored_headers": list(result.ignored_headers)},
        status=201,
        json_dumps_params={"ensure_ascii": False},
    )
