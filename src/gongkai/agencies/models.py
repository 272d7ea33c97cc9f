"""Agencies in their hierarchy, and the roles staff users hold in them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Concat, Substr

from .choices import AgencyKind, Role

__all__ = ["Agency", "StaffRole"]


class AgencyQuerySet(models.QuerySet["Agency"]):
    """Agencies, with the subtree query written once."""

    def within(self, agency: Agency) -> AgencyQuerySet:
        """``agency`` and every agency below it (one indexed prefix query)."""
        return self.filter(Agency.within_condition(agency))


class Agency(models.Model):
    """A government, one of its departments, a town or a street."""

    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField("代码", max_length=32, unique=True)
    # Materialised path "/1/4/9/": a subtree is one indexed prefix query.
    path = models.CharField("层级路径", max_length=255, db_index=True, editable=False, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ("path",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Refuse a parent that would make a cycle."""
        if self.parent_id is not None and self.pk is not None:
            parent_path = Agency.objects.values_list("path", flat=True).get(pk=self.parent_id)
            if f"/{self.pk}/" in parent_path:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关。"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, keeping this agency's path and its descendants' paths in sync."""
        with transaction.atomic():
            old_path = self.path
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs.pop("force_insert", None)
            new_path = self._computed_path()
            if self.parent_id is not None and new_path.count(f"/{self.pk}/") > 1:
                raise ValidationError("上级机关不能是本机关或其下级机关。")
            self.path = new_path
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "path"}
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                # Re-root every descendant in one UPDATE.
                Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1))
                )

    def _computed_path(self) -> str:
        if self.parent_id is None:
            return f"/{self.pk}/"
        parent_path = Agency.objects.values_list("path", flat=True).get(pk=self.parent_id)
        return f"{parent_path}{self.pk}/"

    @staticmethod
    def within_condition(agency: Agency, prefix: str = "") -> models.Q:
        """The condition "is ``agency`` or below it"; ``prefix`` for a related lookup."""
        return models.Q(**{f"{prefix}path__startswith": agency.path})

    def subtree(self) -> AgencyQuerySet:
        """This agency and all its descendants."""
        return Agency.objects.within(self)

    def ancestor_ids(self) -> list[int]:
        """Ids of this agency and its ancestors, root first."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class StaffRole(models.Model):
    """A role a staff user holds at one agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = (
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="agencies_staffrole_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
