"""Forms of the agencies app."""

from __future__ import annotations

from django import forms

from .models import Agency, StaffRole

__all__ = ["AgencyForm", "StaffRoleForm"]


class AgencyForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    class Meta:
        model = Agency
        fields = ("name", "kind", "code", "parent")


class StaffRoleForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    class Meta:
        model = StaffRole
        fields = ("user", "agency", "role")
