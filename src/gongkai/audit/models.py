"""One append-only audit entry per change outside an application's own history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.errors import GongkaiError

__all__ = ["AppendOnly", "AuditEntry", "AuditImmutable", "actor_field"]


class AuditImmutable(GongkaiError):
    """Raised when code tries to change or delete an audit record."""

    default_code = "conflict"


class AppendOnly:
    """Mixin of audit models: rows are inserted, never rewritten or deleted.

    ``record_name`` is what the refusal calls the row ("办理记录", "审计日志").
    """

    record_name = "审计记录"
    pk: Any

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: an audit record is never rewritten."""
        if self.pk is not None:
            raise AuditImmutable(f"{self.record_name}只能追加，不能修改。")
        super().save(*args, **kwargs)  # type: ignore[misc]

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Refused: an audit record is never deleted."""
        raise AuditImmutable(f"{self.record_name}只能追加，不能删除。")


def actor_field(verbose_name: str = "操作人") -> Any:
    """The "who" of an audited step: a user, or none for a system job (kept if the user goes)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class AuditEntry(AppendOnly, models.Model):
    """Who did what to which object, when; ``before``/``after`` hold the changed fields."""

    record_name = "审计日志"

    at = models.DateTimeField("记录时间", db_index=True)
    actor = actor_field()
    # A job acting without a user ("deadline_recompute", "ledger_import", ...).
    system = models.CharField("系统作业", max_length=64, blank=True)
    action = models.CharField("操作", max_length=64, db_index=True)
    summary = models.CharField("摘要", max_length=500, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象", max_length=64, blank=True)
    before = models.JSONField("变更前", default=dict)
    after = models.JSONField("变更后", default=dict)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.summary}"
