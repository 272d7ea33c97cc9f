"""The register's JSON endpoints: list, register, detail, actions by name, reveal.

Session authentication with CSRF on unsafe methods (the NinjaAPI in ``gongkai.web.api``);
every input is a Django form (the action's ``form_class``, the registration form, the list
filter below), so the OpenAPI document, the admin and the API validate alike. Identity
numbers and contacts are masked in every answer; ``POST …/reveal/`` shows one case's values
to a role that may see them and records that it did.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from ninja import ModelSchema, Router, Schema, Status

from gongkai.agencies.access import may_reveal_personal_data
from gongkai.agencies.choices import Role
from gongkai.httpapi import (
    ApiError,
    check_against_schema,
    form_schema,
    json_object,
    validated_query,
)
from gongkai.httpapi.docs import json_body, listing, problems
from gongkai.httpapi.forms import BIGINT_MAX
from gongkai.masking import mask_contact, mask_identity_number

from . import actions
from .actions import ACTIONS, Action, RegisterApplication
from .choices import OUTCOME_BASES
from .choices import Status as CaseStatus
from .deadlines import explain_deadline
from .filtersets import FilterError, filter_applications
from .models import Application, ApplicationEvent
from .visibility import applications_visible_to

__all__ = ["REVEAL_ACTION", "router"]

router = Router(tags=["申请"])

# The action that reveals one case's personal data (audited); served by its own endpoint.
REVEAL_ACTION = "reveal_personal_data"
_MAX_PAGE = 200
_MAX_OFFSET = 10_000_000


def _choices(name: str) -> list[tuple[str, str]]:
    # The model field's choices: one declaration for the column, the form and the schema.
    field = Application._meta.get_field(name)
    pairs: Iterable[tuple[Any, Any]] = getattr(field, "choices", None) or ()
    return [("", ""), *((str(v), str(label)) for v, label in pairs)]


class ApplicationFilter(forms.Form):
    """The query string of the application list."""

    status = forms.ChoiceField(label="状态", required=False, choices=lambda: _choices("status"))
    outcome = forms.ChoiceField(
        label="办理结果", required=False, choices=lambda: _choices("outcome")
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型", required=False, choices=lambda: _choices("applicant_kind")
    )
    channel = forms.ChoiceField(
        label="申请渠道", required=False, choices=lambda: _choices("channel")
    )
    rules = forms.ChoiceField(label="适用条例", required=False, choices=lambda: _choices("rules"))
    agency = forms.IntegerField(label="机关编号", required=False, min_value=1, max_value=BIGINT_MAX)
    subtree = forms.BooleanField(label="含下级机关（在可见范围内）", required=False)
    year = forms.IntegerField(label="收到年度", required=False, min_value=1990, max_value=2199)
    closed_year = forms.IntegerField(
        label="办结年度", required=False, min_value=1990, max_value=2199
    )
    overdue = forms.BooleanField(label="仅逾期未办结", required=False)
    uncertain = forms.BooleanField(label="仅期限待核", required=False)
    q = forms.CharField(label="编号或申请人包含", required=False, max_length=200)
    limit = forms.IntegerField(label="每页件数", required=False, min_value=1, max_value=_MAX_PAGE)
    offset = forms.IntegerField(
        label="跳过件数", required=False, min_value=0, max_value=_MAX_OFFSET
    )


class AgencyRef(Schema):
    """The agency of a case."""

    id: int
    name: str


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value is not None else None


class ApplicationOut(ModelSchema):
    """One application as the register shows it; personal data masked."""

    agency: AgencyRef
    status_display: str
    outcome_display: str
    outcome_article: str

    class Meta:
        model = Application
        fields = (
            "id",
            "reference",
            "applicant_kind",
            "applicant_name",
            "applicant_id_number",
            "applicant_credit_code",
            "applicant_contact",
            "channel",
            "arrived_at",
            "confirmed_on",
            "received_on",
            "rules",
            "status",
            "clock_started_on",
            "deadline",
            "deadline_uncertain",
            "extended",
            "outcome",
            "closed_on",
            "delivered_on",
            "reopened_from",
            "is_demo",
        )

    @staticmethod
    def resolve_applicant_id_number(obj: Application) -> str:
        return mask_identity_number(obj.applicant_id_number)

    @staticmethod
    def resolve_applicant_credit_code(obj: Application) -> str:
        return mask_identity_number(obj.applicant_credit_code)

    @staticmethod
    def resolve_applicant_contact(obj: Application) -> str:
        return mask_contact(obj.applicant_contact)

    @staticmethod
    def resolve_arrived_at(obj: Application) -> datetime | None:
        return _local(obj.arrived_at)

    @staticmethod
    def resolve_status_display(obj: Application) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_outcome_display(obj: Application) -> str:
        return str(obj.get_outcome_display()) if obj.outcome else ""

    @staticmethod
    def resolve_outcome_article(obj: Application) -> str:
        basis = OUTCOME_BASES.get(obj.outcome) if obj.outcome else None
        return basis.article if basis is not None else ""


class ApplicationPage(Schema):
    """One page of the application list."""

    count: int
    limit: int
    offset: int
    results: list[ApplicationOut]


class EventOut(Schema):
    """One step of a case's history."""

    kind: str
    kind_display: str
    actor: str | None
    at: datetime
    effective_on: date
    before: dict[str, Any]
    after: dict[str, Any]
    payload: dict[str, Any]
    note: str

    @staticmethod
    def resolve_kind_display(obj: ApplicationEvent) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_actor(obj: ApplicationEvent) -> str | None:
        return obj.actor.get_username() if obj.actor is not None else None

    @staticmethod
    def resolve_at(obj: ApplicationEvent) -> datetime | None:
        return _local(obj.at)


class PauseOut(Schema):
    """A period excluded from the reply clock."""

    kind: str
    party: str
    started_on: date
    ended_on: date | None


class DisputeOut(Schema):
    """A reconsideration or lawsuit over the case."""

    id: int
    route: str
    result: str
    filed_on: date
    decided_on: date | None
    reference: str


class ApplicationDetail(ApplicationOut):
    """One application with its history, pauses, disputes and deadline reasoning."""

    description: str
    events: list[EventOut]
    pauses: list[PauseOut]
    disputes: list[DisputeOut]
    deadline_explanation: list[str]

    @staticmethod
    def resolve_events(obj: Application) -> list[ApplicationEvent]:
        return list(obj.events.select_related("actor").order_by("at", "id"))

    @staticmethod
    def resolve_pauses(obj: Application) -> list[Any]:
        return list(obj.pauses.all())

    @staticmethod
    def resolve_disputes(obj: Application) -> list[Any]:
        return list(obj.disputes.all())

    @staticmethod
    def resolve_deadline_explanation(obj: Application) -> list[str]:
        try:
            return list(explain_deadline(obj))
        except ValueError:
            return []


class PersonalData(Schema):
    """One case's personal data, unmasked (every reveal is an audited event)."""

    id: int
    reference: str
    applicant_name: str
    applicant_id_number: str
    applicant_credit_code: str
    applicant_contact: str


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _visible(request: HttpRequest, pk: int) -> Application:
    app = None
    if pk <= BIGINT_MAX:
        visible = applications_visible_to(_user(request)).select_related("agency")
        app = visible.filter(pk=pk).first()
    if app is None:
        raise ApiError("申请不存在或无权查看。", code="not_found")
    return app


def _fresh(pk: int) -> Application:
    return Application.objects.select_related("agency").get(pk=pk)


@listing(
    router,
    "/applications/",
    page=ApplicationPage,
    query=ApplicationFilter,
    summary="申请列表（可见范围内）",
    description="当前用户可见机关的申请，按收到日期倒序；身份证号码、统一社会信用代码和联系方式已遮蔽。agency 与 subtree=1 只在可见范围内筛选。",
)
def list_applications(request: HttpRequest) -> dict[str, Any]:
    """The applications the user may see, newest first; filters and paging in the query."""
    params = validated_query(ApplicationFilter, request.GET)
    filters = {
        key: ("1" if value is True else str(value))
        for key, value in params.items()
        if key not in ("limit", "offset") and value not in (None, "", False)
    }
    try:
        queryset = filter_applications(applications_visible_to(_user(request)), filters)
    except FilterError as exc:
        raise ApiError(str(exc)) from None
    limit = params.get("limit") or 50
    offset = params.get("offset") or 0
    queryset = queryset.select_related("agency").order_by("-received_on", "-id")
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "results": list(queryset[offset : offset + limit]),
    }


_REGISTRATION_SCHEMA = form_schema(RegisterApplication.form_class, title="登记申请")


@router.post(
    "/applications/",
    response={201: ApplicationOut, **problems(400, 403, 409, 413)},
    summary="登记申请",
    description="在 agency 所指机关登记一件申请；须为该机关的登记员或管理员。收到日期按条例第三十一条推算。",
    openapi_extra=json_body(_REGISTRATION_SCHEMA, "agency 为受理机关编号，其余字段同登记表。"),
)
def register_application(request: HttpRequest) -> Status[Application]:
    """Register a request at the agency named by ``agency`` (its id)."""
    data = json_object(request)
    check_against_schema(data, _REGISTRATION_SCHEMA)
    app = RegisterApplication.submit(_user(request), None, data)
    return Status(201, _fresh(app.pk))


@router.get(
    "/applications/{int:pk}/",
    response={200: ApplicationDetail, **problems(403, 404)},
    summary="申请详情",
    description="一件申请及其办理记录、期限扣除、复议诉讼和答复期限的推算过程；个人信息已遮蔽。",
)
def application_detail(request: HttpRequest, pk: int) -> Application:
    """One application with its events, pauses, disputes and how its deadline was counted."""
    return _visible(request, pk)


def _action_description(action: type[Action]) -> str:
    roles = "、".join(str(Role(r).label) for r in sorted(action.roles))
    statuses = "、".join(str(CaseStatus(st).label) for st in sorted(action.statuses))
    return f"{action.label}。可办理的角色：{roles}（超级用户亦可）。适用的申请状态：{statuses}。"


def _action_operation(action: type[Action]) -> None:
    schema = form_schema(action.form_class, title=action.label)

    def run(request: HttpRequest, pk: int) -> Application:
        app = _visible(request, pk)
        data = json_object(request)
        check_against_schema(data, schema)
        return _fresh(action.submit(_user(request), app, data).pk)

    run.__doc__ = f"{action.label}（{action.__doc__ or action.name}）"
    router.add_api_operation(
        f"/applications/{{int:pk}}/actions/{action.name}/",
        ["POST"],
        run,
        response={200: ApplicationOut, **problems(400, 403, 404, 409, 413)},
        summary=action.label,
        description=_action_description(action),
        operation_id=f"action_{action.name}",
        url_name=f"action-{action.name}",
        openapi_extra=json_body(schema),
    )


for _action in ACTIONS.values():
    if _action.name != REVEAL_ACTION:
        _action_operation(_action)


@router.post(
    "/applications/{int:pk}/actions/{name}/",
    response=problems(400, 403, 404),
    summary="其他操作名：一律答 400（未知的操作）",
    description="不在上列操作中的操作名一律答 400，detail 列出可用的操作。",
)
def unknown_action(request: HttpRequest, pk: int, name: str) -> None:
    """An action name the register does not know."""
    known = "、".join(n for n in ACTIONS if n != REVEAL_ACTION)
    raise ApiError(f"未知的操作：{name}（可用的操作：{known}）")


def _reveal_action() -> type[Action] | None:
    found = ACTIONS.get(REVEAL_ACTION) or getattr(actions, "RevealPersonalData", None)
    return found if isinstance(found, type) else None


def _reveal_schema() -> dict[str, Any]:
    action = _reveal_action()
    if action is None:
        return {"type": "object", "additionalProperties": False, "properties": {}}
    return form_schema(action.form_class, title=action.label)


_REVEAL_SCHEMA = _reveal_schema()


@router.post(
    "/applications/{int:pk}/reveal/",
    response={200: PersonalData, **problems(400, 403, 404, 413, 501)},
    summary="查看一件申请的完整身份信息（留痕）",
    description="办理本案的登记员、承办人、公开办负责人、管理员可查看未遮蔽的身份证号码、统一社会信用代码和联系方式；每次查看记入办理记录（personal_data_revealed），注明操作人。",
    openapi_extra=json_body(_REVEAL_SCHEMA),
)
def reveal_personal_data(request: HttpRequest, pk: int) -> Application:
    """The unmasked identity number and contact of one case; the reveal is an audited event."""
    app = _visible(request, pk)
    user = _user(request)
    if not may_reveal_personal_data(user, app.agency):
        raise ApiError(
            f"无权查看完整身份信息：须由{app.agency.name}办理本案的工作人员查看。",
            code="forbidden",
        )
    data = json_object(request)
    check_against_schema(data, _REVEAL_SCHEMA)
    action = _reveal_action()
    if action is None:
        raise ApiError("暂不支持查看完整身份信息。", code="unavailable")
    return _fresh(action.submit(user, app, data).pk)
