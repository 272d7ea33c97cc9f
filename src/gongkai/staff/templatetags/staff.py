"""Template filters of the staff pages: masked personal data, dates, deadlines."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from django import template
from django.utils import timezone

from gongkai.applications.deadlines import work_calendar
from gongkai.masking import mask_contact, mask_identity_number, mask_phone

from ..common import DeadlineStatus, deadline_status

register = template.Library()


@register.filter
def masked_id(value: str) -> str:
    """An identity number or credit code, masked (``3301**********1234``)."""
    return mask_identity_number(value or "")


@register.filter
def masked_phone(value: str) -> str:
    """A phone number, masked (``138****5678``)."""
    return mask_phone(value or "")


@register.filter
def masked_contact(value: str) -> str:
    """Free-text contact details with every phone and e-mail masked."""
    return mask_contact(value or "")


@register.filter
def cn_date(value: date | datetime | None) -> str:
    """``2026年12月7日`` (sentences and letters); '' for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def iso_date(value: date | datetime | None) -> str:
    """``2026-12-07`` (tables and exports); '' for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.isoformat()


@register.filter
def local_time(value: datetime | None) -> str:
    """``2026-12-07 14:05`` in Beijing time."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


# Key of the calendar kept for one render (the root of the render context outlives includes).
_CALENDAR_KEY = "gongkai.staff.work_calendar"


@register.simple_tag(takes_context=True)
def deadline_of(context: template.Context, app: Any) -> DeadlineStatus:
    """The deadline of ``app`` as it stands today (use ``.text``, ``.tone``, ``.due_on``)."""
    # work_calendar() costs two queries: a page listing many deadlines builds it once.
    root = cast(dict[str, Any], context.render_context.dicts[0])
    if _CALENDAR_KEY not in root:
        root[_CALENDAR_KEY] = (timezone.localdate(), work_calendar())
    today, calendar = root[_CALENDAR_KEY]
    return deadline_status(app, today=today, calendar=calendar)
