"""URLs of the agencies app (mounted under /api/)."""

from __future__ import annotations

from django.urls import path

from . import api

app_name = "agencies"
urlpatterns = [path("agencies/", api.agency_list, name="agency-list")]
