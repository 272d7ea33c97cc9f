"""The dashboard: groups by what is due (working calendar), scoping, masking, lists, export."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from gongkai.applications.models import Application, Dispute
from tests.register_factories import World

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: date) -> Any:
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, 30, tzinfo=SHANGHAI))


def _case(w: World, **fields: Any) -> Application:
    # Registered through the action; then set to the state the test needs (test set-up only).
    app = w.register(date(2026, 1, 5))
    Application.objects.filter(pk=app.pk).update(**fields)
    app.refresh_from_db()
    return app


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _counts(client: Client, **params: str) -> dict[tuple[str, str], int]:
    page = client.get("/staff/", params)
    assert page.status_code == 200
    return {
        (row["group"].key, which): row[which]
        for row in page.context["counts"]
        for which in ("mine", "office")
    }


def _listed(client: Client, **params: str) -> set[str]:
    page = client.get("/staff/", params)
    return {row["object"].reference for row in page.context["listing"].rows()}


def test_groups_on_the_friday_before_the_spring_festival_follow_the_working_calendar() -> None:
    w = World()
    # Friday 13 Feb 2026: Saturday 14 Feb is a make-up working day, 15-23 Feb the holiday, so
    # 5 working days ahead is 27 Feb, not 20 Feb.
    overdue = _case(w, deadline=date(2026, 2, 12))
    today = _case(w, deadline=date(2026, 2, 13), assigned_to=w.handler)
    soon_edge = _case(w, deadline=date(2026, 2, 27))
    later = _case(w, deadline=date(2026, 3, 2))
    correction = _case(w, status="awaiting_correction", deadline=None)
    consulting = _case(w, status="consulting", deadline=date(2026, 3, 20))
    fee = _case(w, status="awaiting_fee", deadline=date(2026, 3, 20))
    closed = _case(w, status="closed", closed_on=date(2026, 2, 1), outcome="granted")
    _case(w, status="closed", closed_on=date(2025, 12, 1), outcome="granted")  # too old
    with _at(date(2026, 2, 13)):
        head = _client(w.head)
        counts = _counts(head)
        assert counts[("overdue", "office")] == 1
        assert counts[("today", "office")] == 1
        assert counts[("today", "mine")] == 0
        assert counts[("soon", "office")] == 1
        assert counts[("correction", "office")] == 1
        assert counts[("consulting", "office")] == 1
        assert counts[("fee", "office")] == 1
        assert counts[("closed", "office")] == 1
        assert _listed(head, group="overdue") == {overdue.reference}
        assert _listed(head, group="soon") == {soon_edge.reference}
        assert _listed(head, group="closed") == {closed.reference}
        assert later.reference not in _listed(head, group="soon")
        assert _listed(head, group="correction") == {correction.reference}
        assert _listed(head, group="consulting") == {consulting.reference}
        assert _listed(head, group="fee") == {fee.reference}
        mine = _counts(_client(w.handler))
        assert mine[("today", "mine")] == 1
        assert _listed(_client(w.handler), group="today", scope="mine") == {today.reference}
        html = head.get("/staff/", {"group": "soon"}).content.decode()
        assert "2026-02-27" in html and "剩余 5 个工作日" in html


def test_on_the_eve_of_the_spring_festival_the_horizon_reaches_the_make_up_saturday() -> None:
    w = World()
    # 16 Feb 2026 (除夕) is a holiday; the 5th working day after it is Saturday 28 Feb.
    edge = _case(w, deadline=date(2026, 2, 28))
    _case(w, deadline=date(2026, 3, 2))
    due_in_holiday = _case(w, deadline=date(2026, 2, 16))
    with _at(date(2026, 2, 16)):
        head = _client(w.head)
        assert _listed(head, group="soon") == {edge.reference}
        assert _listed(head, group="today") == {due_in_holiday.reference}


def test_a_town_head_never_sees_the_bureaus_cases_and_outsiders_are_refused() -> None:
    w = World()
    bureau_case = _case(w, deadline=date(2026, 2, 12))
    with _at(date(2026, 2, 13)):
        town = _client(w.town_head)
        counts = _counts(town)
        assert all(value == 0 for value in counts.values())
        page = town.get("/staff/", {"group": "overdue"}).content.decode()
        assert bureau_case.reference not in page
        export = town.get("/staff/", {"export": "csv"}).content.decode("utf-8-sig")
        assert bureau_case.reference not in export
        # Asking for the bureau by id in the filter does not widen the scope.
        forced = town.get("/staff/", {"agency": str(w.bureau.pk)})
        assert bureau_case.reference not in forced.content.decode()
        assert Client().get("/staff/").status_code == 302
        assert _client(w.outsider).get("/staff/").status_code == 403
        assert _client(w.outsider).get("/staff/disputes/").status_code == 403


def test_personal_data_is_masked_in_the_page_and_the_exports() -> None:
    w = World()
    app = _case(
        w,
        deadline=date(2026, 2, 12),
        applicant_id_number="11010519491231002X",
        applicant_contact="电话 13812345678",
        applicant_name='=HYPERLINK("http://x")',
    )
    with _at(date(2026, 2, 13)):
        head = _client(w.head)
        html = head.get("/staff/").content.decode()
        assert app.reference in html
        csv_bytes = head.get("/staff/", {"export": "csv"}).content
        assert csv_bytes.startswith(b"\xef\xbb\xbf")
        text = csv_bytes.decode("utf-8-sig")
        xlsx = head.get("/staff/", {"export": "xlsx"}).content
        sheet = load_workbook(io.BytesIO(xlsx)).active
        assert sheet is not None
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
        for output in (html, text, " ".join(cells)):
            assert "11010519491231002X" not in output
            assert "13812345678" not in output
        rows = list(csv.reader(io.StringIO(text)))
        header, row = rows[0], rows[1]
        assert row[header.index("案件编号")] == app.reference
        assert row[header.index("申请人")].startswith("'=")  # formula neutralised
        assert "1101" in row[header.index("证件号码（已遮蔽）")]
        assert row[header.index("答复期限")] == "2026-02-12"
        assert row[header.index("期限状态")] == "已逾期 1 个工作日"
        assert any(c.startswith("'=") for c in cells)


def test_filters_sorting_pagination_and_the_export_follow_the_same_query() -> None:
    w = World()
    for n in range(55):
        _case(
            w,
            deadline=date(2026, 3, 1 + n % 28),
            channel="registered_post" if n % 5 == 0 else "in_person",
        )
    with _at(date(2026, 2, 13)):
        head = _client(w.head)
        first = head.get("/staff/")
        listing = first.context["listing"]
        assert listing.total == 55
        assert len(listing.rows()) == 50
        assert "共 <strong>55</strong> 条" in first.content.decode()
        second = head.get("/staff/", {"page": "2"}).context["listing"]
        assert len(second.rows()) == 5
        deadlines = [r["object"].deadline for r in listing.rows()]
        assert deadlines == sorted(deadlines)
        backwards = head.get("/staff/", {"sort": "-deadline"}).context["listing"].rows()
        assert backwards[0]["object"].deadline == date(2026, 3, 28)
        mail = head.get("/staff/", {"channel": "registered_post"}).context["listing"]
        assert mail.total == 11
        export = head.get("/staff/", {"channel": "registered_post", "export": "csv"}).content
        assert len(export.decode("utf-8-sig").strip().splitlines()) == 1 + 11
        bogus = head.get("/staff/", {"sort": "applicant_id_number"})
        assert bogus.status_code == 200  # unknown sort keys fall back to the default


def test_open_reconsiderations_and_lawsuits_are_listed_for_the_office() -> None:
    w = World()
    app = _case(w, status="closed", closed_on=date(2026, 1, 20), outcome="denied.internal_affairs")
    Dispute.objects.create(
        application=app,
        agency=w.bureau,
        route="reconsideration",
        filed_on=date(2026, 2, 2),
        reference="复议〔2026〕7号",
    )
    Dispute.objects.create(
        application=app,
        agency=w.bureau,
        route="reconsideration",
        filed_on=date(2026, 1, 2),
        result="upheld",
        reference="旧案",
    )
    with _at(date(2026, 2, 13)):
        head = _client(w.head)
        page = head.get("/staff/disputes/").content.decode()
        assert "复议〔2026〕7号" in page
        assert "旧案" not in page  # decided: no longer open
        assert "未结复议诉讼" in head.get("/staff/").content.decode()
        town = _client(w.town_head).get("/staff/disputes/").content.decode()
        assert "复议〔2026〕7号" not in town
