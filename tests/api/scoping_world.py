"""A small hierarchy for the API's scoping tests: own agency, a child, a sibling, one user per role.

    某市人民政府 (city)
      ├── 某市教育局 (own: every staff user holds their role here)
      │     └── 某市教育局直属学校 (child)
      └── 某市卫生健康委员会 (sibling)

Each agency has one application whose applicant carries a valid identity number and a
mobile number, so a test can look for them in any answer.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.applications.actions import RegisterApplication
from gongkai.applications.models import Application
from tests.register_factories import agency, at, staff

ROLES = ("registrar", "handler", "office_head", "supervisor", "administrator")
WHO = (*ROLES, "superuser", "anonymous")
TARGETS = ("own", "child", "sibling")
# Which targets each user may see (gongkai.agencies.access: oversight reaches below).
VISIBLE: dict[str, frozenset[str]] = {
    "registrar": frozenset({"own"}),
    "handler": frozenset({"own"}),
    "office_head": frozenset({"own"}),
    "supervisor": frozenset({"own", "child"}),
    "administrator": frozenset({"own", "child"}),
    "superuser": frozenset({"own", "child", "sibling", "city"}),
    "anonymous": frozenset(),
}
RECEIVED = date(2025, 3, 3)


def id_number(body17: str) -> str:
    """A mainland identity number with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body17, weights, strict=True))
    return body17 + "10X98765432"[total % 11]


class ScopingWorld:
    """The hierarchy above, its users and one application per agency."""

    def __init__(self) -> None:
        self.city = agency("某市人民政府", "CITY", kind="government")
        self.own = agency("某市教育局", "EDU", parent=self.city)
        self.child = agency("某市教育局直属学校", "EDU-S", parent=self.own, kind="other")
        self.sibling = agency("某市卫生健康委员会", "HEALTH", parent=self.city)
        self.users: dict[str, User | None] = {
            role: staff(f"{role}-user", (self.own, role)) for role in ROLES
        }
        self.users["superuser"] = User.objects.create(
            username="root", is_superuser=True, is_staff=True
        )
        self.users["anonymous"] = None
        writer = self.users["superuser"]
        self.applications: dict[str, Application] = {}
        self.personal: dict[str, tuple[str, str]] = {}
        for n, (name, where) in enumerate(
            (
                ("city", self.city),
                ("own", self.own),
                ("child", self.child),
                ("sibling", self.sibling),
            )
        ):
            number = id_number(f"33010219900101{n}12")
            phone = f"1380013{n:04d}"
            self.personal[name] = (number, phone)
            self.applications[name] = RegisterApplication.execute(
                writer,
                None,
                agency=where,
                applicant_kind="natural_person",
                applicant_name=f"申请人{n}",
                applicant_id_number=number,
                applicant_contact=f"手机 {phone}",
                channel="in_person",
                arrived_at=at(RECEIVED),
                description=f"申请公开{name}的信息",
            )

    def agency(self, target: str) -> Agency:
        """The agency called ``target`` ("own", "child", "sibling", "city")."""
        found: Agency = getattr(self, target)
        return found

    def client(self, who: str) -> Client:
        """A client logged in as ``who`` (no session for "anonymous")."""
        client = Client()
        user = self.users[who]
        if user is not None:
            client.force_login(user)
        return client

    def post_to_case(self, who: str, target: str, step: str, body: dict[str, Any]) -> Any:
        """``who`` POSTs ``body`` as JSON to ``step`` (e.g. "reveal/") of the case at ``target``."""
        app = self.applications[target]
        return self.client(who).post(
            f"/api/applications/{app.pk}/{step}", json.dumps(body), content_type="application/json"
        )

    def references(self, targets: Any) -> set[str]:
        """The references of the applications at ``targets``."""
        return {self.applications[t].reference for t in targets}

    def leaked(self, text: str) -> list[str]:
        """Full identity numbers or phone numbers that appear in ``text``."""
        return [value for pair in self.personal.values() for value in pair if value in text]
