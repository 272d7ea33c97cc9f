"""The JSON API: one NinjaAPI at /api/, a router per app, every error one problem format.

Session authentication, with Django's CSRF check on unsafe methods (ninja's ``django_auth``);
JSON bodies keep Chinese readable (no ``\\uXXXX``). Every exception becomes an RFC 9457
problem here and nowhere else: the project's ``GongkaiError`` (its ``code`` decides the
status), ninja's own errors, and — as a last resort — anything unexpected, which is logged
with its traceback in English and answered as a Chinese 500 without internals.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, URLPattern, URLResolver, path, re_path, resolve
from django.utils import translation
from django.utils.encoding import escape_uri_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import django_auth

from gongkai.agencies.api import router as agencies_router
from gongkai.annual.api import router as annual_router
from gongkai.applications.api import router as applications_router
from gongkai.errors import GongkaiError
from gongkai.httpapi import problem_response
from gongkai.httpapi.docs import QUERY_KEY
from gongkai.httpapi.problems import PROBLEM_CONTENT_TYPE
from gongkai.ledger.api import router as ledger_router

__all__ = ["api", "api_urlpatterns", "openapi_document"]

logger = logging.getLogger("gongkai.api")


class ChineseJSONRenderer(JSONRenderer):
    """JSON with Chinese as it is (UTF-8), not escaped."""

    json_dumps_params: Mapping[str, Any] = {"ensure_ascii": False}


api = NinjaAPI(
    title="gongkai 政府信息公开工作系统 API",
    version="1",
    description=(
        "依申请公开台账、年度报告与台账文件的 JSON 接口。会话认证（登录后的 Cookie），"
        "非 GET 请求须带 CSRF 令牌（X-CSRFToken 头）。错误一律为 RFC 9457 问题详情"
        "（application/problem+json），detail 为中文。身份证号码和联系方式一律遮蔽。"
    ),
    auth=django_auth,
    renderer=ChineseJSONRenderer(),
    urls_namespace="api",
    openapi_url=None,
    docs_url=None,
)
api.add_router("", applications_router)
api.add_router("", agencies_router)
api.add_router("", annual_router)
api.add_router("", ledger_router)


# --- errors: the one place that turns exceptions into problems ------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "这个字段是必填项。",
    "int_parsing": "应为整数。",
    "int_type": "应为整数。",
    "literal_error": "取值不在允许的范围内。",
    "string_type": "应为字符串。",
}


@api.exception_handler(GongkaiError)
def _gongkai_error(request: HttpRequest, exc: GongkaiError) -> HttpResponse:
    errors = getattr(exc, "errors", None) or None
    extra = getattr(exc, "extra", None) or None
    return problem_response(request, exc.code, exc.message, errors=errors, extra=extra)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Path parameters only: bodies and query strings are checked against their forms.
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("path", "query")]
        name = ".".join(location) or "请求"
        errors.setdefault(name, []).append(
            _PYDANTIC_MESSAGES.get(error.get("type", ""), "取值不正确。")
        )
    first = next(iter(errors.items()))
    return problem_response(
        request, "invalid", f"请求参数有误：{first[0]}：{first[1][0]}", errors=errors
    )


@api.exception_handler(AuthenticationError)
def _not_logged_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(request, "forbidden", "请先登录。")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in exc.message:
        return problem_response(request, "forbidden", "CSRF 校验失败：请刷新页面后重试。")
    logger.warning("ninja HttpError %s: %s", exc.status_code, exc.message)
    code = {403: "forbidden", 404: "not_found", 405: "not_allowed", 413: "too_large"}
    return problem_response(
        request, code.get(exc.status_code, "invalid"), "请求无法处理。", status=exc.status_code
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, "not_found", "请求的资源不存在或无权查看。")


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return problem_response(request, "too_large", "请求内容过大。")


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return problem_response(
        request, "invalid", "上传内容的格式不正确（multipart/form-data 无法解析）。"
    )


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, "forbidden", "无权进行此操作。")


@api.exception_handler(DjangoValidationError)
def _model_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    # A model's own check (clean/full_clean) that a form did not catch first.
    with translation.override("zh-hans"):
        if hasattr(exc, "error_dict"):
            errors = {field: [str(m) for m in ms] for field, ms in exc.message_dict.items()}
        else:
            errors = {"__all__": [str(m) for m in exc.messages]}
    first = next(iter(errors.values()))[0]
    return problem_response(request, "invalid", f"提交的内容有误：{first}", errors=errors)


@api.exception_handler(SuspiciousOperation)
def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    logger.warning("suspicious API request %s: %s", request.path, exc)
    return problem_response(request, "invalid", "请求无法处理：格式不正确或超出限制。")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("unexpected error answering %s %s", request.method, request.path, exc_info=exc)
    return problem_response(
        request, "internal", "服务器内部错误，已记录。请稍后重试，或联系系统管理员。"
    )


# --- the OpenAPI document --------------------------------------------------------------------


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of every endpoint, errors as problem+json."""
    schema: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
    for operations in schema["paths"].values():
        for operation in operations.values():
            parameters = operation.pop(QUERY_KEY, [])
            if parameters:
                operation["parameters"] = [*operation.get("parameters", []), *parameters]
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
                if int(status) == 200 and "text/csv" in content:
                    content.pop("application/json", None)
    return schema


def openapi_view(request: HttpRequest) -> HttpResponse:
    """``GET /api/openapi.json``."""
    if request.method not in ("GET", "HEAD"):
        return _method_not_allowed(request, ["GET"])
    return JsonResponse(_cached_document(), json_dumps_params={"ensure_ascii": False})


@functools.cache
def _cached_document() -> dict[str, Any]:
    # The routes and forms are fixed once the process has started.
    return openapi_document()


# --- the URL patterns ---------------------------------------------------------------------------


def _method_not_allowed(request: HttpRequest, allowed: list[str]) -> HttpResponse:
    response = problem_response(
        request, "not_allowed", f"不支持 {request.method} 请求；可用：{'、'.join(allowed)}。"
    )
    response["Allow"] = ", ".join(allowed)
    return response


def _problems_everywhere(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    # Ninja answers a wrong method with plain text; and API answers are never cached, since
    # most carry personal data.
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/"):
            allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
            response = _method_not_allowed(request, allowed)
        response["Cache-Control"] = "no-store"
        return response

    return wrapped


def _unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    shown = escape_uri_path(request.path)
    detail = f"没有这个接口：{shown}"
    if not request.path.endswith("/"):
        try:
            found = resolve(request.path + "/")
        except Resolver404:
            found = None
        if found is not None and found.url_name != "unknown":
            detail += "。接口网址以“/”结尾，请在末尾加“/”。"
    response = problem_response(request, "not_found", detail)
    response["Cache-Control"] = "no-store"
    return response


def api_urlpatterns() -> list[URLPattern | URLResolver]:
    """The patterns to include at ``api/``: the operations, the document, a problem 404."""
    patterns, _app_name, _namespace = api.urls
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name == "api-root":
                continue  # ninja's home page; /api/ itself is no endpoint
            pattern.callback = _problems_everywhere(pattern.callback)
        wrapped.append(pattern)
    return [
        path("openapi.json", openapi_view, name="openapi"),
        *wrapped,
        re_path(r"^(?P<rest>[\s\S]*)$", _unknown_endpoint, name="unknown"),
    ]
