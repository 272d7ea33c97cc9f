"""URL configuration."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "政府信息公开工作系统"
admin.site.site_title = "gongkai"
admin.site.index_title = "管理"

urlpatterns = [
    path("admin/", admin.site.urls),
]
