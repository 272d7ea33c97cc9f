"""Django settings: SQLite (WAL) by default, PostgreSQL when GONGKAI_DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "gongkai-development-only-not-secret")
DEBUG = os.environ.get("GONGKAI_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.agencies",
    "gongkai.audit",
    "gongkai.applications",
    "gongkai.annual",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"gongkai": {"handlers": ["console"], "level": "INFO"}},
}

# --- The register's documented choices where the law is unclear ----------------------------
# Each is read by gongkai.applications.deadlines / actions; see statute-facts.md.


def _env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


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
