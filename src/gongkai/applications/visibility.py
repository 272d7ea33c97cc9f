"""Which applications a user may read: those of the agencies ``agencies.access`` allows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.agencies.access import agencies_visible_to

from .models import Application

__all__ = ["applications_visible_to"]


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Applications ``user`` may read: their agencies' and, for oversight roles, those below."""
    return Application.objects.filter(agency__in=agencies_visible_to(user))
