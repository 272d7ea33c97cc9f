"""2008-generation headline figures: the free-form 附表 and the prose labels of old reports.

The 2008 regulation had no national table until 2014, and localities printed their own
(spec C3): a 附表 with columns 本年 | 历年累计, or figures only in prose. This module reads
the 附表 into ``old.*`` figures and classifies prose labels into ``old.*`` keys; the prose
tokenizer that finds the numbers lives in ``_prose``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report import Figure, Method, Origin

from .._document import Line
from ..locate._meta import normalise_prose

__all__ = [
    "OLD_GROUPS",
    "Appendix",
    "channel_of",
    "lines_to_appendix",
    "old_group",
    "old_part_subject",
    "old_total_subject",
    "sentence_to_fee",
]

# --- the 附表 ------------------------------------------------------------------------

_ROW_PREFIX = re.compile(
    r"^(?:其中[::]?)?(?:\d+[.、．]|[(（]\d+[)）]|[一二三四五六七八九十]{1,3}[、.．]|"
    r"[(（][一二三四五六七八九十]{1,3}[)）])?(?:其中[::]?)?"
)
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?:[(（]?[\u4e00-\u9fff]{1,2}[)）]?)?$")

# Row label (after NFKC, without "其中:" and numbering) -> key; None for rows the dictionary
# has no key for (they still belong to the table, so prose must not read them).
_APPENDIX_ROWS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"主动公开(?:政府)?(?:文件|信息)(?:总)?数(?:量)?(?:\(.*\))?", "old.proactive.total"),
        (r"主动公开政府信息数.*", "old.proactive.total"),
        (r"(?:受理|收到)(?:政府信息公开)?申请(?:总)?数(?:量)?", "old.requests.received"),
        (r"政府信息公开申请(?:总)?数(?:量)?", "old.requests.received"),
        (r"当面申请数(?:量)?", "old.requests.in_person"),
        (r"(?:网络|网上|互联网)申请数(?:量)?", "old.requests.online"),
        # The Fujian form merges letters and faxes; the merged row is read as letters.
        (r"信函(?:[,、和及]传真)?申请数(?:量)?", "old.requests.letter"),
        (r"传真申请数(?:量)?", "old.requests.fax"),
        (r"其他(?:方式|形式)?申请数(?:量)?", "old.requests.other"),
        (r"对申请的答复总数|申请答复(?:总)?数(?:量)?", "old.replies.total"),
        (r"同意公开答复数(?:量)?", "old.replies.granted"),
        (r"同意部分公开答复数(?:量)?", "old.replies.partially_granted"),
        (r"不(?:予|同意)公开答复数(?:量)?", "old.replies.denied"),
        (r"其他(?:类型)?答复数(?:量)?", "old.replies.other"),
        (r"属于已主动公开范围(?:的)?数(?:量)?", "old.replies.already_public"),
        (r"(?:申请)?信息不存在(?:的)?数(?:量)?", "old.replies.not_exist"),
        (r"(?:不属于本(?:行政)?机关公开|非本(?:部门|机关)掌握.*)数(?:量)?", "old.replies.not_held"),
        (
            r"(?:接受)?(?:行政)?申诉[,、和及]?举报数(?:量)?|举报投诉数(?:量)?",
            "old.complaints.total",
        ),
        (r"行政申诉数(?:量)?", "old.complaints.total"),
        (r"行政复议数(?:量)?", "old.reconsideration.total"),
        (r"行政诉讼数(?:量)?", "old.litigation.total"),
        # The 2014-2018 national statistics table (国办发〔2014〕32号; spec C3, names [U]):
        # results of reconsideration and litigation follow their total's row, so they are
        # keyed by the group above them (see _RESULT_ROWS); fees are printed in 万元.
        (r"依申请公开(?:政府)?信息收取(?:的)?费用(?:\(万元\))?", "old.fees.amount_yuan"),
        (r"政府(?:网站|公报)公开(?:政府信息)?数(?:量)?|政务(?:微博|微信)公开(?:政府信息)?数", None),
        (r"其他方式公开(?:政府信息)?数(?:量)?", None),
        # Rows of the national table with no key in the dictionary (sub-counts of refusals,
        # on-time/late completion, interpretation, staffing, training): part of the table.
        (r"涉及(?:国家秘密|商业秘密|个人隐私)|危及.*稳定|不是《?条例》?所指政府信息", None),
        (r"法律法规规定的其他情形", None),
        (r".{1,30}(?:数|数量|次数|人次|人数)", None),
    )
)
# Result rows under a reconsideration or litigation total (the national table's wording).
_RESULT_ROWS = (
    ("upheld", re.compile(r"维持")),
    ("corrected", re.compile(r"纠错|纠正")),
    ("other", re.compile(r"其他情形")),
)
_YUAN_PER_WAN = Decimal(10000)
_UNIT_CELLS = frozenset({"件", "条", "个", "次", "人", "人次", "项", "万元", "元"})


@dataclass(frozen=True, slots=True)
class Appendix:
    """The figures of a free-form 附表 and the line numbers it occupies."""

    figures: dict[str, Figure]
    lines: frozenset[int]


def _row_key(label: str, group: str | None = None) -> tuple[bool, str | None]:
    """Whether a label is a 附表 row, and its key; ``group`` is the result group above it."""
    if len(label) > 40 or not ("数" in label or "费用" in label or "涉及" in label):
        return False, None  # every row label counts something (…数), or is the fee row
    label = _ROW_PREFIX.sub("", label)
    if group is not None and label.endswith("数"):
        for column, pattern in _RESULT_ROWS:
            if pattern.search(label):
                return True, f"{group}.{column}"
    for pattern, key in _APPENDIX_ROWS:
        if pattern.fullmatch(label):
            return True, key
    return False, None


def _result_group(key: str | None, group: str | None) -> str | None:
    """The reconsideration/litigation group that result rows after this row belong to."""
    if key in ("old.reconsideration.total", "old.litigation.total"):
        return key.rsplit(".", 1)[0]
    if key is not None and group is not None and key.startswith(group):
        return group
    return None


def _appendix_value(key: str, raw: str, label: str) -> int | Decimal | None:
    match = _NUMBER.match(raw)
    if match is None:
        return None
    number = match.group(1)
    if key == "old.fees.amount_yuan":
        # The national table prints the fee in 万元; the dictionary keeps 元.
        value = Decimal(number)
        if "万元" in label or "万元" in raw:
            value *= _YUAN_PER_WAN
        return int(value) if value == value.to_integral_value() else value
    return None if "." in number else int(number)


def _value_column(header: Sequence[str]) -> int:
    """Which value column is this year's: 本年 | 历年累计 unless the header says otherwise."""
    columns = [h for h in header if "累计" in h or "本年" in h or "本期" in h or h.isdigit()]
    for index, column in enumerate(columns):
        if "累计" not in column:
            return index
    return 0


_AppendixRow = tuple[int, str | None, list[tuple[int, str]]]  # (label index, key, values)


def lines_to_appendix(lines: Sequence[Line], skip: frozenset[int] = frozenset()) -> Appendix:
    """Read a 附表 laid out as rows of cells or one cell per line (label, then its values)."""
    texts = [normalise_prose(line.text) if line.number not in skip else "" for line in lines]
    rows, units = _appendix_rows(lines, texts, skip)
    if len(rows) < 3:
        return Appendix({}, frozenset())
    first = rows[0][0]
    header = [t for t in texts[max(0, first - 5) : first] if len(t) <= 8]
    column = _value_column(header)
    figures: dict[str, Figure] = {}
    used: set[int] = set(range(max(0, first - len(header)), first))
    for label_index, key, values in rows:
        used.add(label_index)
        used.update(index for index, _ in values)
        if key is None or key in figures or column >= len(values):
            continue
        index, raw = values[column]
        label = f"{texts[label_index]} {units.get(label_index, '')}"
        value = _appendix_value(key, raw, label)
        if value is None:
            continue
        origin = Origin(lines[index].number, f"{texts[label_index]} {raw}", Method.CELL)
        number = _NUMBER.match(raw)
        plain = raw if number is None else number.group(1)
        figures[key] = Figure(key, value, origin, raw if raw != plain else None)
    return Appendix(figures, frozenset(lines[k].number for k in used))


def _appendix_rows(
    lines: Sequence[Line], texts: Sequence[str], skip: frozenset[int]
) -> tuple[list[_AppendixRow], dict[int, str]]:
    """The 附表's rows with a known label and values, and the unit printed with each label."""
    rows: list[_AppendixRow] = []
    units: dict[int, str] = {}
    group: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.number in skip:
            i += 1
            continue
        if line.tabular and len(line.cells) >= 2:
            known, key = _row_key(normalise_prose(line.cells[0]), group)
            cells = [normalise_prose(c) for c in line.cells[1:]]
            values = [(i, v) for v in cells if _NUMBER.match(v)]
            if known and values:
                group = _result_group(key, group)
                # A unit column ("万元") belongs to the label for conversion.
                units[i] = "".join(c for c in cells if c in ("万元", "元"))
                rows.append((i, key, values))
            i += 1
            continue
        known, key = _row_key(texts[i], group)
        if not known:
            i += 1
            continue
        group = _result_group(key, group)
        values = []
        j = i + 1
        while j < len(lines) and len(values) < 3:
            if _NUMBER.match(texts[j]):
                values.append((j, texts[j]))
            elif not values and texts[j] in _UNIT_CELLS:
                # The national table's 单位 column comes between the label and the value.
                units[i] = texts[j]
            else:
                break
            j += 1
        if values:
            rows.append((i, key, values))
        i = j if values else i + 1
    return rows, units


# --- prose labels ----------------------------------------------------------------------

# Groups of old keys: a 附表 that states one figure of a group makes the prose of the whole
# group a statement, so figures of one group never mix two sources.
OLD_GROUPS = (
    "proactive",
    "requests",
    "replies",
    "reconsideration",
    "litigation",
    "complaints",
    "fees",
)


def old_group(key: str) -> str:
    """The group of an old key ("old.requests.online" -> "requests")."""
    return key.split(".")[1]


_CUMULATIVE = re.compile(r"累计|历年|截至目前|截止目前")
_NOT_APPLICATION = re.compile(r"群众来信|事项|审批|服务|建议|提案|诉求|留言|咨询|信访|重复")
_RECEIVED = re.compile(r"收到|受理|接收|新收|接到|提交|共有")
_REPLIED = re.compile(r"办结|答复|回复|办理完毕|处理完毕")
_RECON = re.compile(r"行政复议|复议申请|申请复议")
_LITIGATION = re.compile(r"行政诉讼|提起诉讼|行政起诉")
_PROACTIVE = (
    # Highest first: the national indicator's own wording, then "主动公开…信息", then the
    # count of everything published in the proactive section (see old_total_subject).
    re.compile(r"不同渠道和方式公开(?:政府)?信息$"),
    re.compile(r"主动公开(?:的)?(?:政府)?信息[”\"]?$"),
    re.compile(r"(?:公开各类政府信息|公开政府信息|共发布信息|发布各类政府信息)$"),
)


def old_total_subject(
    label: str, *, applications_section: bool, after_received: bool = False
) -> tuple[str, int] | None:
    """A label that states an old headline total -> (key, priority; lower is stronger)."""
    if _CUMULATIVE.search(label):
        return None
    if _RECON.search(label):
        return "old.reconsideration.total", 0
    if _LITIGATION.search(label):
        return "old.litigation.total", 0
    for priority, pattern in enumerate(_PROACTIVE):
        # "通过X主动公开…" counts one channel, not the total (the national wording
        # "通过不同渠道和方式公开" excepted).
        if pattern.search(label) and (priority == 0 or "通过" not in label):
            return "old.proactive.total", priority
    if _NOT_APPLICATION.search(label):
        return None
    if "申请" in label and _RECEIVED.search(label) and not _REPLIED.search(label):
        return "old.requests.received", 0
    # "依申请公开7条(…),已办结6条": the bare word names the requests themselves, while
    # "“依申请公开信息”14条" counts published information items, not requests.
    if label.endswith("依申请公开"):
        return "old.requests.received", 1
    # Seed 000 (2016): "共收到来信38件,已全部受理" in the applications section: letters
    # that are the applications. "群众来信" (the mailbox) was excluded above.
    if applications_section and label.endswith("来信") and _RECEIVED.search(label):
        return "old.requests.received", 1
    # "依申请公开7条,已办结6条": a bare "已办结" answers the requests just counted.
    if ("申请" in label or (after_received and len(label) <= 4)) and _REPLIED.search(label):
        return "old.replies.total", 0
    return None


_CHANNELS = (
    ("old.requests.in_person", re.compile(r"当面|现场")),
    ("old.requests.online", re.compile(r"网上|网络|互联网|在线|电子邮件|邮箱")),
    ("old.requests.letter", re.compile(r"信函|来信|邮寄")),
    ("old.requests.fax", re.compile(r"传真")),
    ("old.requests.other", re.compile(r"其他|其它")),
)
_REPLIES = (
    ("old.replies.other", re.compile(r"其他|其它")),
    ("old.replies.already_public", re.compile(r"已主动公开")),
    ("old.replies.partially_granted", re.compile(r"部分公开")),
    ("old.replies.denied", re.compile(r"不予公开|不同意公开|不公开")),
    ("old.replies.granted", re.compile(r"同意公开|予以公开")),
    ("old.replies.not_exist", re.compile(r"不存在")),
    ("old.replies.not_held", re.compile(r"非本.{0,2}掌握|不属于本|不掌握")),
)
_RESULTS = (
    ("upheld", re.compile(r"维持|驳回")),
    ("corrected", re.compile(r"纠错|纠正|撤销|确认违法")),
    ("other", re.compile(r"其他|其它")),
)


def channel_of(label: str) -> str | None:
    """The application channel a label names (old key), or None."""
    for key, pattern in _CHANNELS:
        if pattern.search(label):
            return key
    return None


def old_part_subject(label: str, total: str) -> str | None:
    """A label that itemises an open old total -> the part's key (None: not a part)."""
    if total == "old.requests.received":
        return channel_of(label) if "申请" in label or "形式" in label or "方式" in label else None
    if total == "old.replies.total":
        for key, pattern in _REPLIES:
            if pattern.search(label):
                return key
        return None
    if total in ("old.reconsideration.total", "old.litigation.total"):
        prefix = total.rsplit(".", 1)[0]
        for column, pattern in _RESULTS:
            if pattern.search(label):
                return f"{prefix}.{column}"
    return None


# An explicit statement that nothing was charged is a fee of 0; "全免费服务" (free archive
# service) is not about disclosure fees and does not match.
_FEE_NONE = re.compile(
    r"暂免收费|免收|免予收费|免于收费|不收费|未收费|未收取[^。;]{0,30}?费|"
    r"没有[^。;]{0,40}?收取[^。;]{0,30}?费|不收取[^。;]{0,30}?费"
)
_FEE_AMOUNT = re.compile(r"收取[^。;,]{0,20}?费(?:用)?(?:共|为|合计)?(\d+(?:\.\d+)?)元")


def sentence_to_fee(sentence: str) -> tuple[int | Decimal, int] | None:
    """The disclosure fee (元) a sentence states and where: an amount, or 0 for "暂免收费"."""
    amount = _FEE_AMOUNT.search(sentence)
    if amount is not None:
        raw = amount.group(1)
        return (Decimal(raw) if "." in raw else int(raw)), amount.start()
    none = _FEE_NONE.search(sentence)
    if none is not None:
        return 0, none.start()
    return None
