"""工作台: the user's and the office's cases, grouped by what is due."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..common import staff_page


@staff_page
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard (placeholder until the dashboard is built)."""
    return render(request, "staff/dashboard/home.html", {"title": "工作台", "nav": "home"})
