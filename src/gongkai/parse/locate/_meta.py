"""Who issued a report and for which year, read from its own text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from .._document import Line

__all__ = [
    "is_debris",
    "lines_to_agency",
    "lines_to_year",
    "normalise_prose",
    "place_to_agency",
    "qualify_agency",
    "text_to_stats_year",
]

# Characters a decoder (or a hand-made copy) sometimes leaves traditional in simplified text.
# Only characters whose simplified form is unambiguous in these reports are listed.
_TRADITIONAL = "申請開資與為據結轉辦舉報權條數總網當費復議訴訟處區縣機關門務級關於這個來達實際應裡錯維糾況託統計內會項屬"
_SIMPLIFIED = "申请开资与为据结转办举报权条数总网当费复议诉讼处区县机关门务级关于这个来达实际应里错维纠况托统计内会项属"
_LEFTOVERS = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
_HAS_LEFTOVER = re.compile("[" + "".join(sorted(set(_TRADITIONAL) - set(_SIMPLIFIED))) + "]")
_HAS_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"(?<!\d)\s+|\s+(?!\d)")


@lru_cache(maxsize=8192)
def normalise_prose(text: str) -> str:
    """NFKC, traditional leftovers fixed, spaces dropped except between two digits."""
    text = unicodedata.normalize("NFKC", text)
    if _HAS_LEFTOVER.search(text):
        text = text.translate(_LEFTOVERS)
    if "覆议" in text:  # the Taiwan form of 复议
        text = text.replace("覆议", "复议")
    if _HAS_SPACE.search(text):
        text = _SPACES.sub("", text)
    return text


# --- debris -----------------------------------------------------------------------

# Web-page furniture that scraped copies carry between reports.
_DEBRIS = re.compile(
    r"^(?:字号[::]?|大中小|扫码.*|扫一扫.*|打印|关闭|.*本页内容|责编[::].*|您是第.*|"
    r"分享到.*|【.*】|•?<.*>|-\d+-)$"
)


def is_debris(normalised: str) -> bool:
    """True for a line that is page furniture, not report text."""
    return not normalised or _DEBRIS.match(normalised) is not None


# --- year -------------------------------------------------------------------------

_STATS_PERIOD = re.compile(
    r"(?:自|从|为|期限|时限|期间)?((?:19|20)\d{2})年(?:度)?1月1日(?:起)?[,，]?(?:至|到|—|-|–|~|〜)"
)
_TITLE_YEAR = re.compile(
    r"((?:19|20)\d{2})年度?[^,，。;；]{0,30}?(?:年度报告|工作报告|工作的报告|年报)"
)
_YEAR_DU = re.compile(r"((?:19|20)\d{2})年度")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})年")


def text_to_stats_year(normalised: str) -> int | None:
    """The year of a statistics period ("统计期限自2022年1月1日起至…") in normalised text."""
    match = _STATS_PERIOD.search(normalised)
    return int(match.group(1)) if match else None


def lines_to_year(lines: Sequence[Line]) -> int | None:
    """The report year: statistics period, else title, else "YYYY年度", else the commonest year."""
    head = "".join(normalise_prose(line.text) for line in lines[:40])
    whole = head if len(lines) <= 40 else "".join(normalise_prose(line.text) for line in lines)
    year = text_to_stats_year(head) or text_to_stats_year(whole)
    if year:
        return year
    for pattern in (_TITLE_YEAR, _YEAR_DU):
        match = pattern.search(head)
        if match:
            return int(match.group(1))
    # The dominant year of the opening text; publication dates ("2018-03-16") are not
    # written with 年, so they do not compete.
    counts = Counter(_ANY_YEAR.findall(head))
    if not counts:
        return None
    return int(counts.most_common(1)[0][0])


# --- agency -----------------------------------------------------------------------

_ORGAN_SUFFIX = re.compile(
    r"(?:人民政府|政府|局|委员会|委|办公室|办公厅|管委会|管理委员会|厅|署|中心|院|所|站|办事处|公司|"
    r"领导小组|馆|处|队|会)$"
)
_ZONE = re.compile(
    r"(?:高新区|高新技术产业开发区|开发区|新区|园区|经济区|试验区|保税区|示范区|产业区|工业区)$"
)
_PLACE_END = "省市区县旗州盟镇乡"
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_TITLE = re.compile(
    r"^(?P<head>[\u4e00-\u9fff]{0,30}?)(?:关于(?P<about>[\u4e00-\u9fff]{0,20}?))?"
    r"(?:(?:19|20)\d{2})年度?[\u4e00-\u9fff]{0,12}?(?:信息公开|政务公开)[\u4e00-\u9fff]{0,12}报告$"
)
_OFFICE = re.compile(r"(?:人民政府|政府)办公(?:室|厅)$")


def place_to_agency(name: str) -> str | None:
    """The issuing body a title names: organs as they are, zones' 管委会, places' 人民政府."""
    if not name:
        return None
    if _ORGAN_SUFFIX.search(name):
        return name
    if _ZONE.search(name):
        return name + "管委会"
    if name.endswith("街道"):
        return name + "办事处"
    if name[-1] in _PLACE_END and len(name) >= 2:
        return name + "人民政府"
    return None


# A web page puts navigation, breadcrumbs and metadata above the title: look a little way in.
_TITLE_REACH = 25


def _title_agency(lines: Sequence[Line]) -> str | None:
    previous = ""
    seen = 0
    for line in lines:
        if seen >= _TITLE_REACH:
            break
        for cell in line.cells:
            text = normalise_prose(cell)
            if is_debris(text):
                continue
            match = _TITLE.match(text) if len(text) <= 80 else None
            if match:
                head, about = match.group("head"), match.group("about") or ""
                if about and (not head or _OFFICE.search(head)):
                    # "XX人民政府办公室关于XX2017年政府信息公开工作的报告": the office reports
                    # on the government's work, so the government is the issuing body.
                    agency = place_to_agency(about)
                    if agency:
                        return agency
                if head:
                    return place_to_agency(head)
                # The PDF layout: the agency alone on the line above the title.
                if previous and len(previous) <= 30 and _CJK.fullmatch(previous):
                    return place_to_agency(previous)
            previous = text
        seen += 1
    return None


_GENERIC = frozenset("各全本该我其每此两级")


def _mention_place(before: str) -> str | None:
    """The run of characters before one "人民政府" when it ends like a place name."""
    run: list[str] = _CJK.findall(before)
    if not run:
        return None
    chars = run[-1]
    if not before.endswith(chars) or len(chars) < 2 or chars[-1] not in _PLACE_END:
        return None
    if chars[-2] in _GENERIC:  # "各镇人民政府", "本级人民政府": no name
        return None
    return chars


def _best_suffix(chars: str, text: str, cache: dict[str, int]) -> str:
    def count(s: str) -> int:
        value = cache.get(s)
        if value is None:
            value = text.count(s)
            cache[s] = value
        return value

    base = count(chars[-2:])
    best = chars[-2:]
    # A longer suffix is part of the name while it keeps most of the short form's mentions:
    # "与天桥区" is rare next to "天桥区", "天桥区" is as common as "桥区".
    for size in range(3, len(chars) + 1):
        suffix = chars[-size:]
        if count(suffix) * 5 >= base * 3:
            best = suffix
        else:
            break
    return best


def _mention_agency(text: str) -> str | None:
    votes: Counter[str] = Counter()
    cache: dict[str, int] = {}
    start = 0
    while True:
        at = text.find("人民政府", start)
        if at < 0:
            break
        start = at + 4
        chars = _mention_place(text[max(0, at - 14) : at])
        if chars:
            votes[_best_suffix(chars[-10:], text, cache)] += 1
    if not votes:
        return None
    place = votes.most_common(1)[0][0]
    return place + "人民政府"


# Characters that end the words before a place name ("2021年济南市…", "位于济南市…").
_NOT_IN_NAME = frozenset("年的在与和及对于是为由向请将按据从了各全本我址")


def _city_prefix(place: str, text: str) -> str:
    """The city a district is named with elsewhere in the text ("天桥区" -> "济南市天桥区")."""
    if not place or place[-1] not in "区县" or "市" in place[:-1]:
        return place
    runs: list[str] = []
    start = 0
    target = "市" + place
    while True:
        at = text.find(target, start)
        if at < 0:
            break
        start = at + len(target)
        before = text[max(0, at - 6) : at]
        found = _CJK.findall(before)
        if found and before.endswith(found[-1]) and len(found[-1]) >= 2:
            runs.append(found[-1])
    if not runs:
        return place
    city = Counter(run[-2:] for run in runs).most_common(1)[0][0]
    # Longer city names (石家庄) only when every mention agrees on the extra character.
    while len(city) < 4:
        longer = {
            run[-len(city) - 1 :] for run in runs if run.endswith(city) and len(run) > len(city)
        }
        if len(longer) != 1:
            break
        candidate = longer.pop()
        if candidate[0] in _NOT_IN_NAME:
            break
        city = candidate
    return city + "市" + place


def qualify_agency(agency: str | None, document_text: str) -> str | None:
    """Give a district government its city when the document names it ("济南市天桥区人民政府")."""
    if agency is None or not agency.endswith("人民政府"):
        return agency
    place = agency[: -len("人民政府")]
    return _city_prefix(place, document_text) + "人民政府"


def lines_to_agency(lines: Sequence[Line]) -> str | None:
    """The issuing body: the title's name, else the government the text names most."""
    agency = _title_agency(lines)
    if agency:
        return agency
    text = "".join(normalise_prose(line.text) for line in lines)
    agency = _mention_agency(text)
    if agency:
        return agency
    zone = re.search(r"([\u4e00-\u9fff]{2,8}?(?:高新区|开发区|新区))管委会", text)
    return zone.group(1) + "管委会" if zone else None
