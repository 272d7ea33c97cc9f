"""告知书 pages: view, edit a draft, confirm and issue, download; the office's templates.

Thin views: every change goes through ``gongkai.letters.actions`` (record actions for drafts,
templates and settings; ``IssueLetter`` for the legally final step), then redirects with a
flash message (PRG). A letter of an agency the user may not see answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import roles_at
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.applications.actions import ActionRefused
from gongkai.applications.models import Application
from gongkai.audit.actions import RecordRefused
from gongkai.letters.actions import (
    IssueLetter,
    SaveLetterDraft,
    SaveLetterSettings,
    SaveLetterTemplate,
    start_draft,
)
from gongkai.letters.choices import TEMPLATE_KEYS, LetterKind, template_label
from gongkai.letters.defaults import DEFAULT_TEMPLATES
from gongkai.letters.documents import layout_of, render_docx, render_pdf
from gongkai.letters.drafting import letter_number, settings_of
from gongkai.letters.models import Letter, LetterNumbering, LetterSettings, LetterTemplate
from gongkai.letters.placeholders import PLACEHOLDERS

from ..common import error_summary, refused_page, staff_page, visible_agencies, visible_applications
from .forms import LetterSettingsForm, LetterTemplateForm, LetterTextForm

__all__ = [
    "draft",
    "issue",
    "letter",
    "letter_docx",
    "letter_edit",
    "letter_pdf",
    "template_edit",
    "templates",
]


def _visible_letter(request: HttpRequest, pk: int) -> Letter:
    letter: Letter = get_object_or_404(
        Letter.objects.select_related("application__agency"),
        pk=pk,
        application__in=visible_applications(request),
    )
    return letter


def _case_url(app: Application) -> str | None:
    try:
        return reverse("staff:case", args=[app.reference])
    except NoReverseMatch:
        return None


def _crumbs(letter: Letter, *tail: dict[str, Any]) -> list[dict[str, Any]]:
    app = letter.application
    return [
        {"label": "工作台", "url": reverse("staff:home")},
        {"label": f"案件 {app.reference}", "url": _case_url(app)},
        *tail,
    ]


def _refused(request: HttpRequest, message: str, agency: Agency | None = None) -> HttpResponse:
    return refused_page(request, message, agency=agency)


def _may_draft(user: Any, letter: Letter) -> bool:
    try:
        SaveLetterDraft.check_permission(user, letter)
    except RecordRefused:
        return False
    return True


@staff_page
@require_http_methods(["GET"])
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """One letter: its text as it will print, its state, and the steps open to the user."""
    item = _visible_letter(request, pk)
    app = item.application
    may_draft = not item.is_issued and _may_draft(request.user, item)
    return render(
        request,
        "staff/letters/letter.html",
        {
            "title": item.number or f"{item.title}（草稿）",
            "agency": app.agency,
            "nav": "case",
            "breadcrumbs": _crumbs(item, {"label": item.title}),
            "letter": item,
            "app": app,
            "layout": layout_of(item),
            "may_edit": may_draft,
            "may_issue": may_draft and IssueLetter.is_allowed(request.user, app),
        },
    )


@staff_page
@require_http_methods(["GET", "POST"])
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft's title and text (refused once issued)."""
    item = _visible_letter(request, pk)
    if item.is_issued:
        return _refused(request, "该告知书已出具，不能再修改。", item.application.agency)
    if not _may_draft(request.user, item):
        return _refused(request, "您无权编辑本机关的告知书。", item.application.agency)
    form = LetterTextForm(request.POST or None, instance=item)
    message = ""
    if request.method == "POST" and form.is_valid():
        try:
            SaveLetterDraft.save(request.user, form.save(commit=False))
        except RecordRefused as exc:
            message = exc.message
        else:
            messages.success(request, "草稿已保存。确认无误后可出具。")
            return HttpResponseRedirect(reverse("staff:letter", args=[item.pk]))
    return render(
        request,
        "staff/letters/edit.html",
        {
            "title": f"编辑 {item.title}",
            "agency": item.application.agency,
            "nav": "case",
            "breadcrumbs": _crumbs(
                item,
                {"label": item.title, "url": reverse("staff:letter", args=[item.pk])},
                {"label": "编辑"},
            ),
            "letter": item,
            "form": form,
            "errors": error_summary(form, message) if request.method == "POST" else [],
            "placeholders": PLACEHOLDERS,
        },
    )


def _next_number(item: Letter, year: int) -> str:
    settings = settings_of(item.application.agency)
    if settings is None:
        return ""
    row = LetterNumbering.objects.filter(agency=item.application.agency, year=year).first()
    return letter_number(settings.number_prefix, year, row.next_serial if row else 1)


@staff_page
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then issue: the letter gets its number and can no longer change."""
    item = _visible_letter(request, pk)
    app = item.application
    if item.is_issued:
        messages.info(request, f"该告知书已出具，文号：{item.number}。")
        return HttpResponseRedirect(reverse("staff:letter", args=[item.pk]))
    if not IssueLetter.is_allowed(request.user, app):
        return _refused(request, "您无权出具本机关的告知书。", app.agency)
    message = ""
    if request.method == "POST":
        form = IssueLetter.form(request.POST, application=app)
        try:
            IssueLetter.submit(request.user, app, request.POST)
        except ActionRefused as exc:
            message = exc.message
            if exc.code == "conflict" and Letter.objects.get(pk=item.pk).is_issued:
                # A double click: the first submission issued it.
                return HttpResponseRedirect(reverse("staff:letter", args=[item.pk]))
        else:
            done = Letter.objects.get(pk=item.pk)
            messages.success(request, f"已出具{done.title}，文号：{done.number}。")
            return HttpResponseRedirect(reverse("staff:letter", args=[item.pk]))
    else:
        form = IssueLetter.form(initial={"letter": item.pk}, application=app)
    layout = layout_of(item)
    return render(
        request,
        "staff/letters/issue.html",
        {
            "title": f"出具 {item.title}",
            "agency": app.agency,
            "nav": "case",
            "breadcrumbs": _crumbs(
                item,
                {"label": item.title, "url": reverse("staff:letter", args=[item.pk])},
                {"label": "出具"},
            ),
            "letter": item,
            "layout": layout,
            "form": form,
            "errors": error_summary(form, message) if message else [],
            "next_number": _next_number(item, timezone.localdate().year),
            "settings_missing": settings_of(app.agency) is None,
        },
    )


def _download(item: Letter, data: bytes, suffix: str, content_type: str) -> HttpResponse:
    name = item.number or f"{item.title}（草稿）"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{suffix}") or ""
    # Letters carry personal data: never kept by a shared cache or the browser.
    response["Cache-Control"] = "no-store"
    return response


@staff_page
@require_http_methods(["GET"])
def letter_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The DOCX: as issued (kept file) or, for a draft, rendered now and marked 草稿."""
    item = _visible_letter(request, pk)
    data = bytes(item.files.docx) if item.is_issued else render_docx(item)
    return _download(
        item,
        data,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@staff_page
@require_http_methods(["GET"])
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF: as issued (kept file) or, for a draft, rendered now and marked 草稿."""
    item = _visible_letter(request, pk)
    data = bytes(item.files.pdf) if item.is_issued else render_pdf(item)
    return _download(item, data, "pdf", "application/pdf")


@staff_page
@require_POST
def draft(request: HttpRequest, application_pk: int) -> HttpResponse:
    """Start (or reopen) the draft of a letter the case calls for, then edit it."""
    app = get_object_or_404(visible_applications(request), pk=application_pk)
    kind, _, outcome = str(request.POST.get("choice", "")).partition("|")
    if kind not in LetterKind.values:
        raise Http404("未知的告知书种类")
    try:
        item = start_draft(request.user, app, kind, outcome)
    except RecordRefused as exc:
        return _refused(request, exc.message, app.agency)
    messages.success(request, f"已起草{item.title}，请核对正文后出具。")
    return HttpResponseRedirect(reverse("staff:letter-edit", args=[item.pk]))


# --- the office's templates and settings ------------------------------------------------


def _administered(request: HttpRequest) -> QuerySet[Agency]:
    user: Any = request.user
    agencies = visible_agencies(request)
    if user.is_superuser:
        return agencies  # type: ignore[no-any-return]
    ids = [a.pk for a in agencies if Role.ADMINISTRATOR in roles_at(user, a)]
    return Agency.objects.filter(pk__in=ids)


@staff_page
@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest) -> HttpResponse:
    """告知书模板与编号: per agency, the settings form and the list of templates."""
    agencies = _administered(request)
    if not agencies.exists():
        return _refused(request, "告知书模板和编号由机关的管理员维护，您没有管理员角色。")
    chosen = request.GET.get("agency") or request.POST.get("agency")
    agency = agencies.filter(pk=chosen).first() if chosen and chosen.isdigit() else None
    agency = agency or agencies.first()
    assert agency is not None
    instance = settings_of(agency) or LetterSettings(agency=agency)
    form = LetterSettingsForm(request.POST or None, instance=instance)
    message = ""
    if request.method == "POST" and form.is_valid():
        try:
            SaveLetterSettings.save(request.user, form.save(commit=False))
        except RecordRefused as exc:
            message = exc.message
        else:
            messages.success(request, f"已保存{agency.name}的告知书设置。")
            return HttpResponseRedirect(f"{reverse('staff:letter-templates')}?agency={agency.pk}")
    own = set(LetterTemplate.objects.filter(agency=agency).values_list("key", flat=True))
    rows = [
        {
            "key": key,
            "label": template_label(key),
            "own": key in own,
            "url": reverse("staff:letter-template-edit", args=[agency.pk, key]),
        }
        for key in TEMPLATE_KEYS
    ]
    return render(
        request,
        "staff/letters/templates.html",
        {
            "title": "告知书模板与编号",
            "agency": agency,
            "nav": "office",
            "breadcrumbs": [
                {"label": "工作台", "url": reverse("staff:home")},
                {"label": "告知书模板与编号"},
            ],
            "agencies": agencies,
            "form": form,
            "errors": error_summary(form, message) if request.method == "POST" else [],
            "rows": rows,
            "numbering": LetterNumbering.objects.filter(agency=agency).order_by("-year")[:5],
        },
    )


@staff_page
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, agency_pk: int, key: str) -> HttpResponse:
    """Edit an agency's text of one letter; 恢复默认 deletes it (both audited)."""
    agency = get_object_or_404(_administered(request), pk=agency_pk)
    if key not in TEMPLATE_KEYS:
        raise Http404("未知的告知书模板")
    own = LetterTemplate.objects.filter(agency=agency, key=key).first()
    default = DEFAULT_TEMPLATES[key]
    instance = own or LetterTemplate(agency=agency, key=key, title=default.title, body=default.body)
    list_url = f"{reverse('staff:letter-templates')}?agency={agency.pk}"
    message = ""
    if request.method == "POST" and "restore" in request.POST:
        if own is not None:
            try:
                SaveLetterTemplate.delete(request.user, own)
            except RecordRefused as exc:
                return _refused(request, exc.message, agency)
        messages.success(request, f"{template_label(key)}已恢复为默认文本。")
        return HttpResponseRedirect(list_url)
    form = LetterTemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            SaveLetterTemplate.save(request.user, form.save(commit=False))
        except RecordRefused as exc:
            message = exc.message
        else:
            messages.success(request, f"已保存{template_label(key)}模板。")
            return HttpResponseRedirect(list_url)
    return render(
        request,
        "staff/letters/template_edit.html",
        {
            "title": f"模板：{template_label(key)}",
            "agency": agency,
            "nav": "office",
            "breadcrumbs": [
                {"label": "工作台", "url": reverse("staff:home")},
                {"label": "告知书模板与编号", "url": list_url},
                {"label": template_label(key)},
            ],
            "form": form,
            "own": own is not None,
            "label": template_label(key),
            "errors": error_summary(form, message) if request.method == "POST" else [],
            "placeholders": PLACEHOLDERS,
        },
    )
