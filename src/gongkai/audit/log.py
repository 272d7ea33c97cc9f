"""``record_audit``: the one function that writes an ``AuditEntry``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone

from gongkai.agencies.models import Agency

from .models import AuditEntry

__all__ = ["model_fields", "record_audit"]


def _json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def model_fields(instance: Model | None) -> dict[str, Any]:
    """The concrete fields of ``instance`` as JSON values ({} for None)."""
    if instance is None:
        return {}
    return {
        field.attname: _json(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
    }


def record_audit(
    actor: Any,
    action: str,
    *,
    summary: str = "",
    obj: Model | None = None,
    agency: Agency | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    system: str = "",
) -> AuditEntry:
    """Append one audit entry; ``actor`` None with ``system`` naming the job for system work."""
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        system=system,
        action=action,
        summary=summary[:500],
        agency=agency,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        before=_json(dict(before or {})),
        after=_json(dict(after or {})),
    )
