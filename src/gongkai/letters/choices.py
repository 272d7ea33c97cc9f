"""Kinds of letters and the key of the template each uses."""

from __future__ import annotations

from django.db import models

from gongkai.applications.choices import OUTCOME_BASES, Outcome

__all__ = ["ANSWER_PREFIX", "TEMPLATE_KEYS", "LetterKind", "template_key", "template_label"]


class LetterKind(models.TextChoices):
    CORRECTION = "correction", "补正通知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求意见函"
    FEE_NOTICE = "fee_notice", "收费通知书"
    ANSWER = "answer", "答复告知书"


ANSWER_PREFIX = "answer:"


def template_key(kind: str, outcome: str = "") -> str:
    """The key of the template a letter uses: the kind, or ``answer:<outcome>``."""
    if kind == LetterKind.ANSWER:
        if outcome not in OUTCOME_BASES:
            raise ValueError(f"answer letter needs an outcome, got {outcome!r}")
        return f"{ANSWER_PREFIX}{outcome}"
    return str(kind)


def template_label(key: str) -> str:
    """The Chinese name of a template key, e.g. "答复告知书（不予公开：属于国家秘密）"."""
    if key.startswith(ANSWER_PREFIX):
        return f"{LetterKind.ANSWER.label}（{Outcome(key[len(ANSWER_PREFIX) :]).label}）"
    return str(LetterKind(key).label)


# Every template the office can edit: four notices and one answer letter per outcome.
TEMPLATE_KEYS: tuple[str, ...] = (
    LetterKind.CORRECTION.value,
    LetterKind.EXTENSION.value,
    LetterKind.CONSULTATION.value,
    LetterKind.FEE_NOTICE.value,
    *(f"{ANSWER_PREFIX}{outcome}" for outcome in Outcome.values),
)
