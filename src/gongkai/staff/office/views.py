"""机构设置: the administrator's pages — agencies, staff and roles, the overview of changes.

Only for the administrator role (管理员) and the superuser, and only within the agencies the
administrator administers. Every change goes through a record action (audited); every POST
answers with a redirect and a flash message.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency, StaffRole
from gongkai.audit.actions import RecordRefused
from gongkai.audit.models import AuditEntry
from gongkai.audit.organisation import (
    ChangeAgency,
    ChangeStaffRole,
    administered_agencies,
    open_staff_account,
)

from ..common import refused_page, staff_page
from .forms import AgencyForm, NewStaffForm, RoleForm

__all__ = ["agency_edit", "agency_new", "home", "office_page", "role_add", "role_remove", "staff"]

# Site-wide records (the calendar) belong to no agency; every administrator sees them.
SITE_WIDE_ACTIONS = ("calendar_day", "calendar_year")


def office_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guard: signed-in staff with the administrator role somewhere (or superuser)."""

    @staff_page
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scope = administered_agencies(request.user).order_by("path")
        if not scope.exists():
            return refused_page(
                request,
                "机构设置仅供管理员使用。如需更改设置，请联系本机关的管理员。",
                title="无权访问",
            )
        return view(request, scope, *args, **kwargs)

    return guarded


def recent_changes(scope: Any, limit: int = 15) -> Any:
    """最近的更改: audit entries of the administered agencies and of the site-wide calendar."""
    condition = Q(agency__in=scope) | Q(agency__isnull=True, action__in=SITE_WIDE_ACTIONS)
    return AuditEntry.objects.filter(condition).select_related("actor", "agency")[:limit]


def _crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    crumbs = [
        {"label": "工作台", "url": reverse("staff:home")},
        {"label": "机构设置", "url": reverse("staff:office")},
    ]
    crumbs += [{"label": label, "url": url} for label, url in more]
    if len(crumbs) == 2:
        crumbs[-1]["url"] = ""
    return crumbs


def _page(
    request: HttpRequest,
    template: str,
    title: str,
    context: dict[str, Any],
    *,
    crumbs: list[dict[str, str]],
    status: int = 200,
) -> HttpResponse:
    base = {"title": title, "nav": "office", "breadcrumbs": crumbs}
    return render(request, f"staff/office/{template}", {**base, **context}, status=status)


@office_page
def home(request: HttpRequest, scope: Any) -> HttpResponse:
    """The settings overview: agencies, staff counts, links, recent changes."""
    year = timezone.localdate().year
    context = {
        "agencies": scope,
        "staff_count": StaffRole.objects.filter(agency__in=scope).values("user").distinct().count(),
        "changes": recent_changes(scope),
        "next_year": year + 1,
        "report_year": year - 1,
    }
    return _page(request, "home.html", "机构设置", context, crumbs=_crumbs())


def _agency_form_page(
    request: HttpRequest, scope: Any, form: AgencyForm, title: str, status: int = 200
) -> HttpResponse:
    return _page(
        request, "agency.html", title, {"form": form}, crumbs=_crumbs((title, "")), status=status
    )


def _save_agency(request: HttpRequest, scope: Any, form: AgencyForm, title: str) -> HttpResponse:
    if form.is_valid():
        try:
            agency = ChangeAgency.save(request.user, form.save(commit=False))
        except RecordRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"已保存机关“{agency.name}”。")
            return HttpResponseRedirect(reverse("staff:office"))
    return _agency_form_page(request, scope, form, title, status=400)


@office_page
def agency_new(request: HttpRequest, scope: Any) -> HttpResponse:
    """新增机关或部门 under an administered agency."""
    title = "新增机关或部门"
    if request.method == "POST":
        return _save_agency(request, scope, AgencyForm(request.POST, parents=scope), title)
    initial = {"parent": request.GET.get("parent") or scope.first().pk, "kind": "department"}
    return _agency_form_page(request, scope, AgencyForm(initial=initial, parents=scope), title)


@office_page
def agency_edit(request: HttpRequest, scope: Any, code: str) -> HttpResponse:
    """修改机关 (name, kind, code, parent) within the administered subtree."""
    agency = scope.filter(code=code).first()
    if agency is None:
        return refused_page(request, "该机关不在您管理的范围内。", title="无权访问")
    title = f"修改机关：{agency.name}"
    user: Any = request.user
    if agency.parent_id is None and not user.is_superuser:
        parents = Agency.objects.filter(pk=agency.pk).none()
    else:
        parents = scope
    if request.method == "POST":
        form = AgencyForm(request.POST, instance=agency, parents=parents)
        if agency.parent_id is None:
            form.fields["parent"].required = False
        return _save_agency(request, scope, form, title)
    form = AgencyForm(instance=agency, parents=parents)
    if agency.parent_id is None:
        form.fields["parent"].required = False
    return _agency_form_page(request, scope, form, title)


def _staff_users(scope: Any) -> Any:
    users = StaffRole.objects.filter(agency__in=scope).values("user")
    return get_user_model().objects.filter(pk__in=users).order_by("username")


@office_page
def staff(request: HttpRequest, scope: Any) -> HttpResponse:
    """人员和角色: the staff of the administered agencies, add a role, remove one, new account."""
    return _staff_page(request, scope)


def _staff_page(
    request: HttpRequest,
    scope: Any,
    *,
    role_form: RoleForm | None = None,
    new_form: NewStaffForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = (
        StaffRole.objects.filter(agency__in=scope)
        .select_related("user", "agency")
        .order_by("agency__path", "user__username", "role")
    )
    context = {
        "roles": roles,
        "role_form": role_form or RoleForm(users=_staff_users(scope), agencies=scope),
        "new_form": new_form or NewStaffForm(agencies=scope),
    }
    return _page(
        request,
        "staff.html",
        "人员和角色",
        context,
        crumbs=_crumbs(("人员和角色", "")),
        status=status,
    )


@require_POST
@office_page
def role_add(request: HttpRequest, scope: Any) -> HttpResponse:
    """Give an existing staff user a role (ChangeStaffRole)."""
    form = RoleForm(request.POST, users=_staff_users(scope), agencies=scope)
    if form.is_valid():
        data = form.cleaned_data
        if StaffRole.objects.filter(
            user=data["user"], agency=data["agency"], role=data["role"]
        ).exists():
            form.add_error("role", "该人员在该机关已有这个角色。")
        else:
            try:
                ChangeStaffRole.save(request.user, StaffRole(**data))
            except RecordRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, f"已为 {data['user']} 增加角色。")
                return HttpResponseRedirect(reverse("staff:office-staff"))
    return _staff_page(request, scope, role_form=form, status=400)


@require_POST
@office_page
def role_remove(request: HttpRequest, scope: Any, pk: int) -> HttpResponse:
    """Take a role away (ChangeStaffRole.delete)."""
    role = (
        StaffRole.objects.filter(pk=pk, agency__in=scope).select_related("user", "agency").first()
    )
    if role is None:
        messages.error(request, "该角色不存在或不在您管理的范围内。")
    else:
        try:
            ChangeStaffRole.delete(request.user, role)
        except RecordRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, f"已撤销：{role}。")
    return HttpResponseRedirect(reverse("staff:office-staff"))


@require_POST
@office_page
def staff_new(request: HttpRequest, scope: Any) -> HttpResponse:
    """Open a staff account with its first role (audited)."""
    form = NewStaffForm(request.POST, agencies=scope)
    if form.is_valid():
        try:
            user = open_staff_account(request.user, **form.cleaned_data)
        except RecordRefused as refused:
            form.add_error("username" if refused.code == "conflict" else None, refused.message)
        else:
            messages.success(request, f"已新建人员账号“{user.username}”。")
            return HttpResponseRedirect(reverse("staff:office-staff"))
    return _staff_page(request, scope, new_form=form, status=400)
