"""Checks across one agency's consecutive years."""

from __future__ import annotations

from gongkai.report import Finding, Generation, Report, Severity
from gongkai.validate import check_series
from tests.report_builders import add_figures, balanced_rows, table3_report
from tests.seed_reports import tianqiao_2019, tianqiao_2020, tianqiao_2021, tianqiao_2022


def carried(year: int, carried_over: int, carried_forward: int, agency: str | None) -> Report:
    rows = balanced_rows({"granted": 3}, carried_over=carried_over, carried_forward=carried_forward)
    return table3_report(rows, year=year, agency=agency)


def test_carried_over_matches() -> None:
    reports = [carried(2021, 0, 4, "甲市人民政府"), carried(2022, 4, 1, "甲市人民政府")]
    assert check_series(reports) == [[], []]


def test_carried_over_differs_on_the_later_report_per_column() -> None:
    reports = [carried(2022, 5, 1, "甲市人民政府"), carried(2021, 0, 4, " 甲市 人民政府")]
    later, earlier = check_series(reports)
    assert earlier == []
    assert later == [
        Finding(
            "series.carried_over",
            Severity.WARNING,
            "表三“自然人”列：本年“二、上年结转政府信息公开申请数量”为 5，"
            "2021 年度报告“四、结转下年度继续办理”为 4，两者应相等。",
            ("t3.carried_over.natural_person", "t3.carried_forward.natural_person"),
        ),
        Finding(
            "series.carried_over",
            Severity.WARNING,
            "表三“总计”列：本年“二、上年结转政府信息公开申请数量”为 5，"
            "2021 年度报告“四、结转下年度继续办理”为 4，两者应相等。",
            ("t3.carried_over.total", "t3.carried_forward.total"),
        ),
    ]


def test_only_same_agency_and_consecutive_years_are_compared() -> None:
    reports = [
        carried(2021, 0, 4, "甲市人民政府"),
        carried(2022, 5, 1, "乙市人民政府"),
        carried(2023, 9, 1, "甲市人民政府"),
        carried(2022, 5, 1, None),
        carried(2021, 0, 4, None),
    ]
    assert check_series(reports) == [[], [], [], [], []]


def test_in_force_across_years() -> None:
    def docs(year: int, issued: int, repealed: int, in_force: int) -> Report:
        report = Report("t", agency="甲市人民政府", year=year, generation=Generation.Y2021)
        add_figures(
            report,
            {
                "t2.rules.issued": issued,
                "t2.rules.repealed": repealed,
                "t2.rules.in_force": in_force,
            },
        )
        return report

    assert check_series([docs(2021, 0, 0, 5), docs(2022, 2, 1, 6)]) == [[], []]
    _, (finding,) = check_series([docs(2021, 0, 0, 5), docs(2022, 2, 1, 7)])
    assert finding.rule == "series.in_force"
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith(
        "表二“规章”：本年“现行有效件数”为 7；按 2021 年度报告的 5 件加本年制发 2 件、"
        "减本年废止 1 件，应为 6 件。"
    )


def test_seed_2022_in_force() -> None:
    (finding,) = check_series([tianqiao_2021(), tianqiao_2022()])[1]
    assert finding.rule == "series.in_force"
    assert finding.keys == (
        "t2.normative_documents.in_force",
        "t2.normative_documents.issued",
        "t2.normative_documents.repealed",
    )
    assert "为 2；按 2021 年度报告的 3 件加本年制发 1 件、减本年废止 1 件，应为 3 件" in (
        finding.message
    )


def test_seed_carried_over_2019_to_2022_all_agree() -> None:
    reports = [tianqiao_2022(), tianqiao_2021(), tianqiao_2020(), tianqiao_2019()]
    findings = check_series(reports)
    assert [f for fs in findings for f in fs if f.rule == "series.carried_over"] == []
    assert findings[3] == []  # no 2018 report with table 3 to compare 2019 with


def test_seed_2020_table_2_items_and_repeat() -> None:
    _, later = check_series([tianqiao_2019(), tianqiao_2020()])
    assert [f.rule for f in later] == ["series.t2_items"] * 4 + ["series.repeated_table"]
    assert later[0].message == (
        "表二“行政许可”：本年“上一年项目数量”为 210；2019 年度报告的上一年项目数量 210 "
        "加本年增/减 -32，应为 178。"
    )
    # 行政事业性收费 fits: 16 + 1 = 17.
    assert all("行政事业性收费" not in f.message for f in later)
    repeat = later[-1]
    assert repeat.message == (
        "表二与 2019 年度报告雷同：本年 12 个非零数字中有 10 个与上年同一栏完全相同"
        "（其中 7 个不小于 10），可能照搬了上年数据。"
    )
    assert "t2.licensing.decisions" in repeat.keys
    assert "t2.procurement.items" not in repeat.keys


def test_repeat_needs_distinctive_figures() -> None:
    def small(year: int) -> Report:
        report = Report("t", agency="甲市人民政府", year=year, generation=Generation.Y2021)
        add_figures(
            report,
            {
                "t2.rules.issued": 1,
                "t2.normative_documents.issued": 2,
                "t2.licensing.decisions": 3,
                "t2.penalty.decisions": 12,
                "t2.coercion.decisions": 11,
            },
        )
        return report

    # Five identical figures, but only two of them 10 or more: a small agency, not a copy.
    assert check_series([small(2021), small(2022)]) == [[], []]


def test_repeated_table_3() -> None:
    rows = balanced_rows({"granted": 40, "partially_granted": 12, "unavailable.not_held": 30})
    reports = [table3_report(rows, year=y) for y in (2021, 2022)]
    _, (finding,) = check_series(reports)
    assert finding.rule == "series.repeated_table"
    assert finding.message.startswith("表三与 2021 年度报告雷同：本年 10 个非零数字中有 10 个")
