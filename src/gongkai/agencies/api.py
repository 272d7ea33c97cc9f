"""JSON views of agencies: those the user may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from gongkai.applications.permissions import agencies_visible_to

from .filtersets import filter_agencies

__all__ = ["agency_list"]


def _json_response(data: dict[str, Any], status: int = 200) -> JsonResponse:
    # Chinese stays readable in the body.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def agency_list(request: HttpRequest) -> JsonResponse:
    """GET: the agencies visible to the user, filtered by ``kind``, ``q``, ``within``."""
    if not request.user.is_authenticated:
        return _json_response({"error": "请先登录。"}, status=403)
    agencies = filter_agencies(agencies_visible_to(request.user), request.GET)
    return _json_response(
        {
            "results": [
                {
                    "id": a.pk,
                    "name": a.name,
                    "kind": a.kind,
                    "code": a.code,
                    "parent": a.parent_id,
                    "path": a.path,
                }
                for a in agencies.order_by("path")
            ]
        }
    )
