"""The admin: every page renders, and state changes go through the actions."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai.applications.models import Application, ApplicationEvent
from tests.register_factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client() -> Client:
    root = User.objects.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    return client


def test_every_admin_list_and_the_application_page_render(root_client: Client) -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    for url in (
        "/admin/",
        "/admin/applications/application/",
        "/admin/applications/applicationevent/",
        "/admin/applications/dispute/",
        "/admin/applications/calendaroverride/",
        "/admin/applications/calendaryear/",
        "/admin/agencies/agency/",
        "/admin/agencies/staffrole/",
        "/admin/applications/application/register/",
    ):
        assert root_client.get(url).status_code == 200, url
    page = root_client.get(f"/admin/applications/application/{app.pk}/change/").content.decode()
    assert "答复期限的计算" in page
    assert f"/admin/applications/application/{app.pk}/action/answer/" in page
    assert "/action/record_delivery/" not in page  # not available while open


def test_the_change_form_cannot_edit_the_status(root_client: Client) -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    root_client.post(
        f"/admin/applications/application/{app.pk}/change/",
        {"status": "closed", "outcome": "granted", "closed_on": "2025-03-04"},
    )
    app.refresh_from_db()
    assert (app.status, app.outcome, app.closed_on) == ("registered", "", None)
    assert root_client.get("/admin/applications/application/add/").status_code == 403


def test_register_and_answer_through_admin_pages(root_client: Client) -> None:
    w = World()
    response = root_client.post(
        "/admin/applications/application/register/",
        {
            "agency": w.bureau.pk,
            "applicant_kind": "natural_person",
            "applicant_name": "张三",
            "channel": "in_person",
            "arrived_at": "2025-03-03T10:00",
            "description": "某信息",
            "idempotency_key": "form-1",
        },
    )
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.deadline == date(2025, 3, 31)

    url = f"/admin/applications/application/{app.pk}/action/answer/"
    form = {"on": "2025-03-20", "outcome": "partially_granted", "idempotency_key": "f2"}
    assert root_client.post(url, form).status_code == 302
    assert root_client.post(url, form).status_code == 302  # the same form again: no-op
    app.refresh_from_db()
    assert (app.status, app.outcome) == ("closed", "partially_granted")
    assert ApplicationEvent.objects.filter(kind="answered").count() == 1

    again = root_client.post(url, {**form, "idempotency_key": "f3"})
    assert again.status_code == 200
    assert "不能答复" in again.content.decode()


def test_staff_with_a_role_use_the_admin_and_the_action_decides() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    for user in (w.handler, w.outsider):
        user.is_staff = True
        user.save()
    handler = Client()
    handler.force_login(w.handler)
    assert handler.get("/admin/applications/application/").status_code == 200
    url = f"/admin/applications/application/{app.pk}/action/answer/"
    refused = handler.post(url, {"on": "2025-03-20", "outcome": "granted"})
    assert refused.status_code == 200
    assert "无权答复" in refused.content.decode()
    assert Application.objects.get().status == "registered"
    outsider = Client()
    outsider.force_login(w.outsider)
    assert outsider.get(url).status_code == 403


def test_events_are_read_only_in_the_admin(root_client: Client) -> None:
    w = World()
    event = w.register(date(2025, 3, 3)).events.get()
    base = f"/admin/applications/applicationevent/{event.pk}"
    # The admin itself refuses, even to a superuser; the model refuses too (AuditImmutable).
    assert root_client.post(f"{base}/change/", {"note": "改"}).status_code == 403
    assert root_client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert ApplicationEvent.objects.get().note == ""
