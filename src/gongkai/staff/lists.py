"""Shared list machinery of the staff pages: filter form, sorting, pagination, CSV/XLSX export.

A page describes its columns once (``Column``: a label, the field it sorts by, the cell text)
and hands a filtered queryset to ``CaseList``; the same columns feed the HTML table and the
export, so an export is exactly what the filters show. Cells are plain text built from the
row (personal data masked by the column's ``value``); no per-row queries: the page passes a
queryset with ``select_related`` for what the columns read.

Use in a view::

    listing = CaseList(request, queryset, CASE_COLUMNS, default_sort="deadline")
    if (response := listing.export_response("案件清单")) is not None:
        return response
    ... render with {"listing": listing} and {% include "staff/lists/table.html" %}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from gongkai.applications.choices import CHANNEL_CHOICES, Outcome, Status
from gongkai.applications.deadlines import work_calendar
from gongkai.clock import WorkCalendar
from gongkai.ledger import csv_bytes, neutralised, xlsx_bytes
from gongkai.masking import mask_contact, mask_identity_number

from .common import DeadlineStatus, deadline_status

__all__ = [
    "CASE_COLUMNS",
    "CLOSED_ONLY",
    "EXPORT_FORMATS",
    "OPEN_CASE_COLUMNS",
    "PER_PAGE",
    "CaseFilterForm",
    "CaseList",
    "Column",
    "RowContext",
    "case_url",
    "filter_cases",
]

PER_PAGE = 50
# Shorter substrings have no trigram (pg_trgm): names that short are matched as a prefix.
SUBSTRING_MIN = 3
EXPORT_FORMATS = ("csv", "xlsx")
# Exports stop here: a larger register is exported through the ledger command.
EXPORT_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a list: its key (in ``?sort=``), label, sort field and cell text."""

    key: str
    label: str
    value: Callable[[Any, RowContext], str]
    order_by: str | None = None  # a model field (or lookup path); None: not sortable
    export_only: bool = False  # shown in the export only (e.g. masked identity numbers)
    html_only: bool = False  # shown on the page only
    link: Callable[[Any], str] | None = None  # the page cell links there
    wrap: bool = False  # long text: the cell wraps at a readable width


@dataclass(slots=True)
class RowContext:
    """What cells may need beyond the row: today and the working calendar (built once)."""

    today: date
    calendar: WorkCalendar

    def deadline(self, app: Any) -> DeadlineStatus:
        """The row's deadline as it stands today."""
        return deadline_status(app, today=self.today, calendar=self.calendar)


# -- the case columns every case list shares -------------------------------------------------

_STATUS = dict(Status.choices)
_OUTCOME = dict(Outcome.choices)
_CHANNEL = dict(CHANNEL_CHOICES)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _handler(app: Any, _ctx: RowContext) -> str:
    user = app.assigned_to
    if user is None:
        return "未分派"
    return str(user.get_full_name() or user.get_username())


def case_url(app: Any) -> str:
    """The case page of ``app`` (the cases feature's URL, by case number)."""
    return f"/staff/cases/{quote(app.reference, safe='')}/"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The columns of open cases leave out what only closed cases have (the page is narrower).
CLOSED_ONLY = frozenset({"outcome", "closed_on"})

CASE_COLUMNS: tuple[Column, ...] = (
    Column("reference", "案件编号", lambda a, c: a.reference, "reference", link=case_url),
    Column("applicant", "申请人", lambda a, c: a.applicant_name, "applicant_name"),
    Column(
        "id_number",
        "证件号码（已遮蔽）",
        lambda a, c: mask_identity_number(a.applicant_id_number or a.applicant_credit_code or ""),
        export_only=True,
    ),
    Column(
        "contact",
        "联系方式（已遮蔽）",
        lambda a, c: mask_contact(a.applicant_contact or ""),
        export_only=True,
    ),
    Column(
        "description", "申请内容", lambda a, c: _short(a.description), html_only=True, wrap=True
    ),
    Column("description_full", "申请内容", lambda a, c: a.description, export_only=True),
    Column("agency", "受理机关", lambda a, c: a.agency.name, "agency__name"),
    Column("handler", "承办人", _handler, "assigned_to__username"),
    Column("channel", "渠道", lambda a, c: _CHANNEL.get(a.channel, a.channel), "channel"),
    Column("status", "状态", lambda a, c: _STATUS.get(a.status, a.status), "status"),
    Column("received_on", "收到日期", lambda a, c: _iso(a.received_on), "received_on"),
    Column("deadline", "答复期限", lambda a, c: _iso(a.deadline), "deadline"),
    Column("deadline_status", "期限状态", lambda a, c: c.deadline(a).text),
    Column("outcome", "办理结果", lambda a, c: _OUTCOME.get(a.outcome, ""), "outcome"),
    Column("closed_on", "办结日期", lambda a, c: _iso(a.closed_on), "closed_on"),
)


OPEN_CASE_COLUMNS: tuple[Column, ...] = tuple(c for c in CASE_COLUMNS if c.key not in CLOSED_ONLY)


# -- filters -------------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """The filter bar of case lists; pages drop the fields they do not offer."""

    q = forms.CharField(label="关键词", required=False, max_length=200)
    reference = forms.CharField(label="案件编号", required=False, max_length=64)
    applicant = forms.CharField(label="申请人", required=False, max_length=200)
    words = forms.CharField(label="申请内容", required=False, max_length=200)
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="部门", queryset=None, required=False, empty_label="全部"
    )
    handler = forms.TypedChoiceField(label="承办人", required=False, coerce=int, empty_value=None)
    channel = forms.ChoiceField(label="渠道", required=False)
    status = forms.ChoiceField(label="状态", required=False)
    outcome = forms.ChoiceField(label="办理结果", required=False)
    received_from = forms.DateField(
        label="收到日期起", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label="收到日期止", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        data: QueryDict,
        *,
        agencies: QuerySet[Any],
        handlers: Iterable[tuple[int, str]] = (),
        fields: Sequence[str] | None = None,
    ) -> None:
        super().__init__(data)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        everything = [("", "全部")]
        self._set_choices("handler", [*everything, ("0", "未分派"), *handlers])
        self._set_choices("channel", [*everything, *CHANNEL_CHOICES])
        self._set_choices("status", [*everything, *Status.choices])
        self._set_choices("outcome", [*everything, *Outcome.choices])
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]

    def _set_choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(value), label) for value, label in choices]

    def clean(self) -> dict[str, Any]:
        """Received-from after received-to is named beside the first field."""
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_from", "收到日期起不能晚于收到日期止，请调换两个日期。")
        return data


def filter_cases(queryset: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
    """``queryset`` narrowed by a valid ``CaseFilterForm``'s cleaned data (substring search)."""
    if words := (data.get("q") or "").strip():
        queryset = queryset.filter(
            Q(reference__icontains=words)
            | Q(applicant_name__icontains=words)
            | Q(description__icontains=words)
        )
    for key, lookup in (
        ("reference", "reference__icontains"),
        ("applicant", "applicant_name__icontains"),
        ("words", "description__icontains"),
    ):
        if value := (data.get(key) or "").strip():
            if key == "applicant" and len(value) < SUBSTRING_MIN:
                # A one- or two-character name (王伟) is a surname-first prefix: indexable,
                # where a substring that short has no trigram and scans the register.
                lookup = "applicant_name__istartswith"
            queryset = queryset.filter(**{lookup: value})
    if data.get("agency") is not None:
        queryset = queryset.filter(agency=data["agency"])
    handler = data.get("handler")
    if handler == 0:
        queryset = queryset.filter(assigned_to__isnull=True)
    elif handler is not None:
        queryset = queryset.filter(assigned_to_id=handler)
    for key in ("channel", "status", "outcome"):
        if data.get(key):
            queryset = queryset.filter(**{key: data[key]})
    if data.get("received_from"):
        queryset = queryset.filter(received_on__gte=data["received_from"])
    if data.get("received_to"):
        queryset = queryset.filter(received_on__lte=data["received_to"])
    return queryset


# -- the list ------------------------------------------------------------------------------


class _CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose count stops at ``count_limit`` (a broad search need not count all)."""

    def __init__(self, object_list: Any, per_page: int, *, count_limit: int | None) -> None:
        super().__init__(object_list, per_page)
        self._count_limit = count_limit

    @cached_property
    def count(self) -> int:
        if self._count_limit is None:
            return int(super().count)
        # COUNT over a LIMITed, unordered subquery: the search index's scan stops at the
        # limit (kept in order, PostgreSQL walks the date index through the whole register).
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        return int(queryset.order_by()[: self._count_limit].count())


class CaseList:
    """A sorted, paginated list of rows with its header links and exports."""

    def __init__(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        columns: Sequence[Column],
        *,
        default_sort: str,
        per_page: int = PER_PAGE,
        today: date | None = None,
        calendar: WorkCalendar | None = None,
        count_limit: int | None = None,
    ) -> None:
        self.request = request
        self.columns = tuple(columns)
        self.ctx = RowContext(today or timezone.localdate(), calendar or work_calendar())
        sortable = {c.key: c.order_by for c in self.columns if c.order_by}
        wanted = request.GET.get("sort", default_sort)
        self.descending = wanted.startswith("-")
        key = wanted.lstrip("-")
        if key not in sortable:
            key, self.descending = default_sort.lstrip("-"), default_sort.startswith("-")
        self.sort_key = key
        field = sortable[key]
        # The primary key breaks ties, so pages never repeat or skip a row.
        order = (f"-{field}", "-pk") if self.descending else (field, "pk")
        self.queryset = queryset.order_by(*order)
        self.count_limit = count_limit
        self.paginator = _CappedPaginator(self.queryset, per_page, count_limit=count_limit)
        self.page: Page[Any] = self.paginator.get_page(request.GET.get("page"))
        self._rows: list[dict[str, Any]] | None = None

    # page
    @property
    def total(self) -> int:
        """Rows matching the filters (all pages; at most ``count_limit`` when capped)."""
        return int(self.paginator.count)

    @property
    def total_capped(self) -> bool:
        """True when more rows match than were counted (shown as "N+ 条")."""
        return self.count_limit is not None and self.total >= self.count_limit

    @property
    def page_columns(self) -> tuple[Column, ...]:
        """The columns shown on the page."""
        return tuple(c for c in self.columns if not c.export_only)

    def headers(self) -> list[dict[str, Any]]:
        """Each page column's label, sort link and ``aria-sort`` value."""
        result = []
        for column in self.page_columns:
            entry: dict[str, Any] = {"key": column.key, "label": column.label, "url": None}
            if column.order_by:
                active = column.key == self.sort_key
                descending = not self.descending if active else False
                entry["url"] = self.url_with(
                    sort=("-" if descending else "") + column.key, page=None
                )
                entry["aria_sort"] = (
                    ("descending" if self.descending else "ascending") if active else "none"
                )
                entry["arrow"] = ("▼" if self.descending else "▲") if active else ""
            result.append(entry)
        return result

    def rows(self) -> list[dict[str, Any]]:
        """The page's rows: the object, its cells keyed by column, and the row's HTML cells.

        Built once per page; the cells' HTML is made here rather than by a template loop
        (a 50-row page otherwise spends most of its time in the template engine).
        """
        if self._rows is None:
            self._rows = [self._row(obj) for obj in self.page.object_list]
        return self._rows

    def _row(self, obj: Any) -> dict[str, Any]:
        deadline = (
            self.ctx.deadline(obj) if hasattr(obj, "deadline") and hasattr(obj, "is_open") else None
        )
        cells = []
        html = []
        for column in self.page_columns:
            if column.key == "deadline_status" and deadline is not None:
                text = deadline.text
                inner = format_html('<span class="deadline--{}">{}</span>', deadline.tone, text)
                if deadline.provisional:
                    inner = format_html('{}<span class="hint">（待核）</span>', inner)
            else:
                text = column.value(obj, self.ctx)
                inner = conditional_escape(text)
                if column.link is not None and text:
                    inner = format_html('<a href="{}">{}</a>', column.link(obj), text)
            cells.append({"key": column.key, "label": column.label, "text": text})
            css = f"c-{column.key} cell-text" if column.wrap else f"c-{column.key}"
            html.append(
                format_html('<td class="{}" data-label="{}">{}</td>', css, column.label, inner)
            )
        return {
            "object": obj,
            "cells": cells,
            "deadline": deadline,
            "html": mark_safe("".join(html)),
        }

    def url_with(self, **changes: Any) -> str:
        """This page's URL with some query parameters changed (None removes one)."""
        query = self.request.GET.copy()
        for key, value in changes.items():
            query.pop(key, None)
            if value is not None:
                query[key] = str(value)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    def page_links(self) -> dict[str, str | None]:
        """Links to the previous and next pages (None at either end)."""
        page = self.page
        return {
            "previous": self.url_with(page=page.previous_page_number())
            if page.has_previous()
            else None,
            "next": self.url_with(page=page.next_page_number()) if page.has_next() else None,
        }

    def export_links(self) -> list[dict[str, str]]:
        """CSV and XLSX links exporting exactly what the filters show."""
        return [
            {"label": fmt.upper(), "url": self.url_with(export=fmt, page=None)}
            for fmt in EXPORT_FORMATS
        ]

    # export
    def export_rows(self) -> Iterable[list[str]]:
        """Every matching row (all pages) as formula-safe text cells, in the page's order."""
        columns = [c for c in self.columns if not c.html_only]
        for obj in self.queryset[:EXPORT_LIMIT].iterator(chunk_size=2000):
            yield [neutralised(c.value(obj, self.ctx)) for c in columns]

    def export_headers(self) -> list[str]:
        """The export's header row."""
        return [c.label for c in self.columns if not c.html_only]

    def export_response(self, name: str) -> HttpResponse | None:
        """The CSV or XLSX download if ``?export=`` asks for one, else None."""
        fmt = self.request.GET.get("export")
        if fmt not in EXPORT_FORMATS:
            return None
        stamp = self.ctx.today.isoformat()
        filename = f"{name}-{stamp}.{fmt}"
        if fmt == "csv":
            body = csv_bytes(self.export_headers(), self.export_rows())
            content_type = "text/csv; charset=utf-8"
        else:
            body = xlsx_bytes(name, self.export_headers(), self.export_rows())
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename) or ""
        response["Cache-Control"] = "no-store"
        return response
