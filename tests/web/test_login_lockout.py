"""Login throttling through the real admin login form (django-axes, 5 tries, 15 minutes)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 Beijing time, a Monday


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # Hundreds of sign-ins: the lockout is under test here, not the password hash's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk() -> User:
    return User.objects.create_user("clerk", password="right-password", is_staff=True)


def _login(
    client: Client, password: str, *, username: str = "clerk", address: str = "203.0.113.7"
) -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_right_password_signs_in(clerk: User) -> None:
    client = Client()
    assert _login(client, "right-password") == 302
    assert _signed_in(client)


def test_five_failures_lock_out_the_right_password_for_fifteen_minutes(clerk: User) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = Client()
        for _ in range(4):
            assert _login(client, "wrong") == 200  # the form again, with its error
        assert _login(client, "wrong") == 429  # the fifth failure locks the pair out
        response = client.post(
            LOGIN, {"username": "clerk", "password": "right-password"}, REMOTE_ADDR="203.0.113.7"
        )
        assert response.status_code == 429
        assert "登录失败次数过多" in response.content.decode()
        assert not _signed_in(client)

        traveller.shift(timedelta(minutes=14, seconds=59))
        assert _login(client, "right-password") == 429
        assert not _signed_in(client)

        traveller.shift(timedelta(seconds=2))  # fifteen minutes after the last failure
        assert _login(client, "right-password") == 302
        assert _signed_in(client)


def test_lockout_is_logged_in_english(clerk: User, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="gongkai")
    client = Client()
    for _ in range(5):
        _login(client, "wrong")
    lines = [r.getMessage() for r in caplog.records if r.name == "gongkai.web.security"]
    assert len(lines) == 1
    assert lines[0].startswith("Login locked out: user name 'clerk' from 203.0.113.7")
    assert lines[0].isascii()


def test_three_hundred_wrong_passwords_never_let_the_right_one_in(clerk: User) -> None:
    # The report of issue 8: 300 wrong passwords followed by the right one succeeded.
    with time_machine.travel(START, tick=False):
        client = Client()
        statuses = {_login(client, f"guess-{n}") for n in range(300)}
        assert statuses == {200, 429}
        assert _login(client, "right-password") == 429
        assert not _signed_in(client)


def test_lockout_is_per_user_name_and_address(clerk: User) -> None:
    User.objects.create_user("other", password="other-password", is_staff=True)
    client = Client()
    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, "right-password") == 429
    # The same user from another address, and another user from the same address, go on.
    assert _login(Client(), "right-password", address="198.51.100.4") == 302
    assert _login(Client(), "other-password", username="other") == 302


def test_four_failures_then_success_resets_the_count(clerk: User) -> None:
    client = Client()
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, "right-password") == 302
    client.logout()
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, "right-password") == 302


def test_administrator_lifts_the_lockout(clerk: User) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, "right-password") == 429
    call_command("axes_reset_username", "clerk", verbosity=0)
    assert _login(client, "right-password") == 302


def test_behind_the_proxy_the_forwarded_address_is_the_client(clerk: User, settings: Any) -> None:
    # With GONGKAI_HTTPS=1 every request comes from the proxy: the lockout must still be per
    # client, read from the X-Forwarded-For entry the proxy wrote (the last one).
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https", "secure": True}
    attacker = Client()
    for _ in range(5):
        attacker.post(
            LOGIN,
            {"username": "clerk", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7",  # a forged first entry, then the proxy's
            **proxy,
        )
    locked = attacker.post(
        LOGIN,
        {"username": "clerk", "password": "right-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",  # forging another first entry is no way out
        **proxy,
    )
    assert locked.status_code == 429
    colleague = Client().post(
        LOGIN,
        {"username": "clerk", "password": "right-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
        **proxy,
    )
    assert colleague.status_code == 302


def test_a_json_client_is_answered_with_a_problem_in_chinese(clerk: User) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "wrong")
    response = client.post(
        LOGIN,
        {"username": "clerk", "password": "right-password"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    body = response.content.decode()
    assert "登录失败次数过多" in body  # not escaped as \\uXXXX
    assert response.json()["status"] == 429
