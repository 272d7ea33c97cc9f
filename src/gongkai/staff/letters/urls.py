"""URLs of the staff workspace's letters pages (mounted under /staff/letters/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("templates/", views.templates, name="letter-templates"),
    path(
        "templates/<int:agency_pk>/<str:key>/",
        views.template_edit,
        name="letter-template-edit",
    ),
    path("draft/<int:application_pk>/", views.draft, name="letter-draft"),
    path("<int:pk>/", views.letter, name="letter"),
    path("<int:pk>/edit/", views.letter_edit, name="letter-edit"),
    path("<int:pk>/issue/", views.issue, name="letter-issue"),
    path("<int:pk>/docx/", views.letter_docx, name="letter-docx"),
    path("<int:pk>/pdf/", views.letter_pdf, name="letter-pdf"),
]
