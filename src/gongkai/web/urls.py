"""URL configuration: the admin and the JSON API."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "政府信息公开工作系统"
admin.site.site_title = "gongkai"
admin.site.index_title = "管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("gongkai.applications.urls")),
    path("api/", include("gongkai.agencies.urls")),
    path("api/", include("gongkai.annual.urls")),
]
