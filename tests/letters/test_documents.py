"""The issued letter's DOCX and PDF: they open, say the number and the remedy, embed the font."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import time_machine
from docx import Document
from pdfminer.pdftypes import resolve1

from gongkai.letters.documents import BODY_FONT, render_pdf
from tests.letters.helpers import (
    COURT,
    PREFIX,
    RECONSIDERATION_BODY,
    draft_answer,
    issue,
    letters_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-03-12 10:00 +0800", tick=False):
        yield


def _squash(text: str) -> str:
    return "".join(text.split())


def _embedded_fonts(page: Any) -> set[str]:
    """Base names of the page's fonts whose descriptor holds a FontFile, FontFile2 or 3."""
    names: set[str] = set()
    for ref in resolve1(page.page_obj.resources["Font"]).values():
        font = resolve1(ref)
        for descendant in resolve1(font.get("DescendantFonts", [])) or [font]:
            described = resolve1(descendant)
            descriptor = resolve1(described.get("FontDescriptor"))
            if descriptor and any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")):
                names.add(str(described["BaseFont"].name).partition("+")[2])
    return names


def test_docx_opens_and_contains_number_remedy_and_east_asian_font() -> None:
    w = letters_world()
    letter = issue(w, draft_answer(w, "partially_granted"))
    doc = Document(io.BytesIO(bytes(letter.files.docx)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{PREFIX}〔2026〕第1号" in text
    assert f"60日内向{RECONSIDERATION_BODY}申请行政复议" in text
    assert f"6个月内向{COURT}提起行政诉讼" in text
    assert "第三十七条" in text
    assert "2026年3月11日" in text
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    run = doc.paragraphs[0].runs[0]
    fonts = run._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        BODY_FONT
    )


def test_pdf_text_extracts_as_written_and_font_is_embedded() -> None:
    w = letters_world()
    letter = issue(w, draft_answer(w, "denied.process_information"))
    data = bytes(letter.files.pdf)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        text = _squash(page.extract_text())
        fontnames = {char["fontname"] for char in page.chars}
    assert f"{PREFIX}〔2026〕第1号" in text
    assert _squash(f"自收到本告知书之日起60日内向{RECONSIDERATION_BODY}申请行政复议") in text
    assert "第十六条第二款" in text
    assert "张三：" in text
    # "ABCDEF+Noto-Serif-CJK-SC": the six-letter tag marks an embedded subset.
    base_names = {name.partition("+")[2] for name in fontnames if "+" in name}
    assert "Noto-Serif-CJK-SC" in base_names, fontnames
    # Embedded: each font's descriptor carries the font program, not just its name.
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert _embedded_fonts(pdf.pages[0]) == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}
    if os.environ.get("GONGKAI_LETTER_SAMPLE"):
        Path(os.environ["GONGKAI_LETTER_SAMPLE"]).write_bytes(data)


def test_draft_pdf_says_it_is_a_draft() -> None:
    w = letters_world()
    letter = draft_answer(w)
    with pdfplumber.open(io.BytesIO(render_pdf(letter))) as pdf:
        text = _squash(pdf.pages[0].extract_text())
    assert "草稿" in text
    assert PREFIX not in text
