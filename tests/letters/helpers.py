"""Builders for the letters tests: a world with letter settings and a case at each step."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.applications.actions import Answer, RequestCorrection
from gongkai.applications.models import Application
from gongkai.letters.actions import IssueLetter, start_draft
from gongkai.letters.models import Letter, LetterSettings
from tests.register_factories import World

RECEIVED = date(2026, 3, 2)
PREFIX = "示范区政府信息公开"
RECONSIDERATION_BODY = "示范区人民政府"
COURT = "示范区人民法院"


def letters_world() -> World:
    """The register's test world, with the bureau's letter settings filled in."""
    w = World()
    LetterSettings.objects.create(
        agency=w.bureau,
        number_prefix=PREFIX,
        reconsideration_body=RECONSIDERATION_BODY,
        court=COURT,
    )
    return w


def answered(w: World, outcome: str = "granted", **fields: Any) -> Application:
    """A case received on RECEIVED and answered by the office head with ``outcome``."""
    app = w.register(RECEIVED, **fields)
    return Answer.execute(w.head, app, outcome=outcome, on=date(2026, 3, 10))


def correction_requested(w: World) -> Application:
    app = w.register(RECEIVED)
    return RequestCorrection.execute(w.handler, app, due_on=date(2026, 3, 20), on=RECEIVED)


def draft_answer(w: World, outcome: str = "granted", **fields: Any) -> Letter:
    app = answered(w, outcome, **fields)
    return start_draft(w.handler, app, "answer", outcome)


def issue(w: World, letter: Letter, on: date = date(2026, 3, 11), by: Any = None) -> Letter:
    IssueLetter.execute(by or w.handler, letter.application, letter=letter.pk, on=on)
    return Letter.objects.get(pk=letter.pk)
