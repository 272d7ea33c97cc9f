"""Benchmark: compile tables 3 and 4 for one agency-year with a million applications stored.

    python scripts/bench_compile.py                       # a fresh SQLite file in a temp dir
    python scripts/bench_compile.py --database-url postgresql://postgres@127.0.0.1:5432/gongkai_bench

The PostgreSQL database must exist and be empty (the script migrates it). The script fills
``--rows`` applications of one agency spread over 2019-2024 (plus 10% more for other
agencies), runs ANALYZE, then times ``compile_report`` for one agency-year (median of 5)
and prints the figures and the query plans.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

YEARS = (2019, 2024)
BATCH = 20_000
KINDS = (
    ("natural_person", 80),
    ("commercial", 9),
    ("research", 1),
    ("social_welfare", 2),
    ("legal_services", 3),
    ("other_org", 5),
)
OUTCOMES = (
    ("granted", 30),
    ("partially_granted", 8),
    ("denied.third_party_rights", 2),
    ("denied.process_information", 2),
    ("unavailable.not_held", 35),
    ("unavailable.needs_creation", 3),
    ("not_processed.petition_complaint", 4),
    ("not_processed.repeated", 3),
    ("other.no_correction", 4),
    ("other.fee_unpaid", 1),
    ("other.other", 8),
)


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2022, help="the report year timed")
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


def _setup(database_url: str) -> None:
    if database_url:
        os.environ["GONGKAI_DATABASE_URL"] = database_url
    else:
        os.environ.pop("GONGKAI_DATABASE_URL", None)
        os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _rows(agency_ids: list[int], n: int, prefix: str, rng: random.Random):
    """Unsaved applications of ``agency_ids`` in turn; dates spread over YEARS."""
    from gongkai.applications.choices import regulation_for
    from gongkai.applications.models import Application

    kinds, kind_weights = _weighted(KINDS)
    outcomes, outcome_weights = _weighted(OUTCOMES)
    first = date(YEARS[0], 1, 1)
    span = (date(YEARS[1], 12, 31) - first).days + 1
    last = date(YEARS[1], 12, 31)
    # A register grows in receipt order: rows are written sorted by receipt date.
    days = sorted(rng.randrange(span) for _ in range(n))
    for i, day in enumerate(days):
        received = first + timedelta(days=day)
        roll = rng.random()
        if roll < 0.03:
            closed = None
        else:
            closed = received + timedelta(days=int(rng.expovariate(1 / 18)))
            if closed > last:
                closed = None if rng.random() < 0.5 else closed
        kind = rng.choices(kinds, kind_weights)[0]
        outcome = rng.choices(outcomes, outcome_weights)[0] if closed else ""
        yield Application(
            agency_id=agency_ids[i % len(agency_ids)],
            reference=f"{prefix}{i:08d}",
            applicant_kind=kind,
            applicant_name="测试申请人",
            channel="internet",
            arrived_at=datetime(received.year, received.month, received.day, 1, tzinfo=UTC),
            received_on=received,
            rules=regulation_for(received),
            status="closed" if closed else "in_progress",
            clock_started_on=received,
            outcome=outcome,
            closed_on=closed,
        )


def _fill(rows: int) -> tuple[object, float]:
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application, Dispute
    from gongkai.applications.records import create_applications

    if Application.objects.exists():
        raise SystemExit("bench_compile: the database is not empty; use a fresh one")
    government = Agency.objects.create(name="基准区人民政府", kind="government", code="BENCH")
    others = [
        Agency.objects.create(
            name=f"基准区第{i}局", kind="department", code=f"BENCH{i}", parent=government
        )
        for i in range(1, 10)
    ]
    rng = random.Random(2026)
    started = time.perf_counter()
    for agency_ids, n, prefix in (
        ([government.pk], rows, "B"),
        ([o.pk for o in others], rows // 10, "O"),
    ):
        # The register's own bulk insert, a batch at a time so that a million rows never
        # stand in memory at once; the values were built valid, so they are not re-checked.
        generator = _rows(agency_ids, n, prefix, rng)
        with transaction.atomic():
            while batch := list(itertools.islice(generator, BATCH)):
                create_applications(batch, batch_size=BATCH, validated=True)
    # Disputes: about 1% of the closed cases of the timed agency.
    closed = Application.objects.filter(agency=government, closed_on__isnull=False)
    sample = closed.order_by("pk").values_list("pk", "closed_on")[: max(1, rows // 100)]
    routes = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    results = ("upheld", "corrected", "other", "pending")
    disputes = []
    for pk, closed_on in sample:
        filed = closed_on + timedelta(days=rng.randrange(60))
        decided = filed + timedelta(days=rng.randrange(200)) if rng.random() < 0.8 else None
        disputes.append(
            Dispute(
                application_id=pk,
                agency=government,
                route=rng.choice(routes),
                result=rng.choice(results[:3]) if decided else "pending",
                filed_on=filed,
                decided_on=decided,
            )
        )
    Dispute.objects.bulk_create(disputes, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return government, time.perf_counter() - started


def _plans(agency: object, year: int) -> list[str]:
    """The query plans of the compile queries (EXPLAIN), to check the indexes are used."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.annual.compile import compile_report

    with CaptureQueriesContext(connection) as captured:
        compile_report(agency, year)  # type: ignore[arg-type]
    out = []
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if "GROUP BY" not in sql:
                continue
            cursor.execute(prefix + sql)
            plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
            out.append(plan)
    return out


def main() -> int:
    args = _parse_args()
    _setup(args.database_url)
    from django.db import connection

    from gongkai.annual.compile import compile_report

    government, fill_seconds = _fill(args.rows)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"filled {args.rows:,} + {args.rows // 10:,} applications in {fill_seconds:.1f} s")
    for year in range(YEARS[0], YEARS[1] + 1):
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = compile_report(government, year)  # type: ignore[arg-type]
            timings.append(time.perf_counter() - started)
        rolled = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            compile_report(government, year, include_subordinates=True)  # type: ignore[arg-type]
            rolled.append(time.perf_counter() - started)
        marker = "  <- timed year" if year == args.year else ""
        print(
            f"{year}: compile_report median {statistics.median(timings):.3f} s "
            f"(min {min(timings):.3f}, max {max(timings):.3f}); "
            f"rolled up median {statistics.median(rolled):.3f} s; "
            f"received {report.get('t3.received_new.total')}, "
            f"carried forward {report.get('t3.carried_forward.total')}{marker}"
        )
    print("query plans:")
    for plan in _plans(government, args.year):
        print("  " + plan)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
