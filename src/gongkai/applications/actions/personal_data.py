"""Revealing an applicant's identity number and phone: an audited step, never a side effect.

Pages, the API and exports show personal data masked (``gongkai.masking``) to everyone. A
role that works the case may reveal one case's values; the reveal writes an event naming
the actor, and the caller shows the values once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.agencies.access import CASE_WORK_ROLES

from ..choices import EventKind
from ..forms import RevealForm
from ..models import Application
from ._base import ALL_STATUSES, Action

__all__ = ["PERSONAL_FIELDS", "RevealPersonalData", "personal_data"]

# The fields masked everywhere unless revealed.
PERSONAL_FIELDS = ("applicant_id_number", "applicant_credit_code", "applicant_contact")


def personal_data(app: Application) -> dict[str, str]:
    """The unmasked personal fields of ``app`` (call only after a reveal)."""
    return {name: str(getattr(app, name) or "") for name in PERSONAL_FIELDS}


class RevealPersonalData(Action):
    """查看完整身份信息: the actor sees one case's identity number and contact, audited."""

    name = "reveal_personal_data"
    label = "查看完整身份信息"
    event_kind = EventKind.PERSONAL_DATA_REVEALED
    roles = CASE_WORK_ROLES
    statuses = ALL_STATUSES
    form_class = RevealForm
    dated = False  # a reveal happens now, whatever date a form carries

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        return {"fields": list(PERSONAL_FIELDS), "reason": str(params.get("reason") or "")}
