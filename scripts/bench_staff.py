"""Benchmark: the staff dashboard and register search under 20 concurrent users.

    python scripts/bench_staff.py                       # 1,000,000 applications, 3 runs
    python scripts/bench_staff.py --rows 100000 --runs 1 --seconds 15

Creates its own PostgreSQL database (``--database``, dropped at the end unless ``--keep``),
migrates it, fills ``--rows`` applications of one government (most closed over 2019-2026,
a few thousand open around today, Chinese request texts) plus 10% at nine departments, runs
gunicorn (production settings, 2 workers) on 127.0.0.1 and a small threaded HTTP client on
loopback: ``--users`` users, each signed in as the office head (a session cookie), cycle
through dashboard and search URLs for ``--seconds``. Prints median and 95th percentile per
page for each run and the median over runs (goal: p95 < 200 ms).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SERVER = "postgresql://postgres@127.0.0.1:5432/"
BATCH = 20_000
PORT = 8765
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
TOPICS = (
    "农村公路养护资金使用情况",
    "城市更新项目征收补偿方案",
    "某中学扩建工程环境影响评价报告",
    "住房公积金年度缴存统计",
    "河道整治工程招标投标文件",
    "企业安全生产行政处罚决定书",
    "土地出让合同及规划条件",
    "财政预算执行情况和审计报告",
    "最低生活保障对象名单",
    "危旧房改造补贴发放明细",
    "食品药品抽检结果公告",
    "防汛物资储备清单",
)
DASHBOARD_URLS = (
    "/staff/",
    "/staff/?scope=office&group=overdue",
    "/staff/?scope=office&group=soon",
    "/staff/?scope=mine&group=today",
    "/staff/?scope=office&group=closed",
    "/staff/?status=consulting&sort=-received_on",
    "/staff/?scope=office&group=soon&page=2",
)
SEARCH_WORDS = ("公路养护", "征收补偿", "环境影响评价", "公积金", "招标投标", "抽检结果")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", default="gongkai_bench_staff")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="per page and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="mean pause of a user between requests, uniform 0.5x-1.5x (locust's "
        "wait_time = between(1, 3) for 2.0); 0 is a closed loop at full speed",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it)")
    parser.add_argument("--no-trigram", action="store_true", help="drop the trigram indexes")
    return parser.parse_args()


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER + "postgres", autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _exists(database: str) -> bool:
    import psycopg

    with psycopg.connect(SERVER + "postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
        return found.fetchone() is not None


def _setup(database: str, fresh: bool) -> None:
    if fresh or not _exists(database):
        _admin(f'DROP DATABASE IF EXISTS "{database}"')
        _admin(f'CREATE DATABASE "{database}"')
    os.environ["GONGKAI_DATABASE_URL"] = SERVER + database
    # The server checks the session's hash with the same key as the script that made it.
    os.environ["GONGKAI_SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _rows(agency_ids: list[int], n: int, prefix: str, today: date, seed: int) -> Iterator[object]:
    from gongkai.applications.choices import regulation_for
    from gongkai.applications.models import Application

    rng = random.Random(seed)
    first = date(2019, 1, 1)
    span = (today - first).days
    open_statuses = ("in_progress", "registered", "consulting", "awaiting_fee")
    for i in range(n):
        # About 0.4% still open (a few thousand per million), due around today.
        is_open = rng.random() < 0.004
        if is_open:
            received = today - timedelta(days=rng.randrange(1, 40))
            status = rng.choice(open_statuses)
            deadline: date | None = today + timedelta(days=rng.randrange(-10, 25))
            closed = None
            if rng.random() < 0.1:
                status, deadline = "awaiting_correction", None
        else:
            received = first + timedelta(days=rng.randrange(span - 20))
            closed = min(received + timedelta(days=rng.randrange(1, 30)), today)
            status, deadline = "closed", received + timedelta(days=28)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randrange(1, 3)))
        topic = rng.choice(TOPICS)
        yield Application(
            agency_id=agency_ids[i % len(agency_ids)],
            reference=f"{prefix}{received.year}-{i:08d}",
            applicant_kind="natural_person",
            applicant_name=name,
            applicant_id_number="",
            applicant_contact=f"1{rng.randrange(3, 9)}{rng.randrange(10**9):09d}",
            channel=rng.choice(("in_person", "registered_post", "other")),
            arrived_at=datetime(received.year, received.month, received.day, 1, tzinfo=UTC),
            received_on=received,
            rules=regulation_for(received),
            description=f"申请公开{rng.randrange(2015, 2027)}年度{topic}（第{rng.randrange(1, 999)}号）",
            status=status,
            clock_started_on=received,
            deadline=deadline,
            outcome="granted" if closed else "",
            closed_on=closed,
        )


def _fill(rows: int) -> tuple[object, object, float]:
    """The government (office head's agency) and its head user; the fill time."""
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency, StaffRole
    from gongkai.applications.models import Application, Dispute
    from gongkai.applications.records import create_applications

    government = Agency.objects.filter(code="BENCH").first()
    head = User.objects.filter(username="bench_head").first()
    if government is not None and head is not None and Application.objects.exists():
        return government, head, 0.0  # --keep: reuse
    government = Agency.objects.create(name="基准区人民政府", kind="government", code="BENCH")
    departments = [
        Agency.objects.create(
            name=f"基准区第{i}局", kind="department", code=f"BENCH{i}", parent=government
        )
        for i in range(1, 10)
    ]
    head = User.objects.create(username="bench_head", first_name="公开办负责人")
    StaffRole.objects.create(user=head, agency=government, role="office_head")
    handlers = []
    for i in range(5):
        user = User.objects.create(username=f"bench_handler{i}")
        StaffRole.objects.create(user=user, agency=government, role="handler")
        handlers.append(user)
    today = timezone.localdate()
    started = time.perf_counter()
    for agency_ids, n, prefix, seed in (
        ([government.pk], rows, "B", 1),
        ([d.pk for d in departments], rows // 10, "D", 2),
    ):
        generator = _rows(agency_ids, n, prefix, today, seed)
        with transaction.atomic():
            while batch := list(itertools.islice(generator, BATCH)):
                create_applications(batch, batch_size=BATCH, validated=True)  # type: ignore[arg-type]
    open_cases = Application.objects.filter(agency=government).exclude(status="closed")
    ids = list(open_cases.values_list("pk", flat=True))
    for n, user in enumerate([head, *handlers]):
        Application.objects.filter(pk__in=ids[n::6]).update(assigned_to=user)
    closed = Application.objects.filter(agency=government, status="closed").order_by("-pk")
    Dispute.objects.bulk_create(
        Dispute(application_id=pk, agency=government, route="reconsideration", filed_on=day)
        for pk, day in closed.values_list("pk", "closed_on")[:300]
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return government, head, time.perf_counter() - started


def _session_cookie(user: object) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client.cookies["sessionid"].value


def _serve(database: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        GONGKAI_DATABASE_URL=SERVER + database,
        GONGKAI_DEBUG="0",
        GONGKAI_ALLOWED_HOSTS="127.0.0.1",
        PYTHONPATH=str(REPO / "src"),
    )
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "gongkai.web.wsgi",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        "2",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/staff/login/")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("bench_staff: gunicorn did not start")


def _load(
    urls: list[str], cookie: str, users: int, seconds: float, think: float = 0.0
) -> list[float]:
    """``users`` threads, each with its own keep-alive connection, for ``seconds``."""
    timings: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
        mine: list[float] = []
        pauses = random.Random(n)
        time.sleep(pauses.uniform(0, think))  # users do not all start at once
        for url in itertools.islice(itertools.cycle(urls), n, None):
            if time.monotonic() >= stop_at:
                break
            started = time.perf_counter()
            conn.request("GET", url, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                with lock:
                    failures.append(f"{response.status} {url}")
            if think:
                time.sleep(pauses.uniform(0.5 * think, 1.5 * think))
        conn.close()
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"bench_staff: {len(failures)} failed requests, e.g. {failures[:3]}")
    return timings


def _quantiles(timings: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(timings, n=100)
    return statistics.median(timings) * 1000, cuts[94] * 1000


def main() -> int:
    args = _parse_args()
    _setup(args.database, fresh=not args.keep)
    from django.db import connection

    government, head, fill = _fill(args.rows)
    if args.no_trigram:
        with connection.cursor() as cursor:
            for column in ("description", "applicant_name", "reference"):
                cursor.execute(f"DROP INDEX IF EXISTS app_{column}_trgm")
    from gongkai.applications.models import Application

    total = Application.objects.count()
    print(f"applications: {total:,} (filled in {fill:.0f} s)")
    cookie = _session_cookie(head)
    names = list(
        Application.objects.filter(agency=government)
        .order_by("?")
        .values_list("applicant_name", "reference")[:20]
    )
    search_urls = [f"/staff/search/?words={quote(w)}" for w in SEARCH_WORDS]
    search_urls += [f"/staff/search/?applicant={quote(n)}" for n, _ in names[:6]]
    search_urls += [f"/staff/search/?reference={quote(r)}" for _, r in names[6:10]]
    search_urls += [
        f"/staff/search/?words={quote('公路养护')}&received_from=2024-01-01&received_to=2024-06-30",
        f"/staff/search/?status=closed&outcome=granted&words={quote('公积金')}",
    ]
    connection.close()
    server = _serve(args.database)
    results: dict[str, list[tuple[float, float, int]]] = {"dashboard": [], "search": []}
    try:
        _load(DASHBOARD_URLS[:2] + tuple(search_urls[:2]), cookie, 4, 3)  # warm both workers
        for run in range(1, args.runs + 1):
            for page, urls in (("dashboard", list(DASHBOARD_URLS)), ("search", search_urls)):
                timings = _load(urls, cookie, args.users, args.seconds, args.think)
                median, p95 = _quantiles(timings)
                results[page].append((median, p95, len(timings)))
                print(
                    f"run {run} {page:9s}: {len(timings):5d} requests, "
                    f"median {median:6.1f} ms, p95 {p95:6.1f} ms, "
                    f"{len(timings) / args.seconds:5.1f} req/s"
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(
        f"\n{args.users} users (think time {args.think} s), gunicorn 2 workers, "
        f"{total:,} applications; median of {args.runs} runs:"
    )
    for page, runs in results.items():
        median = statistics.median(r[0] for r in runs)
        p95 = statistics.median(r[1] for r in runs)
        verdict = "ok" if p95 < 200 else "OVER 200 ms"
        print(f"  {page:9s}: median {median:6.1f} ms, p95 {p95:6.1f} ms  ({verdict})")
    if not args.keep:
        from django.db import connections

        connections.close_all()
        _admin(f'DROP DATABASE IF EXISTS "{args.database}"')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
