"""Register rows written straight through the ORM, for the annual-report tests.

Registration through the actions layer (received_on derived from the arrival, the audit
trail) is tested with the applications app; these tests need histories with chosen
legal dates, fast.
"""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import count
from zoneinfo import ZoneInfo

from gongkai.agencies.models import Agency
from gongkai.applications.choices import Status, regulation_for
from gongkai.applications.models import Application, Dispute
from gongkai.report import Report

_ZONE = ZoneInfo("Asia/Shanghai")
# The ledger's CSV header as the users' spreadsheets print it.
HEADER = "编号,收到日期,申请方式,申请人类型,申请人姓名或名称,证件号码,联系方式,申请内容,办理结果,办结日期"
_serial = count(1)


def make_agency(name: str, code: str, parent: Agency | None = None, kind: str = "") -> Agency:
    """An agency saved with its materialised path."""
    kind = kind or ("government" if parent is None else "department")
    return Agency.objects.create(name=name, code=code, parent=parent, kind=kind)


def case(
    agency: Agency,
    received_on: date,
    *,
    closed_on: date | None = None,
    outcome: str = "",
    kind: str = "natural_person",
    channel: str = "internet",
    reference: str | None = None,
) -> Application:
    """An unsaved application with the given legal dates (closed when closed_on is given)."""
    if closed_on is not None and not outcome:
        outcome = "granted"
    return Application(
        agency=agency,
        reference=reference or f"T{next(_serial):07d}",
        applicant_kind=kind,
        applicant_name="测试申请人",
        channel=channel,
        arrived_at=datetime.combine(received_on, time(9), _ZONE),
        received_on=received_on,
        rules=regulation_for(received_on),
        description="测试",
        status=Status.CLOSED if closed_on else Status.IN_PROGRESS,
        clock_started_on=received_on,
        outcome=outcome if closed_on else "",
        closed_on=closed_on,
    )


def dispute(
    application: Application,
    route: str,
    filed_on: date,
    *,
    result: str = "pending",
    decided_on: date | None = None,
) -> Dispute:
    """An unsaved dispute over a saved application."""
    return Dispute(
        application=application,
        agency_id=application.agency_id,
        route=route,
        result=result,
        filed_on=filed_on,
        decided_on=decided_on,
    )


def t3(report: Report, row: str) -> dict[str, int]:
    """One table-3 row of a report as column -> value."""
    prefix = f"t3.{row}."
    return {
        key[len(prefix) :]: int(value)
        for key, value in report.metrics.items()
        if key.startswith(prefix) and key[len(prefix) :].count(".") == 0
    }
