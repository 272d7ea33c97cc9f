"""Forms of the letters pages: the draft's text, a template's text, the agency's settings."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from gongkai.letters.models import Letter, LetterSettings, LetterTemplate

__all__ = ["LetterSettingsForm", "LetterTemplateForm", "LetterTextForm"]


class LetterTextForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    """The title and body of a draft letter."""

    class Meta:
        model = Letter
        fields = ("title", "body")
        widgets: ClassVar[dict[str, Any]] = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts: ClassVar[dict[str, str]] = {
            "body": "每行一段；第一行为称谓（如“张三：”）。出具后不能再修改。"
        }


class LetterTemplateForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    """An agency's text of one kind of letter."""

    class Meta:
        model = LetterTemplate
        fields = ("title", "body")
        widgets: ClassVar[dict[str, Any]] = {"body": forms.Textarea(attrs={"rows": 20})}


class LetterSettingsForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    """The number prefix and the remedy bodies of an agency."""

    class Meta:
        model = LetterSettings
        fields = ("number_prefix", "reconsideration_body", "court", "signatory")
