"""Benchmark: compute 100,000 reply deadlines and print deadlines per second.

The issue asks for 100,000 deadlines in under 1 s. Receipt dates cycle through 2019-2026 (every
day, holidays included), a quarter of them extended and a tenth with a consultation pause, so
the figure covers the paths the register takes, not only the cheapest one.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from gongkai.clock import WorkCalendar, compute_deadline, default_calendar

COUNT = 100_000


def main() -> None:
    """Build the calendar, then time the deadlines."""
    started = time.perf_counter()
    calendar: WorkCalendar = default_calendar()
    built = time.perf_counter() - started

    first = date(2019, 5, 15)
    span = (date(2026, 10, 31) - first).days
    cases = []
    for index in range(COUNT):
        received_on = first + timedelta(days=index % span)
        pauses: tuple[tuple[date, date], ...] = ()
        if index % 10 == 0:
            pauses = ((received_on + timedelta(days=5), received_on + timedelta(days=25)),)
        cases.append((received_on, index % 4 == 0, pauses))

    started = time.perf_counter()
    for received_on, extended, pauses in cases:
        compute_deadline(received_on, calendar=calendar, extended=extended, pauses=pauses)
    elapsed = time.perf_counter() - started

    started = time.perf_counter()
    for received_on, _extended, _pauses in cases[:1000]:
        compute_deadline(received_on, calendar=calendar).explain()
    explained = time.perf_counter() - started

    print(f"calendar build: {built * 1000:.0f} ms")
    print(
        f"{COUNT:,} deadlines in {elapsed:.3f} s = {COUNT / elapsed:,.0f} deadlines/s "
        f"(target: under 1 s) {'OK' if elapsed < 1 else 'TOO SLOW'}"
    )
    print(f"1,000 explanations in {explained:.3f} s")


if __name__ == "__main__":
    main()
