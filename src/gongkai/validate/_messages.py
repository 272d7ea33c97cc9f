"""Printed labels for messages: how a key reads in the national format, in Chinese."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report import (
    METRICS,
    OLD_KEYS,
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Generation,
    Value,
)

_RESULT_HEADER = "三、本年度办理结果"
_T3_ROWS = {r.row: r for r in T3_ROWS}
_T3_COLUMNS = dict(T3_COLUMNS)
_T4_GROUPS = dict(T4_GROUPS)
_T4_COLUMNS = dict(T4_COLUMNS)
_OLD_LABELS = dict(OLD_KEYS)

# The prose names table-3 groups by their header; the value is the sum of the group's 总计 column.
T3_GROUP_SUBJECTS: dict[str, str] = {
    "t3.denied": "（三）不予公开",
    "t3.unavailable": "（四）无法提供",
    "t3.not_processed": "（五）不予处理",
    "t3.other": "（六）其他处理",
}


def number(value: Value) -> str:
    """A figure as printed: integers plainly, decimals without exponent or trailing zeros."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def signed(value: Value) -> str:
    """A difference with its sign (+2, -2)."""
    return ("+" if value > 0 else "") + number(value)


def _short(label: str) -> str:
    # Long official labels are cut where the printed row stops being distinctive: the
    # parenthetical of （二）部分公开 and the clause after 、 in the （六） sub-rows.
    second_paren = label.find("（", 1)
    if second_paren > 0:
        return label[:second_paren]
    comma = label.find("、")
    if comma > 2:
        return label[:comma] + "…"
    return label


def t3_row_label(row: str) -> str:
    """The printed label of a table-3 row, with its group header (（三）不予公开 1.属于国家秘密)."""
    spec = _T3_ROWS[row]
    label = _short(spec.label)
    if spec.group is not None and spec.group != _RESULT_HEADER:
        return f"{spec.group} {label}"
    return label


def t3_column_label(column: str) -> str:
    """The printed header of a table-3 column; 其他 is qualified by its parent header."""
    if column == "other_org":
        return "法人或其他组织-其他"
    return _T3_COLUMNS[column]


def t3_cell(row: str, column: str) -> str:
    """表三“row”行“column”栏."""
    return f"表三“{t3_row_label(row)}”行“{t3_column_label(column)}”栏"


def t4_group_label(group: str) -> str:
    """The printed header of a table-4 group: 行政复议, 行政诉讼（未经复议直接起诉）."""
    head, _, sub = _T4_GROUPS[group].partition(" ")
    return f"{head}（{sub}）" if sub else head


def _t2_labels(row: str, column: str, generation: Generation | None) -> tuple[str, str]:
    order = (T2_2019_BLOCKS, T2_2021_BLOCKS)
    if generation is not Generation.Y2019:
        order = (T2_2021_BLOCKS, T2_2019_BLOCKS)
    for blocks in order:
        for block in blocks:
            headers = dict(block.column_labels)
            for item in block.items:
                if item.row == row and column in headers:
                    return item.label, headers[column]
    m = METRICS[f"t2.{row}.{column}"]
    return m.row_label, m.column_label


def key_label(key: str, generation: Generation | None = None) -> str:
    """Where a key is printed, e.g. 表三“一、本年新收政府信息公开申请数量”行“总计”栏."""
    if key in T3_GROUP_SUBJECTS:
        return f"表三“{T3_GROUP_SUBJECTS[key]}”各项的“总计”栏合计"
    table, _, rest = key.partition(".")
    row, _, column = rest.rpartition(".")
    if table == "t3":
        return t3_cell(row, column)
    if table == "t4":
        return f"表四“{t4_group_label(row)}”的“{_T4_COLUMNS[column]}”"
    if table == "t2":
        item, header = _t2_labels(row, column, generation)
        return f"表二“{item}”行“{header}”栏"
    if table == "old":
        return _old_label(key)
    return key


def _old_label(key: str) -> str:
    # Sub-items are printed as "其中：维持" under several totals: name the total as well.
    label = _OLD_LABELS.get(key, key)
    if not label.startswith("其中："):
        return f"“{label}”"
    row = key.split(".")[1]
    parent = "old.requests.received" if row == "requests" else f"old.{row}.total"
    return f"“{_OLD_LABELS[parent]}”中的“{label.removeprefix('其中：')}”"
