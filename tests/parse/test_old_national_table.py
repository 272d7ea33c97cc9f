"""The 2014-2018 national statistics table (国办发〔2014〕32号) as a report's 附表.

The fixture follows the indicator list of statute-facts C3 (names partly [U]); it is laid out
as pipe rows, as one cell per line, and as an HTML table, and each must give the same
headline figures.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.parse import parse_bytes
from gongkai.report import Report

FIXTURE = Path(__file__).parents[1] / "data" / "national-table-2016.txt"

EXPECTED = {
    "old.proactive.total": 1234,
    "old.requests.received": 56,
    "old.requests.in_person": 10,
    "old.requests.online": 30,
    "old.requests.letter": 15,
    "old.requests.fax": 1,
    "old.replies.total": 50,
    "old.replies.already_public": 5,
    "old.replies.granted": 20,
    "old.replies.partially_granted": 3,
    "old.replies.denied": 4,
    "old.replies.not_exist": 7,
    "old.replies.not_held": 6,
    "old.reconsideration.total": 3,
    "old.reconsideration.upheld": 2,
    "old.reconsideration.corrected": 1,
    "old.reconsideration.other": 0,
    "old.litigation.total": 2,
    "old.litigation.upheld": 1,
    "old.litigation.corrected": 0,
    "old.litigation.other": 1,
    "old.complaints.total": 4,
    "old.fees.amount_yuan": 0,
}


def _pipe_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def _cells_text(text: str) -> str:
    out: list[str] = []
    for line in text.splitlines():
        out += [c.strip() for c in line.split("|")] if "|" in line else [line]
    return "\n".join(out)


def _html(text: str) -> str:
    body = []
    for line in text.splitlines():
        if "|" in line:
            cells = "".join(f"<td>{c.strip()}</td>" for c in line.split("|"))
            body.append(f"<tr>{cells}</tr>")
        else:
            body.append(f"</table><p>{line}</p><table>")
    return "<html><body><table>" + "".join(body) + "</table></body></html>"


def _parse(text: str, name: str) -> Report:
    (report,) = parse_bytes(text.encode("utf-8"), name)
    return report


@pytest.mark.parametrize("layout", ["pipes", "cells", "html"])
def test_every_headline_figure_in_each_layout(layout: str) -> None:
    text = _pipe_text()
    if layout == "cells":
        report = _parse(_cells_text(text), "t.txt")
    elif layout == "html":
        report = _parse(_html(text), "t.html")
    else:
        report = _parse(text, "t.txt")
    assert (report.agency, report.year, str(report.generation)) == (
        "某某市某某区人民政府",
        2016,
        "2008",
    )
    assert dict(report.metrics) == EXPECTED
    assert report.findings == []  # the prose's 56 and 1234 agree with the table


def test_fee_in_wan_yuan_is_converted_to_yuan() -> None:
    text = _pipe_text().replace("收取的费用 | 万元 | 0", "收取的费用 | 万元 | 0.05")
    assert _parse(text, "t.txt").get("old.fees.amount_yuan") == 500
    text = _pipe_text().replace("收取的费用 | 万元 | 0", "收取的费用 | 万元 | 0.00123")
    assert _parse(text, "t.txt").get("old.fees.amount_yuan") == Decimal("12.3")


def test_prose_that_disagrees_with_the_table_is_flagged() -> None:
    text = _pipe_text().replace("共收到政府信息公开申请56件", "共收到政府信息公开申请57件")
    report = _parse(text, "t.txt")
    assert report.get("old.requests.received") == 56  # the table's figure, never the prose's
    (finding,) = report.findings
    assert finding.rule == "prose.table_mismatch"
    assert finding.keys == ("old.requests.received",)
    assert "为 57" in finding.message and "为 56" in finding.message


def test_result_rows_belong_to_the_total_above_them() -> None:
    # Litigation printed before reconsideration: 维持/纠错/其他 follow their own total.
    text = _pipe_text()
    recon = text[text.index("四、行政复议数量") : text.index("五、行政诉讼数量")]
    litig = text[text.index("五、行政诉讼数量") : text.index("六、举报投诉数量")]
    report = _parse(text.replace(recon + litig, litig + recon), "t.txt")
    assert dict(report.metrics) == EXPECTED
