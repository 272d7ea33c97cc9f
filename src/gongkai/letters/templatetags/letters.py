"""Template tags of the case page's letters block: the case's letters and what may be drafted."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.applications.models import Application
from gongkai.audit.actions import RecordRefused

from ..actions import SaveLetterDraft
from ..drafting import LetterChoice, available_letters, letters_for
from ..models import Letter

register = template.Library()


@register.simple_tag
def case_of(*candidates: Any) -> Application | None:
    """The first of the given context values that is an application (``application``/``app``)."""
    return next((c for c in candidates if isinstance(c, Application)), None)


@register.simple_tag
def case_letters(application: Application) -> list[Letter]:
    """The letters of ``application``, oldest first."""
    return list(letters_for(application))


@register.simple_tag
def draftable_letters(application: Application, user: Any) -> list[LetterChoice]:
    """Letters the case calls for that ``user`` may draft (none for a role that may not)."""
    probe = Letter(application=application)
    try:
        SaveLetterDraft.check_permission(user, probe)
    except RecordRefused:
        return []
    return available_letters(application)
