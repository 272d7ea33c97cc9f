"""URLs of the staff workspace's year-end pages (mounted under /staff/annual/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:year>/", views.annual, name="annual"),
    path("<int:year>/narrative/", views.narrative, name="annual-narrative"),
    path("<int:year>/table2/", views.table2, name="annual-table2"),
    path("<int:year>/submit/", views.step, {"name": "submit"}, name="annual-submit"),
    path("<int:year>/withdraw/", views.step, {"name": "withdraw"}, name="annual-withdraw"),
    # GET: the confirmation page; POST: publish (legally final).
    path("<int:year>/publish/", views.publish, name="annual-publish"),
    path("<int:year>/report.docx", views.export, {"fmt": "docx"}, name="annual-docx"),
    path("<int:year>/report.pdf", views.export, {"fmt": "pdf"}, name="annual-pdf"),
]
