"""``gongkai manage act``: the command line takes the same actions through the same forms."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.applications.models import Application
from tests.register_factories import World

pytestmark = pytest.mark.django_db


def _act(*args: str) -> str:
    out = StringIO()
    call_command("act", *args, stdout=out)
    return out.getvalue()


def test_register_then_answer_from_the_command_line() -> None:
    w = World()
    printed = _act(
        "-",
        "register",
        "agency=bureau",
        "applicant_kind=natural_person",
        "applicant_name=李四",
        "channel=in_person",
        "arrived_at=2025-03-03 10:00",
        "description=申请公开某项目批复",
        "--user",
        "registrar",
    )
    app = Application.objects.get()
    assert printed.startswith(app.reference)
    assert "2025-03-31" in printed
    _act(app.reference, "answer", "on=2025-03-20", "outcome=granted", "--user", "head")
    app.refresh_from_db()
    assert app.outcome == "granted"
    assert app.events.get(kind="answered").actor == w.head


def test_refusals_are_one_chinese_line_with_the_bad_fields() -> None:
    w = World()
    app = w.register()
    with pytest.raises(CommandError, match="无权答复"):
        _act(app.reference, "answer", "outcome=granted", "--user", "registrar")
    with pytest.raises(CommandError, match="outcome"):
        _act(app.reference, "answer", "outcome=whatever", "--user", "head")
    with pytest.raises(CommandError, match="名称=值"):
        _act(app.reference, "answer", "outcome", "--user", "head")
    with pytest.raises(CommandError, match="未知的操作"):
        _act(app.reference, "fly", "--user", "head")
    assert app.events.count() == 1


def test_list_names_every_action_with_its_form_fields() -> None:
    listing = _act("--list")
    assert "answer\t答复\toutcome" in listing
    assert "reveal_personal_data" in listing
