"""工作台: the user's and the office's cases, grouped by what is due.

Every group is a SQL condition (deadline dates are computed once with the working calendar,
never per case in Python); the counts of all groups for 我的 and 本机关 come from one
aggregate query, the list from one paginated query with ``select_related``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import StaffRole
from gongkai.applications.choices import OPEN_STATUSES, DisputeResult, DisputeRoute, Status
from gongkai.applications.deadlines import work_calendar
from gongkai.applications.models import Dispute
from gongkai.clock import WorkCalendar

from ..common import deadline_status, staff_page, visible_agencies, visible_applications
from ..lists import (
    CASE_COLUMNS,
    OPEN_CASE_COLUMNS,
    CaseFilterForm,
    CaseList,
    Column,
    case_url,
    filter_cases,
)

__all__ = ["GROUPS", "disputes", "group_conditions", "home"]

SOON_WORKDAYS = 5
RECENT_DAYS = 30
FILTER_FIELDS = ("agency", "handler", "channel", "status")


@dataclass(frozen=True, slots=True)
class Group:
    """A group an office plans its week by."""

    key: str
    label: str
    tone: str  # CSS tone of the count; the label always says it in words too


GROUPS: tuple[Group, ...] = (
    Group("overdue", "已逾期", "overdue"),
    Group("today", "今日到期", "today"),
    Group("soon", f"{SOON_WORKDAYS} 个工作日内到期", "soon"),
    Group("correction", "待补正", "none"),
    Group("consulting", "征求意见中", "none"),
    Group("fee", "待缴费", "none"),
    Group("closed", f"近 {RECENT_DAYS} 日办结", "none"),
)
_GROUP_KEYS = {g.key for g in GROUPS}


def group_conditions(today: date, calendar: WorkCalendar | None = None) -> dict[str, Q]:
    """Each group's condition on ``today`` (the 5-working-day horizon from the calendar)."""
    horizon = (calendar or work_calendar()).nth_workday_after(today, SOON_WORKDAYS)
    is_open = Q(status__in=sorted(OPEN_STATUSES))
    return {
        "overdue": is_open & Q(deadline__lt=today),
        "today": is_open & Q(deadline=today),
        "soon": is_open & Q(deadline__gt=today, deadline__lte=horizon),
        "correction": Q(status=Status.AWAITING_CORRECTION),
        "consulting": Q(status=Status.CONSULTING),
        "fee": Q(status=Status.AWAITING_FEE),
        "closed": Q(status=Status.CLOSED, closed_on__gte=today - timedelta(days=RECENT_DAYS)),
    }


def _handler_choices(agencies: QuerySet[Any]) -> list[tuple[int, str]]:
    users = StaffRole.objects.filter(
        agency__in=agencies, role__in=("handler", "office_head")
    ).values("user_id")
    rows = get_user_model().objects.filter(pk__in=users, is_active=True).order_by("username")
    return [(u.pk, u.get_full_name() or u.get_username()) for u in rows]


REMINDERS_SHOWN = 10


def _reminders(request: HttpRequest, today: date, calendar: WorkCalendar) -> dict[str, Any] | None:
    """今日提醒 (the first few and the count) from the reminders feature, or None without it."""
    try:
        from gongkai.staff.reminders import reminder_cases
    except ImportError:
        return None
    # Narrowed to the visible agencies' open cases by literal ids: the reminders' OR of
    # subqueries alone makes PostgreSQL scan the whole register (0.3 s at 1,000,000 rows).
    visible = list(visible_agencies(request).values_list("pk", flat=True))
    cases = reminder_cases(request.user, today).filter(
        agency_id__in=visible, status__in=sorted(OPEN_STATUSES)
    )
    # An office head may have hundreds: count in SQL, show the first few.
    shown = [
        {"app": app, "deadline": deadline_status(app, today=today, calendar=calendar)}
        for app in cases[:REMINDERS_SHOWN]
    ]
    total = len(shown) if len(shown) < REMINDERS_SHOWN else cases.count()
    return {"shown": shown, "total": total, "more": total - len(shown)}


@staff_page
def home(request: HttpRequest) -> HttpResponse:
    """工作台: group counts for me and the office, and the chosen group's list."""
    today = timezone.localdate()
    agencies = visible_agencies(request)
    form = CaseFilterForm(
        request.GET,
        agencies=agencies,
        handlers=_handler_choices(agencies),
        fields=FILTER_FIELDS,
    )
    form.is_valid()  # invalid fields are shown beside the field and left out
    cleaned = form.cleaned_data
    scope = "mine" if request.GET.get("scope") == "mine" else "office"
    group = request.GET.get("group", "")
    if group not in _GROUP_KEYS:
        group = ""
    calendar = work_calendar()  # built once: every date below is computed from it
    conditions = group_conditions(today, calendar)

    office = filter_cases(visible_applications(request), cleaned)
    mine = Q(assigned_to=request.user)
    # Two aggregates, one over the open cases and one over the recently closed ones, each
    # answered from its partial index (migration applications.0005) without the table.
    totals: dict[str, Any] = {}
    for part, keys in (
        (Q(status__in=sorted(OPEN_STATUSES)), [k for k in conditions if k != "closed"]),
        (conditions["closed"], ["closed"]),
    ):
        aggregates: dict[str, Any] = {}
        for key in keys:
            # Counted columns and conditions on indexed columns only: no heap access. The part
            # already holds the closed group's condition.
            condition = Q() if key == "closed" else conditions[key]
            aggregates[f"office_{key}"] = Count("agency_id", filter=condition or None)
            aggregates[f"mine_{key}"] = Count("agency_id", filter=condition & mine)
        totals.update(office.filter(part).aggregate(**aggregates))

    cases = office.filter(mine) if scope == "mine" else office
    if group:
        cases = cases.filter(conditions[group])
        default_sort = "-closed_on" if group == "closed" else "deadline"
    else:
        cases = cases.filter(status__in=sorted(OPEN_STATUSES))
        default_sort = "deadline"
    cases = cases.select_related("agency", "assigned_to")
    columns = CASE_COLUMNS if group == "closed" else OPEN_CASE_COLUMNS
    listing = CaseList(
        request, cases, columns, default_sort=default_sort, today=today, calendar=calendar
    )
    if (response := listing.export_response("工作台案件")) is not None:
        return response

    base = request.GET.copy()
    for key in ("group", "scope", "page", "sort", "export"):
        base.pop(key, None)

    def count_link(which: str, key: str) -> str:
        query = base.copy()
        query["scope"] = which
        query["group"] = key
        return "?" + query.urlencode()

    counts = [
        {
            "group": g,
            "office": totals[f"office_{g.key}"],
            "mine": totals[f"mine_{g.key}"],
            "office_url": count_link("office", g.key),
            "mine_url": count_link("mine", g.key),
            "active": g.key == group,
        }
        for g in GROUPS
    ]
    open_disputes = _open_disputes(agencies)
    context = {
        "title": "工作台",
        "nav": "home",
        "breadcrumbs": [{"label": "工作台", "url": None}],
        "form": form,
        "listing": listing,
        "counts": counts,
        "scope": scope,
        "keep_params": [("scope", scope)] + ([("group", group)] if group else []),
        "group": next((g for g in GROUPS if g.key == group), None),
        "today": today,
        "reminders": _reminders(request, today, calendar),
        "dispute_count": open_disputes.count(),
        "disputes_preview": list(open_disputes.select_related("application", "agency")[:5]),
    }
    response = render(request, "staff/dashboard/home.html", context)
    response["Cache-Control"] = "no-store"  # personal data on the page
    return response


# -- open reconsiderations and lawsuits ------------------------------------------------------

_ROUTE = dict(DisputeRoute.choices)

DISPUTE_COLUMNS: tuple[Column, ...] = (
    Column("route", "途径", lambda d, c: _ROUTE.get(d.route, d.route), "route"),
    Column("reference", "案号", lambda d, c: d.reference or "—", "reference"),
    Column(
        "case",
        "案件编号",
        lambda d, c: d.application.reference,
        "application__reference",
        link=lambda d: case_url(d.application),
    ),
    Column("applicant", "申请人", lambda d, c: d.application.applicant_name),
    Column("agency", "被申请机关", lambda d, c: d.agency.name, "agency__name"),
    Column("filed_on", "立案日期", lambda d, c: d.filed_on.isoformat(), "filed_on"),
)


def _open_disputes(agencies: QuerySet[Any]) -> QuerySet[Dispute]:
    return Dispute.objects.filter(agency__in=agencies, result=DisputeResult.PENDING)


@staff_page
def disputes(request: HttpRequest) -> HttpResponse:
    """未结的行政复议和行政诉讼 against the office's answers."""
    queryset = _open_disputes(visible_agencies(request)).select_related("application", "agency")
    listing = CaseList(request, queryset, DISPUTE_COLUMNS, default_sort="filed_on")
    if (response := listing.export_response("未结复议诉讼")) is not None:
        return response
    context = {
        "title": "未结复议诉讼",
        "nav": "home",
        "breadcrumbs": [
            {"label": "工作台", "url": reverse("staff:home")},
            {"label": "未结复议诉讼", "url": None},
        ],
        "listing": listing,
    }
    response = render(request, "staff/dashboard/disputes.html", context)
    response["Cache-Control"] = "no-store"
    return response
