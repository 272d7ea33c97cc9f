"""Production is the default: no DEBUG, a secret key required, and a clean check --deploy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def _run(
    tmp_path: Path, code_or_args: list[str], **variables: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(GONGKAI_DATA_DIR=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, *code_or_args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )


PRODUCTION = {
    "GONGKAI_SECRET_KEY": secrets.token_urlsafe(50),
    "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
    "GONGKAI_HTTPS": "1",
}


def test_check_deploy_is_clean_with_the_production_variables(tmp_path: Path) -> None:
    proc = _run(tmp_path, ["-m", "gongkai", "manage", "check", "--deploy"], **PRODUCTION)
    assert proc.returncode == 0, proc.stderr
    assert "System check identified no issues" in proc.stdout
    assert "WARNING" not in proc.stdout + proc.stderr
    assert "security.W" not in proc.stdout + proc.stderr


def test_production_settings_values(tmp_path: Path) -> None:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'gongkai.web.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.ALLOWED_HOSTS)"
    )
    proc = _run(tmp_path, ["-c", code], **PRODUCTION)
    assert proc.stdout.split(" ", 1)[0] == "False"
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in proc.stdout
    assert "['https://gongkai.example.gov.cn']" in proc.stdout


def test_production_without_a_secret_key_refuses_to_start(tmp_path: Path) -> None:
    proc = _run(tmp_path, ["-m", "gongkai", "manage", "check"])
    assert proc.returncode != 0
    # The system check gongkai.E001 (or the command line's own "配置错误" line) names it.
    assert "未设置 GONGKAI_SECRET_KEY" in proc.stderr
    assert "Traceback" not in proc.stderr
    # The WSGI entry point (gunicorn) refuses too, with the same message.
    wsgi = _run(tmp_path, ["-c", "import gongkai.web.wsgi"])
    assert wsgi.returncode != 0
    assert "ImproperlyConfigured: 未设置 GONGKAI_SECRET_KEY" in wsgi.stderr


@pytest.mark.parametrize("variables", [{"GONGKAI_DEBUG": "1"}, PRODUCTION])
def test_debug_or_a_key_lets_it_start(tmp_path: Path, variables: dict[str, str]) -> None:
    proc = _run(tmp_path, ["-c", "import gongkai.web.wsgi; print('ready')"], **variables)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ready"


def test_the_start_check_in_process(settings: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from gongkai.web.security import check_production_settings, refuse_insecure_start

    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    (error,) = check_production_settings()
    assert error.id == "gongkai.E001"
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_SECRET_KEY"):
        refuse_insecure_start()
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    assert check_production_settings() == []
    refuse_insecure_start()
    settings.DEBUG, settings.SECRET_KEY = True, settings.DEVELOPMENT_SECRET_KEY
    assert check_production_settings() == []
