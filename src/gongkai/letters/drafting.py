"""What a letter says: the values of its placeholders, which letters a case may have."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.applications.choices import OUTCOME_BASES, ConsultationKind, EventKind, Outcome
from gongkai.applications.models import Application

from .choices import LetterKind, template_key, template_label
from .defaults import DEFAULT_TEMPLATES, KIND_ARTICLES
from .models import Letter, LetterSettings, LetterTemplate
from .placeholders import fill

__all__ = [
    "LetterChoice",
    "available_letters",
    "cn_date",
    "draft_text",
    "letter_number",
    "letter_values",
    "letters_for",
    "remedy_clause",
    "settings_of",
    "template_for",
]


def cn_date(value: date | None) -> str:
    """A date as letters write it: 2026年12月7日 ("" for none)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def letter_number(prefix: str, year: int, serial: int) -> str:
    """The letter number (文号), e.g. 示范区政府信息公开〔2026〕第12号."""
    return f"{prefix}〔{year}〕第{serial}号"


def settings_of(agency: Agency) -> LetterSettings | None:
    """The agency's letter settings, or None while the administrator has not set them."""
    return LetterSettings.objects.filter(agency=agency).first()


def remedy_clause(settings: LetterSettings | None) -> str:
    """The remedy sentence: reconsideration within 60 days or a lawsuit within 6 months.

    The periods (行政复议法 art. 20: 60 days; 行政诉讼法 art. 46: 6 months) are not in the
    project's statute fact sheet; they are the general rules of those two laws. Which body
    hears the reconsideration changed with the 2023 revision of the 行政复议法 (in force
    2024-01-01), so it is a setting of the agency, not a rule of the code.
    """
    body = settings.reconsideration_body if settings else "__________（请在告知书设置中填写）"
    court = settings.court if settings else "__________（请在告知书设置中填写）"
    return (
        f"如对本告知不服，可以自收到本告知书之日起60日内向{body}申请行政复议，"
        f"或者自收到本告知书之日起6个月内向{court}提起行政诉讼。"
    )


def template_for(agency: Agency, key: str) -> tuple[str, str]:
    """(title, body) of the template ``key`` at ``agency``: its own text or the default."""
    own = LetterTemplate.objects.filter(agency=agency, key=key).first()
    if own is not None:
        return own.title, own.body
    default = DEFAULT_TEMPLATES[key]
    return default.title, default.body


def _article(kind: str, outcome: str) -> str:
    if kind == LetterKind.ANSWER:
        return OUTCOME_BASES[outcome].article
    return KIND_ARTICLES[kind]


def _consulted_party(app: Application) -> str:
    pause = (
        app.pauses.filter(kind__in=ConsultationKind.values)
        .exclude(party="")
        .order_by("-started_on")
    ).first()
    return pause.party if pause else "__________"


def letter_values(
    app: Application, kind: str, outcome: str = "", *, on: date | None = None
) -> dict[str, str]:
    """The value of every placeholder for a letter of ``kind`` on ``app`` dated ``on``."""
    settings = settings_of(app.agency)
    return {
        "申请人": app.applicant_name,
        "身份证号码": app.applicant_id_number or app.applicant_credit_code,
        "申请编号": app.reference,
        "收到日期": cn_date(app.received_on),
        "申请内容": app.description.strip(),
        "机关": (settings.signatory if settings and settings.signatory else app.agency.name),
        "依据条款": _article(kind, outcome),
        "办理结果": Outcome(outcome).label if outcome else "",
        "补正期限": cn_date(app.correction_due_on) or "__________",
        "答复期限": cn_date(app.deadline) or "__________",
        "收费金额": f"{app.fee_amount:.2f}" if app.fee_amount is not None else "__________",
        "缴费期限": cn_date(app.fee_due_on) or "__________",
        "征求意见对象": _consulted_party(app) if kind == LetterKind.CONSULTATION else "",
        "复议机关": settings.reconsideration_body if settings else "",
        "诉讼法院": settings.court if settings else "",
        "救济条款": remedy_clause(settings),
        "日期": cn_date(on),
    }


def draft_text(app: Application, kind: str, outcome: str = "", *, on: date) -> tuple[str, str]:
    """(title, body) of a new draft: the agency's template filled for ``app``."""
    title, body = template_for(app.agency, template_key(kind, outcome))
    values = letter_values(app, kind, outcome, on=on)
    return fill(title, values), fill(body, values)


@dataclass(frozen=True, slots=True)
class LetterChoice:
    """A letter the case's history calls for: kind, outcome and its Chinese name."""

    kind: str
    outcome: str
    label: str


def available_letters(app: Application) -> list[LetterChoice]:
    """The letters ``app``'s steps so far call for (补正 after 告知补正, the answer after 答复…)."""
    kinds = set(app.events.values_list("kind", flat=True))
    # A letter once issued is final; the same letter is not drafted a second time.
    issued = set(
        Letter.objects.filter(application=app, issued_on__isnull=False).values_list(
            "kind", "outcome"
        )
    )
    choices: list[LetterChoice] = []
    steps = (
        (EventKind.CORRECTION_REQUESTED, LetterKind.CORRECTION),
        (EventKind.EXTENSION_APPROVED, LetterKind.EXTENSION),
        (EventKind.CONSULTATION_STARTED, LetterKind.CONSULTATION),
        (EventKind.FEE_NOTICE_ISSUED, LetterKind.FEE_NOTICE),
    )
    for event, kind in steps:
        if event in kinds and (kind, "") not in issued:
            choices.append(LetterChoice(kind, "", template_label(kind)))
    if app.outcome and (LetterKind.ANSWER, app.outcome) not in issued:
        key = template_key(LetterKind.ANSWER, app.outcome)
        choices.append(LetterChoice(LetterKind.ANSWER, app.outcome, template_label(key)))
    return choices


def letters_for(application: Application) -> QuerySet[Letter]:
    """The letters of one case, oldest first (the case page's block shows them)."""
    return Letter.objects.filter(application=application)
