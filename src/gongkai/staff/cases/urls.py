"""URLs of the staff workspace's cases pages (mounted under /staff/cases/).

A case number (``Application.reference``) may hold "-" and, from imports, "/"; the step's
name is matched against the registered actions so the two never clash.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, register_converter

from gongkai.applications.actions import ACTIONS

from . import views


class ActionNameConverter:
    """Only the name of a registered action on a case."""

    regex = "|".join(sorted(ACTIONS, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ActionNameConverter, "case_action")

urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", views.register, name="register"),
    path("<path:reference>/reveal/", views.reveal, name="case-reveal"),
    path("<path:reference>/<case_action:action_name>/", views.case_action, name="case-action"),
    path("<path:reference>/", views.case, name="case"),
]
