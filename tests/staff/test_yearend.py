"""Year end: compile, edit the narrative, table 2, submit, publish (frozen, numbered), export."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.test import Client

from gongkai.annual.models import AnnualReport, ReportState, Table2Entry
from gongkai.audit.models import AuditEntry
from tests.annual_helpers import case
from tests.register_factories import World

pytestmark = pytest.mark.django_db

JANUARY = "2026-01-20T10:00:00+08:00"
URL = "/staff/annual/2025/"
Q = "?agency=bureau"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def history(w: World) -> None:
    """Three 2025 cases at the bureau: two granted, one still open at year end."""
    for received, closed in (
        (date(2025, 3, 3), date(2025, 3, 20)),
        (date(2025, 5, 6), date(2025, 5, 30)),
        (date(2025, 12, 10), None),
    ):
        case(w.bureau, received, closed_on=closed).save()


def write_narrative(client: Client, **changes: str) -> Any:
    fields = {
        "overview": "本年度，本局认真贯彻《条例》。",
        "problems": "依申请公开答复质量有待提高。",
        "other_matters": "本年度未收取信息处理费。",
    }
    fields.update(changes)
    return client.post(f"{URL}narrative/{Q}", fields)


def test_the_page_compiles_the_report_in_the_national_layout_with_its_findings() -> None:
    w = World()
    history(w)
    with time_machine.travel(JANUARY):
        page = client_for(w.head).get(URL + Q)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<title>2025年度报告 · 某县财政局 · gongkai</title>" in html
    assert "某县财政局2025年政府信息公开工作年度报告" in html
    assert "三、收到和处理政府信息公开申请情况" in html and 'rowspan="3"' in html
    assert "核对结果" in html
    assert "草稿" in html


def test_compile_edit_submit_publish_freezes_and_numbers_the_report() -> None:
    w = World()
    history(w)
    head = client_for(w.head)
    with time_machine.travel(JANUARY):
        assert write_narrative(head).status_code == 302
        saved = head.post(
            f"{URL}table2/{Q}", {"licensing__decisions": "12", "fees__amount_wan_yuan": "1.5"}
        )
        assert saved.status_code == 302
        assert Table2Entry.objects.filter(agency=w.bureau, year=2025).count() == 2
        submitted = head.post(f"{URL}submit/{Q}")
        assert submitted.status_code == 302
        row = AnnualReport.objects.get(agency=w.bureau, year=2025)
        assert row.state == ReportState.SUBMITTED and row.submitted_by == w.head
        assert row.snapshot["exact_metrics"]["t3.received_new.total"] == "3"
        assert row.snapshot["exact_metrics"]["t2.fees.amount_wan_yuan"] == "1.5"
        # The narrative is frozen with the submission: no more edits.
        assert write_narrative(head, overview="改了").status_code == 403
        confirm = head.get(f"{URL}publish/{Q}")
        assert confirm.status_code == 200 and "确认发布" in confirm.content.decode()
        published = head.post(f"{URL}publish/{Q}", follow=True)
    assert (
        "年度报告已发布，发布编号：某县财政局政府信息公开年报〔2026〕第1号"
        in published.content.decode()
    )
    row.refresh_from_db()
    assert (row.state, row.number, row.number_year) == (ReportState.PUBLISHED, 1, 2026)
    # Cases recorded afterwards do not change the published report: it is never recompiled.
    case(w.bureau, date(2025, 6, 1), closed_on=date(2025, 6, 20)).save()
    with time_machine.travel("2026-02-01T10:00:00+08:00"):
        page = head.get(URL + Q).content.decode()
        assert "已发布" in page and "本局认真贯彻" in page
        assert AnnualReport.objects.get(pk=row.pk).snapshot == row.snapshot
        assert head.post(f"{URL}publish/{Q}").status_code == 302
        assert head.post(f"{URL}withdraw/{Q}").status_code == 302
    row.refresh_from_db()
    assert row.state == ReportState.PUBLISHED and row.number == 1
    actions = set(AuditEntry.objects.filter(agency=w.bureau).values_list("action", flat=True))
    assert {
        "annual_report_narrative",
        "annual_report_submit",
        "annual_report_publish",
        "table2_figure",
    } <= actions


def test_the_publication_number_counts_the_agencys_publications_in_the_year() -> None:
    w = World()
    head = client_for(w.head)
    with time_machine.travel("2026-03-02T10:00:00+08:00"):
        for year in (2024, 2025):
            write_narrative_year(head, year)
            assert head.post(f"/staff/annual/{year}/submit/{Q}").status_code == 302
            head.post(f"/staff/annual/{year}/publish/{Q}")
    numbers = dict(AnnualReport.objects.values_list("year", "number"))
    assert numbers == {2024: 1, 2025: 2}


def write_narrative_year(client: Client, year: int) -> None:
    client.post(f"/staff/annual/{year}/narrative/{Q}", {"overview": "总体情况。"})


def test_a_report_is_not_submitted_before_its_year_ends_nor_without_an_overview() -> None:
    w = World()
    head = client_for(w.head)
    with time_machine.travel("2025-12-20T10:00:00+08:00"):
        write_narrative(head)
        early = head.post(f"{URL}submit/{Q}", follow=True).content.decode()
        assert "2025 年尚未结束" in early
    with time_machine.travel(JANUARY):
        write_narrative(head, overview="  ")
        empty = head.post(f"{URL}submit/{Q}", follow=True).content.decode()
        assert "请先填写“一、总体情况”" in empty
    assert AnnualReport.objects.get(agency=w.bureau, year=2025).state == ReportState.DRAFT


def test_withdrawing_a_submission_makes_it_a_draft_again() -> None:
    w = World()
    head = client_for(w.head)
    with time_machine.travel(JANUARY):
        write_narrative(head)
        head.post(f"{URL}submit/{Q}")
        head.post(f"{URL}withdraw/{Q}")
        assert write_narrative(head, overview="修改后的总体情况。").status_code == 302
    row = AnnualReport.objects.get(agency=w.bureau, year=2025)
    assert (row.state, row.overview, row.snapshot) == (ReportState.DRAFT, "修改后的总体情况。", {})


def test_the_handler_reads_but_cannot_edit_submit_or_publish() -> None:
    w = World()
    handler = client_for(w.handler)
    with time_machine.travel(JANUARY):
        page = handler.get(URL + Q).content.decode()
        assert "报送上级主管部门" not in page and "保存正文" not in page
        assert write_narrative(handler).status_code == 403
        refused = handler.post(f"{URL}submit/{Q}", follow=True).content.decode()
        assert "无权报送年度报告" in refused
        assert handler.post(f"{URL}table2/{Q}", {"licensing__decisions": "3"}).status_code == 400
        assert handler.get(f"{URL}publish/{Q}").status_code == 403
    assert not AnnualReport.objects.exclude(state=ReportState.DRAFT).exists()
    assert not Table2Entry.objects.exists()


def test_scoping_town_head_and_anonymous() -> None:
    w = World()
    town = client_for(w.town_head)
    assert town.get(URL + Q).status_code == 403
    assert town.get(f"{URL}report.pdf{Q}").status_code == 403
    assert town.post(f"{URL}submit/{Q}").status_code == 403
    own = town.get(URL)
    assert own.status_code == 200 and "某镇人民政府" in own.content.decode()
    anonymous = Client().get(URL + Q)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/staff/login/")
    assert Client().post(f"{URL}submit/{Q}").status_code == 302
    assert client_for(w.outsider).get(URL + Q).status_code == 403
    assert client_for(w.head).get(f"{URL}?agency=nosuch").status_code == 404
    # The county's administrator sees the agencies below and may pick one.
    admin_page = client_for(w.admin).get(URL + Q).content.decode()
    assert '<option value="town"' in admin_page and "某县财政局" in admin_page


def test_years_before_2019_are_refused_in_chinese() -> None:
    w = World()
    page = client_for(w.head).get("/staff/annual/2015/" + Q)
    assert page.status_code == 404
    assert "2008 年条例的格式" in page.content.decode()


def published(w: World) -> Client:
    history(w)
    head = client_for(w.head)
    with time_machine.travel(JANUARY):
        write_narrative(head)
        head.post(f"{URL}table2/{Q}", {"licensing__decisions": "12"})
        head.post(f"{URL}submit/{Q}")
        head.post(f"{URL}publish/{Q}")
    return head


def test_the_docx_has_the_tables_with_merged_cells_and_the_figures() -> None:
    from docx import Document

    w = World()
    head = published(w)
    response = head.get(f"{URL}report.docx{Q}")
    assert response.status_code == 200
    assert "annual-report-bureau-2025.docx" in response["Content-Disposition"]
    doc = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "某县财政局2025年政府信息公开工作年度报告" in text
    assert "本局认真贯彻" in text and "某县财政局政府信息公开年报〔2026〕第1号" in text
    # Word takes Chinese glyphs from the East Asian font slot, in simplified-Chinese forms.
    body = doc.element.xml
    assert 'w:eastAsia="Noto Serif CJK SC"' in body and 'w:eastAsia="zh-CN"' in body
    assert len(doc.tables) == 3
    t3 = doc.tables[1]
    # The header's note cell spans 3 columns and 3 rows, as printed.
    assert t3.cell(0, 0).text == t3.cell(2, 2).text != ""
    cells = [c.text for row in t3.rows for c in row.cells]
    assert "本年新收政府信息公开申请数量" in "".join(cells)
    received_row = next(r for r in t3.rows if "本年新收" in r.cells[0].text)
    assert received_row.cells[-1].text == "3"
    t2_cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "12" in t2_cells


def test_the_pdf_has_the_title_a_figure_and_embedded_cjk_fonts() -> None:
    import pdfplumber

    w = World()
    head = published(w)
    response = head.get(f"{URL}report.pdf{Q}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pdfplumber.open(BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        fonts = embedded_fonts(pdf)
    squeezed = "".join(text.split())
    assert "某县财政局2025年政府信息公开工作年度报告" in squeezed
    assert "本年新收政府信息公开申请数量" in squeezed
    assert "已发布" not in squeezed and "未发布稿" not in squeezed
    assert any("Noto-Sans-CJK-SC" in name for name in fonts), fonts
    assert any("Noto-Serif-CJK-SC" in name for name in fonts), fonts


def embedded_fonts(pdf: Any) -> set[str]:
    """Names of the fonts whose program is embedded in the PDF (Type0 fonts included)."""
    from pdfminer.pdftypes import resolve1

    names: set[str] = set()
    for page in pdf.pages:
        for font in resolve1(resolve1(page.page_obj.resources).get("Font", {})).values():
            font = resolve1(font)
            for part in [font, *[resolve1(d) for d in resolve1(font.get("DescendantFonts", []))]]:
                descriptor = resolve1(part.get("FontDescriptor"))
                if descriptor and any(
                    k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")
                ):
                    names.add(resolve1(part["BaseFont"]).name)
    return names


def test_a_returned_report_is_edited_and_submitted_again() -> None:
    w = World()
    head = client_for(w.head)
    with time_machine.travel(JANUARY):
        write_narrative(head)
        head.post(f"{URL}submit/{Q}")
        # What the supervising office's page (issue 11) will do through its own step.
        AnnualReport.objects.filter(agency=w.bureau, year=2025).update(state=ReportState.RETURNED)
        page = head.get(URL + Q).content.decode()
        assert "上级主管部门已退回" in page and "保存正文" in page
        assert write_narrative(head, overview="按意见修改。").status_code == 302
        assert head.post(f"{URL}submit/{Q}").status_code == 302
    row = AnnualReport.objects.get(agency=w.bureau, year=2025)
    assert row.state == ReportState.SUBMITTED
    assert row.snapshot["narrative"]["overview"] == "按意见修改。"
