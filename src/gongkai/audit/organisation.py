"""The office's organisation as record actions: agencies, staff roles, staff accounts.

These live in the audit app rather than in ``gongkai.agencies`` because the agencies app is
the bottom layer and ``RecordAction`` is defined here, above it. An administrator (管理员)
changes agencies and roles within the subtree of the agency where they hold the role; a
new top-level agency is for the superuser setting up the site.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from gongkai.agencies.access import holds_role_at, is_active_user
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency, StaffRole

from .actions import RecordAction, RecordRefused
from .log import record_audit

__all__ = ["ChangeAgency", "ChangeStaffRole", "administered_agencies", "open_staff_account"]


def administered_agencies(user: Any) -> Any:
    """The agencies ``user`` administers: the subtrees where they hold 管理员 (all for superuser)."""
    if not is_active_user(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    roles = StaffRole.objects.filter(user=user, role=Role.ADMINISTRATOR).select_related("agency")
    condition = Q(pk__in=[])
    for role in roles:
        condition |= Agency.within_condition(role.agency)
    return Agency.objects.filter(condition)


class ChangeAgency(RecordAction[Agency]):
    """机关设置: an agency or department created or edited under the administrator's agency."""

    name = "agency"
    label = "设置机关"
    model = Agency
    roles = frozenset({Role.ADMINISTRATOR})

    @classmethod
    def agency_of(cls, instance: Agency) -> Agency | None:
        # An existing agency is judged where it stands now (its stored path); a new one
        # where it is being put.
        if instance.pk is not None:
            return Agency.objects.get(pk=instance.pk)
        return instance.parent

    @classmethod
    def check_permission(cls, actor: Any, instance: Agency) -> None:
        """The administrator must hold the role over the agency and over its (new) parent."""
        if not is_active_user(actor):
            raise RecordRefused("请先登录。")
        if actor.is_superuser:
            return
        if instance.parent_id is None:
            raise RecordRefused("只有系统管理员（超级用户）可以设置最上级机关。")
        super().check_permission(actor, instance)
        parent = Agency.objects.get(pk=instance.parent_id)
        if not holds_role_at(actor, parent, cls.roles):
            raise RecordRefused(f"无权把机关设在“{parent.name}”之下：不在您管理的范围内。")


class ChangeStaffRole(RecordAction[StaffRole]):
    """人员角色: a role given to or taken from a staff user at an agency."""

    name = "staff_role"
    label = "设置人员角色"
    model = StaffRole
    roles = frozenset({Role.ADMINISTRATOR})

    @classmethod
    def agency_of(cls, instance: StaffRole) -> Agency | None:
        return instance.agency

    @classmethod
    def check_permission(cls, actor: Any, instance: StaffRole) -> None:
        """An administrator may not take away their own administrator role (no lock-out)."""
        super().check_permission(actor, instance)
        if (
            instance.pk is not None
            and not actor.is_superuser
            and instance.user_id == actor.pk
            and instance.role == Role.ADMINISTRATOR
        ):
            raise RecordRefused("不能更改或撤销自己的管理员角色，请由其他管理员办理。")


def open_staff_account(
    actor: Any,
    *,
    username: str,
    full_name: str,
    email: str,
    password: str,
    agency: Agency,
    role: str,
) -> Any:
    """Create a staff user holding ``role`` at ``agency``: one audited step, or nothing."""
    ChangeStaffRole.check_permission(actor, StaffRole(agency=agency, role=role))
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise RecordRefused(f"用户名“{username}”已被使用，请换一个。", code="conflict")
    with transaction.atomic():
        user = user_model(username=username, first_name=full_name, email=email)
        user.set_password(password)
        user.save()
        record_audit(
            actor,
            "staff_account",
            summary=f"新建人员账号：{username}（{full_name}）",
            obj=user,
            agency=agency,
            after={"username": username, "full_name": full_name, "email": email},
        )
        ChangeStaffRole.save(actor, StaffRole(user=user, agency=agency, role=role))
    return user
