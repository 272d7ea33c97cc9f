"""URLs of the staff workspace's cases pages (mounted under /staff/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
