"""Drafting, editing and issuing a letter: the number, the frozen text, the event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine

from gongkai.applications.actions import ActionRefused
from gongkai.applications.choices import EventKind
from gongkai.audit.actions import RecordRefused
from gongkai.audit.models import AuditEntry
from gongkai.letters.actions import IssueLetter, SaveLetterDraft, start_draft
from gongkai.letters.drafting import available_letters
from gongkai.letters.models import Letter
from tests.letters.helpers import (
    COURT,
    PREFIX,
    RECONSIDERATION_BODY,
    correction_requested,
    draft_answer,
    issue,
    letters_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-03-12 10:00 +0800", tick=False):
        yield


def test_draft_answer_letter_names_applicant_request_article_and_remedy() -> None:
    w = letters_world()
    letter = draft_answer(w, "denied.state_secret", description="某项目环评批复文件")
    assert letter.title == "政府信息公开申请答复告知书"
    assert letter.body.startswith("张三：")
    assert "2026年3月2日" in letter.body
    assert "“某项目环评批复文件”" in letter.body
    assert "《中华人民共和国政府信息公开条例》第十四条" in letter.body
    assert f"60日内向{RECONSIDERATION_BODY}申请行政复议" in letter.body
    assert f"6个月内向{COURT}提起行政诉讼" in letter.body
    assert not letter.is_issued and letter.number == ""


def test_edit_then_issue_freezes_text_and_number() -> None:
    w = letters_world()
    letter = draft_answer(w)
    letter.body = letter.body + "\n附：相关文件一份。"
    SaveLetterDraft.save(w.handler, letter)
    issued = issue(w, letter)
    assert issued.number == f"{PREFIX}〔2026〕第1号"
    assert issued.issued_on == date(2026, 3, 11)
    assert issued.body.endswith("附：相关文件一份。")
    assert bytes(issued.files.docx)[:2] == b"PK" and bytes(issued.files.pdf)[:5] == b"%PDF-"
    event = issued.application.events.get(kind=EventKind.LETTER_ISSUED)
    assert event.payload["number"] == issued.number
    assert event.payload["letter"] == issued.pk
    # Frozen: neither the record action, nor a direct save, nor issuing again changes it.
    issued.body = "改过的正文"
    with pytest.raises(RecordRefused):
        SaveLetterDraft.save(w.handler, issued)
    with pytest.raises(Exception, match="已出具"):
        issued.save()
    with pytest.raises(ActionRefused, match="不能重复出具"):
        IssueLetter.execute(w.handler, issued.application, letter=issued.pk)
    stored = Letter.objects.get(pk=issued.pk)
    assert stored.body.endswith("附：相关文件一份。") and stored.number == issued.number


def test_drafts_and_edits_are_audited() -> None:
    w = letters_world()
    letter = draft_answer(w)
    letter.body += "\n补充一句。"
    SaveLetterDraft.save(w.handler, letter)
    actions = list(
        AuditEntry.objects.filter(object_id=str(letter.pk)).values_list("action", flat=True)
    )
    assert actions == ["save_letter_draft", "save_letter_draft"]


def test_issue_refused_without_settings() -> None:
    w = letters_world()
    letter = draft_answer(w)
    w.bureau.letter_settings.delete()
    with pytest.raises(ActionRefused, match="复议机关"):
        IssueLetter.execute(w.handler, letter.application, letter=letter.pk)
    assert not Letter.objects.get(pk=letter.pk).is_issued


def test_wrong_role_and_wrong_agency_may_not_draft_or_issue() -> None:
    w = letters_world()
    letter = draft_answer(w)
    for user in (w.registrar, w.supervisor, w.town_head, w.outsider):
        with pytest.raises(ActionRefused):
            IssueLetter.execute(user, letter.application, letter=letter.pk)
        with pytest.raises(RecordRefused):
            SaveLetterDraft.save(user, letter)
    assert not Letter.objects.get(pk=letter.pk).is_issued


def test_only_letters_the_case_calls_for_may_be_drafted() -> None:
    w = letters_world()
    app = w.register(date(2026, 3, 2))
    with pytest.raises(RecordRefused, match="没有需要出具"):
        start_draft(w.handler, app, "correction")
    with pytest.raises(RecordRefused, match="没有需要出具"):
        start_draft(w.handler, app, "answer", "granted")


def test_an_issued_letter_is_not_offered_again() -> None:
    w = letters_world()
    letter = issue(w, draft_answer(w))
    assert available_letters(letter.application) == []
    with pytest.raises(RecordRefused, match="没有需要出具"):
        start_draft(w.handler, letter.application, "answer", "granted")


def test_correction_and_consultation_letters_follow_their_steps() -> None:
    from gongkai.applications.actions import StartConsultation

    w = letters_world()
    app = correction_requested(w)
    correction = start_draft(w.handler, app, "correction")
    assert correction.title == "政府信息公开申请补正通知书"
    assert "请于2026年3月20日前" in correction.body and "第三十条" in correction.body
    other = w.register(date(2026, 3, 2))
    StartConsultation.execute(
        w.handler, other, kind="third_party", party="某某科技有限公司", on=date(2026, 3, 5)
    )
    letter = start_draft(w.handler, other, "consultation")
    assert letter.body.startswith("某某科技有限公司：")
    assert "15个工作日" in letter.body and "行政复议" not in letter.body
    assert issue(w, letter).number.endswith("第1号")
