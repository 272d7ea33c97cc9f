"""Admin of the hand-entered table-2 figures (changed only through ``SetTable2Figure``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.agencies.access import agencies_visible_to
from gongkai.audit.admin import AuditedRecordAdmin

from .actions import SetTable2Figure
from .models import Table2Entry, table2_choices


class Table2EntryForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    key = forms.ChoiceField(label="指标", choices=table2_choices)

    class Meta:
        model = Table2Entry
        fields = ("agency", "year", "key", "value", "note", "is_demo")


@cache
def _table2_labels() -> dict[str, str]:
    # The metrics are fixed at import: build the labels once, not once per listed row.
    return dict(table2_choices())


@admin.register(Table2Entry)
class Table2EntryAdmin(AuditedRecordAdmin):
    """Table 2 figures: office heads and administrators of the agency, each change audited."""

    record_action = SetTable2Figure
    form = Table2EntryForm
    list_display = ("agency", "year", "key_label", "value", "note")
    list_filter = ("year", "is_demo", "agency")
    list_select_related = ("agency",)
    search_fields = ("agency__name", "key")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Table2Entry]:
        return super().get_queryset(request).filter(agency__in=agencies_visible_to(request.user))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = agencies_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="指标", ordering="key")
    def key_label(self, entry: Table2Entry) -> Any:
        return _table2_labels().get(entry.key, entry.key)
