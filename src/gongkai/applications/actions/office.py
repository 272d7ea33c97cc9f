"""The office's own steps on a case: assignment to a handler and internal notes.

Neither changes the statutory state; both are events of the case, so the timeline shows who
put whom on the case and every note, with actor and time. Notes are internal: the public
status page never shows events of these kinds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from gongkai.agencies.access import CASE_WORK_ROLES, handlers_at
from gongkai.agencies.choices import Role

from ..choices import EventKind
from ..forms import AssignForm, InternalNoteForm
from ..models import Application
from ._base import ALL_STATUSES, OPEN, Action, ActionRefused

__all__ = ["INTERNAL_EVENT_KINDS", "AddInternalNote", "AssignHandler"]

# Events that stay inside the office (never on the applicant's status page).
INTERNAL_EVENT_KINDS = frozenset(
    {EventKind.ASSIGNED, EventKind.NOTE_ADDED, EventKind.PERSONAL_DATA_REVEALED}
)


class AssignHandler(Action):
    """分派承办人: the office head (or an administrator) puts a handler on the case."""

    name = "assign"
    label = "分派承办人"
    event_kind = EventKind.ASSIGNED
    roles = frozenset({Role.OFFICE_HEAD, Role.ADMINISTRATOR})
    statuses = OPEN
    form_class = AssignForm
    dated = False

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        handler_id = params.get("handler")
        if handler_id in (None, ""):
            app.assigned_to = None
            return {"handler": None, "handler_name": ""}
        user = get_user_model().objects.filter(pk=handler_id).first()
        if user is None or not handlers_at(app.agency).filter(pk=user.pk).exists():
            raise ActionRefused(f"所选用户不是{app.agency.name}的承办人或公开办负责人。")
        if app.assigned_to_id == user.pk:
            raise ActionRefused("该申请已由此人承办。", code="conflict")
        app.assigned_to = user
        return {"handler": user.pk, "handler_name": user.get_full_name() or user.get_username()}


class AddInternalNote(Action):
    """内部备注: a note for the office on the case's timeline."""

    name = "add_note"
    label = "添加内部备注"
    event_kind = EventKind.NOTE_ADDED
    roles = CASE_WORK_ROLES
    statuses = ALL_STATUSES
    form_class = InternalNoteForm
    dated = False

    @classmethod
    def apply(cls, actor: Any, app: Application, on: date, **params: Any) -> dict[str, Any]:
        text = str(params.get("text") or "").strip()
        if not text:
            raise ActionRefused("请填写备注内容。")
        return {"text": text}
