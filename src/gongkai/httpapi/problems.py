"""RFC 9457 problem details: the one format of every error the JSON API answers.

A problem is ``{"type", "title", "status", "detail", "instance", "code"}`` served as
``application/problem+json``; ``detail`` is Chinese, for people. Field errors travel in an
``errors`` member (field → list of Chinese messages), a refused register import in a
``problems`` member (one line per refused row). Only :func:`problem_response` writes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.encoding import escape_uri_path
from ninja import Schema

from gongkai.errors import GongkaiError

__all__ = [
    "PROBLEM_CONTENT_TYPE",
    "STATUS_OF_CODE",
    "ApiError",
    "Problem",
    "problem_response",
    "problem_type",
    "status_of",
]

PROBLEM_CONTENT_TYPE = "application/problem+json"

# The machine word of a GongkaiError (``code``) decides the HTTP status.
STATUS_OF_CODE: dict[str, int] = {
    "invalid": 400,
    "unreadable": 400,
    "forbidden": 403,
    "not_found": 404,
    "not_allowed": 405,
    "conflict": 409,
    "too_large": 413,
    "uncertain": 422,
    "unavailable": 501,
    "internal": 500,
}

# One short Chinese title per kind of problem (RFC 9457 §3.1.3: the same for every occurrence).
_TITLES: dict[str, str] = {
    "invalid": "请求不正确",
    "unreadable": "文件无法读取",
    "forbidden": "无权操作",
    "not_found": "未找到",
    "not_allowed": "不支持该请求方法",
    "conflict": "与当前状态冲突",
    "too_large": "请求内容过大",
    "uncertain": "无法确定",
    "unavailable": "暂不支持",
    "internal": "服务器内部错误",
}


def problem_type(code: str) -> str:
    """The problem type URI of ``code`` (stable identifiers, listed in the README)."""
    return f"urn:gongkai:problem:{code}"


def status_of(code: str) -> int:
    """The HTTP status answering a GongkaiError ``code`` (400 for an unknown word)."""
    return STATUS_OF_CODE.get(code, 400)


class ApiError(GongkaiError):
    """A refusal raised by an API endpoint: ``message`` Chinese, field ``errors`` optional.

    ``extra`` adds members to the problem document (e.g. ``problems`` of a refused import).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        errors: Mapping[str, Sequence[str]] | None = None,
        extra: Mapping[str, Any] | None = None,
        log_message: str | None = None,
    ) -> None:
        super().__init__(message, log_message=log_message, code=code)
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}
        self.extra: dict[str, Any] = dict(extra or {})


class Problem(Schema):
    """An RFC 9457 problem detail as this API writes it."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    errors: dict[str, list[str]] | None = None
    problems: list[str] | None = None


def problem_response(
    request: HttpRequest,
    code: str,
    detail: str,
    *,
    errors: Mapping[str, Sequence[str]] | None = None,
    extra: Mapping[str, Any] | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The problem response for ``code`` with the Chinese ``detail``."""
    status = status or status_of(code)
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": _TITLES.get(code, _TITLES["invalid"]),
        "status": status,
        "detail": detail,
        "instance": escape_uri_path(request.path),
        "code": code,
    }
    if errors:
        body["errors"] = {str(k): [str(m) for m in v] for k, v in errors.items()}
    body.update(extra or {})
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    response["Content-Language"] = "zh-Hans"
    return response
