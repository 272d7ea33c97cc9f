"""Column definitions for application lists: (field, Chinese header)."""

from __future__ import annotations

__all__ = ["APPLICATION_COLUMNS", "DISPUTE_COLUMNS", "EVENT_COLUMNS"]

APPLICATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", "申请编号"),
    ("agency", "受理机关"),
    ("applicant_name", "申请人"),
    ("applicant_kind", "申请人类型"),
    ("channel", "申请渠道"),
    ("received_on", "收到申请日期"),
    ("status", "状态"),
    ("deadline", "答复期限"),
    ("outcome", "办理结果"),
    ("closed_on", "办结日期"),
)
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("at", "记录时间"),
    ("effective_on", "生效日期"),
    ("kind", "事项"),
    ("actor", "操作人"),
    ("note", "备注"),
)
DISPUTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("route", "途径"),
    ("reference", "案号"),
    ("filed_on", "立案日期"),
    ("result", "结果"),
    ("decided_on", "审结日期"),
)
