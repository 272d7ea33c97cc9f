"""A letter as a page: the HTML for the browser and the PDF, and the DOCX for the office.

The three share one layout (``LetterLayout``): title, number, paragraphs, signatory and date.
Fonts: Noto Serif CJK SC (宋体-like) from Debian's fonts-noto-cjk; the PDF embeds a subset.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from .drafting import cn_date, letter_values, settings_of
from .models import Letter
from .placeholders import fill

__all__ = [
    "BODY_FONT",
    "TITLE_FONT",
    "LetterLayout",
    "layout_of",
    "render_docx",
    "render_html",
    "render_pdf",
    "set_run_font",
]

# The one stylesheet of the letter: linked by the browser page, given to WeasyPrint directly.
_STYLESHEET = Path(__file__).parent / "static" / "letters" / "letter.css"
BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Serif CJK SC"


@dataclass(frozen=True, slots=True)
class LetterLayout:
    """What is printed, in order."""

    title: str
    number: str
    paragraphs: tuple[str, ...]
    signatory: str
    date_text: str
    draft: bool


def layout_of(letter: Letter) -> LetterLayout:
    """The printed parts of ``letter``; a draft shows a placeholder for its number."""
    app = letter.application
    if letter.is_issued:
        body = letter.body
        signatory = letter.signatory
        on = letter.issued_on
        number = letter.number
    else:
        on = timezone.localdate()
        body = fill(letter.body, letter_values(app, letter.kind, letter.outcome, on=on))
        settings = settings_of(app.agency)
        signatory = settings.signatory if settings and settings.signatory else app.agency.name
        number = "（草稿，文号在出具时生成）"
    paragraphs = tuple(line.strip() for line in body.splitlines() if line.strip())
    return LetterLayout(
        title=letter.title,
        number=number,
        paragraphs=paragraphs,
        signatory=signatory,
        date_text=cn_date(on),
        draft=not letter.is_issued,
    )


def render_html(letter: Letter, *, for_pdf: bool = False) -> str:
    """The letter as a standalone A4 HTML page (the PDF is made from it)."""
    return render_to_string(
        "letters/letter.html", {"layout": layout_of(letter), "for_pdf": for_pdf}
    )


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF with the CJK font embedded (WeasyPrint)."""
    # Imported here: WeasyPrint loads pango at import, which pages that never print skip.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    pdf: bytes = HTML(string=render_html(letter, for_pdf=True)).write_pdf(
        stylesheets=[CSS(filename=str(_STYLESHEET))]
    )
    return pdf


def set_run_font(run: object, name: str, size_pt: float, *, bold: bool = False) -> None:
    """Set a DOCX run's font for Chinese text: every font slot, the size, zh-CN glyph forms."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size_pt)
    font.bold = bold
    # Word picks the East Asian font from w:eastAsia, not from w:ascii (which font.name sets).
    r_pr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attr), name)
    # The language picks simplified-Chinese glyph forms from a pan-CJK font.
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX on A4 (GB/T 9704-like margins), fonts set for East Asian text."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    layout = layout_of(letter)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def paragraph(
        text: str,
        *,
        align: Any = None,
        size: float = 16,
        bold: bool = False,
        indent: bool = False,
        font: str = BODY_FONT,
        space_after: float = 0,
    ) -> None:
        para = doc.add_paragraph()
        if align is not None:
            para.alignment = align
        fmt = para.paragraph_format
        fmt.line_spacing = Pt(28)
        fmt.space_after = Pt(space_after)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        set_run_font(para.add_run(text), font, size, bold=bold)

    paragraph(
        layout.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=22,
        bold=True,
        font=TITLE_FONT,
        space_after=12,
    )
    paragraph(layout.number, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for index, text in enumerate(layout.paragraphs):
        # The first line is the addressee ("张三："), flush left as in official letters.
        paragraph(text, indent=index > 0)
    paragraph("", space_after=12)
    paragraph(layout.signatory, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(layout.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
