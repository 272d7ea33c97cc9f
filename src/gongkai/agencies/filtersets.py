"""Filtering helpers for agency lists (plain Django)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet

from .models import Agency

__all__ = ["filter_agencies"]


def filter_agencies(queryset: QuerySet[Agency], params: Mapping[str, str]) -> QuerySet[Agency]:
    """Filter by ``kind``, ``q`` (name or code) and ``within`` (an agency id: its subtree)."""
    if params.get("kind"):
        queryset = queryset.filter(kind=params["kind"])
    if params.get("q"):
        from django.db.models import Q

        queryset = queryset.filter(Q(name__icontains=params["q"]) | Q(code__icontains=params["q"]))
    within = params.get("within", "")
    if within.isdigit():
        root = Agency.objects.filter(pk=int(within)).first()
        queryset = queryset.filter(Agency.within_condition(root)) if root else queryset.none()
    return queryset
