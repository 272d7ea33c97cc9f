"""Filtering helpers for application lists (plain Django, no extra package)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.errors import GongkaiError

from .choices import Status
from .models import Application

__all__ = ["FilterError", "filter_applications"]


class FilterError(GongkaiError, ValueError):
    """A filter parameter is malformed (Chinese message)."""


def _year(value: str, label: str) -> int:
    if not value.isdigit() or not 1990 <= int(value) <= 2199:
        raise FilterError(f"{label}应为四位年份：{value}")
    return int(value)


def filter_applications(
    queryset: QuerySet[Application], params: Mapping[str, str]
) -> QuerySet[Application]:
    """Filter by status, outcome, applicant_kind, channel, agency (with ``subtree=1``),
    year (received), closed_year, overdue=1, uncertain=1 and q (reference or applicant)."""
    for name in ("status", "outcome", "applicant_kind", "channel", "rules"):
        if params.get(name):
            queryset = queryset.filter(**{name: params[name]})
    agency = params.get("agency", "")
    if agency:
        if not agency.isdigit() or len(agency) > 18:
            raise FilterError(f"机关编号不正确：{agency}")
        if params.get("subtree") == "1":
            root = Agency.objects.filter(pk=int(agency)).first()
            queryset = (
                queryset.filter(Agency.within_condition(root, "agency__"))
                if root
                else queryset.none()
            )
        else:
            queryset = queryset.filter(agency_id=int(agency))
    if params.get("year"):
        queryset = queryset.filter(received_on__year=_year(params["year"], "收到年度"))
    if params.get("closed_year"):
        queryset = queryset.filter(closed_on__year=_year(params["closed_year"], "办结年度"))
    if params.get("overdue") == "1":
        queryset = queryset.exclude(status=Status.CLOSED).filter(deadline__lt=timezone.localdate())
    if params.get("uncertain") == "1":
        queryset = queryset.filter(deadline_uncertain=True)
    if params.get("q"):
        text = params["q"].strip()
        queryset = queryset.filter(Q(reference__icontains=text) | Q(applicant_name__icontains=text))
    return queryset
