"""The prose against the tables, and the prose's own arithmetic."""

from __future__ import annotations

from gongkai.report import (
    Breakdown,
    Finding,
    Generation,
    Method,
    Origin,
    Report,
    Severity,
    Statement,
)
from gongkai.validate import check_report
from tests.report_builders import (
    absence,
    add_figures,
    add_table4,
    balanced_rows,
    n,
    percentage,
    statement,
    table3_report,
)
from tests.seed_reports import (
    NO_LITIGATION,
    ankang_2019,
    hongze_2024,
    tianqiao_2018,
    tianqiao_2019,
    tianqiao_2022,
    zhangping_2017,
)


def prose(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith("prose.")]


def small_table() -> Report:
    counts = {"granted": 5, "denied.state_secret": 1, "denied.third_party_rights": 2}
    return table3_report(balanced_rows(counts))


def test_statement_equal_to_the_table() -> None:
    report = small_table()
    report.statements += [
        statement("t3.received_new.total", 8, "新收政府信息公开申请", 3),
        statement("t3.denied", 3, "不予公开", 3),
        statement(None, 99, "主动公开信息", 3),
        statement("t3.unavailable", 0, "无法提供", 3),
    ]
    assert check_report(report) == []


def test_statement_against_a_cell() -> None:
    report = small_table()
    report.statements.append(statement("t3.received_new.total", 17, "受理政府信息公开申请", 4))
    assert check_report(report) == [
        Finding(
            "prose.table_mismatch",
            Severity.ERROR,
            "正文（第 4 行）称“受理政府信息公开申请”为 17，"
            "而表三“一、本年新收政府信息公开申请数量”行“总计”栏为 8。",
            ("t3.received_new.total",),
        )
    ]


def test_statement_against_a_group() -> None:
    report = small_table()
    report.statements.append(statement("t3.denied", 4, "不予公开", 4))
    (finding,) = check_report(report)
    assert finding.message == (
        "正文（第 4 行）称“不予公开”为 4，而表三“（三）不予公开”各项的“总计”栏合计为 3。"
    )
    assert finding.keys[0] == "t3.denied.state_secret.total"
    assert len(finding.keys) == 8


def test_group_needs_every_row_printed() -> None:
    report = small_table()
    del report.figures["t3.denied.administrative_query.total"]
    report.statements.append(statement("t3.denied", 4, "不予公开", 4))
    assert prose(check_report(report)) == []


def test_group_other_in_either_layout() -> None:
    split = table3_report(balanced_rows({"other.no_correction": 2, "other.other": 3}))
    whole = table3_report(balanced_rows({"other": 5}, split_other=False))
    for report in (split, whole):
        report.statements.append(statement("t3.other", 6, "其他处理"))
        (finding,) = check_report(report)
        assert (
            finding.message
            == "正文称“其他处理”为 6，而表三“（六）其他处理”各项的“总计”栏合计为 5。"
        )


def test_absence_contradicted() -> None:
    report = Report("t", year=2022)
    add_table4(report, {"reconsideration": [0, 0, 0, 1, 1]})
    report.absences.append(absence("未发生行政复议、行政诉讼", *NO_LITIGATION, line=9))
    assert check_report(report) == [
        Finding(
            "prose.absence_contradicted",
            Severity.ERROR,
            "正文（第 9 行）称“未发生行政复议、行政诉讼”，但表四“行政复议”的“总计”为 1。",
            ("t4.reconsideration.total",),
        )
    ]


def test_absence_holds_when_zero_or_absent() -> None:
    report = Report("t", year=2022)
    add_table4(report, {"reconsideration": [0, 0, 0, 0, 0]})
    report.absences.append(absence("未发生行政复议、行政诉讼", *NO_LITIGATION))
    assert check_report(report) == []


def test_absence_against_parts_when_the_total_is_blank() -> None:
    report = Report("t", year=2022)
    add_table4(report, {"litigation_direct": [2, 0, 0, 0, None]})
    report.absences.append(absence("未发生行政诉讼", "t4.litigation_direct.total"))
    (finding,) = prose(check_report(report))
    assert finding.keys == ("t4.litigation_direct.upheld",)


def test_absence_against_old_figures() -> None:
    report = Report("t", year=2015, generation=Generation.OLD)
    add_figures(report, {"old.litigation.total": 1, "old.reconsideration.total": 0})
    report.absences.append(absence("未发生行政复议和诉讼", "old.reconsideration.total"))
    report.absences.append(absence("未发生行政复议和诉讼", "old.litigation.total"))
    (finding,) = check_report(report)
    assert finding.message == "正文称“未发生行政复议和诉讼”，但“行政诉讼数”为 1。"


def test_breakdown_parts_exceed_the_total() -> None:
    total = statement(None, 10, "办结申请", 5)
    parts = (statement(None, 6, "同意公开", 5), statement(None, 5, "不予公开", 5))
    report = Report("t")
    report.breakdowns.append(Breakdown(total, parts))
    assert check_report(report) == [
        Finding(
            "prose.breakdown_sum",
            Severity.ERROR,
            "正文（第 5 行）称“办结申请”为 10，其中所列各项（同意公开 6、不予公开 5）合计为 11，"
            "多于总数。",
        )
    ]


def test_breakdown_parts_short_of_the_total_is_a_warning() -> None:
    total = statement("old.replies.total", 10, "办结申请")
    parts = (statement("old.replies.granted", 6, "同意公开"),)
    report = Report("t")
    report.breakdowns.append(Breakdown(total, parts))
    (finding,) = check_report(report)
    assert finding.severity is Severity.WARNING
    assert finding.keys == ("old.replies.total", "old.replies.granted")
    assert finding.message.endswith("少于总数；正文可能只列举了部分情形，请核对。")


def test_percentage_tolerance() -> None:
    base = statement(None, 333, "办理申请")
    part = statement(None, 198, "无法提供")  # 59.46%
    report = Report("t")
    report.percentages += [percentage(part, base, p) for p in ("60", "59", "60.45", "58.46")]
    assert check_report(report) == []
    report.percentages = [percentage(part, base, "61")]
    (finding,) = check_report(report)
    assert finding == Finding(
        "prose.percentage",
        Severity.ERROR,
        "正文称“无法提供”198 占“办理申请”333 的 61%，按数计算应为 59.5%，相差超过 1 个百分点。",
    )


def test_percentage_of_zero() -> None:
    report = Report("t")
    report.percentages.append(
        percentage(statement(None, 0, "复议"), statement(None, 0, "申请"), "0")
    )
    (finding,) = check_report(report)
    assert finding.rule == "prose.percentage"
    assert finding.message == "正文称“复议”0 占“申请”的 0%，但基数为 0，百分比无从计算。"


# --- The seeds --------------------------------------------------------------------------


def test_seed_2022_prose_agrees_with_table_3() -> None:
    # 198 of 333 is 59.5%, printed 60%; 35 of 333 is 10.5%, printed 10%.
    assert check_report(tianqiao_2022()) == []


def test_seed_2019_has_no_prose_finding() -> None:
    assert prose(check_report(tianqiao_2019())) == []


def test_seed_2018_replies_add_to_more_than_the_total() -> None:
    (finding,) = check_report(tianqiao_2018())
    assert finding.rule == "prose.breakdown_sum"
    assert finding.severity is Severity.ERROR
    assert "为 283，" in finding.message and "合计为 394，多于总数" in finding.message


def test_seed_ankang_absence_against_table_4() -> None:
    (finding,) = check_report(ankang_2019())
    assert finding.rule == "prose.absence_contradicted"
    assert finding.keys == ("t4.litigation_direct.total",)
    assert finding.message == (
        "正文（第 7 行）称“未發生有關政府信息公開事務的行政復議和訴訟案件”，"
        "但表四“行政诉讼（未经复议直接起诉）”的“总计”为 3。"
    )


def test_seed_hongze_prose_against_table_3() -> None:
    # "区政府办代表区政府受理…17件": the sentence counts the government's own office, the
    # table says 95; a different scope, so a warning that names it.
    (finding,) = check_report(hongze_2024())
    assert finding.rule == "prose.scope_mismatch"
    assert finding.severity is Severity.WARNING
    assert finding.keys == ("t3.received_new.total",)
    assert "为 17，而表三“一、本年新收政府信息公开申请数量”行“总计”栏为 95" in finding.message
    assert "该句所述范围为“区政府”" in finding.message


def _scoped(*sentences: tuple[str, int]) -> Report:
    report = table3_report({"received_new": n(30), "carried_over": n(0), "granted": n(30)})
    for text, value in sentences:
        report.statements.append(
            Statement("t3.received_new.total", value, text, Origin(5, text, Method.PROSE))
        )
    return report


def test_whole_area_sentence_is_an_error_even_if_it_names_the_office() -> None:
    (finding,) = check_report(_scoped(("全区各单位及区政府共收到申请", 29)))
    assert (finding.rule, finding.severity) == ("prose.table_mismatch", Severity.ERROR)


def test_own_office_sentence_is_a_scope_warning() -> None:
    (finding,) = check_report(_scoped(("本级共收到申请", 29)))
    assert (finding.rule, finding.severity) == ("prose.scope_mismatch", Severity.WARNING)
    assert "“本级”" in finding.message


def test_quoted_category_is_not_a_scope() -> None:
    (finding,) = check_report(_scoped(("以“非本部门掌握政府信息”答复的", 29)))
    assert finding.rule == "prose.table_mismatch"


def test_sentence_without_scope_inherits_the_one_before_it_on_its_line() -> None:
    report = _scoped(("2020年区政府共收到申请", 30))
    report.statements.append(
        Statement("t3.granted.total", 6, "“予以公开”", Origin(5, "其中“予以公开”6件", Method.PROSE))
    )
    (finding,) = check_report(report)
    assert (finding.rule, finding.keys) == ("prose.scope_mismatch", ("t3.granted.total",))


def test_seed_zhangping_prose_against_the_appendix() -> None:
    findings = check_report(zhangping_2017())
    assert [f.keys for f in findings] == [
        ("old.requests.received",),
        ("old.replies.total",),
        ("old.requests.in_person",),
        ("old.requests.online",),
        ("old.requests.letter",),
    ]
    assert findings[0].message == (
        "正文（第 50 行）称“全市各级各部门共收到政府信息公开申请”为 37，"
        "而附表“收到政府信息公开申请数（件）”为 7。"
    )
    assert findings[2].message == (
        "正文（第 50 行）称“当面申请”为 12，"
        "而附表“收到政府信息公开申请数（件）”中的“当面申请”为 0。"
    )
    # 信函、传真申请数 (附表 line 95) is 3; the prose says 5.
    assert findings[4].message == (
        "正文（第 50 行）称“信函申请”为 5，而附表“收到政府信息公开申请数（件）”中的“信函申请”为 3。"
    )


def test_quoted_prose_label_is_not_quoted_twice() -> None:
    report = small_table()
    report.statements.append(statement("t3.granted.total", 6, "“予以公开”", 2))
    (finding,) = check_report(report)
    assert (
        finding.message == "正文（第 2 行）称“予以公开”为 6，而表三“（一）予以公开”行“总计”栏为 5。"
    )
