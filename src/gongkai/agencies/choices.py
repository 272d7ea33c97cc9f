"""Choices of the agencies app."""

from __future__ import annotations

from django.db import models

__all__ = ["AgencyKind", "Role"]


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWN = "town", "乡镇"
    STREET = "street", "街道"
    OTHER = "other", "其他"


class Role(models.TextChoices):
    REGISTRAR = "registrar", "登记员"
    HANDLER = "handler", "承办人"
    # Art. 33(2): the head of the disclosure office consents to extensions; answers go out
    # under the office head's signature too.
    OFFICE_HEAD = "office_head", "公开办负责人"
    SUPERVISOR = "supervisor", "监督员"
    ADMINISTRATOR = "administrator", "管理员"
