"""Tables 2, 3 and 4 from small constructed layouts: the generalisations of the seeds."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.parse._document import Line
from gongkai.parse.tables._runs import splits_of_run, t3_row_check, t4_row_check
from gongkai.parse.tables._tables import lines_to_tables
from gongkai.report import METRICS, Generation, Method, Severity
from tests.seed_figures import HONGZE_2024

# The row labels of table 3 as the 2021 format prints them (after NFKC).
LABELS_SPLIT = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "(一)予以公开",
    "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "(七)总计",
    "四、结转下年度继续办理",
]
LABELS_UNDIVIDED = [*LABELS_SPLIT[:20], "(六)其他处理", *LABELS_SPLIT[23:]]
# The group label a rowspan cell prints on the first row of its group only.
GROUPS = {2: "三、本年度办理结果", 4: "(三)不予公开", 12: "(四)无法提供", 15: "(五)不予处理"}


def _rows(first: int, n: int) -> list[list[str]]:
    """n rows of seven cells whose 总计 is the sum of the six (values from ``first``)."""
    out = []
    for i in range(n):
        six = [first + i, i % 3, 0, 0, i % 2, 0]
        out.append([str(v) for v in [*six, sum(six)]])
    return out


def pipe(number: int, *cells: str) -> Line:
    return Line(number, tuple(cells), True)


def text(number: int, line: str) -> Line:
    return Line(number, (line,), False)


def _html_table3(labels: list[str], rows: list[list[str]], start: int = 10) -> list[Line]:
    """Table 3 as an HTML decoder gives it: one Line per <tr>, rowspan labels not repeated."""
    lines = [
        text(start, "三、收到和处理政府信息公开申请情况"),
        pipe(
            start + 1,
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            "申请人情况",
        ),
        pipe(start + 2, "自然人", "法人或其他组织", "总计"),
        pipe(start + 3, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
    ]
    for i, (label, row) in enumerate(zip(labels, rows, strict=True)):
        group = GROUPS.get(i)
        if i == 20 and len(labels) == 25:
            group = "(六)其他处理"
        cells = (group, label, *row) if group else (label, *row)
        lines.append(pipe(start + 4 + i, *cells))
    return lines


def _t4(number: int, values: Sequence[int]) -> list[Line]:
    return [
        text(number, "四、政府信息公开行政复议、行政诉讼情况"),
        pipe(number + 1, "行政复议", "行政诉讼", "", "", ""),
        pipe(number + 2, *(str(v) for v in values)),
        text(number + 3, "五、存在的主要问题及改进情况"),
    ]


def _row_values(figures: dict[str, object], row: str) -> list[object]:
    columns = ["natural_person", "commercial", "research", "social_welfare"]
    columns += ["legal_services", "other_org", "total"]
    out = []
    for c in columns:
        figure = figures.get(f"t3.{row}.{c}")
        out.append(None if figure is None else figure.value)  # type: ignore[attr-defined]
    return out


T4 = HONGZE_2024.t4  # a real table 4 (its run-together digits: "110021000120103")


def test_html_rows_without_repeated_rowspan_labels() -> None:
    rows = _rows(10, 25)
    rows[1][1] = ""  # blank: absent
    rows[2][2] = "/"  # slash: absent
    rows[3][3] = "—"  # dash: absent
    lines = _html_table3(LABELS_SPLIT, rows) + _t4(60, T4)
    extraction = lines_to_tables(lines)
    figures = extraction.figures
    assert extraction.generation is Generation.Y2021  # split 其他处理, no year given
    assert extraction.split_other is True
    assert _row_values(figures, "received_new") == [10, 0, 0, 0, 0, 0, 10]
    assert _row_values(figures, "carried_over") == [11, None, 0, 0, 1, 0, 13]
    assert _row_values(figures, "granted") == [12, 2, None, 0, 0, 0, 14]
    assert _row_values(figures, "partially_granted") == [13, 0, 0, None, 1, 0, 14]
    assert _row_values(figures, "other.no_correction") == [30, 2, 0, 0, 0, 0, 32]
    assert _row_values(figures, "other.other") == [32, 1, 0, 0, 0, 0, 33]
    assert _row_values(figures, "carried_forward") == [34, 0, 0, 0, 0, 0, 34]
    assert "t3.other.total" not in figures
    assert figures["t4.litigation_after_reconsideration.total"].value == 3
    assert extraction.findings == []


def test_html_rows_with_an_index_column() -> None:
    lines = _html_table3(LABELS_UNDIVIDED, _rows(10, 23))
    numbered = [
        *lines[:4],
        *(pipe(x.number, str(i + 1), *x.cells) for i, x in enumerate(lines[4:])),
    ]
    figures = lines_to_tables(numbered, year=2020).figures
    assert _row_values(figures, "received_new") == [10, 0, 0, 0, 0, 0, 10]
    assert _row_values(figures, "carried_forward") == [32, 1, 0, 0, 0, 0, 33]


def test_undivided_other_in_a_2021_report() -> None:
    lines = [
        text(1, "二、主动公开政府信息情况"),
        pipe(2, "第二十条第(一)项"),
        pipe(3, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        pipe(4, "规章", "0", "0", "0"),
        pipe(5, "行政规范性文件", "1", "", "3"),
        *_html_table3(LABELS_UNDIVIDED, _rows(5, 23)),
    ]
    extraction = lines_to_tables(lines, year=2023)
    assert extraction.generation is Generation.Y2021
    assert extraction.split_other is False
    assert _row_values(extraction.figures, "other") == [25, 2, 0, 0, 0, 0, 27]
    assert not any(k.startswith("t3.other.other.") for k in extraction.figures)
    assert "t2.normative_documents.repealed" not in extraction.figures  # blank is absent
    assert extraction.figures["t2.normative_documents.in_force"].value == 3


def test_pdf_words_with_labels_after_their_figures() -> None:
    # Every value row comes out above its label, as PDF text sometimes does; the row order
    # and the count (23 rows: undivided) place them.
    rows = _rows(40, 23)
    lines = [text(1, "三、收到和处理政府信息公开申请情况"), text(2, "申请人情况")]
    for i, (label, row) in enumerate(zip(LABELS_UNDIVIDED, rows, strict=True)):
        lines.append(text(3 + 2 * i, " ".join(row)))
        lines.append(text(4 + 2 * i, label[:6] + " " + label[6:]))  # a label broken by a space
    lines.append(text(60, "四、政府信息公开行政复议、行政诉讼情况"))
    lines.append(text(61, "行政复议 行政诉讼"))
    lines.append(text(62, "结果 结果 其他 尚未 总 计"))
    lines.append(text(63, " ".join(map(str, T4))))
    lines.append(text(64, "五、存在的主要问题及改进情况"))
    extraction = lines_to_tables(lines, year=2020)
    figures = extraction.figures
    assert extraction.generation is Generation.Y2019
    assert _row_values(figures, "received_new") == [40, 0, 0, 0, 0, 0, 40]
    assert _row_values(figures, "denied.state_secret") == [44, 1, 0, 0, 0, 0, 45]
    assert _row_values(figures, "carried_forward") == [62, 1, 0, 0, 0, 0, 63]
    assert [figures[k].value for k in figures if k.startswith("t4.")] == T4
    assert extraction.findings == []


def test_one_cell_per_line_column_major() -> None:
    # The whole label column first, then each value column top to bottom.
    rows = _rows(3, 23)
    lines = [text(1, "三、收到和处理政府信息公开申请情况")]
    lines += [text(2 + i, label) for i, label in enumerate(LABELS_UNDIVIDED)]
    number = 30
    for column in range(7):
        for row in rows:
            lines.append(text(number, row[column]))
            number += 1
    lines.append(text(number, "四、政府信息公开行政复议、行政诉讼情况"))
    extraction = lines_to_tables(lines, year=2019)
    assert _row_values(extraction.figures, "received_new") == [3, 0, 0, 0, 0, 0, 3]
    assert _row_values(extraction.figures, "granted") == [5, 2, 0, 0, 0, 0, 7]
    assert _row_values(extraction.figures, "carried_forward") == [25, 1, 0, 0, 0, 0, 26]


def test_units_signs_separators_and_full_width_digits_in_table2() -> None:
    lines = [
        text(1, "二、主动公开政府信息情况"),
        text(2, "第二十条第(五)项"),
        pipe(3, "信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        pipe(4, "行政许可", "２１０", "-32", "74,026"),
        pipe(5, "其他对外管理服务事项", "319", "+163", "无"),
        pipe(6, "第二十条第(九)项", "", ""),
        pipe(7, "信息内容", "采购项目数量", "采购总金额"),
        pipe(8, "政府集中采购", "7710(次)", "104367.118823万元"),
        text(9, "三、收到和处理政府信息公开申请情况"),
    ]
    extraction = lines_to_tables(lines)
    figures = extraction.figures
    assert extraction.generation is Generation.Y2019
    assert figures["t2.licensing.previous_items"].value == 210
    assert figures["t2.licensing.previous_items"].raw == "２１０"
    assert figures["t2.licensing.change"].value == -32
    assert figures["t2.licensing.decisions"].value == 74026
    assert figures["t2.licensing.decisions"].raw == "74,026"
    assert figures["t2.other_services.change"].value == 163
    assert figures["t2.other_services.change"].raw == "+163"
    assert "t2.other_services.decisions" not in figures  # "无" is absent, not 0
    assert figures["t2.procurement.items"].unit == "次"
    amount = figures["t2.procurement.amount_wan_yuan"]
    assert (amount.value, amount.unit) == (Decimal("104367.118823"), "万元")
    assert figures["t2.licensing.decisions"].origin.line == 4  # type: ignore[union-attr]


def test_zero_is_kept_and_blank_is_absent() -> None:
    lines = [
        text(1, "第二十条第(一)项"),
        pipe(2, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        pipe(3, "规章", "0", "", "-"),
        pipe(4, "行政规范性文件", "——", "/", "0"),
    ]
    figures = lines_to_tables(lines, year=2022).figures
    assert figures["t2.rules.issued"].value == 0
    assert set(figures) == {"t2.rules.issued", "t2.normative_documents.in_force"}


def test_run_together_row_split_by_the_column_sums() -> None:
    # "270020130" reads as 27|0|0|2|0|1|30 or 2|7|0|0|20|1|30 by the row sum alone; only
    # 一+二 = 总计+四 per column leaves the first.
    rows = [["0"] * 7 for _ in range(23)]
    rows[0] = ["270020130"]
    rows[2] = ["20", "0", "0", "2", "0", "1", "23"]  # (一)予以公开
    rows[21] = ["20", "0", "0", "2", "0", "1", "23"]  # (七)总计
    rows[22] = ["7", "0", "0", "0", "0", "0", "7"]  # 四、结转下年度继续办理
    lines = _html_table3(LABELS_UNDIVIDED, rows)
    extraction = lines_to_tables(lines, year=2020)
    figures = extraction.figures
    assert _row_values(figures, "received_new") == [27, 0, 0, 2, 0, 1, 30]
    keys = tuple(k for k in figures if k.startswith("t3.received_new."))
    assert all(figures[k].origin.method is Method.DECODED for k in keys)  # type: ignore[union-attr]
    assert figures["t3.granted.total"].origin.method is Method.CELL  # type: ignore[union-attr]
    (decoded,) = [f for f in extraction.findings if f.rule == "parse.decoded"]
    assert decoded.severity is Severity.INFO
    assert set(decoded.keys) == set(keys) and len(keys) == 7


def test_run_together_row_split_by_the_row_sum_alone() -> None:
    rows = _rows(1, 23)
    rows[4] = ["1100002"]  # 1|1|0|0|0|0|2: the only reading whose 总计 is the sum
    extraction = lines_to_tables(_html_table3(LABELS_UNDIVIDED, rows), year=2019)
    assert _row_values(extraction.figures, "denied.state_secret") == [1, 1, 0, 0, 0, 0, 2]
    assert [f.rule for f in extraction.findings] == ["parse.decoded"]


def test_ambiguous_run_is_left_absent() -> None:
    rows = [["0"] * 7 for _ in range(23)]
    rows[0] = ["270020130"]
    rows[21] = [""] * 7  # no 总计 row to check against
    rows[22] = [""] * 7
    extraction = lines_to_tables(_html_table3(LABELS_UNDIVIDED, rows), year=2020)
    assert not any(k.startswith("t3.received_new.") for k in extraction.figures)
    (warning,) = [f for f in extraction.findings if f.rule == "parse.ambiguous_run"]
    assert warning.severity is Severity.WARNING
    assert "t3.received_new.total" in warning.keys
    assert extraction.figures["t3.granted.total"].value == 0


def test_table4_run_together_split_by_group_totals() -> None:
    lines = [
        text(1, "四、政府信息公开行政复议、行政诉讼情况"),
        text(2, "行政复议 行政诉讼"),
        text(3, "110021000120103"),
        text(4, "五、存在的主要问题及改进情况"),
    ]
    extraction = lines_to_tables(lines, year=2024)
    values = [extraction.figures[k].value for k in extraction.figures]
    assert values == T4
    assert extraction.figures["t4.reconsideration.total"].origin.method is Method.DECODED  # type: ignore[union-attr]
    assert [f.rule for f in extraction.findings] == ["parse.decoded"]


def test_truncated_table3_gives_what_was_read() -> None:
    lines = _html_table3(LABELS_SPLIT, _rows(10, 25))[: 4 + 9]  # cut after 5.属于三类内部事务信息
    extraction = lines_to_tables(lines, year=2022)
    figures = extraction.figures
    assert _row_values(figures, "denied.internal_affairs") == [18, 2, 0, 0, 0, 0, 20]
    assert "t3.denied.process_information.total" not in figures
    (warning,) = [f for f in extraction.findings if f.rule == "parse.truncated_table"]
    assert warning.severity is Severity.WARNING
    assert "表三" in warning.message


def test_truncated_table4() -> None:
    lines = [
        text(1, "四、政府信息公开行政复议、行政诉讼情况"),
        pipe(2, "行政复议", "行政诉讼"),
        pipe(3, "1", "1", "0", "0", "2", "1"),
    ]
    extraction = lines_to_tables(lines, year=2022)
    assert extraction.figures["t4.litigation_direct.upheld"].value == 1
    assert "t4.litigation_direct.corrected" not in extraction.figures
    assert [f.rule for f in extraction.findings] == ["parse.truncated_table"]


def test_no_tables_gives_nothing() -> None:
    lines = [text(1, "一、总体情况"), text(2, "2015年,本机关主动公开政府信息 120 条。")]
    extraction = lines_to_tables(lines, year=2015)
    assert extraction.figures == {}
    # The generation is decided in one place: with no table, the year's (2008 rules for 2015).
    assert extraction.generation is Generation.OLD
    assert lines_to_tables(lines, year=None).generation is None
    assert extraction.split_other is None
    assert extraction.table_lines == frozenset()


def test_splits_of_run() -> None:
    assert splits_of_run(["270020130"], 7, t3_row_check).readings == (
        (2, 7, 0, 0, 20, 1, 30),
        (27, 0, 0, 2, 0, 1, 30),
    )
    assert splits_of_run(["000"], 3).readings == ((0, 0, 0),)
    assert splits_of_run(["11", "0"], 3).readings == ((1, 1, 0),)
    assert splits_of_run(["12"], 3).readings == ()
    assert len(splits_of_run(["110021000120103"], 15, t4_row_check).readings) == 1


_TABLE_TEXT = st.text(
    alphabet="0123456789 |/—-+.,()（）万元次一二三四五六七总计其他处理本年新收行政复议第二十条第项勾稽关系",
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(
    raws=st.lists(_TABLE_TEXT, max_size=40),
    year=st.sampled_from([None, 2008, 2019, 2023]),
)
def test_arbitrary_table_like_text_gives_only_dictionary_figures_from_its_lines(
    raws: list[str], year: int | None
) -> None:
    lines = []
    for number, raw in enumerate(raws, 1):
        tabular = "|" in raw
        cells = tuple(c.strip() for c in raw.split("|")) if tabular else (raw,)
        lines.append(Line(number, cells, tabular))
    extraction = lines_to_tables(lines, year=year)
    numbers = {line.number for line in lines}
    assert set(extraction.figures) <= set(METRICS)
    assert extraction.table_lines <= numbers
    for figure in extraction.figures.values():
        assert figure.origin is not None and figure.origin.line in numbers


def test_html_colspan_padding_before_figures_and_a_blank_total() -> None:
    # An HTML decoder pads a label spanning three columns with two empty cells; the row's
    # own 总计 is blank. The figures are the last seven cells, not the first.
    lines = _html_table3(LABELS_UNDIVIDED, _rows(10, 23))
    lines[4] = pipe(14, LABELS_UNDIVIDED[0], "", "", "5", "0", "0", "0", "0", "0", "")
    lines[5] = pipe(15, LABELS_UNDIVIDED[1], "", "", "6", "1", "0", "0", "1", "0", "8")
    figures = lines_to_tables(lines, year=2020).figures
    assert _row_values(figures, "received_new") == [5, 0, 0, 0, 0, 0, None]
    assert _row_values(figures, "carried_over") == [6, 1, 0, 0, 1, 0, 8]


def test_markdown_outer_pipes_and_a_blank_last_cell() -> None:
    row = "| " + " | ".join(str(v) for v in T4[:14]) + " |  |"
    lines = [
        text(1, "四、政府信息公开行政复议、行政诉讼情况"),
        pipe(2, *["", " 行政复议 ", " 行政诉讼 ", "  ", ""]),
        pipe(3, *(c.strip() for c in row.split("|"))),
        text(4, "五、存在的主要问题及改进情况"),
    ]
    figures = lines_to_tables(lines, year=2022).figures
    assert [figures[k].value for k in figures] == T4[:14]
    assert "t4.litigation_after_reconsideration.total" not in figures
    assert figures["t4.reconsideration.upheld"].value == 1
