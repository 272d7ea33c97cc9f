"""Hostile register files for ``gongkai manage import_ledger`` (the library the API calls too).

Each builder writes its file into the directory it is given, prepares a SQLite data
directory there (migrated, with the agency BENCH; not timed), and returns the argv that
imports the file into a fresh copy of it, run with production settings. The command exits 0 for an import,
2 for a refused file (its Chinese reasons on stderr, capped at 200 problems).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# The ledger tests' XLSX writer (bench_limits.py puts the project on sys.path).
from tests.ledger.hostile_xlsx import laughs, write_xlsx

Builder = Callable[[Path], list[str]]

HEADER = ("编号", "收到日期", "申请方式", "申请人类型", "申请人姓名或名称", "证件号码", "联系方式", "申请内容", "办理结果", "办结日期")  # fmt: skip
GOOD = ("A-{n}", "2023-05-06", "互联网", "自然人", "王五", "", "", "申请内容", "予以公开", "2023-05-20")  # fmt: skip
BAD = ("B-{n}", "2023-13-01", "飞鸽传书", "外星人", "某" * 200, "X" * 40, "电话" * 100, "内容" * 200, "不知道", "明天")  # fmt: skip
SHORT_BAD = ("C-{n}", "2023-13-01", "飞鸽传书", "外星人", "赵六", "", "", "内容", "不知道", "明天")  # fmt: skip
_BOMB_CELLS = ("A",) * 9 + ("A" * 100_000,)
_ENV = (
    "GONGKAI_SECRET_KEY=limits-ledger-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "GONGKAI_DATABASE_URL=",
)


def _filled(template: tuple[str, ...], count: int) -> Iterable[tuple[str, ...]]:
    for n in range(count):
        yield tuple(cell.format(n=n) for cell in template)


def _import(directory: Path, upload: Path) -> list[str]:
    """Migrate a fresh database in ``directory``; the argv that imports ``upload`` into it."""
    data = directory / "data"
    env = ["env", f"GONGKAI_DATA_DIR={data}", *_ENV]
    gongkai = [*env, sys.executable, "-m", "gongkai", "manage"]
    subprocess.run([*gongkai, "migrate", "--verbosity", "0"], check=True)
    create = (
        "from gongkai.agencies.models import Agency; "
        "Agency.objects.create(name='测试机关', code='BENCH', kind='government')"
    )
    subprocess.run([*gongkai, "shell", "-c", create], check=True, stdout=subprocess.DEVNULL)
    # Each run imports into a fresh copy of the migrated database (a copy takes milliseconds),
    # so that a second run of a good file is not refused as already registered.
    run = directory / "run"
    fresh = 'rm -rf "$1" && cp -R "$2" "$1" && shift 2 && exec "$@"'
    return [
        "sh",
        "-c",
        fresh,
        "sh",
        str(run),
        str(data),
        "env",
        f"GONGKAI_DATA_DIR={run}",
        *_ENV,
        sys.executable,
        "-m",
        "gongkai",
        "manage",
        "import_ledger",
        "BENCH",
        str(upload),
    ]


def _xlsx_case(name: str, rows: Callable[[], Iterable[Iterable[str]]], **options: str) -> Builder:
    """A builder: an XLSX ``name`` of HEADER and ``rows()`` (see ``write_xlsx``), imported."""

    def build(directory: Path) -> list[str]:
        upload = directory / name
        write_xlsx(upload, HEADER, rows(), **options)
        return _import(directory, upload)

    return build


# 10 good rows: the cost of starting Django and importing almost nothing.
baseline = _xlsx_case("good.xlsx", lambda: _filled(GOOD, 10))
# 10 good rows under a dimension that says 2: all 10 are imported (exit 0).
stale_dimension = _xlsx_case("stale.xlsx", lambda: _filled(GOOD, 10), dimension="A1:J3")
# A ~0.6 MB XLSX whose sheet inflates to 600 MB: refused from the zip directory.
zip_bomb = _xlsx_case("bomb.xlsx", lambda: (_BOMB_CELLS for _ in range(6_000)))
# Entities that expand to 10^9 "lol"s in the sheet's cells: refused (defusedxml).
billion_laughs = _xlsx_case("laughs.xlsx", lambda: [("&lol9;",) * 10], prolog=laughs(9))
# A ~1.2 MB XLSX of 77,000 refused rows: every row counted, 200 listed.
every_row_bad = _xlsx_case("refused.xlsx", lambda: _filled(BAD, 77_000))
# A ~1.2 MB XLSX of short refused rows (about 90,000): the problems are capped.
every_row_bad_short = _xlsx_case("refused-short.xlsx", lambda: _filled(SHORT_BAD, 90_000))


def nul_bytes_csv(directory: Path) -> list[str]:
    """A CSV with NUL bytes (a binary file renamed .csv): refused naming the line."""
    upload = directory / "nul.csv"
    good = ",".join(GOOD).format(n=1)
    upload.write_bytes(f"{','.join(HEADER)}\r\n{good}\r\n".encode() + b"\x00\x01\x02" * 100_000)
    return _import(directory, upload)


CASES: list[tuple[str, Builder]] = [
    ("ledger baseline: 10 good rows", baseline),
    ("ledger XLSX stale dimension (10 rows)", stale_dimension),
    ("ledger XLSX zip bomb (600 MB sheet)", zip_bomb),
    ("ledger XLSX billion laughs", billion_laughs),
    ("ledger XLSX 1.2 MB every row bad (long cells)", every_row_bad),
    ("ledger XLSX 1.2 MB every row bad (short)", every_row_bad_short),
    ("ledger CSV with NUL bytes", nul_bytes_csv),
]
