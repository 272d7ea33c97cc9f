"""检索: the register searched by number, applicant, words of the request, agency, dates,
outcome and status.

Substring search (``icontains``) works on Chinese without word breaks; on PostgreSQL the
trigram indexes of migration ``applications.0005_search_trigram`` keep it fast.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..common import staff_page, visible_agencies, visible_applications
from ..lists import CASE_COLUMNS, CaseFilterForm, CaseList, filter_cases

__all__ = ["search"]

# A broad search counts up to here ("1000+ 条"): counting 90,000 matches costs 0.4 s.
COUNT_LIMIT = 1000
SEARCH_FIELDS = (
    "reference",
    "applicant",
    "words",
    "agency",
    "received_from",
    "received_to",
    "outcome",
    "status",
)


@staff_page
def search(request: HttpRequest) -> HttpResponse:
    """The search form and, once asked, the matching cases (newest first)."""
    form = CaseFilterForm(request.GET, agencies=visible_agencies(request), fields=SEARCH_FIELDS)
    asked = any(request.GET.get(name) for name in SEARCH_FIELDS)
    listing = None
    if asked and form.is_valid():
        cases = filter_cases(visible_applications(request), form.cleaned_data)
        cases = cases.select_related("agency", "assigned_to")
        listing = CaseList(
            request, cases, CASE_COLUMNS, default_sort="-received_on", count_limit=COUNT_LIMIT
        )
        if (response := listing.export_response("检索结果")) is not None:
            return response
    context = {
        "title": "检索",
        "nav": "search",
        "breadcrumbs": [{"label": "工作台", "url": "/staff/"}, {"label": "检索", "url": None}],
        "form": form,
        "asked": asked,
        "listing": listing,
    }
    response = render(request, "staff/search/search.html", context)
    response["Cache-Control"] = "no-store"
    return response
