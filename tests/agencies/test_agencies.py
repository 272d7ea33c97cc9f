"""Agencies in a hierarchy, roles, and who sees which applications."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from gongkai.agencies.access import agencies_visible_to, roles_at
from gongkai.agencies.models import Agency, StaffRole
from gongkai.applications.visibility import applications_visible_to
from tests.register_factories import World, agency, staff

pytestmark = pytest.mark.django_db


def test_paths_follow_the_hierarchy_and_subtree_is_one_prefix_query(
    django_assert_num_queries: object,
) -> None:
    county = agency("某县人民政府", "c", kind="government")
    bureau = agency("某县教育局", "b", parent=county)
    school_office = agency("某县教育局基建科", "bs", parent=bureau, kind="other")
    town = agency("某镇", "t", parent=county, kind="town")
    other = agency("另一县", "o", kind="government")
    assert county.path == f"/{county.pk}/"
    assert school_office.path == f"/{county.pk}/{bureau.pk}/{school_office.pk}/"
    with django_assert_num_queries(1):  # type: ignore[operator]
        names = sorted(a.name for a in county.subtree())
    assert names == sorted(["某县人民政府", "某县教育局", "某县教育局基建科", "某镇"])
    assert list(bureau.subtree().order_by("pk")) == [bureau, school_office]
    assert other not in county.subtree()
    assert town.ancestor_ids() == [county.pk, town.pk]


def test_moving_an_agency_reroots_its_descendants() -> None:
    county = agency("某县", "c", kind="government")
    town = agency("某镇", "t", parent=county, kind="town")
    office = agency("某镇党政办", "to", parent=town, kind="other")
    city = agency("某市", "city", kind="government")
    county.parent = city
    county.save()
    office.refresh_from_db()
    town.refresh_from_db()
    assert town.path == f"/{city.pk}/{county.pk}/{town.pk}/"
    assert office.path == f"/{city.pk}/{county.pk}/{town.pk}/{office.pk}/"
    assert set(city.subtree()) == {city, county, town, office}


def test_an_agency_cannot_become_its_own_descendant() -> None:
    county = agency("某县", "c", kind="government")
    town = agency("某镇", "t", parent=county, kind="town")
    county.parent = town
    with pytest.raises(ValidationError):
        county.full_clean()
    with pytest.raises(ValidationError):
        county.save()
    county.refresh_from_db()
    assert county.parent is None


def test_a_role_is_held_once_per_user_and_agency() -> None:
    county = agency("某县", "c", kind="government")
    user = staff("u", (county, "handler"))
    with pytest.raises(IntegrityError):
        StaffRole.objects.create(user=user, agency=county, role="handler")


def test_oversight_roles_reach_below_and_office_roles_stay_at_their_agency() -> None:
    w = World()
    assert roles_at(w.supervisor, w.bureau) == {"supervisor"}
    assert roles_at(w.admin, w.town) == {"administrator"}
    assert roles_at(w.handler, w.bureau) == {"handler"}
    assert roles_at(w.handler, w.town) == frozenset()
    assert roles_at(w.town_head, w.county) == frozenset()
    assert set(agencies_visible_to(w.supervisor)) == {w.county, w.bureau, w.town}
    assert set(agencies_visible_to(w.handler)) == {w.bureau}
    assert not agencies_visible_to(w.outsider).exists()


def test_applications_visible_to_each_user() -> None:
    w = World()
    at_bureau = w.register(date(2025, 3, 3))
    at_town = w.register(date(2025, 3, 3), by=w.admin, at_agency=w.town, applicant_name="赵六")
    elsewhere = Agency.objects.create(name="邻县", code="n", kind="government")
    staff("neighbour", (elsewhere, "supervisor"))
    assert set(applications_visible_to(w.supervisor)) == {at_bureau, at_town}
    assert set(applications_visible_to(w.handler)) == {at_bureau}
    assert set(applications_visible_to(w.town_head)) == {at_town}
    assert not applications_visible_to(w.outsider).exists()
    neighbour = staff("neighbour2", (elsewhere, "supervisor"))
    assert not applications_visible_to(neighbour).exists()
    w.handler.is_active = False
    assert not applications_visible_to(w.handler).exists()
