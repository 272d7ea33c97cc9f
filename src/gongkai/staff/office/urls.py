"""URLs of the staff workspace's office pages (mounted under /staff/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
