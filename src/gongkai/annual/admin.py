"""Admin of the hand-entered table-2 figures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from .models import Table2Entry, table2_choices


class Table2EntryForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    key = forms.ChoiceField(label="指标", choices=table2_choices)

    class Meta:
        model = Table2Entry
        fields = ("agency", "year", "key", "value", "note", "is_demo")


@admin.register(Table2Entry)
class Table2EntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    form = Table2EntryForm
    list_display = ("agency", "year", "key_label", "value", "note")
    list_filter = ("year", "is_demo", "agency")
    search_fields = ("agency__name", "key")
    autocomplete_fields = ("agency",)

    @admin.display(description="指标", ordering="key")
    def key_label(self, entry: Table2Entry) -> Any:
        return dict(table2_choices()).get(entry.key, entry.key)
