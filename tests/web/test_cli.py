"""``gongkai demo`` / ``manage``: run as the user runs them, in a fresh data directory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest


def gongkai(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    # Always the SQLite demo database in the temporary directory, never a configured server.
    env["GONGKAI_DATA_DIR"] = str(data_dir)
    if args[:1] == ("manage",):
        # A development setup: production mode would rightly refuse to run without a secret
        # key (tests/web/test_production_settings.py). The demo turns DEBUG on by itself.
        env["GONGKAI_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_command_parser_does_not_import_django() -> None:
    code = (
        "import sys, gongkai.cli as c; p = c.build_parser(); "
        "print(sorted(p._subparsers._group_actions[0].choices)); print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    choices, imported = out.stdout.strip().splitlines()
    assert {"demo", "serve", "manage"} <= set(eval(choices))
    assert imported == "False"


def test_demo_sets_up_once_and_creates_the_demo_admin(tmp_path: Path) -> None:
    first = gongkai(tmp_path, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    assert "用户名 admin，密码 admin" in first.stdout
    database = tmp_path / "gongkai.sqlite3"
    with sqlite3.connect(database) as db:
        (superusers,) = db.execute(
            "select count(*) from auth_user where username='admin' and is_superuser"
        ).fetchone()
        (mode,) = db.execute("pragma journal_mode").fetchone()
        counts = _counts(db)
    assert superusers == 1
    assert mode == "wal"
    second = gongkai(tmp_path, "demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    assert "已存在" in second.stdout
    with sqlite3.connect(database) as db:
        assert _counts(db) == counts


def _counts(db: sqlite3.Connection) -> tuple[int, ...]:
    tables = ("auth_user", "applications_application", "applications_applicationevent")
    return tuple(db.execute(f"select count(*) from {table}").fetchone()[0] for table in tables)


def test_demo_refuses_a_database_with_real_applications(tmp_path: Path) -> None:
    script = (
        "from datetime import date; from django.contrib.auth.models import User; "
        "from gongkai.agencies.models import Agency; "
        "from gongkai.applications.actions import RegisterApplication; "
        "u = User.objects.create_superuser('clerk', password='x'); "
        "a = Agency.objects.create(name='某局', code='j', kind='department'); "
        "RegisterApplication.execute(u, agency=a, applicant_kind='natural_person', "
        "applicant_name='张三', channel='in_person', arrived_at=date(2025, 3, 3))"
    )
    assert gongkai(tmp_path, "manage", "migrate", "-v", "0").returncode == 0
    made = gongkai(tmp_path, "manage", "shell", "-c", script)
    assert made.returncode == 0, made.stderr
    refused = gongkai(tmp_path, "demo", "--no-serve")
    assert refused.returncode == 1
    assert "正式申请记录" in refused.stderr
    with sqlite3.connect(tmp_path / "gongkai.sqlite3") as db:
        assert db.execute("select count(*) from auth_user where username='admin'").fetchone() == (
            0,
        )


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("manage", "check"), 0, "no issues"),
        (("manage", "--help"), 0, "gongkai manage help"),
        (("manage", "nosuchcommand"), 1, "Unknown command"),
    ],
)
def test_manage_passes_through(tmp_path: Path, args: tuple[str, ...], code: int, text: str) -> None:
    result = gongkai(tmp_path, *args)
    assert result.returncode == code
    assert text in result.stdout + result.stderr


# The demo must succeed at any instant: before office hours, at year end, on a Saturday,
# on the eve of the Spring Festival. The real command runs in its own process with the
# clock moved there (time-machine ticks from the instant, as a real clock would).
_AWKWARD_INSTANTS = (
    "2026-03-10T00:30:00+08:00",
    "2026-03-10T10:30:00+08:00",
    "2026-03-10T23:30:00+08:00",
    "2026-12-05T09:15:00+08:00",  # Saturday
    "2025-12-31T23:59:00+08:00",  # year end
    "2026-02-16T20:00:00+08:00",  # 除夕 2026
)


@pytest.mark.parametrize("instant", _AWKWARD_INSTANTS)
def test_demo_succeeds_at_any_instant(tmp_path: Path, instant: str) -> None:
    code = (
        "import sys, time_machine; from gongkai.cli import main\n"
        f"with time_machine.travel({instant!r}, tick=True):\n"
        "    sys.exit(main(['demo', '--no-serve']))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env["GONGKAI_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "gongkai.sqlite3") as db:
        (latest,) = db.execute("select max(arrived_at) from applications_application").fetchone()
        (count,) = db.execute("select count(*) from applications_application").fetchone()
    assert count > 500
    # Nothing arrives after the instant the demo was made at (SQLite keeps UTC).
    latest_at = datetime.fromisoformat(latest).replace(tzinfo=UTC)
    assert latest_at <= datetime.fromisoformat(instant) + timedelta(minutes=5)
