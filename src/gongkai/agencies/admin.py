"""Admin of agencies and staff roles."""

from __future__ import annotations

from django.contrib import admin

from .models import Agency, StaffRole


class StaffRoleInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in stubs only
    model = StaffRole
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    list_display = ("name", "kind", "code", "parent", "path")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    readonly_fields = ("path",)
    inlines = (StaffRoleInline,)


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")
    search_fields = ("user__username", "agency__name")
    autocomplete_fields = ("user", "agency")
