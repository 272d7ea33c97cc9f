"""The annual report as DOCX (python-docx, merged cells as printed) and PDF (WeasyPrint).

Both are drawn from the report document of ``gongkai.annual.yearend.report_document``: the
frozen snapshot of a submitted or published report, or a draft compiled now. Nothing is
recompiled for a frozen report.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from gongkai.annual.yearend import NARRATIVE_FIELDS
from gongkai.letters.documents import set_run_font

__all__ = ["document_docx", "document_html", "document_pdf"]

_FONT = "Noto Serif CJK SC"
_SANS = "Noto Sans CJK SC"


def _paragraph(
    doc: Any,
    text: str,
    *,
    size: float = 12,
    bold: bool = False,
    center: bool = False,
    font: str = _FONT,
) -> None:
    para = doc.add_paragraph()
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(para.add_run(text), font, size, bold=bold)


def _narrative(doc: Any, title: str, text: str) -> None:
    _paragraph(doc, title, size=14, bold=True, font=_SANS)
    for line in (text or "（无）").split("\n"):
        if line.strip():
            para = doc.add_paragraph()
            para.paragraph_format.first_line_indent = Pt(24)
            set_run_font(para.add_run(line.strip()), _FONT, 12)


def _table(doc: Any, table: dict[str, Any]) -> None:
    rows = table["rows"]
    width = table["width"]
    grid = doc.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    # python-docx's table.cell() walks the whole table on every call: take the cells once,
    # fill the anchors, then merge (the merged regions are disjoint, so the cached cells
    # outside each region stay valid).
    cells = grid._cells
    merges: list[tuple[int, int, int, int]] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < width and (r, c) in covered:
                c += 1
            if c >= width:
                break
            last_r, last_c = r + cell["rowspan"] - 1, min(c + cell["colspan"], width) - 1
            if (last_r, last_c) != (r, c):
                merges.append((r, c, last_r, last_c))
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    covered.add((r + dr, c + dc))
            para = cells[r * width + c].paragraphs[0]
            if cell["figure"]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif cell["header"]:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(para.add_run(cell["text"]), _SANS, 8)
            c += cell["colspan"]
    for r, c, last_r, last_c in merges:
        cells[r * width + c].merge(cells[last_r * width + last_c])


def document_docx(document: dict[str, Any]) -> bytes:
    """The report as a Word document in the national layout."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    if document.get("reference"):
        _paragraph(doc, document["reference"], size=10.5, center=True)
    _paragraph(doc, document["title"], size=18, bold=True, center=True, font=_SANS)
    if document.get("period"):
        _paragraph(doc, document["period"], size=12)
    narrative = document["narrative"]
    (first_name, first_title), *rest = NARRATIVE_FIELDS
    _narrative(doc, first_title, narrative.get(first_name, ""))
    for part in document["layout"]:
        _paragraph(doc, part["title"], size=14, bold=True, font=_SANS)
        if part.get("note"):
            _paragraph(doc, part["note"], size=10.5)
        for table in part["tables"]:
            _table(doc, table)
    for name, title in rest:
        _narrative(doc, title, narrative.get(name, ""))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def document_html(document: dict[str, Any], *, draft: bool) -> str:
    """The report as one printable HTML page (the source of the PDF)."""
    narrative = document["narrative"]
    sections = [
        {
            "title": title,
            "paragraphs": [p for p in narrative.get(name, "").split("\n") if p.strip()],
        }
        for name, title in NARRATIVE_FIELDS
    ]
    return render_to_string(
        "staff/yearend/print.html",
        {"document": document, "first": sections[0], "rest": sections[1:], "draft": draft},
    )


def document_pdf(document: dict[str, Any], *, draft: bool) -> bytes:
    """The report as PDF (A4, Noto CJK fonts embedded by WeasyPrint)."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy: only for a PDF

    pdf = HTML(string=document_html(document, draft=draft)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
