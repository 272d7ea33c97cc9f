"""URLs of the annual report and register-file API (mounted under /api/)."""

from __future__ import annotations

from django.urls import path

from . import api

app_name = "annual"
urlpatterns = [
    path("annual/<str:code>/<int:year>/", api.compiled_report, name="compiled-report"),
    path("ledger/<str:code>/export.<str:fmt>", api.ledger_export, name="ledger-export"),
    path("ledger/<str:code>/import/", api.ledger_import, name="ledger-import"),
]
