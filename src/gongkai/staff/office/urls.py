"""URLs of the staff workspace's office settings (mounted under /staff/office/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import calendar, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="office"),
    path("agencies/new/", views.agency_new, name="office-agency-new"),
    path("agencies/<str:code>/", views.agency_edit, name="office-agency"),
    path("staff/", views.staff, name="office-staff"),
    path("staff/new/", views.staff_new, name="office-staff-new"),
    path("roles/", views.role_add, name="office-role-add"),
    path("roles/<int:pk>/delete/", views.role_remove, name="office-role-remove"),
    path("calendar/", calendar.calendar, name="office-calendar"),
    path("calendar/<int:pk>/delete/", calendar.calendar_delete, name="office-calendar-delete"),
    path("calendar/year/", calendar.calendar_year, name="office-calendar-year"),
    path("table2/", calendar.table2, name="office-table2"),
]
