"""Admin of the register. Nothing here edits a status: registration and every step go
through the actions (the "登记申请" page and the buttons on an application's page)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from gongkai.agencies.access import agencies_visible_to
from gongkai.audit.admin import AuditedRecordAdmin, ReadOnlyAdmin
from gongkai.masking import mask_contact, mask_identity_number

from .actions import ACTIONS, ActionRefused, RegisterApplication, RevealPersonalData
from .actions.calendar import ChangeCalendarDay, DeclareCalendarYear
from .actions.personal_data import PERSONAL_FIELDS, personal_data
from .deadlines import explain_deadline
from .forms import RegistrationForm
from .models import (
    Application,
    ApplicationEvent,
    CalendarOverride,
    CalendarYear,
    Dispute,
    Pause,
)
from .visibility import applications_visible_to

_ACTION_TEMPLATE = "admin/applications/application/action_form.html"
_REVEALED_TEMPLATE = "admin/applications/application/revealed.html"


def _has_role(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and user.staff_roles.exists())


class _ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in stubs only
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(_ReadOnlyInline):
    model = ApplicationEvent
    fields = ("at", "effective_on", "kind", "actor", "note", "before", "after", "payload")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApplicationEvent]:
        # The actor column would otherwise cost a query per event.
        return super().get_queryset(request).select_related("actor")


class PauseInline(_ReadOnlyInline):
    model = Pause
    fields = ("kind", "party", "started_on", "ended_on")
    readonly_fields = fields


class DisputeInline(_ReadOnlyInline):
    model = Dispute
    fields = ("route", "reference", "filed_on", "result", "decided_on")
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    list_display = (
        "reference",
        "agency",
        "applicant_name",
        "applicant_kind",
        "channel",
        "received_on",
        "status",
        "deadline",
        "deadline_uncertain",
        "outcome",
        "closed_on",
    )
    list_filter = (
        "status",
        "outcome",
        "applicant_kind",
        "channel",
        "rules",
        "deadline_uncertain",
        "extended",
        "is_demo",
        "agency",
    )
    search_fields = ("reference", "applicant_name", "description")
    date_hierarchy = "received_on"
    inlines = (PauseInline, DisputeInline, EventInline)
    list_select_related = ("agency",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return applications_visible_to(request.user).select_related("agency")

    # Roles, not Django model permissions, decide who works on the register: a staff user
    # with any role sees the register (limited to visible agencies); the actions decide the rest.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or _has_role(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or _has_role(request)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Personal data is shown masked, for every role; "查看完整身份信息" reveals it, audited.
        names = [f.name for f in Application._meta.fields if f.name not in PERSONAL_FIELDS]
        return [*names, "masked_id_number", "masked_credit_code", "masked_contact"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.get_readonly_fields(request, obj)

    @admin.display(description="身份证号码")
    def masked_id_number(self, app: Application) -> str:
        return mask_identity_number(app.applicant_id_number)

    @admin.display(description="统一社会信用代码")
    def masked_credit_code(self, app: Application) -> str:
        return mask_identity_number(app.applicant_credit_code)

    @admin.display(description="联系方式")
    def masked_contact(self, app: Application) -> str:
        return mask_contact(app.applicant_contact)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Registration has its own page (it must go through RegisterApplication).
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("register/", wrap(self.register_view), name="applications_application_register"),
            path(
                "<int:pk>/action/<str:name>/",
                wrap(self.action_view),
                name="applications_application_action",
            ),
            *super().get_urls(),
        ]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = dict(extra_context or {})
        app = self.get_queryset(request).filter(pk=object_id).first()
        if app is not None:
            context["available_actions"] = [
                (name, action.label)
                for name, action in ACTIONS.items()
                if action.is_allowed(request.user, app)
            ]
            try:
                context["deadline_explanation"] = explain_deadline(app)
            except ValueError:
                context["deadline_explanation"] = []
        return super().change_view(request, object_id, form_url, context)

    def register_view(self, request: HttpRequest) -> HttpResponse:
        """登记申请 through RegisterApplication."""
        if not self.has_view_permission(request):
            return HttpResponse("无权访问。", status=403)
        agencies = agencies_visible_to(request.user)
        form = RegistrationForm(request.POST or None, agencies=agencies)
        if request.method == "POST" and form.is_valid():
            params = form.params()
            agency = params.pop("agency")
            try:
                app = RegisterApplication.execute(request.user, agency=agency, **params)
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, f"已登记：{app.reference}，答复期限 {app.deadline}。")
                return HttpResponseRedirect(
                    reverse("admin:applications_application_change", args=[app.pk])
                )
        context = {**self.admin_site.each_context(request), "form": form, "title": "登记申请"}
        return TemplateResponse(request, _ACTION_TEMPLATE, context)

    def action_view(self, request: HttpRequest, pk: int, name: str) -> HttpResponse:
        """One action on one application, through the action layer."""
        if not self.has_view_permission(request):
            return HttpResponse("无权访问。", status=403)
        app = get_object_or_404(self.get_queryset(request), pk=pk)
        action = ACTIONS.get(name)
        if action is None:
            return HttpResponse("未知的操作。", status=404)
        form = action.form(request.POST or None, application=app)
        if request.method == "POST" and form.is_valid():
            try:
                app = action.execute(request.user, app, **form.params())
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                if action is RevealPersonalData:
                    # Shown once, in this response only: never in a message stored in the session.
                    context = {
                        **self.admin_site.each_context(request),
                        "title": action.label,
                        "original": app,
                        "revealed": personal_data(app),
                    }
                    return TemplateResponse(request, _REVEALED_TEMPLATE, context)
                messages.success(request, f"已{action.label}。")
                return HttpResponseRedirect(
                    reverse("admin:applications_application_change", args=[app.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": action.label,
            "original": app,
        }
        return TemplateResponse(request, _ACTION_TEMPLATE, context)


class _ApplicationRecordAdmin(ReadOnlyAdmin):
    """Read-only records of an application, shown where the application is visible."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        visible = applications_visible_to(request.user)
        return super().get_queryset(request).filter(application__in=visible)


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(_ApplicationRecordAdmin):
    list_display = ("at", "application", "kind", "actor", "effective_on")
    list_select_related = ("application", "actor")
    list_filter = ("kind",)
    search_fields = ("application__reference", "note")
    readonly_fields = tuple(f.name for f in ApplicationEvent._meta.fields)


@admin.register(Dispute)
class DisputeAdmin(_ApplicationRecordAdmin):
    list_display = (
        "reference",
        "application",
        "agency",
        "route",
        "result",
        "filed_on",
        "decided_on",
    )
    list_filter = ("route", "result", "is_demo", "agency")
    list_select_related = ("application", "agency")
    search_fields = ("reference", "application__reference")
    readonly_fields = tuple(f.name for f in Dispute._meta.fields)


_RECOMPUTED = "已按新的工作日历重新计算未办结申请的答复期限。"


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedRecordAdmin):
    record_action = ChangeCalendarDay
    done_message = _RECOMPUTED
    list_display = ("date", "is_workday", "note")
    list_filter = ("is_workday",)
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedRecordAdmin):
    record_action = DeclareCalendarYear
    done_message = _RECOMPUTED
    list_display = ("year", "note")
