"""The audit log is append-only and each user reads only the entries of agencies they see."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.audit.log import record_audit
from gongkai.audit.models import AuditEntry, AuditImmutable
from gongkai.audit.organisation import administered_agencies
from tests.register_factories import World, staff

pytestmark = pytest.mark.django_db


def test_entries_cannot_be_changed_or_deleted() -> None:
    w = World()
    entry = record_audit(w.admin, "test", summary="x" * 600, agency=w.bureau)
    assert len(entry.summary) == 500
    entry.summary = "改"
    with pytest.raises(AuditImmutable):
        entry.save()
    with pytest.raises(AuditImmutable):
        entry.delete()
    assert AuditEntry.objects.get().summary == "x" * 500


def test_the_audit_admin_shows_only_visible_agencies() -> None:
    w = World()
    record_audit(w.admin, "test", summary="财政局的调整", agency=w.bureau)
    record_audit(w.admin, "test", summary="镇的调整", agency=w.town)
    for user in (w.head, w.town_head):
        user.is_staff = True
        user.save()
    head = Client()
    head.force_login(w.head)
    page = head.get("/admin/audit/auditentry/").content.decode()
    assert "财政局的调整" in page and "镇的调整" not in page
    assert head.post("/admin/audit/auditentry/add/", {}).status_code == 403


def test_administered_agencies_are_the_subtrees_of_administrator_roles() -> None:
    w = World()
    assert set(administered_agencies(w.admin)) == {w.county, w.bureau, w.town}
    town_admin = staff("town_admin", (w.town, "administrator"), (w.bureau, "handler"))
    assert set(administered_agencies(town_admin)) == {w.town}
    assert not administered_agencies(w.supervisor).exists()
    assert not administered_agencies(w.outsider).exists()
