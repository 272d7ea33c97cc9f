"""Hostile uploads to the JSON API's register import (``POST /api/ledger/<code>/import/``).

Each case writes one file into the directory it is given and runs a child process that sets
up a fresh SQLite database there (one per run), migrates it, and posts the file with Django's test
client as a superuser; the child prints the status and the size of the answer, and exits 0
for an accepted import, 2 for a refusal (a 4xx problem), 1 for anything else. The first case
is the baseline: a small valid file, so the set-up cost is measured in the same run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

# The ledger tests' XLSX writer (bench_limits.py puts the project on sys.path).
from tests.ledger.hostile_xlsx import write_xlsx as write_package

HEADER = ("编号", "收到日期", "申请方式", "申请人类型", "申请人姓名或名称", "证件号码", "联系方式", "申请内容", "办理结果", "办结日期")  # fmt: skip

_CHILD = r"""
import os, sys, tempfile
os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="run-", dir=sys.argv[1])
os.environ["GONGKAI_DEBUG"] = "1"
os.environ.pop("GONGKAI_DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from django.test import Client
from gongkai.agencies.models import Agency
Agency.objects.create(name="测试机关", code="BENCH", kind="government")
client = Client()
client.force_login(User.objects.create(username="bench", is_superuser=True, is_staff=True))
with open(sys.argv[2], "rb") as upload:
    response = client.post("/api/ledger/BENCH/import/", {"file": upload})
print(response.status_code, len(response.content))
print(response.status_code, len(response.content), response.content[:200].decode("utf-8", "replace"), file=sys.stderr)
sys.exit(0 if response.status_code < 300 else 2 if response.status_code < 500 else 1)
"""


def write_xlsx(path: Path, rows: Iterator[tuple[str, ...]], count: int) -> int:
    """A complete XLSX of HEADER and ``count`` ``rows`` (streamed, dimension stated); its size."""
    write_package(path, HEADER, rows, dimension=f"A1:J{count + 1}", package=True)
    return path.stat().st_size


def _child(directory: Path, upload: Path) -> list[str]:
    return [sys.executable, "-c", _CHILD, str(directory), str(upload)]


def valid_rows(count: int) -> Iterator[tuple[str, ...]]:
    """Good rows: closed cases received in 2023."""
    for n in range(count):
        yield (f"OK-{n}", "2023-05-06", "互联网", "自然人", "王五", "", "", "申请内容", "予以公开", "2023-05-20")  # fmt: skip


def refused_rows(count: int) -> Iterator[tuple[str, ...]]:
    """Rows that each carry several problems (every coded column and both dates wrong)."""
    for n in range(count):
        yield (f"BAD-{n}", f"2023-13-{n % 28 + 1:02d}", "飞鸽传书", "外星人", f"申请人{n}", "X" * 18, f"电话{n}", f"内容{n}" * 5, "不知道", "明天")  # fmt: skip


def baseline(directory: Path) -> list[str]:
    """10 good rows: the set-up cost (interpreter, migrations) of every case."""
    upload = directory / "good.xlsx"
    write_xlsx(upload, valid_rows(10), 10)
    return _child(directory, upload)


def many_refused_rows(directory: Path) -> list[str]:
    """A ~1.2 MB XLSX of 70,000 refused rows, ~38 MB of sheet XML (the issue's 590 MB answer)."""
    upload = directory / "refused.xlsx"
    write_xlsx(upload, refused_rows(70_000), 70_000)
    return _child(directory, upload)


def sheet_bomb(directory: Path) -> list[str]:
    """A ~1.2 MB XLSX whose sheet XML inflates to about a gigabyte of one repeated cell."""
    upload = directory / "bomb.xlsx"
    cell = ("A",) * 9 + ("A" * 100_000,)
    write_xlsx(upload, (cell for _ in range(8_600)), 8_600)
    return _child(directory, upload)


def over_the_cap(directory: Path) -> list[str]:
    """A 21 MB upload: refused on its declared size, before it is parsed."""
    upload = directory / "big.csv"
    with upload.open("wb") as out:
        out.write((",".join(HEADER) + "\r\n").encode())
        out.write(b"x" * (21 * 1024 * 1024))
    return _child(directory, upload)


CASES: list[tuple[str, Callable[[Path], list[str]]]] = [
    ("import baseline: 10 good rows", baseline),
    ("import XLSX 1.2 MB of refused rows", many_refused_rows),
    ("import XLSX 1.2 MB sheet bomb", sheet_bomb),
    ("import 21 MB upload", over_the_cap),
]
