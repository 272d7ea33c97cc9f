"""Who may see and do what: the one module every page, API endpoint, export and action asks.

- registrar, handler and office head act at the agency where they hold the role;
- supervisor and administrator roles reach the agency and every agency below it;
- a supervisor sees but does not act; an administrator acts, except for the steps the
  regulation reserves to the head of the disclosure office (art. 33(2): extensions) and the
  answers that go out under the office head's signature;
- personal data (identity numbers, phones) is masked for everyone by default; the roles
  that work a case may reveal one case's values (an audited step); an unmasked export is
  an explicit, audited choice of the office head or an administrator;
- a Django superuser may do everything (the audit trail still names them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .choices import Role
from .models import Agency, StaffRole

__all__ = [
    "CASE_WORK_ROLES",
    "OVERSIGHT_ROLES",
    "UNMASKED_EXPORT_ROLES",
    "agencies_visible_to",
    "handlers_at",
    "holds_role_at",
    "is_active_user",
    "may_export_unmasked",
    "may_reveal_personal_data",
    "roles_at",
]

# Roles whose reach extends to the agencies below.
OVERSIGHT_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
# Roles that work cases and so may reveal one applicant's identity number and phone.
CASE_WORK_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.OFFICE_HEAD, Role.ADMINISTRATOR})
# Roles that may export a register with personal data unmasked (audited).
UNMASKED_EXPORT_ROLES = frozenset({Role.OFFICE_HEAD, Role.ADMINISTRATOR})


def is_active_user(user: Any) -> bool:
    """True for a logged-in, active user."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def roles_at(user: Any, agency: Agency) -> frozenset[str]:
    """The roles ``user`` effectively holds for work at ``agency``."""
    if not is_active_user(user):
        return frozenset()
    ancestors = agency.ancestor_ids()
    rows = StaffRole.objects.filter(user=user).filter(
        Q(agency=agency) | Q(agency_id__in=ancestors, role__in=OVERSIGHT_ROLES)
    )
    return frozenset(rows.values_list("role", flat=True))


def holds_role_at(user: Any, agency: Agency, roles: frozenset[str]) -> bool:
    """May ``user`` act at ``agency`` in one of ``roles``? (A superuser always may.)"""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or roles_at(user, agency) & roles)


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Agencies whose register ``user`` may read (their own; below them for oversight)."""
    if not is_active_user(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    condition = Q(pk__in=[])
    for role in StaffRole.objects.filter(user=user).select_related("agency"):
        if role.role in OVERSIGHT_ROLES:
            condition |= Agency.within_condition(role.agency)
        else:
            condition |= Q(pk=role.agency_id)
    return Agency.objects.filter(condition)


def handlers_at(agency: Agency) -> Any:
    """Users who may handle cases at ``agency`` (handler or office head there)."""
    from django.contrib.auth import get_user_model

    users = StaffRole.objects.filter(
        agency=agency, role__in=[Role.HANDLER, Role.OFFICE_HEAD]
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=users, is_active=True).order_by("username")


def may_reveal_personal_data(user: Any, agency: Agency) -> bool:
    """May ``user`` reveal an applicant's identity number and phone at ``agency``?"""
    return holds_role_at(user, agency, CASE_WORK_ROLES)


def may_export_unmasked(user: Any, agency: Agency) -> bool:
    """May ``user`` export ``agency``'s register with personal data unmasked?"""
    return holds_role_at(user, agency, UNMASKED_EXPORT_ROLES)
