"""The annual report's metric dictionary (shared/spec/report-metrics.md) in code.

Every figure of every generation has one stable dotted key ``<table>.<row>.<column>``.
The order of the tuples below is the printed order of the national format.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "METRICS",
    "OLD_KEYS",
    "T2_2019_BLOCKS",
    "T2_2021_BLOCKS",
    "T3_COLUMNS",
    "T3_ROWS",
    "T4_COLUMNS",
    "T4_GROUPS",
    "Generation",
    "Metric",
    "T2Block",
    "T2Item",
    "T3Row",
    "ValueKind",
    "key_order",
    "metric",
    "metrics_for",
    "normalise_label",
    "t3_rows",
]


class Generation(StrEnum):
    """The three layouts of the annual report."""

    OLD = "2008"
    Y2019 = "2019"
    Y2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> Generation:
        """Generation whose format applies to a report year."""
        if year >= 2021:
            return cls.Y2021
        if year >= 2019:
            return cls.Y2019
        return cls.OLD


class ValueKind(StrEnum):
    """What kind of number a metric holds."""

    COUNT = "count"  # non-negative integer
    SIGNED = "signed"  # integer that may be negative (2019 本年增/减)
    MONEY = "money"  # decimal (万元 or 元)


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure of the annual report."""

    key: str
    table: str
    row: str
    column: str
    row_label: str
    column_label: str
    generations: frozenset[Generation]
    kind: ValueKind = ValueKind.COUNT


# --- Table 2 -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class T2Item:
    """A row of table 2 (an item such as 规章) and the columns it fills."""

    row: str
    label: str
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class T2Block:
    """A block of table 2, headed by the article-20 item it reports on."""

    heading: str
    column_labels: tuple[tuple[str, str], ...]  # (column key, printed header)
    items: tuple[T2Item, ...]


_T2_2021_DOC_COLUMNS = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
_T2_2019_DOC_COLUMNS = (
    ("made", "本年新制作数量"),
    ("published", "本年新公开数量"),
    ("total_published", "对外公开总数量"),
)
_T2_2019_ITEM_COLUMNS = (
    ("previous_items", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "处理决定数量"),
)


def _block(heading: str, columns: tuple[tuple[str, str], ...], *items: tuple[str, str]) -> T2Block:
    keys = tuple(key for key, _ in columns)
    return T2Block(heading, columns, tuple(T2Item(row, label, keys) for row, label in items))


T2_2021_BLOCKS: tuple[T2Block, ...] = (
    _block(
        "第二十条第（一）项",
        _T2_2021_DOC_COLUMNS,
        ("rules", "规章"),
        ("normative_documents", "行政规范性文件"),
    ),
    _block("第二十条第（五）项", (("decisions", "本年处理决定数量"),), ("licensing", "行政许可")),
    _block(
        "第二十条第（六）项",
        (("decisions", "本年处理决定数量"),),
        ("penalty", "行政处罚"),
        ("coercion", "行政强制"),
    ),
    _block(
        "第二十条第（八）项",
        (("amount_wan_yuan", "本年收费金额（单位：万元）"),),
        ("fees", "行政事业性收费"),
    ),
)

T2_2019_BLOCKS: tuple[T2Block, ...] = (
    _block(
        "第二十条第（一）项",
        _T2_2019_DOC_COLUMNS,
        ("rules", "规章"),
        ("normative_documents", "规范性文件"),
    ),
    _block(
        "第二十条第（五）项",
        _T2_2019_ITEM_COLUMNS,
        ("licensing", "行政许可"),
        ("other_services", "其他对外管理服务事项"),
    ),
    _block(
        "第二十条第（六）项",
        _T2_2019_ITEM_COLUMNS,
        ("penalty", "行政处罚"),
        ("coercion", "行政强制"),
    ),
    _block(
        "第二十条第（八）项",
        _T2_2019_ITEM_COLUMNS[:2],
        ("fees", "行政事业性收费"),
    ),
    _block(
        "第二十条第（九）项",
        (("items", "采购项目数量"), ("amount_wan_yuan", "采购总金额")),
        ("procurement", "政府集中采购"),
    ),
)

# --- Table 3 -------------------------------------------------------------------------

T3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)


@dataclass(frozen=True, slots=True)
class T3Row:
    """A data row of table 3 with its printed label and the group header above it."""

    row: str
    label: str
    group: str | None  # e.g. "（三）不予公开" for its numbered sub-rows
    generations: frozenset[Generation]


_BOTH = frozenset({Generation.Y2019, Generation.Y2021})
_G2021 = frozenset({Generation.Y2021})
_RESULT = "三、本年度办理结果"

T3_ROWS: tuple[T3Row, ...] = (
    T3Row("received_new", "一、本年新收政府信息公开申请数量", None, _BOTH),
    T3Row("carried_over", "二、上年结转政府信息公开申请数量", None, _BOTH),
    T3Row("granted", "（一）予以公开", _RESULT, _BOTH),
    T3Row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        _RESULT,
        _BOTH,
    ),
    T3Row("denied.state_secret", "1.属于国家秘密", "（三）不予公开", _BOTH),
    T3Row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", "（三）不予公开", _BOTH),
    T3Row("denied.three_safeties_one_stability", "3.危及“三安全一稳定”", "（三）不予公开", _BOTH),
    T3Row("denied.third_party_rights", "4.保护第三方合法权益", "（三）不予公开", _BOTH),
    T3Row("denied.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开", _BOTH),
    T3Row("denied.process_information", "6.属于四类过程性信息", "（三）不予公开", _BOTH),
    T3Row("denied.enforcement_case_file", "7.属于行政执法案卷", "（三）不予公开", _BOTH),
    T3Row("denied.administrative_query", "8.属于行政查询事项", "（三）不予公开", _BOTH),
    T3Row("unavailable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", _BOTH),
    T3Row("unavailable.needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供", _BOTH),
    T3Row("unavailable.still_unclear", "3.补正后申请内容仍不明确", "（四）无法提供", _BOTH),
    T3Row("not_processed.petition_complaint", "1.信访举报投诉类申请", "（五）不予处理", _BOTH),
    T3Row("not_processed.repeated", "2.重复申请", "（五）不予处理", _BOTH),
    T3Row("not_processed.publication", "3.要求提供公开出版物", "（五）不予处理", _BOTH),
    T3Row("not_processed.excessive", "4.无正当理由大量反复申请", "（五）不予处理", _BOTH),
    T3Row(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "（五）不予处理",
        _BOTH,
    ),
    T3Row(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        _G2021,
    ),
    T3Row(
        "other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        _G2021,
    ),
    T3Row("other.other", "3.其他", "（六）其他处理", _G2021),
    # The undivided row: the 2019 format, and 2021-format reports that print it whole.
    T3Row("other", "（六）其他处理", _RESULT, _BOTH),
    T3Row("total", "（七）总计", _RESULT, _BOTH),
    T3Row("carried_forward", "四、结转下年度继续办理", None, _BOTH),
)

_SPLIT_OTHER = frozenset({"other.no_correction", "other.fee_unpaid", "other.other"})


def t3_rows(generation: Generation, *, split_other: bool | None = None) -> tuple[T3Row, ...]:
    """Table 3 rows in printed order; ``split_other`` defaults to the generation's form."""
    if generation is Generation.OLD:
        return ()
    if split_other is None:
        split_other = generation is Generation.Y2021
    if split_other:
        return tuple(r for r in T3_ROWS if r.row != "other")
    return tuple(r for r in T3_ROWS if r.row not in _SPLIT_OTHER)


# --- Table 4 -------------------------------------------------------------------------

T4_GROUPS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after_reconsideration", "行政诉讼 复议后起诉"),
)
T4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

# --- Generation 2008 headline figures -------------------------------------------------

OLD_KEYS: tuple[tuple[str, str], ...] = (
    ("old.proactive.total", "主动公开政府信息数（条）"),
    ("old.requests.received", "收到政府信息公开申请数（件）"),
    ("old.requests.in_person", "其中：当面申请"),
    ("old.requests.online", "其中：网络申请"),
    ("old.requests.letter", "其中：信函申请"),
    ("old.requests.fax", "其中：传真申请"),
    ("old.requests.other", "其中：其他方式申请"),
    ("old.replies.total", "对申请的答复总数"),
    ("old.replies.already_public", "其中：已主动公开"),
    ("old.replies.granted", "其中：同意公开"),
    ("old.replies.partially_granted", "其中：同意部分公开"),
    ("old.replies.denied", "其中：不予公开"),
    ("old.replies.not_exist", "其中：信息不存在"),
    ("old.replies.not_held", "其中：非本机关掌握"),
    ("old.replies.other", "其中：其他"),
    ("old.reconsideration.total", "行政复议数"),
    ("old.reconsideration.upheld", "其中：维持"),
    ("old.reconsideration.corrected", "其中：纠错"),
    ("old.reconsideration.other", "其中：其他"),
    ("old.litigation.total", "行政诉讼数"),
    ("old.litigation.upheld", "其中：维持"),
    ("old.litigation.corrected", "其中：纠错"),
    ("old.litigation.other", "其中：其他"),
    ("old.complaints.total", "申诉、举报数"),
    ("old.fees.amount_yuan", "收取费用（元）"),
)


# --- The dictionary ------------------------------------------------------------------


def _build() -> dict[str, Metric]:
    out: dict[str, Metric] = {}

    def add(m: Metric) -> None:
        if m.key in out:  # the same key in both generations: merge their sets
            prev = out[m.key]
            out[m.key] = Metric(
                m.key,
                m.table,
                m.row,
                m.column,
                prev.row_label,
                prev.column_label,
                prev.generations | m.generations,
                prev.kind,
            )
        else:
            out[m.key] = m

    for gen, blocks in ((Generation.Y2021, T2_2021_BLOCKS), (Generation.Y2019, T2_2019_BLOCKS)):
        for block in blocks:
            labels = dict(block.column_labels)
            for item in block.items:
                for column in item.columns:
                    kind = ValueKind.COUNT
                    if column == "change":
                        kind = ValueKind.SIGNED
                    elif column.startswith("amount"):
                        kind = ValueKind.MONEY
                    add(
                        Metric(
                            f"t2.{item.row}.{column}",
                            "t2",
                            item.row,
                            column,
                            item.label,
                            labels[column],
                            frozenset({gen}),
                            kind,
                        )
                    )
    for row in T3_ROWS:
        for column, column_label in T3_COLUMNS:
            add(
                Metric(
                    f"t3.{row.row}.{column}",
                    "t3",
                    row.row,
                    column,
                    row.label,
                    column_label,
                    row.generations,
                )
            )
    for group, group_label in T4_GROUPS:
        for column, column_label in T4_COLUMNS:
            add(
                Metric(
                    f"t4.{group}.{column}",
                    "t4",
                    group,
                    column,
                    group_label,
                    column_label,
                    _BOTH,
                )
            )
    for key, label in OLD_KEYS:
        _, old_row, old_column = key.split(".")
        kind = ValueKind.MONEY if key == "old.fees.amount_yuan" else ValueKind.COUNT
        add(
            Metric(key, "old", old_row, old_column, label, label, frozenset({Generation.OLD}), kind)
        )
    return out


METRICS: Mapping[str, Metric] = MappingProxyType(_build())
_ORDER = {key: i for i, key in enumerate(METRICS)}


def metric(key: str) -> Metric:
    """The metric for a key; raises KeyError for a key outside the dictionary."""
    return METRICS[key]


def metrics_for(generation: Generation) -> tuple[Metric, ...]:
    """All metrics a report of this generation may state, in printed order."""
    return tuple(m for m in METRICS.values() if generation in m.generations)


def key_order(key: str) -> int:
    """Sort position of a key in the printed order (unknown keys last)."""
    return _ORDER.get(key, len(_ORDER))


_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "、": ","})


def normalise_label(text: str) -> str:
    """Normalise a printed label for matching: NFKC, no whitespace, plain quotes and commas."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)
