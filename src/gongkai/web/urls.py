"""URL configuration: the admin and the JSON API (one NinjaAPI, see ``gongkai.web.api``)."""

from django.contrib import admin
from django.urls import include, path

from .api import api_urlpatterns

admin.site.site_header = "政府信息公开工作系统"
admin.site.site_title = "gongkai"
admin.site.index_title = "管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(api_urlpatterns())),
    path("staff/", include("gongkai.staff.urls")),
]
