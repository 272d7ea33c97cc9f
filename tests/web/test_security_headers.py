"""Security headers, the content security policy and no-store on every page that may hold PII."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

# Status-independent: the API answers 401/403/404/405 to an anonymous caller, and the headers
# must be there on those answers too.
PAGES = ["/admin/login/", "/api/applications/", "/api/no-such-endpoint/", "/admin/"]


def _policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(client: Client, path: str) -> None:
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    policy = _policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline script, no eval, no other host
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", PAGES)
def test_admin_and_api_answers_are_never_stored(client: Client, path: str) -> None:
    response = client.get(path)
    assert "no-store" in response["Cache-Control"]


def test_a_post_refused_by_csrf_carries_the_headers() -> None:
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_every_response_to_a_signed_in_user_is_never_stored(client: Client) -> None:
    # A page outside /admin/ and /api/ (here a 404) still carries no-store once signed in.
    anonymous = client.get("/elsewhere/")
    assert "no-store" not in anonymous.get("Cache-Control", "")
    user = User.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    response = client.get("/elsewhere/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_the_admin_works_under_the_policy(client: Client) -> None:
    # Every script the admin pages load comes from our own origin, and none is inline code:
    # scripts with data-* attributes only (Django's pattern) are fine under script-src 'self'.
    user = User.objects.create_superuser("root", password="x")
    client.force_login(user)
    for path in ["/admin/", "/admin/auth/user/", f"/admin/auth/user/{user.pk}/change/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>.*?</script>", html, flags=re.S):
            opening = tag[: tag.index(">") + 1]
            src = re.search(r'src="([^"]+)"', opening)
            assert src is not None, f"inline script on {path}: {tag[:80]}"
            assert src.group(1).startswith("/"), f"script from another origin: {src.group(1)}"
            assert re.sub(r"<script\b[^>]*>|</script>", "", tag).strip() == "", tag
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html), f"event handler on {path}"
        policy = _policy(response["Content-Security-Policy"])
        for style in re.findall(r"<style>(.*?)</style>", html, flags=re.S):
            digest = hashlib.sha256(style.encode()).digest()
            assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy["style-src"]
