"""What every staff page shares: who may enter, the page context, deadline wording, font size.

A staff page is thin: it scopes its querysets through ``gongkai.agencies.access``, shows an
action's form and calls the action. ``staff_page`` guards function views; personal data is
shown masked (template filters in ``templatetags/staff.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.agencies.access import agencies_visible_to, is_active_user
from gongkai.agencies.models import StaffRole
from gongkai.applications.deadlines import work_calendar
from gongkai.applications.models import Application
from gongkai.applications.visibility import applications_visible_to
from gongkai.clock import WorkCalendar

__all__ = [
    "FONT_COOKIE",
    "FONT_SIZES",
    "DeadlineStatus",
    "StaffLoginView",
    "StaffLogoutView",
    "deadline_status",
    "error_summary",
    "font_size",
    "is_staff_member",
    "refused_page",
    "staff_context",
    "staff_page",
    "visible_agencies",
    "visible_applications",
]

# 大 / 中 / 小: the root font size in px, remembered in a cookie (works without JavaScript).
FONT_SIZES = {"large": 18, "medium": 16, "small": 14}
FONT_COOKIE = "gk_font"
_YEAR = 365 * 24 * 3600


def is_staff_member(user: Any) -> bool:
    """An active user holding a role at some agency, or a superuser."""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or StaffRole.objects.filter(user=user).exists())


def staff_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guard a view: anonymous users go to the login page, others without a role get 403."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_active_user(request.user):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('staff:login')}?{query}")
        if not is_staff_member(request.user):
            return refused_page(
                request, "您的账号没有任何机关的工作角色，请联系管理员。", title="无权访问"
            )
        return view(request, *args, **kwargs)

    return guarded


def refused_page(
    request: HttpRequest,
    reason: str,
    *,
    title: str = "不能办理",
    agency: Any = None,
    status: int = 403,
) -> HttpResponse:
    """The page that says why the user cannot go on (403 unless told otherwise)."""
    context = {"title": title, "reason": reason, "agency": agency}
    return render(request, "staff/refused.html", context, status=status)


def visible_agencies(request: HttpRequest) -> Any:
    """The agencies the signed-in user may see."""
    return agencies_visible_to(request.user)


def visible_applications(request: HttpRequest) -> Any:
    """The applications the signed-in user may see (their agencies', and below for oversight)."""
    return applications_visible_to(request.user).select_related("agency")


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """A deadline as a person reads it: the date and what it means today."""

    due_on: date | None
    text: str  # 剩余 3 个工作日 / 今日到期 / 已逾期 2 个工作日 / 暂停计时 / —
    tone: str  # "overdue", "today", "soon", "ok", "none" (a CSS class; never the only signal)
    working_days: int | None  # left (positive), overdue (negative), 0 today
    provisional: bool = False


def deadline_status(
    app: Application, *, today: date | None = None, calendar: WorkCalendar | None = None
) -> DeadlineStatus:
    """How ``app``'s deadline stands on ``today`` in working days."""
    today = today or timezone.localdate()
    if not app.is_open:
        return DeadlineStatus(app.deadline, "已办结", "none", None)
    if app.deadline is None:
        return DeadlineStatus(None, "暂停计时（待补正）", "none", None)
    calendar = calendar or work_calendar()
    provisional = bool(app.deadline_uncertain)
    if app.deadline == today:
        return DeadlineStatus(app.deadline, "今日到期", "today", 0, provisional)
    if app.deadline > today:
        left = calendar.workdays_between(today, app.deadline) - (
            1 if calendar.is_workday(today) else 0
        )
        tone = "soon" if left <= 5 else "ok"
        return DeadlineStatus(app.deadline, f"剩余 {left} 个工作日", tone, left, provisional)
    late = calendar.workdays_between(app.deadline, today) - (
        1 if calendar.is_workday(app.deadline) else 0
    )
    late = max(late, 1)
    return DeadlineStatus(app.deadline, f"已逾期 {late} 个工作日", "overdue", -late, provisional)


def error_summary(form: BaseForm, lead: str = "") -> list[dict[str, str]]:
    """The error summary (GOV.UK style): ``lead`` first, then each message linked to its field."""
    entries = [{"text": lead, "href": ""}] if lead else []
    for name, texts in form.errors.items():
        declared = form.fields.get(name)
        if name == "__all__" or declared is None or declared.widget.is_hidden:
            entries += [{"text": str(t), "href": ""} for t in texts if str(t) != lead]
            continue
        label = declared.label or name
        anchor = f"#{form[name].id_for_label}"
        entries += [{"text": f"{label}：{t}", "href": anchor} for t in texts]
    return entries


def staff_context(request: HttpRequest) -> dict[str, Any]:
    """Template context of every page: the font size class and the staff navigation."""
    size = request.COOKIES.get(FONT_COOKIE, "medium")
    if size not in FONT_SIZES:
        size = "medium"
    year = timezone.localdate().year
    return {
        "font_size": size,
        "font_choices": (("large", "大"), ("medium", "中"), ("small", "小")),
        "staff_nav": (
            {"key": "search", "url": "/staff/search/", "label": "检索"},
            {"key": "annual", "url": f"/staff/annual/{year - 1}/", "label": "年度报告"},
            {"key": "office", "url": "/staff/office/", "label": "机构设置"},
        ),
    }


def font_size(request: HttpRequest, size: str) -> HttpResponse:
    """Remember the 大 / 中 / 小 choice in a cookie and go back where the user was."""
    target = request.GET.get("next") or request.META.get("HTTP_REFERER") or reverse("staff:home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("staff:home")
    response = HttpResponseRedirect(target)
    if size in FONT_SIZES:
        response.set_cookie(FONT_COOKIE, size, max_age=_YEAR, samesite="Lax")
    return response


class StaffLoginView(auth_views.LoginView):
    """登录: the staff sign-in page (django-axes locks repeated failures)."""

    template_name = "staff/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "登录"}  # noqa: RUF012  (Django's API takes a dict)

    def get_default_redirect_url(self) -> str:
        return reverse("staff:home")


class StaffLogoutView(auth_views.LogoutView):
    """退出 (POST only)."""

    next_page = "staff:login"
