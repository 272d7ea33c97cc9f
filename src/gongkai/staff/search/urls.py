"""URLs of the staff workspace's search pages (mounted under /staff/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [path("", views.search, name="search")]
