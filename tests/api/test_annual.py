"""The annual JSON API and management commands: compile, export, import."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from gongkai.agencies.models import StaffRole
from gongkai.applications.models import Application
from tests.annual_helpers import HEADER, case, make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    government = make_agency("示范区人民政府", "GOV")
    department = make_agency("示范区教育局", "EDU", government)
    Application.objects.bulk_create(
        [
            case(government, date(2023, 3, 1), closed_on=date(2023, 3, 20), outcome="granted"),
            case(department, date(2023, 4, 1)),
        ]
    )
    user = get_user_model().objects.create_user("clerk", password="x")
    StaffRole.objects.create(user=user, agency=department, role="registrar")
    return government, department, user


def test_compiled_report_json_for_a_visible_agency(client, setting) -> None:
    _, _, user = setting
    client.force_login(user)
    response = client.get("/api/annual/EDU/2023/")
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == "gongkai:agency/EDU/2023"
    assert body["metrics"]["t3.received_new.total"] == 1
    assert body["metrics"]["t3.carried_forward.total"] == 1
    assert [f for f in body["findings"] if f["severity"] == "error"] == []
    assert "尚未审结" in body["dispute_counting_rule"]


def test_compiled_report_refuses_invisible_agencies_and_old_years(client, setting) -> None:
    _, _, user = setting
    assert client.get("/api/annual/EDU/2023/").status_code == 403  # not logged in
    client.force_login(user)
    # A registrar at the department does not see the government above it.
    assert client.get("/api/annual/GOV/2023/").status_code == 404
    response = client.get("/api/annual/EDU/2018/")
    assert response.status_code == 400
    assert "2008" in response.json()["detail"]


def test_compiled_report_html_and_rollup(client, setting) -> None:
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    body = client.get("/api/annual/GOV/2023/?subtree=1").json()
    assert body["metrics"]["t3.received_new.total"] == 2
    page = client.get("/api/annual/GOV/2023/?format=html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "本年新收政府信息公开申请数量" in page.content.decode()


def test_import_through_the_api_all_or_nothing(client, setting) -> None:
    _, _, user = setting
    client.force_login(user)
    good = f"{HEADER}\r\nA-1,2023-05-01,互联网,自然人,张三,,,申请内容,予以公开,2023-05-10\r\n"
    bad = good + "A-2,2023-13-01,互联网,自然人,李四,,,申请内容,,\r\n"
    response = client.post(
        "/api/ledger/EDU/import/", {"file": SimpleUploadedFile("台账.csv", bad.encode())}
    )
    assert response.status_code == 400
    assert response.json()["problems"] == ["第 3 行：收到日期“2023-13-01”不是有效日期。"]
    assert not Application.objects.filter(reference="A-1").exists()
    response = client.post(
        "/api/ledger/EDU/import/", {"file": SimpleUploadedFile("台账.csv", good.encode())}
    )
    assert response.status_code == 201
    assert response.json()["created"] == 1
    # The registrar of the department may not import into the government's register.
    assert client.post("/api/ledger/GOV/import/", {}).status_code == 404


def test_export_through_the_api(client, setting) -> None:
    _, _, user = setting
    client.force_login(user)
    response = client.get("/api/ledger/EDU/export.csv")
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 2
    assert client.get("/api/ledger/EDU/export.pdf").status_code == 400


def test_commands_compile_export_import(setting, tmp_path) -> None:
    out = StringIO()
    call_command("compile_report", "GOV", "2023", "--subtree", stdout=out)
    assert json.loads(out.getvalue())["metrics"]["t3.received_new.total"] == 2
    with pytest.raises(CommandError, match="2008"):
        call_command("compile_report", "GOV", "2017", stdout=StringIO())
    target = tmp_path / "ledger.xlsx"
    call_command(
        "export_ledger",
        "GOV",
        "--subtree",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=StringIO(),
    )
    Application.objects.all().delete()
    out = StringIO()
    call_command("import_ledger", "GOV", str(target), stdout=out)
    assert out.getvalue().startswith("已导入 2 件申请")
    with pytest.raises(CommandError, match="第 2 行：编号"):
        call_command("import_ledger", "GOV", str(target), stdout=StringIO())
