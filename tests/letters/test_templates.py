"""The shipped default letters: one for every kind and outcome, each citing its article."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from gongkai.applications.choices import OUTCOME_BASES, Outcome
from gongkai.letters.choices import TEMPLATE_KEYS, LetterKind, template_key
from gongkai.letters.defaults import DEFAULT_TEMPLATES, REGULATION
from gongkai.letters.drafting import letter_values
from gongkai.letters.placeholders import PLACEHOLDERS, fill, unknown_placeholders
from tests.letters.helpers import RECONSIDERATION_BODY, answered, letters_world

ID_NUMBER = "11010519491231002X"


def test_every_outcome_and_kind_has_a_default_using_known_placeholders() -> None:
    keys = {template_key(LetterKind.ANSWER, outcome) for outcome in Outcome.values}
    keys |= {k for k in LetterKind.values if k != LetterKind.ANSWER}
    assert keys == set(TEMPLATE_KEYS) == set(DEFAULT_TEMPLATES)
    for key, default in DEFAULT_TEMPLATES.items():
        assert unknown_placeholders(default.body) == [], key
        if key != template_key(LetterKind.ANSWER, Outcome.OTHER_OTHER):
            assert "{{ 依据条款 }}" in default.body, key
        if key != LetterKind.CONSULTATION:
            # Every letter to the applicant says how to challenge it; the consultation letter
            # goes to a third party and decides nothing.
            assert "{{ 救济条款 }}" in default.body, key


def test_unknown_placeholder_is_refused() -> None:
    assert unknown_placeholders("{{ 申请人 }}{{ 身份证 }}{{身份证}}") == ["身份证"]
    with pytest.raises(ValueError, match="身份证"):
        fill("{{ 身份证 }}", {})
    assert "申请人" in PLACEHOLDERS


@pytest.fixture
def _today() -> Iterator[None]:
    with time_machine.travel("2026-03-12 10:00 +0800", tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("_today")
@pytest.mark.parametrize("outcome", sorted(set(Outcome.values)))
def test_each_answer_letter_cites_the_article_of_its_outcome(outcome: str) -> None:
    w = letters_world()
    app = answered(w, "granted", applicant_id_number=ID_NUMBER)
    default = DEFAULT_TEMPLATES[template_key(LetterKind.ANSWER, outcome)]
    text = fill(default.body, letter_values(app, LetterKind.ANSWER, outcome))
    article = OUTCOME_BASES[outcome].article
    if outcome != Outcome.OTHER_OTHER:  # 其他处理: no article; the office writes the basis
        assert article in text
    if article.startswith("第"):
        assert f"{REGULATION}{article}" in text
    assert f"60日内向{RECONSIDERATION_BODY}申请行政复议" in text
    assert "6个月内" in text and "{{" not in text
    # The identity number stays out unless a template asks for it.
    assert app.applicant_id_number == ID_NUMBER and ID_NUMBER not in text
    assert ID_NUMBER in fill("{{ 身份证号码 }}", letter_values(app, LetterKind.ANSWER, outcome))
