"""Actions on records that are not applications: settings, table 2, the calendar.

The same road as an application's steps: check the actor's role, change the row inside a
transaction, write one audit entry (``record_audit``), send ``record_changed``. The admin,
the staff pages and commands call ``save`` / ``delete``; nothing else writes these rows.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal

from gongkai.agencies.access import is_active_user, roles_at
from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency, StaffRole
from gongkai.errors import GongkaiError

from .log import model_fields, record_audit

__all__ = ["RecordAction", "RecordRefused", "record_changed"]

# Sent inside the transaction after the audit entry, with ``action`` (name), ``instance``,
# ``deleted`` (bool) and ``entry``.
record_changed = Signal()

M = TypeVar("M", bound=models.Model)


class RecordRefused(GongkaiError):
    """A change of a record was refused; nothing changed (Chinese message)."""

    default_code = "forbidden"


class RecordAction(Generic[M]):
    """Save or delete one row of ``model``, checked, audited and signalled.

    ``roles`` are the roles that may change the row at its agency (``agency_of``); for rows
    that belong to no agency (the calendar) any holder of one of ``roles`` anywhere may.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    model: ClassVar[type[models.Model]]
    roles: ClassVar[frozenset[str]] = frozenset({Role.ADMINISTRATOR})

    @classmethod
    def agency_of(cls, instance: M) -> Agency | None:
        """The agency whose roles decide; None for site-wide rows."""
        return None

    @classmethod
    def check_permission(cls, actor: Any, instance: M) -> None:
        """Refuse unless the actor holds one of ``roles`` for the row."""
        if not is_active_user(actor):
            raise RecordRefused("请先登录。")
        if actor.is_superuser:
            return
        agency = cls.agency_of(instance)
        if agency is None:
            held = set(StaffRole.objects.filter(user=actor).values_list("role", flat=True))
        else:
            held = set(roles_at(actor, agency))
        if not held & cls.roles:
            names = "、".join(Role(role).label for role in sorted(cls.roles))
            where = agency.name if agency is not None else "本系统"
            raise RecordRefused(f"无权{cls.label}：须由{where}的{names}办理。")

    @classmethod
    def save(cls, actor: Any, instance: M) -> M:
        """Validate and save ``instance`` (new or changed); returns it."""
        cls.check_permission(actor, instance)
        try:
            instance.full_clean()
        except ValidationError as exc:
            raise RecordRefused(
                "；".join(exc.messages), log_message="record invalid", code="invalid"
            ) from None
        with transaction.atomic():
            before: dict[str, Any] = {}
            if instance.pk is not None:
                old = type(instance)._default_manager.filter(pk=instance.pk).first()
                before = model_fields(old)
            instance.save()
            entry = record_audit(
                actor,
                cls.name,
                summary=f"{cls.label}：{instance}",
                obj=instance,
                agency=cls.agency_of(instance),
                before=before,
                after=model_fields(instance),
            )
            record_changed.send(
                sender=cls, action=cls.name, instance=instance, deleted=False, entry=entry
            )
            cls.after_change(actor, instance, deleted=False)
        return instance

    @classmethod
    def delete(cls, actor: Any, instance: M) -> None:
        """Delete ``instance``, audited."""
        cls.check_permission(actor, instance)
        with transaction.atomic():
            before = model_fields(instance)
            summary = f"删除{cls.label}：{instance}"
            agency = cls.agency_of(instance)
            instance.delete()
            entry = record_audit(
                actor, cls.name, summary=summary, agency=agency, before=before, after={}
            )
            record_changed.send(
                sender=cls, action=cls.name, instance=instance, deleted=True, entry=entry
            )
            cls.after_change(actor, instance, deleted=True)

    @classmethod
    def after_change(cls, actor: Any, instance: M, *, deleted: bool) -> None:
        """Hook for work that follows the change in the same transaction."""
