"""Two submissions of one action at the same instant, on real concurrent transactions.

SQLite serialises writers on one file and the test database is in memory, so the race can
only be run for real on PostgreSQL (GONGKAI_DATABASE_URL, as CI's second run sets it).
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from gongkai.applications.actions import ActionRefused, Answer
from gongkai.applications.models import Application, ApplicationEvent
from tests.register_factories import World

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent transactions (set GONGKAI_DATABASE_URL)",
    ),
]


def _race(submit: object, count: int = 2) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = submit()  # type: ignore[operator]
        except ActionRefused as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("key", [None, "answer-form-1"])
def test_a_double_submitted_answer_applies_once(key: str | None) -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    events = ApplicationEvent.objects.filter(application=app).count()

    results = _race(
        lambda: Answer.execute(
            w.head, app.pk, on=date(2025, 3, 20), outcome="granted", idempotency_key=key
        )
    )

    applied = [r for r in results if isinstance(r, Application)]
    refused = [r for r in results if isinstance(r, ActionRefused)]
    assert len(applied) + len(refused) == 2
    assert ApplicationEvent.objects.filter(application=app).count() == events + 1
    app.refresh_from_db()
    assert (app.status, app.outcome, app.closed_on) == ("closed", "granted", date(2025, 3, 20))
    if key is None:
        # Without a key the second one finds the case closed: a clear refusal.
        assert len(applied) == 1 and "已办结" in str(refused[0])
    else:
        # With the same key the second one is the same submission: it reports the result.
        assert len(applied) == 2 and not refused
