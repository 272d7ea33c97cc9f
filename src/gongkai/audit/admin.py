"""Admin of the audit log (read-only) and the base of admins whose rows change by actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.agencies.access import agencies_visible_to
from gongkai.agencies.models import StaffRole

from .actions import RecordAction, RecordRefused
from .models import AuditEntry

__all__ = ["AuditedRecordAdmin", "ReadOnlyAdmin"]


class AuditedRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    """Rows changed only through a ``RecordAction``: checked, audited, signalled."""

    record_action: type[RecordAction[Any]]
    done_message = ""

    def _may_change(self, request: HttpRequest) -> bool:
        user: Any = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        return StaffRole.objects.filter(user=user, role__in=self.record_action.roles).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_change(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_change(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_change(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_change(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_change(request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            self.record_action.save(request.user, obj)
        except RecordRefused as refused:
            messages.error(request, refused.message)
            return
        if self.done_message:
            messages.info(request, self.done_message)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.record_action.delete(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.record_action.delete(request.user, obj)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    """An admin of audit rows: listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log, read-only; each user sees the entries of the agencies they may see."""

    list_display = ("at", "actor", "system", "action", "summary", "agency")
    list_select_related = ("actor", "agency")
    list_filter = ("action", "system")
    search_fields = ("summary", "object_id")
    readonly_fields = tuple(f.name for f in AuditEntry._meta.fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        queryset = super().get_queryset(request)
        user: Any = request.user
        if user.is_superuser:
            return queryset
        return queryset.filter(agency__in=agencies_visible_to(user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(
            user.is_active and user.is_staff and StaffRole.objects.filter(user=user).exists()
        ) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)
