"""Placeholders ``{{ 申请人 }}`` in letter bodies: the names and the substitution (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["PLACEHOLDERS", "PlaceholderError", "fill", "unknown_placeholders"]

# The names an office may use in a template, with what each stands for (shown on the
# template page). Personal identity numbers are deliberately absent by default: a letter
# names the applicant, and an office that must print the number adds 身份证号码 itself.
PLACEHOLDERS: dict[str, str] = {
    "申请人": "申请人姓名或名称",
    "身份证号码": "申请人身份证号码（仅在确需时使用）",
    "申请编号": "案件编号",
    "收到日期": "收到申请日期，如 2026年12月7日",
    "申请内容": "申请公开的政府信息内容描述",
    "机关": "作出告知的机关名称",
    "依据条款": "《条例》依据条款，如 第十四条",
    "办理结果": "办理结果（年报表三的类别）",
    "补正期限": "补正期限日期",
    "答复期限": "答复期限日期（延期后）",
    "收费金额": "信息处理费金额（元）",
    "缴费期限": "缴费期限日期",
    "征求意见对象": "第三方或共同制作机关名称",
    "复议机关": "行政复议机关（机关设置）",
    "诉讼法院": "管辖法院（机关设置）",
    "救济条款": "行政复议、行政诉讼的救济途径整段文字",
    "日期": "出具日期",
}

_PATTERN = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


class PlaceholderError(ValueError):
    """A template names a placeholder that does not exist."""


def unknown_placeholders(text: str) -> list[str]:
    """Names in ``text`` that are not placeholders (in order of appearance, once each)."""
    seen: list[str] = []
    for name in _PATTERN.findall(text):
        if name not in PLACEHOLDERS and name not in seen:
            seen.append(name)
    return seen


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{{ 名称 }}`` replaced by its value; unknown names raise."""
    unknown = unknown_placeholders(text)
    if unknown:
        raise PlaceholderError("、".join(unknown))
    return _PATTERN.sub(lambda m: values.get(m.group(1), ""), text)
