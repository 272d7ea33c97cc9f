"""The letters pages: who may see and do what, the confirmation, PRG, downloads."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pdfplumber
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document

from gongkai.applications.choices import EventKind
from gongkai.letters.models import Letter, LetterTemplate
from tests.letters.helpers import PREFIX, answered, draft_answer, letters_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-03-12 10:00 +0800", tick=False):
        yield


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _letter_urls(letter: Letter) -> list[str]:
    return [
        reverse(name, args=[letter.pk])
        for name in (
            "staff:letter",
            "staff:letter-edit",
            "staff:letter-issue",
            "staff:letter-docx",
            "staff:letter-pdf",
        )
    ]


def test_anonymous_users_go_to_login() -> None:
    w = letters_world()
    letter = draft_answer(w)
    for url in [*_letter_urls(letter), reverse("staff:letter-templates")]:
        response = Client().get(url)
        assert response.status_code == 302 and "/staff/login/" in response["Location"], url


def test_wrong_agency_sees_no_letter() -> None:
    w = letters_world()
    letter = draft_answer(w, applicant_name="李四")
    for user in (w.town_head, w.outsider):
        client = _client(user)
        for url in _letter_urls(letter):
            response = client.get(url)
            assert response.status_code in (403, 404), (user, url)
            assert "李四" not in response.content.decode()
        response = client.post(
            reverse("staff:letter-issue", args=[letter.pk]), {"letter": letter.pk}
        )
        assert response.status_code in (403, 404)
    assert not Letter.objects.get(pk=letter.pk).is_issued


def test_wrong_role_may_read_but_not_edit_or_issue() -> None:
    w = letters_world()
    letter = draft_answer(w)
    for user in (w.registrar, w.supervisor):
        client = _client(user)
        page = client.get(reverse("staff:letter", args=[letter.pk]))
        assert page.status_code == 200
        assert reverse("staff:letter-issue", args=[letter.pk]) not in page.content.decode()
        assert client.get(reverse("staff:letter-edit", args=[letter.pk])).status_code == 403
        assert client.get(reverse("staff:letter-issue", args=[letter.pk])).status_code == 403
        posted = client.post(
            reverse("staff:letter-edit", args=[letter.pk]), {"title": "x", "body": "改写"}
        )
        assert posted.status_code == 403
        posted = client.post(reverse("staff:letter-issue", args=[letter.pk]), {"letter": letter.pk})
        assert posted.status_code == 403
    stored = Letter.objects.get(pk=letter.pk)
    assert not stored.is_issued and stored.body == letter.body
    assert _client(w.handler).get(reverse("staff:letter-templates")).status_code == 403


def test_handler_drafts_edits_confirms_issues_and_downloads() -> None:
    w = letters_world()
    app = answered(w, "unavailable.not_held")
    client = _client(w.handler)
    response = client.post(
        reverse("staff:letter-draft", args=[app.pk]),
        {"choice": "answer|unavailable.not_held"},
    )
    letter = Letter.objects.get(application=app)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:letter-edit", args=[letter.pk])
    # An unknown placeholder is refused beside its field and in the summary.
    bad = client.post(
        reverse("staff:letter-edit", args=[letter.pk]),
        {"title": letter.title, "body": "{{ 申请人 }}：\n{{ 不存在 }}"},
    )
    assert bad.status_code == 200 and "未知的占位符：不存在" in bad.content.decode()
    edited = letter.body + "\n负责公开的机关为某县自然资源局。"
    response = client.post(
        reverse("staff:letter-edit", args=[letter.pk]), {"title": letter.title, "body": edited}
    )
    assert response.status_code == 302
    confirm = client.get(reverse("staff:letter-issue", args=[letter.pk]))
    html = confirm.content.decode()
    assert "确认出具" in html and f"{PREFIX}〔2026〕第1号" in html
    form = confirm.context["form"]
    data = {"letter": letter.pk, "idempotency_key": form.initial["idempotency_key"], "on": ""}
    done = client.post(reverse("staff:letter-issue", args=[letter.pk]), data, follow=True)
    assert f"文号：{PREFIX}〔2026〕第1号" in done.content.decode()
    # A double click applies once.
    again = client.post(reverse("staff:letter-issue", args=[letter.pk]), data)
    assert again.status_code == 302
    assert app.events.filter(kind=EventKind.LETTER_ISSUED).count() == 1
    docx = client.get(reverse("staff:letter-docx", args=[letter.pk]))
    assert "no-store" in docx["Cache-Control"]
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "某县自然资源局" in text and f"{PREFIX}〔2026〕第1号" in text
    pdf = client.get(reverse("staff:letter-pdf", args=[letter.pk]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as doc:
        assert f"{PREFIX}〔2026〕第1号" in "".join(doc.pages[0].extract_text().split())
    assert client.get(reverse("staff:letter-edit", args=[letter.pk])).status_code == 403


def test_administrator_edits_a_template_and_new_drafts_use_it() -> None:
    w = letters_world()
    client = _client(w.admin)
    page = client.get(reverse("staff:letter-templates") + f"?agency={w.bureau.pk}")
    assert page.status_code == 200 and "答复告知书（予以公开）" in page.content.decode()
    url = reverse("staff:letter-template-edit", args=[w.bureau.pk, "answer:granted"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "答复书", "body": "{{ 申请人 }}：\n本机关同意公开。"})
    assert response.status_code == 302
    assert LetterTemplate.objects.get(agency=w.bureau, key="answer:granted").title == "答复书"
    letter = draft_answer(w)
    assert letter.title == "答复书" and letter.body == "张三：\n本机关同意公开。"
    # The bureau's handler is no administrator: refused.
    assert _client(w.handler).post(url, {"title": "x", "body": "y"}).status_code in (403, 404)
    # 恢复默认 deletes the agency's own text.
    client.post(url, {"restore": "1"})
    assert not LetterTemplate.objects.filter(agency=w.bureau).exists()


def test_case_block_lists_letters_and_offers_drafts() -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    w = letters_world()
    letter = draft_answer(w)
    request = RequestFactory().get("/")
    request.user = w.handler
    html = render_to_string(
        "letters/_case_letters.html",
        {"application": letter.application, "user": w.handler},
        request=request,
    )
    assert reverse("staff:letter", args=[letter.pk]) in html
    assert reverse("staff:letter-draft", args=[letter.application.pk]) in html
    html = render_to_string(
        "letters/_case_letters.html",
        {"app": letter.application, "user": w.supervisor},
        request=request,
    )
    assert reverse("staff:letter", args=[letter.pk]) in html
    assert reverse("staff:letter-draft", args=[letter.application.pk]) not in html
