"""年度报告: the year-end pages — compile, edit, table 2, submit, publish, export.

Thin views over ``gongkai.annual.yearend`` (the audited steps) and ``SetTable2Figure``;
every POST answers with a redirect and a flash message (Post/Redirect/Get).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import roles_at
from gongkai.agencies.models import Agency, StaffRole
from gongkai.annual.compile import CompileError
from gongkai.annual.models import FIRST_COMPILED_YEAR, ReportState
from gongkai.annual.yearend import (
    EDIT_ROLES,
    PublishReport,
    ReportRefused,
    ReportStep,
    SaveNarrative,
    SubmitReport,
    WithdrawReport,
    current_report,
    report_document,
)

from ..common import refused_page, staff_page, visible_agencies
from .exports import document_docx, document_pdf
from .forms import NarrativeForm, Table2Form, save_table2

__all__ = ["annual", "export", "narrative", "publish", "step", "table2"]


class _Refused(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _refused(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    title = "无权访问" if status == 403 else "未找到"
    return refused_page(request, reason, title=title, status=status)


def chosen_agency(request: HttpRequest) -> Agency:
    """The agency of ``?agency=<code>`` if visible, else the user's own first agency."""
    visible = visible_agencies(request).order_by("path")
    code = request.GET.get("agency", "")
    if code:
        found: Agency | None = visible.filter(code=code).first()
        if found is None:
            exists = Agency.objects.filter(code=code).exists()
            reason = "您无权查看该机关的年度报告。" if exists else f"没有代码为“{code}”的机关。"
            raise _Refused(_refused(request, reason, 403 if exists else 404))
        return found
    user: Any = request.user
    own = StaffRole.objects.filter(user=user).order_by("agency__path").first()
    chosen: Agency | None = own.agency if own is not None else visible.first()
    if chosen is None:
        raise _Refused(_refused(request, "没有可查看的机关。", 404))
    return chosen


def _url(name: str, year: int, agency: Agency) -> str:
    return f"{reverse(name, args=[year])}?agency={agency.code}"


def _guarded(view: Any) -> Any:
    @staff_page
    def wrapped(request: HttpRequest, year: int, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            agency = chosen_agency(request)
        except _Refused as refused:
            return refused.response
        response: HttpResponse = view(request, year, agency, *args, **kwargs)
        return response

    wrapped.__doc__ = view.__doc__
    return wrapped


def _page(
    request: HttpRequest,
    year: int,
    agency: Agency,
    *,
    narrative_form: NarrativeForm | None = None,
    table2_form: Table2Form | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    row = current_report(agency, year)
    user: Any = request.user
    may_edit = bool(user.is_superuser or roles_at(user, agency) & EDIT_ROLES)
    document: dict[str, Any] | None = None
    compile_error = ""
    try:
        document = report_document(row)
    except CompileError as exc:
        compile_error = exc.message
        # A year the system cannot report on is not a page; bad register data is.
        if year < FIRST_COMPILED_YEAR or year > timezone.localdate().year + 1:
            status = 404
    editable = may_edit and not row.is_frozen and not compile_error
    if narrative_form is None:
        narrative_form = NarrativeForm(
            initial={
                "overview": row.overview,
                "problems": row.problems,
                "other_matters": row.other_matters,
            }
        )
    if table2_form is None and editable:
        table2_form = Table2Form(initial=Table2Form.initial_for(agency, year), year=year)
    agencies = list(visible_agencies(request).order_by("path"))
    findings = (document or {}).get("report", {}).get("findings", [])
    context = {
        "title": f"{year}年度报告",
        "nav": "annual",
        "agency": agency,
        "agencies": agencies if len(agencies) > 1 else [],
        "year": year,
        "years": [year - 1, year + 1],
        "row": row,
        "document": document,
        "tables_html": mark_safe(document["tables_html"]) if document else "",  # escaped by render
        "findings": findings,
        "error_count": sum(1 for f in findings if f["severity"] == "error"),
        "compile_error": compile_error,
        "error": error,
        "editable": editable,
        "narrative_form": narrative_form,
        "table2_form": table2_form,
        "may_submit": SubmitReport.is_allowed(user, row) and not compile_error,
        "may_withdraw": WithdrawReport.is_allowed(user, row),
        "may_publish": PublishReport.is_allowed(user, row),
        "q": f"?agency={agency.code}",
        "breadcrumbs": [
            {"label": "工作台", "url": reverse("staff:home")},
            {"label": f"{year}年度报告", "url": ""},
        ],
    }
    return render(request, "staff/yearend/report.html", context, status=status)


@_guarded
def annual(request: HttpRequest, year: int, agency: Agency) -> HttpResponse:
    """The year's report of one agency: tables, findings, narrative, table 2, workflow."""
    return _page(request, year, agency)


@require_POST
@_guarded
def narrative(request: HttpRequest, year: int, agency: Agency) -> HttpResponse:
    """Save sections 一, 五 and 六 (SaveNarrative)."""
    form = NarrativeForm(request.POST)
    form.is_valid()
    try:
        SaveNarrative.submit(request.user, agency, year, form.cleaned_data)
    except ReportRefused as refused:
        for field, errors in refused.errors.items():
            for message in errors:
                form.add_error(field, message)
        return _page(
            request,
            year,
            agency,
            narrative_form=form,
            error=refused.message,
            status=400 if refused.errors else 403,
        )
    messages.success(request, "报告正文已保存。")
    return HttpResponseRedirect(_url("staff:annual", year, agency) + "#narrative")


@require_POST
@_guarded
def table2(request: HttpRequest, year: int, agency: Agency) -> HttpResponse:
    """Save table 2's figures (SetTable2Figure, one audit entry per changed figure)."""
    row = current_report(agency, year)
    if row.is_frozen:
        messages.error(request, "年度报告已报送，表二数据随报送版本冻结；如需修改，请先撤回报送。")
        return HttpResponseRedirect(_url("staff:annual", year, agency))
    form = Table2Form(request.POST, year=year)
    if form.is_valid():
        changed = save_table2(request.user, agency, year, form)
        if form.is_valid():  # no refusal was added while saving
            messages.success(request, f"表二数据已保存，更改 {changed} 项。")
            return HttpResponseRedirect(_url("staff:annual", year, agency) + "#table2")
    return _page(
        request,
        year,
        agency,
        table2_form=form,
        error="表二数据未全部保存，请按提示修改。",
        status=400,
    )


_STEPS: dict[str, tuple[type[ReportStep], str]] = {
    "submit": (SubmitReport, "年度报告已报送上级主管部门。报送的版本已冻结。"),
    "withdraw": (WithdrawReport, "已撤回报送，年度报告恢复为草稿，可以继续修改。"),
    "publish": (PublishReport, "年度报告已发布，发布编号：{reference}。"),
}


@require_POST
@_guarded
def step(request: HttpRequest, year: int, agency: Agency, name: str) -> HttpResponse:
    """Submit or withdraw the report."""
    return _take_step(request, year, agency, name)


def _take_step(request: HttpRequest, year: int, agency: Agency, name: str) -> HttpResponse:
    action, done = _STEPS[name]
    try:
        row = action.submit(request.user, agency, year, request.POST)
    except (ReportRefused, CompileError) as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done.format(reference=row.reference))
    return HttpResponseRedirect(_url("staff:annual", year, agency))


@require_http_methods(["GET", "POST"])
@_guarded
def publish(request: HttpRequest, year: int, agency: Agency) -> HttpResponse:
    """发布: GET shows what publication means; POST (from that page) publishes."""
    if request.method == "POST":
        return _take_step(request, year, agency, "publish")
    row = current_report(agency, year)
    refusal = PublishReport.refusal(request.user, row)
    if refusal is not None:
        return _refused(request, refusal)
    context = {
        "title": f"确认发布{year}年度报告",
        "nav": "annual",
        "agency": agency,
        "row": row,
        "year": year,
        "document": row.snapshot,
        "q": f"?agency={agency.code}",
        "breadcrumbs": [
            {"label": "工作台", "url": reverse("staff:home")},
            {"label": f"{year}年度报告", "url": _url("staff:annual", year, agency)},
            {"label": "确认发布", "url": ""},
        ],
    }
    return render(request, "staff/yearend/confirm_publish.html", context)


@require_http_methods(["GET"])
@_guarded
def export(request: HttpRequest, year: int, agency: Agency, fmt: str) -> HttpResponse:
    """The report as DOCX or PDF: the frozen version once submitted, else the draft."""
    row = current_report(agency, year)
    try:
        document = report_document(row)
    except CompileError as exc:
        return _refused(request, exc.message, 404)
    draft = row.state != ReportState.PUBLISHED
    if fmt == "docx":
        body = document_docx(document)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body = document_pdf(document, draft=draft)
        content_type = "application/pdf"
    suffix = "" if row.state == ReportState.PUBLISHED else f"-{row.get_state_display()}"
    response = HttpResponse(body, content_type=content_type)
    filename = f"annual-report-{agency.code}-{year}{suffix}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response
