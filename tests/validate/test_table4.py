"""Table 4: each group's four results add to its 总计 (I4)."""

from __future__ import annotations

from gongkai.report import Finding, Report, Severity, Suggestion
from gongkai.validate import check_report
from tests.report_builders import add_table4
from tests.seed_reports import ankang_2019, tianqiao_2020, tianqiao_2021


def table4_report(groups: dict[str, list[int | None]]) -> Report:
    report = Report("test", year=2022)
    add_table4(report, groups)
    return report


def test_groups_that_add_up() -> None:
    report = table4_report({"reconsideration": [1, 2, 3, 4, 10], "litigation_direct": [0] * 5})
    assert check_report(report) == []


def test_group_sum_broken() -> None:
    report = table4_report({"litigation_direct": [2, 0, 0, 1, 4]})
    assert check_report(report) == [
        Finding(
            "t4.group_sum",
            Severity.ERROR,
            "表四“行政诉讼（未经复议直接起诉）”：结果维持、结果纠正、其他结果、尚未审结合计为 3，"
            "“总计”为 4。",
            tuple(
                f"t4.litigation_direct.{c}"
                for c in ("upheld", "corrected", "other", "pending", "total")
            ),
        )
    ]


def test_blank_total_is_implied_not_filled() -> None:
    report = table4_report({"reconsideration": [1, 1, 0, 0, None]})
    (finding,) = check_report(report)
    assert finding.rule == "t4.total_implied"
    assert finding.severity is Severity.INFO
    assert finding.message == (
        "表四“行政复议”的“总计”空白；结果维持、结果纠正、其他结果、尚未审结合计为 2。"
    )
    assert finding.suggestion == Suggestion("t4.reconsideration.total", 2)
    assert report.get("t4.reconsideration.total") is None


def test_a_blank_part_stops_the_check() -> None:
    assert check_report(table4_report({"reconsideration": [1, None, 0, 0, 5]})) == []


def test_seed_tables_4_hold() -> None:
    for report in (tianqiao_2021(), tianqiao_2020(), ankang_2019()):
        assert [f for f in check_report(report) if f.rule.startswith("t4")] == []
