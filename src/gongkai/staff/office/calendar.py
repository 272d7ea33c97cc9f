"""工作日历 and 表二 in the office settings: calendar overrides (with the deadlines they
move) and table 2's hand-entered figures for any administered agency."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.contrib import messages
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from gongkai.applications.actions.calendar import ChangeCalendarDay, DeclareCalendarYear
from gongkai.applications.models import CalendarOverride, CalendarYear
from gongkai.applications.signals import deadlines_recomputed
from gongkai.audit.actions import RecordRefused

from ..yearend.forms import Table2Form, save_table2
from .forms import CalendarDayForm, CalendarYearForm
from .views import _crumbs, _page, office_page

__all__ = ["calendar", "calendar_delete", "calendar_year", "moved_deadlines", "table2"]

# The count of the recompute that a calendar change causes, caught from the signal in the
# thread (context) that made the change: the record action itself returns the row.
_moved: ContextVar[list[int] | None] = ContextVar("gongkai_moved_deadlines", default=None)


@receiver(deadlines_recomputed)
def _remember_recompute(sender: Any, changed: int, **kwargs: Any) -> None:
    box = _moved.get()
    if box is not None:
        box.append(changed)


@contextmanager
def moved_deadlines() -> Iterator[list[int]]:
    """Collect how many open deadlines the recomputes inside the block moved."""
    box: list[int] = []
    token = _moved.set(box)
    try:
        yield box
    finally:
        _moved.reset(token)


def _moved_text(box: list[int]) -> str:
    moved = sum(box)
    if moved == 0:
        return "未改变任何在办案件的办理期限。"
    return f"{moved} 件在办案件的办理期限已按新日历重新计算（见各案件的办理记录）。"


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    default = timezone.localdate().year + 1
    return int(raw) if raw.isdigit() and 2008 <= int(raw) <= default else default


def _calendar_page(
    request: HttpRequest,
    *,
    day_form: CalendarDayForm | None = None,
    year_form: CalendarYearForm | None = None,
    status: int = 200,
) -> HttpResponse:
    year = _year(request)
    context = {
        "year": year,
        "this_year": timezone.localdate().year,
        "overrides": CalendarOverride.objects.filter(date__year=year).order_by("date"),
        "declared": CalendarYear.objects.order_by("-year"),
        "year_declared": CalendarYear.objects.filter(year=year).exists(),
        "day_form": day_form or CalendarDayForm(),
        "year_form": year_form or CalendarYearForm(initial={"year": year}),
    }
    return _page(
        request,
        "calendar.html",
        "工作日历",
        context,
        crumbs=_crumbs(("工作日历", "")),
        status=status,
    )


def _date_or_none(raw: str) -> date | None:
    try:
        return parse_date(raw.strip())
    except ValueError:
        return None


def _calendar_url(year: int) -> str:
    return f"{reverse('staff:office-calendar')}?year={year}"


def _save(request: HttpRequest, action: Any, instance: Any, done: str) -> str | None:
    """Run a calendar record action; flash what it did and what it moved; the refusal or None."""
    with moved_deadlines() as box:
        try:
            action.save(request.user, instance)
        except RecordRefused as refused:
            return refused.message
    messages.success(request, f"{done}{_moved_text(box)}")
    return None


@office_page
def calendar(request: HttpRequest, scope: Any) -> HttpResponse:
    """The year's overrides (next year by default); POST adds or changes a day."""
    if request.method != "POST":
        return _calendar_page(request)
    day_given = _date_or_none(request.POST.get("date", ""))
    existing = CalendarOverride.objects.filter(date=day_given).first() if day_given else None
    form = CalendarDayForm(request.POST, instance=existing)
    if form.is_valid():
        day = form.save(commit=False)
        problem = _save(request, ChangeCalendarDay, day, f"已设置 {day}。")
        if problem is None:
            return HttpResponseRedirect(_calendar_url(day.date.year))
        form.add_error(None, problem)
    return _calendar_page(request, day_form=form, status=400)


@require_POST
@office_page
def calendar_delete(request: HttpRequest, scope: Any, pk: int) -> HttpResponse:
    """Delete one override; the package data applies to the day again."""
    day = CalendarOverride.objects.filter(pk=pk).first()
    if day is None:
        messages.error(request, "该日期调整已不存在。")
        return HttpResponseRedirect(reverse("staff:office-calendar"))
    with moved_deadlines() as box:
        try:
            ChangeCalendarDay.delete(request.user, day)
        except RecordRefused as refused:
            messages.error(request, refused.message)
            return HttpResponseRedirect(_calendar_url(day.date.year))
    messages.success(request, f"已删除 {day}。{_moved_text(box)}")
    return HttpResponseRedirect(_calendar_url(day.date.year))


@require_POST
@office_page
def calendar_year(request: HttpRequest, scope: Any) -> HttpResponse:
    """Declare a year's holiday notice completely entered (or withdraw the declaration)."""
    form = CalendarYearForm(request.POST)
    if not form.is_valid():
        return _calendar_page(request, year_form=form, status=400)
    year = form.cleaned_data["year"]
    found = CalendarYear.objects.filter(year=year).first()
    if request.POST.get("withdraw") and found is not None:
        with moved_deadlines() as box:
            try:
                DeclareCalendarYear.delete(request.user, found)
            except RecordRefused as refused:
                messages.error(request, refused.message)
                return HttpResponseRedirect(_calendar_url(year))
        messages.success(request, f"已撤销 {year} 年的登记。{_moved_text(box)}")
        return HttpResponseRedirect(_calendar_url(year))
    if found is not None:
        messages.info(request, f"{year} 年已登记为已录入完整。")
        return HttpResponseRedirect(_calendar_url(year))
    problem = _save(
        request,
        DeclareCalendarYear,
        CalendarYear(year=year, note=form.cleaned_data["note"]),
        f"已登记 {year} 年的节假日安排已录入完整。",
    )
    if problem is not None:
        messages.error(request, problem)
    return HttpResponseRedirect(_calendar_url(year))


@office_page
def table2(request: HttpRequest, scope: Any) -> HttpResponse:
    """表二数据 of an administered agency and year (SetTable2Figure)."""
    agency = scope.filter(code=request.GET.get("agency", "")).first() or scope.first()
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2019 <= int(raw) <= this_year else this_year - 1
    status = 200
    if request.method == "POST":
        form = Table2Form(request.POST, year=year)
        if form.is_valid():
            changed = save_table2(request.user, agency, year, form)
            if form.is_valid():
                messages.success(request, f"表二数据已保存，更改 {changed} 项。")
                return HttpResponseRedirect(request.get_full_path())
        status = 400
    else:
        form = Table2Form(initial=Table2Form.initial_for(agency, year), year=year)
    context: dict[str, Any] = {
        "agencies": scope,
        "agency": agency,
        "year": year,
        "years": list(range(this_year, 2018, -1)),
        "form": form,
    }
    return _page(
        request, "table2.html", "表二数据", context, crumbs=_crumbs(("表二数据", "")), status=status
    )
