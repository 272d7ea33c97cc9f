"""Column definitions for agency lists: (field, Chinese header)."""

from __future__ import annotations

__all__ = ["AGENCY_COLUMNS", "STAFF_ROLE_COLUMNS"]

AGENCY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "名称"),
    ("kind", "类型"),
    ("code", "代码"),
    ("parent", "上级机关"),
)
STAFF_ROLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("user", "用户"),
    ("agency", "机关"),
    ("role", "角色"),
)
