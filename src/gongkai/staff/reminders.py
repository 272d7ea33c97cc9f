"""Morning reminders: the cases overdue or due within 3 working days, per handler and office head.

``reminder_cases(user, today)`` is the list (the dashboard shows it too); ``send_reminders(today)``
e-mails it once a day to each handler and office head through Django's e-mail settings, and
records each sending in ``ReminderSent`` so that a second run the same day sends nothing.

Who gets what: a handler, the cases assigned to them and the unassigned cases of the agencies
where they hold the handler role; an office head, every case of the agencies where they hold
that role. Only agencies the user may see (``gongkai.agencies.access``) count.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from gongkai.agencies.access import agencies_visible_to, is_active_user
from gongkai.agencies.choices import Role
from gongkai.agencies.models import StaffRole
from gongkai.applications.choices import OPEN_STATUSES
from gongkai.applications.deadlines import work_calendar
from gongkai.applications.models import Application

from .common import deadline_status
from .models import ReminderSent

__all__ = [
    "REMINDER_ROLES",
    "REMINDER_WORKING_DAYS",
    "ReminderRun",
    "reminder_cases",
    "reminder_horizon",
    "reminder_message",
    "send_reminders",
]

log = logging.getLogger(__name__)

REMINDER_WORKING_DAYS = 3
REMINDER_ROLES = (Role.HANDLER, Role.OFFICE_HEAD)


def reminder_horizon(today: date) -> date:
    """The last deadline that counts as due soon: the 3rd working day after ``today``."""
    return work_calendar().nth_workday_after(today, REMINDER_WORKING_DAYS)


def reminder_cases(user: Any, today: date) -> QuerySet[Application]:
    """Open cases of ``user``'s that are overdue or due within 3 working days, soonest first."""
    if not is_active_user(user):
        return Application.objects.none()
    visible = agencies_visible_to(user).values("pk")
    roles = StaffRole.objects.filter(user=user, agency__in=visible)
    headed = roles.filter(role=Role.OFFICE_HEAD).values("agency_id")
    handled = roles.filter(role=Role.HANDLER).values("agency_id")
    mine = (
        Q(agency__in=headed)
        | Q(agency__in=handled, assigned_to__isnull=True)
        | Q(assigned_to=user, agency__in=visible)
    )
    return (
        Application.objects.filter(mine)
        .filter(status__in=OPEN_STATUSES, deadline__isnull=False)
        .filter(deadline__lte=reminder_horizon(today))
        .select_related("agency")
        .order_by("deadline", "reference")
    )


def _site_url() -> str:
    # The address staff open the workspace at, for links in the e-mail (empty: paths only).
    return os.environ.get("GONGKAI_SITE_URL", "").rstrip("/")


def reminder_message(cases: list[Application], today: date) -> tuple[str, str]:
    """The e-mail's subject and body in Chinese (no applicant data: mail leaves the system)."""
    calendar = work_calendar()
    overdue = sum(1 for app in cases if app.deadline is not None and app.deadline < today)
    day = f"{today.year}年{today.month}月{today.day}日"
    subject = f"政府信息公开到期提醒（{day}）：{len(cases)} 件，其中已逾期 {overdue} 件"
    lines = [
        f"截至{day}，以下 {len(cases)} 件申请已逾期或将在 {REMINDER_WORKING_DAYS} 个工作日内到期：",
        "",
    ]
    for app in cases:
        status = deadline_status(app, today=today, calendar=calendar)
        due = app.deadline.isoformat() if app.deadline else "—"
        lines.append(f"· {app.reference}　{app.agency.name}　答复期限 {due}　{status.text}")
        lines.append(f"  {_site_url()}/staff/cases/{app.reference}/")
    lines += ["", "请登录政府信息公开工作台办理。本邮件由系统自动发送，每个工作日上午一次。"]
    return subject, "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ReminderRun:
    """What one run did: e-mails sent, users already reminded today, users without an address."""

    sent: int = 0
    already_sent: int = 0
    no_address: int = 0
    nothing_due: int = 0


def send_reminders(today: date) -> ReminderRun:
    """E-mail each handler and office head their reminder list, at most once on ``today``."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, staff_roles__role__in=REMINDER_ROLES)
        .distinct()
        .order_by("pk")
    )
    sent = already = no_address = nothing = 0
    for user in users:
        if ReminderSent.objects.filter(user=user, day=today).exists():
            already += 1
            continue
        cases = list(reminder_cases(user, today))
        if not cases:
            nothing += 1
            continue
        if not user.email:
            no_address += 1
            log.warning("reminder for user %s not sent: no e-mail address", user.pk)
            continue
        subject, body = reminder_message(cases, today)
        try:
            # The record and the mail together: a failed send leaves no record, so the next
            # run retries; a concurrent run loses the unique constraint and sends nothing.
            with transaction.atomic():
                ReminderSent.objects.create(user=user, day=today, case_count=len(cases))
                send_mail(subject, body, None, [user.email])
        except IntegrityError:
            already += 1
            continue
        sent += 1
        log.info("reminder sent to user %s: %d cases", user.pk, len(cases))
    return ReminderRun(sent, already, no_address, nothing)
