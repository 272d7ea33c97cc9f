"""Forms of the year-end pages: the narrative sections and table 2's hand-entered figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from gongkai.agencies.models import Agency
from gongkai.annual.actions import SetTable2Figure
from gongkai.annual.models import FIRST_COMPILED_YEAR, Table2Entry
from gongkai.annual.yearend import NARRATIVE_FIELDS
from gongkai.audit.actions import RecordRefused
from gongkai.report import METRICS, Generation, ValueKind, key_order

__all__ = ["NarrativeForm", "Table2Form", "save_table2", "table2_metrics"]


class NarrativeForm(forms.Form):
    """Sections 一, 五 and 六 of the report, edited in place."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, title in NARRATIVE_FIELDS:
            self.fields[name] = forms.CharField(
                label=title, required=False, widget=forms.Textarea(attrs={"rows": 8})
            )


def table2_metrics(year: int) -> list[Any]:
    """Table 2's metrics of the generation ``year`` is reported in, in printed order."""
    if year < FIRST_COMPILED_YEAR:
        return []
    generation = Generation.for_year(year)
    keys = [m.key for m in METRICS.values() if m.table == "t2" and generation in m.generations]
    return [METRICS[k] for k in sorted(keys, key=key_order)]


def _field_name(key: str) -> str:
    # "t2.licensing.decisions" -> "licensing__decisions": a valid HTML id and form name.
    return key.removeprefix("t2.").replace(".", "__")


class Table2Form(forms.Form):
    """Every table-2 figure of the year's format; blank means the report does not state it."""

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = table2_metrics(year)
        for metric in self.metrics:
            money = metric.kind is ValueKind.MONEY
            self.fields[_field_name(metric.key)] = forms.DecimalField(
                label=f"{metric.row_label} · {metric.column_label}",
                required=False,
                decimal_places=4 if money else 0,
                max_digits=16,
                min_value=None if metric.kind is ValueKind.SIGNED else Decimal(0),
                error_messages={
                    "invalid": "请填写数字。",
                    "max_decimal_places": "件数必须是整数。" if not money else "最多四位小数。",
                    "min_value": "不能为负数。",
                },
            )

    @classmethod
    def initial_for(cls, agency: Agency, year: int) -> dict[str, Any]:
        """The figures entered so far, as the form's initial values."""
        entries = Table2Entry.objects.filter(agency=agency, year=year)
        return {_field_name(e.key): e.value.normalize() for e in entries}

    def rows(self) -> list[Any]:
        """(metric, bound field) pairs for the template."""
        return [(m, self[_field_name(m.key)]) for m in self.metrics]


def save_table2(actor: Any, agency: Agency, year: int, form: Table2Form) -> int:
    """Save the changed figures through ``SetTable2Figure``; returns how many changed.

    Refusals are added to the form as errors (the first stops: the role is the same for all).
    """
    existing = {e.key: e for e in Table2Entry.objects.filter(agency=agency, year=year)}
    changed = 0
    for metric in form.metrics:
        name = _field_name(metric.key)
        value = form.cleaned_data.get(name)
        entry = existing.get(metric.key)
        try:
            if value is None:
                if entry is not None:
                    SetTable2Figure.delete(actor, entry)
                    changed += 1
                continue
            if entry is not None and entry.value == value:
                continue
            entry = entry or Table2Entry(agency=agency, year=year, key=metric.key)
            entry.value = value
            SetTable2Figure.save(actor, entry)
            changed += 1
        except RecordRefused as refused:
            form.add_error(name, refused.message)
            break
    return changed
