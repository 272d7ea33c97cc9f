"""URLconf for the annual API tests (until the project URLconf mounts gongkai.annual.urls)."""

from django.urls import include, path

urlpatterns = [path("api/", include("gongkai.annual.urls"))]
