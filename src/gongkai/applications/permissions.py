"""Who may see and do what: roles held at an agency or, for oversight roles, above it.

- registrar, handler and office head act at the agency where they hold the role;
- supervisor and administrator roles reach the agency and every agency below it;
- a supervisor sees but does not act; an administrator acts, except for the steps the
  regulation reserves to the head of the disclosure office (art. 33(2): extensions) and the
  answers that go out under the office head's signature;
- a Django superuser may do everything (the audit trail still names them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency, StaffRole

from .models import Application

__all__ = [
    "OVERSIGHT_ROLES",
    "agencies_visible_to",
    "applications_visible_to",
    "roles_at",
]

# Roles whose reach extends to the agencies below.
OVERSIGHT_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


def roles_at(user: Any, agency: Agency) -> frozenset[str]:
    """The roles ``user`` effectively holds for work at ``agency``."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    ancestors = agency.ancestor_ids()
    rows = StaffRole.objects.filter(user=user).filter(
        Q(agency=agency) | Q(agency_id__in=ancestors, role__in=OVERSIGHT_ROLES)
    )
    return frozenset(rows.values_list("role", flat=True))


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Agencies whose register ``user`` may read."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    roles = StaffRole.objects.filter(user=user).select_related("agency")
    condition = Q(pk__in=[])
    for role in roles:
        if role.role in OVERSIGHT_ROLES:
            condition |= Q(path__startswith=role.agency.path)
        else:
            condition |= Q(pk=role.agency_id)
    return Agency.objects.filter(condition)


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Applications ``user`` may read: their agencies' and, for oversight roles, those below."""
    return Application.objects.filter(agency__in=agencies_visible_to(user))
