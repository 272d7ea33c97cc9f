"""Office settings: administrator only, scoped to the administered subtree, every change audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from gongkai.agencies.models import Agency, StaffRole
from gongkai.annual.models import Table2Entry
from gongkai.applications.models import Application, CalendarOverride, CalendarYear
from gongkai.audit.models import AuditEntry
from tests.register_factories import World, agency, staff

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


class Counties(World):
    """The World's county, and a second county with its own administrator."""

    def __init__(self) -> None:
        super().__init__()
        self.other = agency("另县人民政府", "other", kind="government")
        self.other_bureau = agency("另县教育局", "other-bureau", parent=self.other)
        self.other_admin = staff("other_admin", (self.other, "administrator"))


@pytest.mark.parametrize("who", ["handler", "head", "registrar", "supervisor", "town_head"])
def test_other_roles_are_refused_in_chinese(who: str) -> None:
    w = World()
    client = client_for(getattr(w, who))
    for url in (
        "/staff/office/",
        "/staff/office/staff/",
        "/staff/office/calendar/",
        "/staff/office/table2/",
        "/staff/office/agencies/new/",
    ):
        page = client.get(url)
        assert page.status_code == 403, url
        assert "机构设置仅供管理员使用" in page.content.decode()
    assert (
        client.post(
            "/staff/office/calendar/", {"date": "2027-01-02", "is_workday": "1"}
        ).status_code
        == 403
    )
    assert not CalendarOverride.objects.exists()


def test_anonymous_users_go_to_the_login_page() -> None:
    response = Client().get("/staff/office/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_the_overview_lists_the_administered_agencies_only_and_links_the_settings() -> None:
    w = Counties()
    page = client_for(w.admin).get("/staff/office/").content.decode()
    assert "<title>机构设置 · " in page
    assert "某县财政局" in page and "某镇人民政府" in page and "另县" not in page
    assert 'href="/staff/letters/templates/"' in page
    assert "最近的更改" in page


def test_an_administrator_creates_and_edits_agencies_in_the_subtree_audited() -> None:
    w = Counties()
    admin = client_for(w.admin)
    created = admin.post(
        "/staff/office/agencies/new/",
        {"name": "某县教育局", "kind": "department", "parent": w.county.pk, "code": "edu"},
    )
    assert created.status_code == 302
    edu = Agency.objects.get(code="edu")
    assert edu.parent == w.county and edu.path == f"{w.county.path}{edu.pk}/"
    renamed = admin.post(
        "/staff/office/agencies/edu/",
        {"name": "某县教育和体育局", "kind": "department", "parent": w.county.pk, "code": "edu"},
    )
    assert renamed.status_code == 302
    entries = AuditEntry.objects.filter(action="agency", agency=edu)
    assert entries.count() == 2
    assert entries.first().after["name"] == "某县教育和体育局"  # type: ignore[union-attr]
    assert "设置机关：某县教育和体育局" in admin.get("/staff/office/").content.decode()


def test_an_administrator_cannot_touch_another_county() -> None:
    w = Counties()
    admin = client_for(w.admin)
    assert admin.get("/staff/office/agencies/other-bureau/").status_code == 403
    moved = admin.post(
        "/staff/office/agencies/new/",
        {"name": "越权局", "kind": "department", "parent": w.other.pk, "code": "x"},
    )
    assert moved.status_code == 400
    assert "上级机关：选择一个有效的选项" in moved.content.decode()
    assert not Agency.objects.filter(code="x").exists()
    # Nor may the other county's administrator move our bureau under theirs.
    other = client_for(w.other_admin)
    assert (
        other.post(
            "/staff/office/agencies/bureau/",
            {"name": "某县财政局", "kind": "department", "parent": w.other.pk, "code": "bureau"},
        ).status_code
        == 403
    )
    role = StaffRole.objects.get(user=w.handler)
    assert other.post(f"/staff/office/roles/{role.pk}/delete/").status_code == 302
    assert StaffRole.objects.filter(pk=role.pk).exists()
    assert not AuditEntry.objects.filter(action__in=["agency", "staff_role"]).exists()


def test_staff_accounts_and_roles_are_created_and_removed_audited() -> None:
    w = Counties()
    admin = client_for(w.admin)
    created = admin.post(
        "/staff/office/staff/new/",
        {
            "username": "lisi",
            "full_name": "李四",
            "email": "lisi@example.cn",
            "password": "Xq7-某县-2026-pass",
            "agency": w.town.pk,
            "role": "handler",
        },
    )
    assert created.status_code == 302
    lisi = User.objects.get(username="lisi")
    assert lisi.check_password("Xq7-某县-2026-pass") and lisi.first_name == "李四"
    assert list(StaffRole.objects.filter(user=lisi).values_list("agency__code", "role")) == [
        ("town", "handler")
    ]
    added = admin.post(
        "/staff/office/roles/", {"user": lisi.pk, "agency": w.bureau.pk, "role": "registrar"}
    )
    assert added.status_code == 302
    again = admin.post(
        "/staff/office/roles/", {"user": lisi.pk, "agency": w.bureau.pk, "role": "registrar"}
    )
    assert again.status_code == 400 and "已有这个角色" in again.content.decode()
    role = StaffRole.objects.get(user=lisi, agency=w.bureau)
    assert admin.post(f"/staff/office/roles/{role.pk}/delete/").status_code == 302
    assert not StaffRole.objects.filter(pk=role.pk).exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["staff_account", "staff_role", "staff_role", "staff_role"]
    assert "Xq7" not in str(list(AuditEntry.objects.values_list("after", flat=True)))
    # A weak password and a taken username are refused beside their fields.
    weak = admin.post(
        "/staff/office/staff/new/",
        {
            "username": "lisi",
            "full_name": "李四",
            "password": "123",
            "agency": w.town.pk,
            "role": "handler",
        },
    )
    assert weak.status_code == 400
    # Roles can be given only at administered agencies, and not the own admin role away.
    assert (
        admin.post(
            "/staff/office/roles/", {"user": lisi.pk, "agency": w.other.pk, "role": "handler"}
        ).status_code
        == 400
    )
    own = StaffRole.objects.get(user=w.admin)
    refused = admin.post(f"/staff/office/roles/{own.pk}/delete/", follow=True)
    assert "不能更改或撤销自己的管理员角色" in refused.content.decode()


def test_calendar_overrides_recompute_open_deadlines_and_say_how_many() -> None:
    w = World()
    admin = client_for(w.admin)
    with time_machine.travel("2025-03-04T10:00:00+08:00"):
        app = w.register(date(2025, 3, 3))
        assert app.deadline == date(2025, 3, 31)
        added = admin.post(
            "/staff/office/calendar/?year=2025",
            {"date": "2025-03-10", "is_workday": "0", "note": "临时休息"},
            follow=True,
        )
        page = added.content.decode()
        assert "1 件在办案件的办理期限已按新日历重新计算" in page
        assert Application.objects.get(pk=app.pk).deadline == date(2025, 4, 1)
        day = CalendarOverride.objects.get(date=date(2025, 3, 10))
        deleted = admin.post(f"/staff/office/calendar/{day.pk}/delete/", follow=True)
        assert "1 件在办案件的办理期限" in deleted.content.decode()
        assert Application.objects.get(pk=app.pk).deadline == date(2025, 3, 31)
        unchanged = admin.post(
            "/staff/office/calendar/", {"date": "2025-08-02", "is_workday": "0"}, follow=True
        )
        assert "未改变任何在办案件的办理期限" in unchanged.content.decode()
        declared = admin.post("/staff/office/calendar/year/", {"year": "2026"}, follow=True)
        assert "已登记 2026 年" in declared.content.decode()
        assert CalendarYear.objects.filter(year=2026).exists()
        listing = admin.get("/staff/office/calendar/?year=2025").content.decode()
        assert "2025-08-02" in listing
        changes = admin.get("/staff/office/").content.decode()
    assert "调整工作日历" in changes
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("calendar_day") == 3 and actions.count("calendar_year") == 1


def test_table2_is_entered_for_an_administered_agency_audited() -> None:
    w = Counties()
    admin = client_for(w.admin)
    with time_machine.travel("2026-01-20T10:00:00+08:00"):
        page = admin.get("/staff/office/table2/?agency=town&year=2025")
        assert page.status_code == 200 and "某镇人民政府" in page.content.decode()
        saved = admin.post(
            "/staff/office/table2/?agency=town&year=2025",
            {"licensing__decisions": "7", "fees__amount_wan_yuan": "0.25"},
        )
        assert saved.status_code == 302
        bad = admin.post(
            "/staff/office/table2/?agency=town&year=2025", {"licensing__decisions": "-1"}
        )
        assert bad.status_code == 400 and "不能为负数" in bad.content.decode()
        # Another county's code falls back to an administered agency, never the other county.
        admin.post("/staff/office/table2/?agency=other&year=2025", {"licensing__decisions": "9"})
    figures = dict(Table2Entry.objects.filter(agency=w.town).values_list("key", "value"))
    assert figures == {"t2.licensing.decisions": 7, "t2.fees.amount_wan_yuan": pytest.approx(0.25)}
    assert not Table2Entry.objects.filter(agency=w.other).exists()
    assert AuditEntry.objects.filter(action="table2_figure", agency=w.town).count() == 2


def test_a_malformed_calendar_day_is_refused_beside_its_field() -> None:
    w = World()
    page = client_for(w.admin).post(
        "/staff/office/calendar/", {"date": "2027-02-30x", "is_workday": "1"}
    )
    assert page.status_code == 400
    assert "日期：" in page.content.decode()
    assert not CalendarOverride.objects.exists()


def test_the_agency_action_itself_checks_the_subtree_and_the_root() -> None:
    from gongkai.audit.actions import RecordRefused
    from gongkai.audit.organisation import ChangeAgency

    w = Counties()
    with pytest.raises(RecordRefused, match="须由另县人民政府的管理员办理"):
        ChangeAgency.save(w.admin, Agency(name="越权", code="y", kind="department", parent=w.other))
    w.bureau.parent = w.other
    with pytest.raises(RecordRefused, match="不在您管理的范围内"):
        ChangeAgency.save(w.admin, w.bureau)
    with pytest.raises(RecordRefused, match="最上级机关"):
        ChangeAgency.save(w.admin, Agency(name="新县", code="z", kind="government"))
    with pytest.raises(RecordRefused, match="管理员"):
        ChangeAgency.save(w.head, Agency(name="某局", code="h", kind="department", parent=w.bureau))
    assert not Agency.objects.filter(code__in=["y", "z", "h"]).exists()
    assert Agency.objects.get(code="bureau").parent == w.county


def test_a_help_text_is_the_one_its_input_is_described_by() -> None:
    w = Counties()
    page = client_for(w.admin).get("/staff/office/staff/").content.decode()
    assert 'aria-describedby="id_email_helptext"' in page
    assert 'id="id_email_helptext"' in page and "用于接收到期提醒。" in page
