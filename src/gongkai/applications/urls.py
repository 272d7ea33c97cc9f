"""URLs of the register's JSON API (mounted under /api/)."""

from __future__ import annotations

from django.urls import path

from . import api

app_name = "applications"
urlpatterns = [
    path("applications/", api.applications, name="application-list"),
    path("applications/<int:pk>/", api.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/actions/<str:name>/",
        api.application_action,
        name="application-action",
    ),
]
