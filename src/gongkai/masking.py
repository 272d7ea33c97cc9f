"""Masking of applicants' personal data for display and export (pure, no Django).

Identity numbers keep their first four and last four characters, phone numbers their
first three and last four; everything between becomes ``*``. A value too short to keep
anything meaningful is masked whole, so masking never reveals a short number.
"""

from __future__ import annotations

import re

__all__ = ["mask_contact", "mask_identity_number", "mask_phone"]

_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def _keep(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_identity_number(value: str) -> str:
    """``330102199001011234`` → ``3301**********1234``; '' stays ''."""
    value = (value or "").strip()
    return _keep(value, 4, 4) if value else ""


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``; a landline keeps its area code and last four."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("0") and "-" in value:
        area, _, number = value.partition("-")
        return f"{area}-{_keep(number, 0, 4)}"
    return _keep(value, 3, 4)


def mask_contact(value: str) -> str:
    """Every phone number inside a free-text contact field masked; e-mail local parts too."""
    text = _PHONE.sub(lambda m: mask_phone(m.group(0)), value or "")
    return re.sub(
        r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+)",
        lambda m: f"{m.group(1)}***{m.group(2)}",
        text,
    )
