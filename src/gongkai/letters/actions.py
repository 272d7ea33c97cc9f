"""Every change of a letter or its settings: record actions (audited) and the issuing step.

Drafts, templates and settings are records (``RecordAction``: role check, one audit entry);
issuing is a step of the case (``IssueLetter``, an ``Action``: the case's event
``letter_issued`` carries the number), because it is what the applicant receives.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.applications.actions import Action, ActionRefused
from gongkai.applications.actions._base import ALL_STATUSES, HANDLING_ROLES
from gongkai.applications.choices import EventKind
from gongkai.applications.forms import ActionForm
from gongkai.applications.models import Application
from gongkai.audit.actions import RecordAction, RecordRefused

from .documents import render_docx, render_pdf
from .drafting import available_letters, draft_text, letter_number, letter_values, settings_of
from .models import IssuedFiles, Letter, LetterNumbering, LetterSettings, LetterTemplate
from .placeholders import fill

__all__ = [
    "IssueLetter",
    "IssueLetterForm",
    "SaveLetterDraft",
    "SaveLetterSettings",
    "SaveLetterTemplate",
    "allocate_serial",
    "start_draft",
]


class SaveLetterSettings(RecordAction[LetterSettings]):
    """The administrator sets the number prefix and the remedy bodies of an agency."""

    name = "save_letter_settings"
    label = "修改告知书设置"
    model = LetterSettings
    roles = frozenset({Role.ADMINISTRATOR})

    @classmethod
    def agency_of(cls, instance: LetterSettings) -> Agency | None:
        return instance.agency


class SaveLetterTemplate(RecordAction[LetterTemplate]):
    """The administrator edits an agency's text of one letter (delete restores the default)."""

    name = "save_letter_template"
    label = "修改告知书模板"
    model = LetterTemplate
    roles = frozenset({Role.ADMINISTRATOR})

    @classmethod
    def agency_of(cls, instance: LetterTemplate) -> Agency | None:
        return instance.agency


class SaveLetterDraft(RecordAction[Letter]):
    """The office drafts or edits a letter before it is issued (an issued letter is refused)."""

    name = "save_letter_draft"
    label = "编辑告知书草稿"
    model = Letter
    roles = HANDLING_ROLES

    @classmethod
    def agency_of(cls, instance: Letter) -> Agency | None:
        return instance.application.agency

    @classmethod
    def check_permission(cls, actor: Any, instance: Letter) -> None:
        super().check_permission(actor, instance)
        if (
            instance.pk is not None
            and Letter.objects.filter(pk=instance.pk, issued_on__isnull=False).exists()
        ):
            raise RecordRefused("该告知书已出具，不能再修改。", code="conflict")


def start_draft(actor: Any, application: Application, kind: str, outcome: str = "") -> Letter:
    """A new draft of ``kind`` for ``application`` from the agency's template (audited)."""
    # The case as it stands now (a caller may hold the instance from before its last step).
    application = Application.objects.select_related("agency").get(pk=application.pk)
    if not any(c.kind == kind and c.outcome == outcome for c in available_letters(application)):
        raise RecordRefused("该案件当前没有需要出具的此类告知书。", code="conflict")
    existing = Letter.objects.filter(
        application=application, kind=kind, outcome=outcome, issued_on__isnull=True
    ).first()
    if existing is not None:
        return existing
    title, body = draft_text(application, kind, outcome, on=timezone.localdate())
    letter = Letter(
        application=application,
        kind=kind,
        outcome=outcome,
        title=title,
        body=body,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    return SaveLetterDraft.save(actor, letter)


def allocate_serial(agency: Agency, year: int) -> int:
    """The next serial of ``agency``'s letters in ``year``; call inside the issuing transaction.

    The numbering row is locked (select_for_update) until the transaction ends, so two
    issuers never get the same serial, and a rolled-back issue gives its serial back.
    """
    try:
        with transaction.atomic():
            LetterNumbering.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # a concurrent issuer created the row first
    row = LetterNumbering.objects.select_for_update().get(agency=agency, year=year)
    serial = row.next_serial
    row.next_serial = serial + 1
    row.save(update_fields=["next_serial"])
    return serial


class IssueLetterForm(ActionForm):
    letter = forms.IntegerField(label="告知书", widget=forms.HiddenInput)


class IssueLetter(Action):
    """出具告知书: number the letter, fix its text, keep its DOCX and PDF, record the event."""

    name = "issue_letter"
    label = "出具告知书"
    event_kind = EventKind.LETTER_ISSUED
    roles = HANDLING_ROLES
    statuses = ALL_STATUSES
    form_class = IssueLetterForm

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        try:
            letter_pk = int(params["letter"])
        except (KeyError, TypeError, ValueError):
            raise ActionRefused("请指定要出具的告知书。") from None
        letter = Letter.objects.select_for_update().filter(pk=letter_pk, application=app).first()
        if letter is None:
            raise ActionRefused("该案件没有这份告知书。", code="not_found")
        if letter.is_issued:
            raise ActionRefused(
                f"该告知书已出具（{letter.number}），不能重复出具。", code="conflict"
            )
        settings = settings_of(app.agency)
        if settings is None:
            raise ActionRefused(
                "本机关尚未设置文号前缀、行政复议机关和管辖法院，请管理员先在告知书设置中填写。",
                code="conflict",
            )
        serial = allocate_serial(app.agency, on.year)
        letter.body = fill(letter.body, letter_values(app, letter.kind, letter.outcome, on=on))
        letter.number = letter_number(settings.number_prefix, on.year, serial)
        letter.year, letter.serial = on.year, serial
        letter.signatory = settings.signatory or app.agency.name
        letter.issued_on = on
        letter.issued_by = actor if getattr(actor, "pk", None) else None
        # Rendered inside the transaction, so the kept files carry exactly this number.
        Letter.save(letter)  # the row is not issued in the database yet: the freeze allows it
        IssuedFiles.objects.create(letter=letter, docx=render_docx(letter), pdf=render_pdf(letter))
        return {
            "letter": letter.pk,
            "number": letter.number,
            "kind": letter.kind,
            "outcome": letter.outcome,
            "title": letter.title,
        }
