"""Property: any history of the register compiles to reports that pass every validation rule.

Rows are written straight through the ORM (see annual_helpers): registration through the
actions is tested with the applications app; here only the legal dates matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.compile import compile_report
from gongkai.applications.choices import ApplicantKind, DisputeResult, DisputeRoute, Outcome
from gongkai.applications.models import Application, Dispute
from gongkai.report import Report
from gongkai.validate import check_report, check_series
from tests.annual_helpers import case, dispute, make_agency, t3

YEARS = (2019, 2020, 2021, 2022)
START = date(2018, 7, 1)  # some cases are carried over into the first year
SPAN = (date(2022, 12, 31) - START).days


@dataclass(frozen=True)
class Case:
    received: int  # days after START
    closed_after: int | None  # days from receipt to closing; None = still open
    outcome: str
    kind: str
    at_department: bool
    dispute: (
        tuple[str, int, str, int | None] | None
    )  # route, filed after closing, result, decided after


cases = st.builds(
    Case,
    received=st.integers(0, SPAN),
    closed_after=st.none() | st.integers(0, 420),
    outcome=st.sampled_from(Outcome.values),
    kind=st.sampled_from(ApplicantKind.values),
    at_department=st.booleans(),
    dispute=st.none()
    | st.tuples(
        st.sampled_from(DisputeRoute.values),
        st.integers(0, 200),
        st.sampled_from(DisputeResult.values),
        st.none() | st.integers(0, 400),
    ),
)


def _write(history: list[Case]):
    government = make_agency("示范区人民政府", "PGOV")
    department = make_agency("示范区民政局", "PDEP", government)
    rows = []
    for c in history:
        received = START + timedelta(days=c.received)
        closed = None if c.closed_after is None else received + timedelta(days=c.closed_after)
        agency = department if c.at_department else government
        rows.append(case(agency, received, closed_on=closed, outcome=c.outcome, kind=c.kind))
    Application.objects.bulk_create(rows)
    disputes = []
    for c, row in zip(history, rows, strict=True):
        if c.dispute is None or row.closed_on is None:
            continue
        route, filed_after, result, decided_after = c.dispute
        filed = row.closed_on + timedelta(days=filed_after)
        decided = None if decided_after is None else filed + timedelta(days=decided_after)
        disputes.append(dispute(row, route, filed, result=result, decided_on=decided))
    Dispute.objects.bulk_create(disputes)
    return government, department


def _assert_valid(reports: list[Report]) -> None:
    for report in reports:
        errors = [f for f in check_report(report) if f.severity == "error"]
        assert errors == [], (report.year, errors)
    series = [f for findings in check_series(reports) for f in findings]
    # The series rules are warnings (agencies restate figures); a compiled series must not
    # trip the carried-over one at all.
    assert [f for f in series if f.severity == "error" or f.rule == "series.carried_over"] == []
    # The identities themselves, whatever the validator's rule set.
    for report in reports:
        received, carried_over = t3(report, "received_new"), t3(report, "carried_over")
        total, carried_forward = t3(report, "total"), t3(report, "carried_forward")
        for column in received:
            assert (
                received[column] + carried_over[column] == total[column] + carried_forward[column]
            )
    for previous, current in pairwise(reports):
        assert t3(current, "carried_over") == t3(previous, "carried_forward")


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(cases, max_size=40))
def test_random_histories_compile_to_valid_reports(history: list[Case]) -> None:
    with transaction.atomic():
        government, department = _write(history)
        for agency, rolled_up in ((government, False), (government, True), (department, False)):
            _assert_valid(
                [compile_report(agency, year, include_subordinates=rolled_up) for year in YEARS]
            )
        open_at_end = sum(
            1 for c in history if c.closed_after is None or c.received + c.closed_after > SPAN
        )
        last = compile_report(government, YEARS[-1], include_subordinates=True)
        assert t3(last, "carried_forward")["total"] == open_at_end
        transaction.set_rollback(True)
