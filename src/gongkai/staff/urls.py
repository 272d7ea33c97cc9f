"""URLs of the staff workspace (mounted under /staff/): each feature brings its own."""

from __future__ import annotations

from django.urls import include, path

from . import common

app_name = "staff"
urlpatterns = [
    path("login/", common.StaffLoginView.as_view(), name="login"),
    path("logout/", common.StaffLogoutView.as_view(), name="logout"),
    path("font/<str:size>/", common.font_size, name="font-size"),
    path("", include("gongkai.staff.dashboard.urls")),
    path("search/", include("gongkai.staff.search.urls")),
    path("cases/", include("gongkai.staff.cases.urls")),
    path("letters/", include("gongkai.staff.letters.urls")),
    path("annual/", include("gongkai.staff.yearend.urls")),
    path("office/", include("gongkai.staff.office.urls")),
]
