"""Who may see what through the API: each endpoint × each role × own / child / sibling / anonymous.

Every answer is checked for its status and for rows outside the user's scope; every answer
but an explicit reveal or unmasked export is checked for full identity and phone numbers.
"""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.audit.models import AuditEntry
from tests.annual_helpers import HEADER
from tests.api.scoping_world import TARGETS, VISIBLE, WHO, ScopingWorld

pytestmark = pytest.mark.django_db

CASES = [(who, target) for who in WHO for target in TARGETS]


@pytest.fixture
def world() -> ScopingWorld:
    return ScopingWorld()


def _status(who: str, target: str, *, allowed: bool = True) -> int:
    """Anonymous 403; outside the scope 404; inside it 200, or 403 when the role may not act."""
    if who == "anonymous":
        return 403
    if target not in VISIBLE[who]:
        return 404
    return 200 if allowed else 403


def _csv_references(content: bytes) -> set[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == HEADER.split(",")
    return {row[0] for row in rows[1:]}


@pytest.mark.parametrize(("who", "target"), CASES)
def test_detail(world: ScopingWorld, who: str, target: str) -> None:
    app = world.applications[target]
    response = world.client(who).get(f"/api/applications/{app.pk}/")
    assert response.status_code == _status(who, target)
    assert world.leaked(response.content.decode()) == []
    if response.status_code == 200:
        assert response.json()["reference"] == app.reference
        assert response.json()["applicant_id_number"].startswith("3301*")
    else:
        assert response["Content-Type"] == "application/problem+json"
        assert app.reference not in response.content.decode()


@pytest.mark.parametrize("who", WHO)
def test_list_shows_exactly_the_visible_rows(world: ScopingWorld, who: str) -> None:
    client = world.client(who)
    response = client.get("/api/applications/?limit=200")
    if who == "anonymous":
        assert response.status_code == 403
        return
    expected = world.references(VISIBLE[who] & {"own", "child", "sibling", "city"})
    assert {row["reference"] for row in response.json()["results"]} == expected
    assert response.json()["count"] == len(expected)
    assert world.leaked(response.content.decode()) == []
    # ?subtree=1 narrows to an agency's subtree; it never widens past what the user sees.
    for target in ("own", "sibling", "city"):
        pk = world.agency(target).pk
        rows = client.get(f"/api/applications/?agency={pk}&subtree=1").json()["results"]
        assert {row["reference"] for row in rows} <= expected


@pytest.mark.parametrize("who", WHO)
def test_agency_list(world: ScopingWorld, who: str) -> None:
    response = world.client(who).get("/api/agencies/")
    if who == "anonymous":
        assert response.status_code == 403
        return
    codes = {a["code"] for a in response.json()["results"]}
    expected = {world.agency(t).code for t in VISIBLE[who]}
    assert codes == expected


@pytest.mark.parametrize(("who", "target"), CASES)
def test_export_with_subtree_stays_in_scope_and_masked(
    world: ScopingWorld, who: str, target: str
) -> None:
    code = world.agency(target).code
    response = world.client(who).get(f"/api/ledger/{code}/export.csv?subtree=1")
    assert response.status_code == _status(who, target)
    text = response.content.decode("utf-8-sig")
    assert world.leaked(text) == []
    if response.status_code == 200:
        below = {"own": {"own", "child"}, "child": {"child"}, "sibling": {"sibling"}}[target]
        assert _csv_references(response.content) == world.references(below & VISIBLE[who])
        assert "no-store" in response["Cache-Control"]


def test_a_registrar_of_a_government_exports_only_its_own_cases() -> None:
    # Issue 8: a registrar at the district government exported every agency below it.
    world = ScopingWorld()
    from tests.register_factories import staff

    clerk = staff("city-registrar", (world.city, "registrar"))
    client = world.client("anonymous")
    client.force_login(clerk)
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/api/ledger/CITY/export.{fmt}?subtree=1")
        assert response.status_code == 200
        if fmt == "csv":
            assert _csv_references(response.content) == world.references({"city"})
            assert world.leaked(response.content.decode("utf-8-sig")) == []
    listing = client.get(f"/api/applications/?agency={world.city.pk}&subtree=1").json()
    assert [row["reference"] for row in listing["results"]] == [
        world.applications["city"].reference
    ]


@pytest.mark.parametrize(("who", "target"), CASES)
def test_compile(world: ScopingWorld, who: str, target: str) -> None:
    code = world.agency(target).code
    response = world.client(who).get(f"/api/annual/{code}/2025/?subtree=1")
    assert response.status_code == _status(who, target)
    if response.status_code == 200:
        body = response.json()
        # Own agency with subtree: the child counts only for those who may see it.
        with_child = target == "own" and "child" in VISIBLE[who]
        assert body["metrics"]["t3.received_new.total"] == (2 if with_child else 1)
        assert body["subtree_included"] == (target != "own" or with_child)


_IMPORTERS = {"registrar", "administrator", "superuser"}


@pytest.mark.parametrize(("who", "target"), CASES)
def test_import(world: ScopingWorld, who: str, target: str) -> None:
    reference = f"IMP-{uuid.uuid4().hex[:8].upper()}"
    body = (
        f"{HEADER}\r\n{reference},2025-05-06,互联网,自然人,王五,,,申请内容,予以公开,2025-05-20\r\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("台账.csv", body.encode())
    code = world.agency(target).code
    response = world.client(who).post(f"/api/ledger/{code}/import/", {"file": upload})
    expected = _status(who, target, allowed=who in _IMPORTERS)
    assert response.status_code == (201 if expected == 200 else expected)
    imported = Application.objects.filter(reference=reference)
    assert imported.exists() == (response.status_code == 201)
    if response.status_code == 201:
        assert imported.get().agency == world.agency(target)


# Withdraw and reveal: registrar, handler, office head and administrator act; a supervisor
# only sees.
_ACTORS_BY_STEP = {
    "actions/withdraw/": {"registrar", "handler", "office_head", "administrator", "superuser"},
    "reveal/": {"registrar", "handler", "office_head", "administrator", "superuser"},
}


def _post_to_case(world: ScopingWorld, who: str, target: str, step: str, body: Any) -> Any:
    """``who`` POSTs to ``step`` of the case at ``target``; the status its role and scope give."""
    response = world.post_to_case(who, target, step, body)
    assert response.status_code == _status(who, target, allowed=who in _ACTORS_BY_STEP[step])
    return response


@pytest.mark.parametrize(("who", "target"), CASES)
def test_action(world: ScopingWorld, who: str, target: str) -> None:
    response = _post_to_case(world, who, target, "actions/withdraw/", {"on": "2025-03-05"})
    app = world.applications[target]
    app.refresh_from_db()
    assert (app.status == "closed") == (response.status_code == 200)
    assert world.leaked(response.content.decode()) == []


@pytest.mark.parametrize(("who", "target"), CASES)
def test_reveal_is_explicit_and_audited(world: ScopingWorld, who: str, target: str) -> None:
    response = _post_to_case(world, who, target, "reveal/", {"reason": "核对申请人身份"})
    app = world.applications[target]
    events = ApplicationEvent.objects.filter(application=app, kind="personal_data_revealed")
    if response.status_code == 200:
        number, phone = world.personal[target]
        body = response.json()
        assert body["applicant_id_number"] == number
        assert phone in body["applicant_contact"]
        assert "no-store" in response["Cache-Control"]
        (event,) = events
        assert event.actor == world.users[who]
    else:
        assert world.leaked(response.content.decode()) == []
        assert not events.exists()


_UNMASKERS = {"office_head", "administrator", "superuser"}


@pytest.mark.parametrize("who", WHO)
def test_unmasked_export_is_a_permitted_and_audited_choice(world: ScopingWorld, who: str) -> None:
    response = world.client(who).get("/api/ledger/EDU/export.csv?unmasked=1")
    expected = _status(who, "own", allowed=who in _UNMASKERS)
    assert response.status_code == expected
    audited = AuditEntry.objects.filter(agency=world.own)
    if expected == 200:
        number, phone = world.personal["own"]
        text = response.content.decode("utf-8-sig")
        assert number in text
        assert phone in text
        assert audited.exists()
        assert audited.latest("id").actor == world.users[who]
    else:
        assert world.leaked(response.content.decode()) == []
        assert not audited.exists()
