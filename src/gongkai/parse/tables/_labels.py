"""Matching printed row labels and table markers to the metric dictionary.

Labels arrive normalised by ``normalise_label`` (NFKC, no whitespace, "、" as ","). Matching
is on distinctive fragments, not whole labels, because published copies drop or add
punctuation, keep traditional leftovers, break labels over lines and misprint them
("2.其他法律行政止公开"); the row order does the rest (see ``_table3``).
"""

from __future__ import annotations

import re

__all__ = [
    "compact",
    "is_page_furniture",
    "is_section_heading",
    "is_t2_start",
    "is_t3_header",
    "is_t3_start",
    "is_t4_start",
    "strip_numbering",
    "t2_generation_hint",
    "t2_item_for_label",
    "t3_row_for_label",
]

# Checked in order: sub-rows before their group, specific before general.
_T3_FRAGMENTS: tuple[tuple[str, str], ...] = (
    ("不补正", "other.no_correction"),
    ("逾期不补", "other.no_correction"),
    ("收费通知", "other.fee_unpaid"),
    ("缴纳费用", "other.fee_unpaid"),
    ("本年新收", "received_new"),
    ("新收政府信息", "received_new"),
    ("上年结转", "carried_over"),
    ("结转下年", "carried_forward"),
    ("下年度继续", "carried_forward"),
    ("继续办理", "carried_forward"),
    ("部分公开", "partially_granted"),
    ("予以公开", "granted"),
    ("国家秘密", "denied.state_secret"),
    ("其他法律", "denied.prohibited_by_law"),
    ("法规禁止", "denied.prohibited_by_law"),
    ("三安全", "denied.three_safeties_one_stability"),
    ("一稳定", "denied.three_safeties_one_stability"),
    ("第三方", "denied.third_party_rights"),
    ("内部事务", "denied.internal_affairs"),
    ("过程性", "denied.process_information"),
    ("执法案卷", "denied.enforcement_case_file"),
    ("行政查询", "denied.administrative_query"),
    ("查询事项", "denied.administrative_query"),
    ("不掌握", "unavailable.not_held"),
    ("另行制作", "unavailable.needs_creation"),
    ("没有现成", "unavailable.needs_creation"),
    ("仍不明确", "unavailable.still_unclear"),
    ("补正后", "unavailable.still_unclear"),
    ("信访", "not_processed.petition_complaint"),
    ("举报投诉", "not_processed.petition_complaint"),
    ("重复申请", "not_processed.repeated"),
    ("出版物", "not_processed.publication"),
    ("大量反复", "not_processed.excessive"),
    ("重新出具", "not_processed.confirmation"),
    ("确认或", "not_processed.confirmation"),
    ("其他处理", "other"),
)

_NUMBERING = re.compile(r"^(?:[(\[]?[一二三四五六七八九十\d]{1,3}[)\]]?[.,:;．]?)+")
_T3_HEADERS = frozenset(
    {
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "申请人情况",
    }
)


def _row_of_fragment(label: str, fragments: tuple[tuple[str, str], ...]) -> str | None:
    # The table's fragments are ordered so that the first one the label holds names its row.
    return next((row for fragment, row in fragments if fragment in label), None)


def strip_numbering(label: str) -> str:
    """The label without its leading numbering ("(六)", "3.", "四,")."""
    return _NUMBERING.sub("", label, count=1)


def t3_row_for_label(label: str) -> str | None:
    """The table-3 row key a printed label names, or None (headers, group titles, noise)."""
    if not label or len(label) > 80:
        return None
    row = _row_of_fragment(label, _T3_FRAGMENTS)
    if row is not None:
        return row
    bare = strip_numbering(label)
    if bare == "其他" and bare != label:  # "3.其他"; a bare "其他" is the column header
        return "other.other"
    if bare in ("总计", "合计") and ("七" in label or bare != label):
        return "total"
    return None


def is_t3_header(label: str) -> bool:
    """True for a column-header cell of table 3 (a row holding one is never a data row)."""
    return label in _T3_HEADERS or "勾稽" in label


_T2_ITEMS: tuple[tuple[str, str], ...] = (
    ("规范性文件", "normative_documents"),
    ("规章", "rules"),
    ("对外管理服务", "other_services"),
    ("行政许可", "licensing"),
    ("行政处罚", "penalty"),
    ("行政强制", "coercion"),
    ("事业性收费", "fees"),
    ("集中采购", "procurement"),
)


def t2_item_for_label(label: str) -> str | None:
    """The table-2 item (row key) a printed label names, or None."""
    if not label or len(label) > 24:
        return None
    return _row_of_fragment(label, _T2_ITEMS)


_T2_2021_WORDS = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
)
_T2_2019_WORDS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "(九)项",
    "（九）项",
    "采购项目数量",
    "采购总金额",
)


def t2_generation_hint(text: str) -> str | None:
    """ "2021" or "2019" when table 2's column headers (compacted text) say which format it is."""
    if any(word in text for word in _T2_2021_WORDS):
        return "2021"
    if any(word in text for word in _T2_2019_WORDS):
        return "2019"
    return None


# Markers are tested on compacted raw text (whitespace removed, no NFKC) for speed; they
# avoid punctuation that NFKC would change, or list both forms.
_SHORT = 40


def compact(text: str) -> str:
    """The text without whitespace (markers are matched on it without NFKC, for speed)."""
    return "".join(text.split())


def is_t2_start(text: str) -> bool:
    """True for the line that opens table 2 (compacted text)."""
    return len(text) <= _SHORT and (
        text.startswith("第二十条第")
        or text.startswith("信息内容")
        or "主动公开政府信息情况" in text
    )


def is_t3_start(text: str) -> bool:
    """True for the line that opens table 3 (compacted text)."""
    if "勾稽关系" in text or text.startswith(_T3_OPENERS):
        return True
    return len(text) <= _SHORT and "收到和处理政府信息公开申请" in text


# A table without its heading and header cell still opens with its first row.
_T3_OPENERS = (
    "申请人情况",
    "一、本年新收",
    "一,本年新收",
    "一，本年新收",
    "本年新收政府信息公开申请数量",
)


def is_t4_start(text: str) -> bool:
    """True for the line that opens table 4 (compacted text)."""
    if len(text) > _SHORT:
        return False
    return text.startswith("行政复议") or ("行政复议" in text and "行政诉讼" in text)


_SECTION = re.compile(r"^[五六七八九][,.、，．]")


def is_section_heading(text: str) -> bool:
    """True for a section heading that follows the tables ("五、存在的主要问题…")."""
    return len(text) <= _SHORT and _SECTION.match(text) is not None


_PAGE = re.compile(r"[-—–－]\d{1,4}[-—–－]|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|\d{1,4}/\d{1,4}")


def is_page_furniture(text: str) -> bool:
    """True for a page number line of PDF text ("- 3 -", "第3页共5页")."""
    return len(text) <= 12 and _PAGE.fullmatch(text) is not None
