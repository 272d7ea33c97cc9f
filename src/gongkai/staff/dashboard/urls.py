"""URLs of the staff workspace's dashboard (mounted under /staff/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("disputes/", views.disputes, name="disputes"),
]
