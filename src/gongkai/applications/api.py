"""JSON views of the register: plain Django views, session authentication, CSRF on POST.

Errors are ``{"error": "<Chinese message>", "code": ...}`` with HTTP 400 (bad parameters),
403 (not allowed), 404 (not visible) or 409 (the case's state does not allow it).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_http_methods

from .actions import ACTIONS, ActionRefused, RegisterApplication
from .choices import OUTCOME_BASES
from .deadlines import explain_deadline
from .filtersets import FilterError, filter_applications
from .models import Application
from .permissions import applications_visible_to

__all__ = ["application_action", "application_detail", "applications"]


def _json_response(data: dict[str, Any], status: int = 200) -> JsonResponse:
    # Chinese stays readable in the body.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


_MAX_PAGE = 200


def _error(message: str, status: int, code: str = "invalid") -> JsonResponse:
    return _json_response({"error": message, "code": code}, status=status)


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def application_json(app: Application) -> dict[str, Any]:
    """The register fields of one application."""
    return {
        "id": app.pk,
        "reference": app.reference,
        "agency": {"id": app.agency_id, "name": app.agency.name},
        "applicant_kind": app.applicant_kind,
        "applicant_name": app.applicant_name,
        "channel": app.channel,
        "arrived_at": _iso(app.arrived_at),
        "confirmed_on": _iso(app.confirmed_on),
        "received_on": _iso(app.received_on),
        "rules": app.rules,
        "status": app.status,
        "status_display": app.get_status_display(),
        "clock_started_on": _iso(app.clock_started_on),
        "deadline": _iso(app.deadline),
        "deadline_uncertain": app.deadline_uncertain,
        "extended": app.extended,
        "outcome": app.outcome,
        "outcome_display": app.get_outcome_display() if app.outcome else "",
        "outcome_article": OUTCOME_BASES[app.outcome].article if app.outcome else "",
        "closed_on": _iso(app.closed_on),
        "delivered_on": _iso(app.delivered_on),
        "reopened_from": app.reopened_from_id,
        "is_demo": app.is_demo,
    }


def _body(request: HttpRequest) -> dict[str, Any]:
    if not request.body:
        return {}
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise ActionRefused("请求内容不是有效的 JSON。") from None
    if not isinstance(data, dict):
        raise ActionRefused("请求内容应为 JSON 对象。")
    return data


def _refused(refused: ActionRefused) -> JsonResponse:
    return _error(refused.message, refused.http_status, refused.code)


@require_http_methods(["GET", "POST"])
def applications(request: HttpRequest) -> JsonResponse:
    """GET: the applications the user may see (filters, ``limit``/``offset``). POST: register."""
    if not request.user.is_authenticated:
        return _error("请先登录。", 403, "forbidden")
    if request.method == "POST":
        try:
            data = _body(request)
            agency = data.pop("agency", None)
            if agency in (None, ""):
                raise ActionRefused("请选择受理机关。")
            app = RegisterApplication.execute(request.user, agency=agency, **data)
        except ActionRefused as refused:
            return _refused(refused)
        except TypeError:
            return _error("参数不正确。", 400)
        return _json_response(application_json(app), status=201)
    try:
        queryset = filter_applications(applications_visible_to(request.user), request.GET)
        limit = min(int(request.GET.get("limit", 50)), _MAX_PAGE)
        offset = max(int(request.GET.get("offset", 0)), 0)
    except FilterError as exc:
        return _error(str(exc), 400)
    except ValueError:
        return _error("limit 和 offset 应为整数。", 400)
    queryset = queryset.select_related("agency").order_by("-received_on", "-id")
    page = list(queryset[offset : offset + max(limit, 0)])
    return _json_response(
        {
            "count": queryset.count(),
            "limit": limit,
            "offset": offset,
            "results": [application_json(app) for app in page],
        }
    )


@require_GET
def application_detail(request: HttpRequest, pk: int) -> JsonResponse:
    """GET: one application with its events, pauses, disputes and how its deadline was counted."""
    if not request.user.is_authenticated:
        return _error("请先登录。", 403, "forbidden")
    app = applications_visible_to(request.user).select_related("agency").filter(pk=pk).first()
    if app is None:
        return _error("申请不存在或无权查看。", 404, "not_found")
    data = application_json(app)
    data["description"] = app.description
    data["events"] = [
        {
            "kind": event.kind,
            "kind_display": event.get_kind_display(),
            "actor": event.actor.get_username() if event.actor else None,
            "at": _iso(event.at),
            "effective_on": _iso(event.effective_on),
            "before": event.before,
            "after": event.after,
            "payload": event.payload,
            "note": event.note,
        }
        for event in app.events.select_related("actor").order_by("at", "id")
    ]
    data["pauses"] = [
        {
            "kind": p.kind,
            "party": p.party,
            "started_on": _iso(p.started_on),
            "ended_on": _iso(p.ended_on),
        }
        for p in app.pauses.all()
    ]
    data["disputes"] = [
        {
            "id": d.pk,
            "route": d.route,
            "result": d.result,
            "filed_on": _iso(d.filed_on),
            "decided_on": _iso(d.decided_on),
            "reference": d.reference,
        }
        for d in app.disputes.all()
    ]
    try:
        data["deadline_explanation"] = explain_deadline(app)
    except ValueError:
        data["deadline_explanation"] = []
    return _json_response(data)


@require_http_methods(["POST"])
def application_action(request: HttpRequest, pk: int, name: str) -> JsonResponse:
    """POST: run the action ``name`` with the JSON body as its parameters."""
    if not request.user.is_authenticated:
        return _error("请先登录。", 403, "forbidden")
    action = ACTIONS.get(name)
    if action is None:
        return _error(f"未知的操作：{name}", 400)
    app = applications_visible_to(request.user).filter(pk=pk).first()
    if app is None:
        return _error("申请不存在或无权查看。", 404, "not_found")
    try:
        result = action.execute(request.user, app, **_body(request))
    except ActionRefused as refused:
        return _refused(refused)
    except TypeError:
        return _error("参数不正确。", 400)
    result = Application.objects.select_related("agency").get(pk=result.pk)
    return _json_response(application_json(result))
