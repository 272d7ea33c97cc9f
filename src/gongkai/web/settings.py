"""Django settings: SQLite (WAL) by default, PostgreSQL when GONGKAI_DATABASE_URL is set.

Production is the default: DEBUG is on only with GONGKAI_DEBUG=1 (the demo command sets it),
and without GONGKAI_SECRET_KEY the server refuses to start (gongkai.web.security). With
GONGKAI_HTTPS=1 behind a TLS-terminating reverse proxy, ``check --deploy`` is clean.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF


def _env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = _env_flag("GONGKAI_DEBUG", False)
# A known key is only for DEBUG; gongkai.web.security refuses to start production with it.
DEVELOPMENT_SECRET_KEY = "gongkai-development-only-not-secret"
SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = _env_list("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "gongkai.web",
    "gongkai.agencies",
    "gongkai.audit",
    "gongkai.applications",
    "gongkai.annual",
    "gongkai.ledger",
    "gongkai.letters",
    "gongkai.staff",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside everything that may answer early, so a 403 or 404 carries the headers too.
    "gongkai.web.security.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.staff.common.staff_context",
            ],
        },
    },
]

_SQLITE_PATH = DATA_DIR / "gongkai.sqlite3"
_DATABASE_URL = os.environ.get("GONGKAI_DATABASE_URL", "")
if _DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(_DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_SQLITE_PATH),
            # WAL lets readers (the admin, reports) run while the register is written.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS: list[dict[str, str]] = []

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"

STATIC_URL = "static/"
# `gongkai manage collectstatic` fills it; WhiteNoise serves it (no nginx rule needed).
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", DATA_DIR / "static")).resolve()
with contextlib.suppress(OSError):  # WhiteNoise warns about a missing one (a read-only disk may)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not hashed: the manifest variant would make every page fail before the
    # first collectstatic (and in the tests, which never run it).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# htmx and the Noto Sans SC web font, copied from node_modules by `make setup`
# (scripts/vendor_assets.py) and served at /static/vendor/...; not in git.
VENDOR_STATIC_DIR = Path(
    os.environ.get("GONGKAI_VENDOR_STATIC", Path(__file__).resolve().parents[3] / "vendor")
).resolve()
STATICFILES_DIRS = [("vendor", VENDOR_STATIC_DIR)] if VENDOR_STATIC_DIR.is_dir() else []

# --- Transport and browser security -------------------------------------------------------
# GONGKAI_HTTPS=1: the site is served over HTTPS by a reverse proxy that sets
# X-Forwarded-Proto (and strips it from clients); see the README's production section.
HTTPS = _env_flag("GONGKAI_HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The proxy may present another host than the one Django sees; a form posted from any
    # allowed host over HTTPS is trusted ("*.example.cn" for an ALLOWED_HOSTS ".example.cn").
    CSRF_TRUSTED_ORIGINS = _env_list(
        "GONGKAI_CSRF_TRUSTED_ORIGINS",
        ",".join(
            f"https://*{host}" if host.startswith(".") else f"https://{host}"
            for host in ALLOWED_HOSTS
            if host != "*"
        ),
    )
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by gongkai.web.security.PrivateResponseMiddleware: no powerful browser feature is used.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)


def _admin_style_hashes() -> list[str]:
    # The admin's change list has one inline <style> (a list without actions): allow exactly
    # that text by its hash rather than all inline styles.
    import django

    template = Path(django.__file__).parent / "contrib/admin/templates/admin/change_list.html"
    styles = re.findall(r"<style>(.*?)</style>", template.read_text(encoding="utf-8"), re.S)
    digests = (hashlib.sha256(style.encode()).digest() for style in styles)
    return [f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests]


# Scripts and styles come from our own static files only: the Django admin needs nothing
# else (its scripts read their data from data-* attributes, not inline code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *_admin_style_hashes()],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- E-mail (the morning reminders, gongkai manage remind) ----------------------------------
# Django's SMTP backend; the defaults suit a mail relay on the same host (port 25).
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("GONGKAI_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")

# --- Login throttling (django-axes) ---------------------------------------------------------
# Five wrong passwords for one user name from one address lock that pair out for 15 minutes,
# the right password included. An administrator lifts it early: gongkai manage axes_reset.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Fifteen minutes from the fifth failure: tries while locked out are refused, not counted.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "gongkai.web.security.client_ip"
AXES_LOCKOUT_CALLABLE = "gongkai.web.security.lockout_response"
AXES_VERBOSE = False  # our own log line says it once (gongkai.web.security)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "gongkai": {"handlers": ["console"], "level": "INFO"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

# --- The register's documented choices where the law is unclear ----------------------------
# Each is read by gongkai.applications.deadlines / actions; see statute-facts.md.

# D1 [U]: False = the receipt date is day 0 and the due date is the Nth working day after it.
GONGKAI_CLOCK_COUNT_RECEIPT_DAY = _env_flag("GONGKAI_CLOCK_COUNT_RECEIPT_DAY", False)
# D1 rule 5 [U]: "count_from_next_working_day" or "receipt_moves_to_next_working_day".
GONGKAI_CLOCK_NON_WORKING_RECEIPT = os.environ.get(
    "GONGKAI_CLOCK_NON_WORKING_RECEIPT", "count_from_next_working_day"
)
# A8 [U]: the time from a fee notice to the payment is excluded from the reply period.
GONGKAI_FEE_NOTICE_PAUSES_CLOCK = _env_flag("GONGKAI_FEE_NOTICE_PAUSES_CLOCK", True)
# A4 [U]: an extension must be approved (and the applicant told) before the first period ends.
GONGKAI_EXTENSION_BEFORE_DEADLINE = _env_flag("GONGKAI_EXTENSION_BEFORE_DEADLINE", True)
# A8 [S]: the 信息处理费 is charged from this date (Heilongjiang notice); no fee notice earlier.
GONGKAI_FEES_FROM = os.environ.get("GONGKAI_FEES_FROM", "2021-01-01")


def _check_choices() -> None:
    # A mistyped setting must stop start-up with a clear message, not fail on the first case.
    from datetime import date

    from django.core.exceptions import ImproperlyConfigured

    from gongkai.clock import NonWorkingReceipt

    choices = {m.value for m in NonWorkingReceipt}
    if GONGKAI_CLOCK_NON_WORKING_RECEIPT not in choices:
        raise ImproperlyConfigured(
            f"GONGKAI_CLOCK_NON_WORKING_RECEIPT must be one of {sorted(choices)}, "
            f"not {GONGKAI_CLOCK_NON_WORKING_RECEIPT!r}"
        )
    try:
        date.fromisoformat(GONGKAI_FEES_FROM)
    except ValueError:
        raise ImproperlyConfigured(
            f"GONGKAI_FEES_FROM must be an ISO date, not {GONGKAI_FEES_FROM!r}"
        ) from None


_check_choices()
