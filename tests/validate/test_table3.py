"""Table 3 identities (I1-I3, I6), localisation and implied totals."""

from __future__ import annotations

from gongkai.report import Finding, Generation, Severity, Suggestion
from gongkai.validate import check_report
from tests.report_builders import Cells, balanced_rows, table3_report
from tests.seed_reports import (
    hongze_2024,
    tianqiao_2019,
    tianqiao_2020,
    tianqiao_2021,
    tianqiao_2022,
)


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def _checked(counts: dict[str, int], printed: dict[str, Cells]) -> list[Finding]:
    """The findings on a balanced table of ``counts`` whose ``printed`` rows read otherwise."""
    rows = balanced_rows(counts)
    rows.update(printed)
    return check_report(table3_report(rows))


def test_balanced_table_has_no_finding() -> None:
    rows = balanced_rows({"granted": 5, "other.other": 2}, carried_over=3, carried_forward=1)
    assert check_report(table3_report(rows)) == []


def test_row_sum_broken() -> None:
    (row, column, located) = _checked({"granted": 5}, {"granted": [5, 1, 0, 0, 0, 0, 5]})
    assert row == Finding(
        "t3.row_sum",
        Severity.ERROR,
        "表三“（一）予以公开”行：各类申请人合计为 6，总计栏为 5。",
        tuple(f"t3.granted.{c}" for c in ("natural_person", "commercial", "research"))
        + tuple(f"t3.granted.{c}" for c in ("social_welfare", "legal_services", "other_org"))
        + ("t3.granted.total",),
    )
    assert column.rule == "t3.column_sum"
    assert (
        column.message == "表三“商业企业”列：（一）至（六）各项办理结果合计为 1，“（七）总计”为 0。"
    )
    # The one cell in both broken lines, and no holding line, is 商业企业 of （一）: it should be 0.
    assert located.rule == "t3.cell_located"
    assert located.suggestion == Suggestion("t3.granted.commercial", 0)


def test_a_single_broken_line_is_not_located() -> None:
    # A blank 商业企业 cell in 1.属于国家秘密: the 商业企业 column cannot be checked.
    findings = _checked(
        {"granted": 5},
        {"granted": [5, 1, 0, 0, 0, 0, 5], "denied.state_secret": [0, None, 0, 0, 0, 0, 0]},
    )
    assert rules(findings) == ["t3.row_sum"]


def test_negative_count() -> None:
    findings = _checked({"granted": 5}, {"denied.state_secret": [1, -1, 0, 0, 0, 0, 0]})
    assert findings[0] == Finding(
        "value.negative",
        Severity.ERROR,
        "表三“（三）不予公开 1.属于国家秘密”行“商业企业”栏为 -1，不能为负数。",
        ("t3.denied.state_secret.commercial",),
    )
    assert rules(findings) == [
        "value.negative",
        "t3.column_sum",
        "t3.column_sum",
        "t3.opposite_moves",
    ]


def test_balance_broken_with_a_single_cell_in_one_column() -> None:
    findings = _checked({"granted": 4}, {"received_new": [5, 0, 0, 0, 0, 0, 5]})
    assert rules(findings) == ["t3.balance", "t3.balance"]
    assert findings[0].message == (
        "表三“自然人”列：第一项加第二项之和（本年新收加上年结转）为 5，第三项加第四项之和"
        "（（七）总计加结转下年度继续办理）为 4，两者应相等。"
    )
    assert findings[0].keys == (
        "t3.received_new.natural_person",
        "t3.carried_over.natural_person",
        "t3.total.natural_person",
        "t3.carried_forward.natural_person",
    )


def test_row_and_balance_locate_a_received_cell() -> None:
    findings = _checked({"granted": 4}, {"received_new": [5, 0, 0, 0, 0, 0, 4]})
    assert rules(findings) == ["t3.row_sum", "t3.balance", "t3.cell_located"]
    assert findings[2].suggestion == Suggestion("t3.received_new.natural_person", 4)
    assert findings[2].message == (
        "表三“一、本年新收政府信息公开申请数量”行“自然人”栏印为 5，应为 4："
        "改为 4 后，该行各类申请人合计与总计栏相符，该列第一项加第二项之和等于第三项加第四项之和。"
    )


def test_absent_cells_are_not_zero() -> None:
    # A blank 商业企业 in （一）: the row check cannot run.
    printed: dict[str, Cells] = {
        "granted": [5, None, 0, 0, 0, 0, 5],
        "denied.state_secret": [None] * 7,
    }
    assert _checked({"granted": 5}, printed) == []


def test_blank_total_says_what_the_parts_imply() -> None:
    findings = _checked({"granted": 5}, {"granted": [5, 0, 0, 0, 0, 0, None]})
    assert findings == [
        Finding(
            "t3.total_implied",
            Severity.INFO,
            "表三“（一）予以公开”行“总计”栏空白；该行各类申请人合计为 5。",
            tuple(f"t3.granted.{c}" for c in ("natural_person", "commercial", "research"))
            + tuple(f"t3.granted.{c}" for c in ("social_welfare", "legal_services", "other_org"))
            + ("t3.granted.total",),
            Suggestion("t3.granted.total", 5),
        )
    ]


def test_blank_grand_total_of_a_column() -> None:
    findings = _checked({"granted": 5, "partially_granted": 1}, {"total": [6, 0, None, 0, 0, 0, 6]})
    assert rules(findings) == ["t3.total_implied"]
    assert findings[0].message == (
        "表三“（七）总计”行“科研机构”栏空白；“科研机构”列（一）至（六）各项办理结果合计为 0。"
    )
    assert findings[0].suggestion == Suggestion("t3.total.research", 0)


def test_undivided_other_row_in_either_generation() -> None:
    rows = balanced_rows({"granted": 5, "other": 2}, split_other=False)
    assert check_report(table3_report(rows, generation=Generation.Y2019)) == []
    assert check_report(table3_report(rows, generation=Generation.Y2021)) == []
    rows["other"] = [3, 0, 0, 0, 0, 0, 3]
    findings = check_report(table3_report(rows, generation=Generation.Y2021))
    assert rules(findings) == ["t3.column_sum", "t3.column_sum"]
    assert findings[0].keys[-2:] == ("t3.other.natural_person", "t3.total.natural_person")


def test_opposite_moves_between_two_rows() -> None:
    # One application: 自然人 under （一）, but its 总计 under （二）.
    findings = _checked(
        {"granted": 5, "partially_granted": 3},
        {"granted": [5, 0, 0, 0, 0, 0, 4], "partially_granted": [3, 0, 0, 0, 0, 0, 4]},
    )
    assert rules(findings) == ["t3.row_sum", "t3.row_sum", "t3.opposite_moves"]
    assert findings[2].severity is Severity.INFO
    assert findings[2].message == (
        "表三“（一）予以公开”行各类申请人合计比总计栏多 1，“（二）部分公开”行少 1，"
        "数额相等、方向相反：可能有 1 件申请在各类申请人栏计入了“（一）予以公开”行，"
        "在总计栏计入了“（二）部分公开”行。"
    )


def test_opposite_moves_between_two_columns() -> None:
    findings = _checked({"granted": 5}, {"granted": [4, 1, 0, 0, 0, 0, 5]})
    assert rules(findings) == ["t3.column_sum", "t3.column_sum", "t3.opposite_moves"]
    assert findings[2].message == (
        "表三“商业企业”列（一）至（六）合计比“（七）总计”多 1，“自然人”列少 1，"
        "数额相等、方向相反：可能有 1 件申请在各项办理结果中计入“商业企业”，"
        "在“（七）总计”行中计入“自然人”。"
    )


def test_unequal_differences_are_not_opposite_moves() -> None:
    findings = _checked(
        {"granted": 5},
        {"received_new": [6, 0, 0, 0, 0, 0, 6], "carried_over": [0, 0, 0, 0, 0, 2, 2]},
    )
    assert rules(findings) == ["t3.balance", "t3.balance", "t3.balance"]


# --- The seeds --------------------------------------------------------------------------


def test_seed_tables_that_hold() -> None:
    for report in (tianqiao_2022(), tianqiao_2019(), hongze_2024()):
        assert [f for f in check_report(report) if f.rule.startswith("t")] == [], report.year


def test_seed_2021_row_six_one_is_located() -> None:
    findings = check_report(tianqiao_2021())
    assert rules(findings) == ["t3.row_sum", "t3.column_sum", "t3.cell_located"]
    row, column, located = findings
    assert row.message == (
        "表三“（六）其他处理 1.申请人无正当理由逾期不补正…”行：各类申请人合计为 3，总计栏为 1。"
    )
    assert column.message == (
        "表三“总计”列：（一）至（六）各项办理结果合计为 342，“（七）总计”为 344。"
    )
    assert located.suggestion == Suggestion("t3.other.no_correction.total", 3)
    assert located.message == (
        "表三“（六）其他处理 1.申请人无正当理由逾期不补正…”行“总计”栏印为 1，应为 3："
        "改为 3 后，该行各类申请人合计与总计栏相符，该列（一）至（六）合计与“（七）总计”相符。"
    )
    assert row.severity is column.severity is Severity.ERROR


def test_seed_2020_balance_is_an_opposite_move() -> None:
    findings = [f for f in check_report(tianqiao_2020()) if f.rule.startswith("t3.")]
    assert rules(findings) == ["t3.balance", "t3.balance", "t3.opposite_moves"]
    assert "为 296，" in findings[0].message and "为 294，" in findings[0].message
    assert "为 0，" in findings[1].message and "为 2，" in findings[1].message
    assert findings[2].message.startswith(
        "表三“自然人”列第一项加第二项之和比第三项加第四项之和多 2"
    )
    assert all(f.suggestion is None for f in findings)
