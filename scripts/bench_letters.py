"""Benchmark: render one letter as PDF (and as DOCX) in a warm process.

    python scripts/bench_letters.py            # a fresh SQLite file in a temp dir
    python scripts/bench_letters.py --repeat 20

Builds one agency with letter settings and one answered case, drafts its answer letter, then
times ``render_pdf`` and ``render_docx`` (median, p90 and max of ``--repeat`` runs after one
warm-up run, which loads the fonts). The baseline measured in the same run is rendering the
letter's HTML alone, which is what every PDF includes. The goal is a PDF under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _setup() -> None:
    os.environ.pop("GONGKAI_DATABASE_URL", None)
    os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-letters-")
    os.environ.setdefault("GONGKAI_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _letter() -> object:
    from datetime import datetime

    from django.contrib.auth.models import User
    from django.utils import timezone

    from gongkai.agencies.models import Agency, StaffRole
    from gongkai.applications.actions import Answer, RegisterApplication
    from gongkai.letters.actions import start_draft
    from gongkai.letters.models import LetterSettings

    agency = Agency.objects.create(
        name="示范区政务服务和数据管理局", code="bench", kind="department"
    )
    LetterSettings.objects.create(
        agency=agency,
        number_prefix="示范区政府信息公开",
        reconsideration_body="示范区人民政府",
        court="示范区人民法院",
    )
    user = User.objects.create(username="bench", is_superuser=True)
    StaffRole.objects.create(user=user, agency=agency, role="office_head")
    today = timezone.localdate()
    received = date(today.year, 1, 5) if today.month > 1 else date(today.year - 1, 12, 1)
    app = RegisterApplication.execute(
        user,
        agency=agency,
        applicant_kind="natural_person",
        applicant_name="王五",
        channel="in_person",
        arrived_at=timezone.make_aware(datetime(received.year, received.month, received.day, 10)),
        description="2025年度示范区老旧小区改造项目的立项批复、资金安排和验收材料",
    )
    Answer.execute(user, app, outcome="partially_granted", on=today)
    return start_draft(user, app, "answer", "partially_granted")


def _time(work: Callable[[], object], repeat: int) -> list[float]:
    work()  # warm-up: fonts, templates, imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def _line(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return (
        f"{name:<12} median {statistics.median(times) * 1000:8.1f} ms   "
        f"p90 {p90 * 1000:8.1f} ms   max {max(times) * 1000:8.1f} ms   (n={len(times)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    _setup()
    from gongkai.letters.documents import render_docx, render_html, render_pdf

    letter = _letter()
    start = time.perf_counter()
    size = len(render_pdf(letter))  # type: ignore[arg-type]
    cold = time.perf_counter() - start
    print(f"first PDF in this process (cold, fonts loading): {cold * 1000:.1f} ms, {size} bytes")
    print(_line("html", _time(lambda: render_html(letter), args.repeat)))  # type: ignore[arg-type]
    pdf = _time(lambda: render_pdf(letter), args.repeat)  # type: ignore[arg-type]
    print(_line("pdf", pdf))
    print(_line("docx", _time(lambda: render_docx(letter), args.repeat)))  # type: ignore[arg-type]
    goal = statistics.median(pdf) < 1.0
    print(f"goal (PDF median under 1 s): {'met' if goal else 'NOT met'}")
    return 0 if goal else 1


if __name__ == "__main__":
    raise SystemExit(main())
