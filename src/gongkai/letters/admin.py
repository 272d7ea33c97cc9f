"""Admin of the letters: settings and templates through their record actions; letters read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.agencies.access import agencies_visible_to
from gongkai.audit.admin import AuditedRecordAdmin, ReadOnlyAdmin

from .actions import SaveLetterSettings, SaveLetterTemplate
from .models import Letter, LetterSettings, LetterTemplate


@admin.register(LetterSettings)
class LetterSettingsAdmin(AuditedRecordAdmin):
    record_action = SaveLetterSettings
    list_display = ("agency", "number_prefix", "reconsideration_body", "court")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AuditedRecordAdmin):
    record_action = SaveLetterTemplate
    list_display = ("agency", "key", "title")
    list_filter = ("key",)


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    """Letters are drafted and issued on the staff pages; the admin only lists them."""

    list_display = ("number", "title", "application", "issued_on")
    search_fields = ("number", "application__reference")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Letter]:
        queryset = super().get_queryset(request)
        user: Any = request.user
        if user.is_superuser:
            return queryset
        return queryset.filter(application__agency__in=agencies_visible_to(user))
