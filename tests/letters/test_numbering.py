"""Letter numbers: a yearly serial per agency, no gaps or duplicates, even under concurrency."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.db import connection, connections

from gongkai.applications.actions import ActionRefused
from gongkai.letters.actions import IssueLetter, allocate_serial, start_draft
from gongkai.letters.drafting import letter_number
from gongkai.letters.models import Letter, LetterSettings
from tests.letters.helpers import PREFIX, draft_answer, issue, letters_world


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2027-01-05 10:00 +0800", tick=False):
        yield


def test_number_format() -> None:
    assert letter_number("示范区政府信息公开", 2026, 12) == "示范区政府信息公开〔2026〕第12号"


@pytest.mark.django_db
def test_serials_run_per_agency_and_restart_each_year() -> None:
    w = letters_world()
    LetterSettings.objects.create(
        agency=w.town,
        number_prefix="某镇依申请公开",
        reconsideration_body="某县人民政府",
        court="某县人民法院",
    )
    first = issue(w, draft_answer(w), on=date(2026, 3, 11))
    second = issue(w, draft_answer(w), on=date(2026, 12, 31))
    town_app = w.register(date(2026, 3, 2), by=w.admin, at_agency=w.town)
    from gongkai.applications.actions import Answer

    Answer.execute(w.town_head, town_app, outcome="granted", on=date(2026, 3, 10))
    town_letter = start_draft(w.town_head, town_app, "answer", "granted")
    IssueLetter.execute(w.town_head, town_app, letter=town_letter.pk, on=date(2026, 3, 12))
    new_year = issue(w, draft_answer(w), on=date(2027, 1, 4))
    assert [first.number, second.number, new_year.number] == [
        f"{PREFIX}〔2026〕第1号",
        f"{PREFIX}〔2026〕第2号",
        f"{PREFIX}〔2027〕第1号",
    ]
    assert Letter.objects.get(pk=town_letter.pk).number == "某镇依申请公开〔2026〕第1号"


@pytest.mark.django_db
def test_a_refused_issue_uses_no_serial() -> None:
    w = letters_world()
    letter = draft_answer(w)
    with pytest.raises(ActionRefused):
        # A date before the case was received is refused after nothing was numbered.
        IssueLetter.execute(w.handler, letter.application, letter=letter.pk, on=date(2026, 1, 1))
    assert issue(w, letter, on=date(2026, 3, 11)).number == f"{PREFIX}〔2026〕第1号"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: concurrent transactions (set GONGKAI_DATABASE_URL)",
)
def test_concurrent_issuers_never_share_a_number() -> None:
    w = letters_world()
    count = 4
    letters = [draft_answer(w) for _ in range(count)]
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(letter: Letter) -> None:
        barrier.wait()
        try:
            IssueLetter.execute(
                w.handler, letter.application, letter=letter.pk, on=date(2026, 3, 11)
            )
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(letter,)) for letter in letters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    serials = sorted(
        Letter.objects.filter(issued_on__isnull=False).values_list("serial", flat=True)
    )
    assert serials == list(range(1, count + 1))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: concurrent transactions (set GONGKAI_DATABASE_URL)",
)
def test_concurrent_allocation_of_a_new_year_row() -> None:
    from django.db import transaction

    w = letters_world()
    count = 6
    barrier = threading.Barrier(count)
    got: list[int] = []

    def run() -> None:
        barrier.wait()
        try:
            with transaction.atomic():
                got.append(allocate_serial(w.bureau, 2031))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(got) == list(range(1, count + 1))
