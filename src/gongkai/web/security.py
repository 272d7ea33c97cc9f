"""Web hardening: private-response headers, the login lockout, and the production start check.

Personal data of applicants must not linger in browser or proxy caches, so every response to
a signed-in user and every admin or API response is ``Cache-Control: no-store``. The login
lockout itself is django-axes (configured in settings); this module gives it the client
address behind the reverse proxy, a Chinese answer, and an English log line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape

__all__ = [
    "PRIVATE_PATH_PREFIXES",
    "PrivateResponseMiddleware",
    "check_production_settings",
    "client_ip",
    "lockout_response",
    "log_lockout",
    "production_problems",
    "refuse_insecure_start",
]

logger = logging.getLogger(__name__)

#: Responses under these paths may carry personal data whoever asks (the admin, the API).
PRIVATE_PATH_PREFIXES = ("/admin/", "/api/")


class PrivateResponseMiddleware:
    """Adds Permissions-Policy everywhere and ``no-store`` to responses that may hold PII."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy: str = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if _is_private(request):
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = _with_no_store(response.headers["Cache-Control"])
        return response


def _is_private(request: HttpRequest) -> bool:
    if request.path.startswith(PRIVATE_PATH_PREFIXES):
        return True
    user = getattr(request, "user", None)  # absent when an outer middleware answered early
    return bool(user is not None and user.is_authenticated)


def _with_no_store(value: str) -> str:
    # add_never_cache_headers already says no-store; keep it even if a view narrowed it.
    parts = [part.strip() for part in value.split(",") if part.strip()]
    return ", ".join(parts if "no-store" in parts else [*parts, "no-store"])


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for the lockout: from the reverse proxy when behind one.

    Behind the documented proxy (GONGKAI_HTTPS=1) every request arrives from the proxy's
    address, so the lockout would be per user name only; the proxy writes the address it saw
    as the last X-Forwarded-For entry, which a client cannot forge.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded.strip():
        return str(forwarded.split(",")[-1].strip())
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The answer to a locked-out login attempt: HTTP 429, in Chinese."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = (
        f"登录失败次数过多，该账号在此地址的登录已暂停 {minutes} 分钟。"
        "如需提前解除，请联系系统管理员。"
    )
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {"title": "登录已暂停", "status": 429, "detail": message},
            status=429,
            content_type="application/problem+json",
            json_dumps_params={"ensure_ascii": False},
        )
    body = (
        '<!DOCTYPE html><html lang="zh-hans"><head><meta charset="utf-8">'
        f"<title>登录已暂停</title></head><body><h1>登录已暂停</h1><p>{escape(message)}</p>"
        "</body></html>"
    )
    return HttpResponse(body, status=429, content_type="text/html; charset=utf-8")


def log_lockout(
    sender: object, request: HttpRequest, username: str, ip_address: str, **kwargs: Any
) -> None:
    """Receiver of axes' ``user_locked_out``: one English warning line."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    logger.warning(
        "Login locked out: user name %r from %s after %d failed passwords; "
        "refused for %d minutes (lift early with: gongkai manage axes_reset_username %s)",
        username,
        ip_address,
        settings.AXES_FAILURE_LIMIT,
        minutes,
        username,
    )


def production_problems() -> list[str]:
    """What stops the site from running in production mode (DEBUG off), in Chinese."""
    if settings.DEBUG:
        return []
    problems = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        problems.append(
            "未设置 GONGKAI_SECRET_KEY：生产模式（未设置 GONGKAI_DEBUG=1）必须提供一个随机密钥，"
            '例如 python -c "import secrets; print(secrets.token_urlsafe(50))" 的输出'
        )
    return problems


def check_production_settings(app_configs: object = None, **kwargs: Any) -> list[CheckMessage]:
    """Django system check: production mode without a secret key is an error."""
    return [
        Error(problem, id="gongkai.E001", hint="见 README 的 Running in production 一节")
        for problem in production_problems()
    ]


def refuse_insecure_start() -> None:
    """Raise ImproperlyConfigured (Chinese message) when production settings are incomplete."""
    problems = production_problems()
    if problems:
        raise ImproperlyConfigured("；".join(problems))
