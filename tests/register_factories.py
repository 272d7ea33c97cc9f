"""Builders for the register's tests: agencies, staff with roles, applications."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from gongkai.agencies.models import Agency, StaffRole
from gongkai.applications.actions import RegisterApplication
from gongkai.applications.models import Application


def agency(
    name: str, code: str, *, parent: Agency | None = None, kind: str = "department"
) -> Agency:
    return Agency.objects.create(name=name, code=code, parent=parent, kind=kind)


def staff(username: str, *roles: tuple[Agency, str]) -> User:
    # No password hashing: tests log in with force_login.
    user = User.objects.create(username=username)
    for where, role in roles:
        StaffRole.objects.create(user=user, agency=where, role=role)
    return user


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


class World:
    """A county government with one department and a town, and one user per role."""

    def __init__(self) -> None:
        self.county = agency("某县人民政府", "county", kind="government")
        self.bureau = agency("某县财政局", "bureau", parent=self.county)
        self.town = agency("某镇人民政府", "town", parent=self.county, kind="town")
        self.registrar = staff("registrar", (self.bureau, "registrar"))
        self.handler = staff("handler", (self.bureau, "handler"))
        self.head = staff("head", (self.bureau, "office_head"))
        self.supervisor = staff("supervisor", (self.county, "supervisor"))
        self.admin = staff("administrator", (self.county, "administrator"))
        self.town_head = staff("town_head", (self.town, "office_head"))
        self.outsider = staff("outsider")

    def register(
        self,
        received_on: date = date(2025, 3, 3),
        *,
        by: User | None = None,
        at_agency: Agency | None = None,
        **fields: Any,
    ) -> Application:
        """An application registered by the bureau's registrar (or ``by`` at ``at_agency``)."""
        values: dict[str, Any] = {
            "applicant_kind": "natural_person",
            "applicant_name": "张三",
            "channel": "in_person",
            "arrived_at": at(received_on),
            "description": f"申请公开某项信息 {Application.objects.count()}",
        }
        values.update(fields)
        return RegisterApplication.execute(
            by or self.registrar, agency=at_agency or self.bureau, **values
        )


def registration_fields(w: World, **changes: Any) -> dict[str, Any]:
    """The fields of a valid registration form at ``w.bureau`` (a walk-in natural person)."""
    fields: dict[str, Any] = {
        "agency": w.bureau.pk,
        "applicant_kind": "natural_person",
        "applicant_name": "张三",
        "channel": "in_person",
        "arrived_at": "2025-03-03T10:00:00+08:00",
        "description": "申请公开某项信息",
    }
    fields.update(changes)
    return fields
