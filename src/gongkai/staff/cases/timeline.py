"""The case timeline in plain Chinese: one sentence per event, never raw JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from gongkai.agencies.access import roles_at
from gongkai.agencies.choices import Role
from gongkai.applications.choices import (
    OUTCOME_BASES,
    ConsultationKind,
    DisputeResult,
    DisputeRoute,
    EventKind,
    Outcome,
)
from gongkai.applications.models import Application, ApplicationEvent

__all__ = ["TimelineEntry", "describe_event", "event_sentence", "outcome_basis", "timeline"]

# The role shown beside an actor's name: the one that most likely took the step.
_ROLE_ORDER = (Role.OFFICE_HEAD, Role.HANDLER, Role.REGISTRAR, Role.ADMINISTRATOR, Role.SUPERVISOR)

# Jobs that act without a user, as payload["system"] names them.
_SYSTEM_JOBS = {"deadline_recompute": "期限重算任务", "import": "台账导入"}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the timeline: the sentence, and whether it is an internal note."""

    event: ApplicationEvent
    sentence: str
    is_note: bool


def _day(value: Any) -> str:
    """A payload date (ISO string or date) as ``2025-03-20``; '' when absent."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return timezone.localdate(value).isoformat() if timezone.is_aware(value) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def outcome_basis(value: Any) -> str:
    """The legal basis of an outcome as a reader cites it ("条例第三十条"); '' when none."""
    basis = OUTCOME_BASES.get(str(value))
    if basis is None or basis.article == "—":
        return ""
    # Most bases are articles of the Regulations; the fee measures name themselves.
    return basis.article if basis.article.startswith("《") else f"条例{basis.article}"


def _outcome(value: Any) -> str:
    label = _label(Outcome, value)
    where = outcome_basis(value)
    return f"{label}（{where}）" if where else label


def _money(value: Any) -> str:
    """An amount in 元 with two decimals (payloads keep it as a string or a number)."""
    try:
        return f"{Decimal(str(value)):.2f}"
    except (InvalidOperation, ValueError):
        return str(value or "")


def _registered(p: dict[str, Any]) -> str:
    if p.get("reopened_from"):
        return f"登记申请（重新办理原申请 {p.get('reference', '')}）"
    return f"登记申请，编号 {p['reference']}" if p.get("reference") else "登记申请"


def _correction_received(p: dict[str, Any]) -> str:
    text = "登记收到补正，答复期限重新起算"
    return text + "（申请人逾期补正）" if p.get("late") else text


def _consultation_started(p: dict[str, Any]) -> str:
    text = f"开始{_label(ConsultationKind, p.get('kind'))}，对象：{p.get('party', '')}"
    if p.get("reply_due_on"):
        text += f"，答复意见期限 {_day(p['reply_due_on'])}"
    return text


def _extension(p: dict[str, Any]) -> str:
    text = f"批准延期答复，于 {_day(p.get('notified_on'))} 告知申请人"
    if p.get("original_deadline"):
        text += f"，原答复期限 {_day(p['original_deadline'])}"
    return text


def _fee_notice(p: dict[str, Any]) -> str:
    text = f"发出收费通知，金额 {_money(p.get('amount'))} 元"
    calculation = p.get("calculation")
    if isinstance(calculation, list):
        calculation = "；".join(str(c) for c in calculation)
    if calculation:
        text += f"（{calculation}）"
    if p.get("notice_received_on"):
        text += f"，申请人于 {_day(p['notice_received_on'])} 收到通知"
    return text


def _answered(p: dict[str, Any]) -> str:
    text = f"答复办结：{_outcome(p.get('outcome'))}"
    return text + "，已超过答复期限" if p.get("overdue") else text


def _delivered(p: dict[str, Any]) -> str:
    return f"登记答复已送达（{p['method']}）" if p.get("method") else "登记答复已送达"


def _reopened(p: dict[str, Any]) -> str:
    text = f"重新办理，原因：{p.get('reason', '')}"
    if p.get("reference"):
        text += f"；另行登记新案件 {p['reference']}"
    return text


def _dispute_filed(p: dict[str, Any]) -> str:
    text = f"登记{_label(DisputeRoute, p.get('route'))}"
    return text + f"，案号 {p['reference']}" if p.get("reference") else text


def _assigned(p: dict[str, Any]) -> str:
    if not p.get("handler"):
        return "取消指定承办人，由公开办统一办理"
    return f"分派承办人：{p.get('handler_name', '')}"


def _letter(p: dict[str, Any]) -> str:
    # The letters app defines this payload; read the likely keys and say no more than known.
    title = p.get("title") or p.get("letter_type_label") or p.get("type_label") or "告知书"
    number = p.get("number") or p.get("letter_number") or ""
    return f"出具{title}" + (f"，文号 {number}" if number else "")


_SENTENCES: dict[str, Callable[[dict[str, Any]], str]] = {
    EventKind.REGISTERED: _registered,
    EventKind.CORRECTION_REQUESTED: lambda p: f"告知补正，补正期限 {_day(p.get('due_on'))}",
    EventKind.CORRECTION_RECEIVED: _correction_received,
    EventKind.CORRECTION_EXPIRED: lambda p: (
        f"因申请人逾期未补正办结：{_outcome(p.get('outcome') or Outcome.OTHER_NO_CORRECTION)}"
    ),
    EventKind.CONSULTATION_STARTED: _consultation_started,
    EventKind.CONSULTATION_ENDED: lambda p: (
        f"{_label(ConsultationKind, p.get('kind'))}结束（对象：{p.get('party', '')}），答复期限恢复计算"
    ),
    EventKind.EXTENSION_APPROVED: _extension,
    EventKind.ROUTED: lambda p: f"转{p.get('department_name', '其他部门')}协查",
    EventKind.FEE_NOTICE_ISSUED: _fee_notice,
    EventKind.FEE_PAID: lambda p: f"登记申请人已缴纳信息处理费 {_money(p.get('amount'))} 元",
    EventKind.FEE_EXPIRED: lambda p: (
        f"因申请人逾期未缴费办结：{_outcome(p.get('outcome') or Outcome.OTHER_FEE_UNPAID)}"
    ),
    EventKind.WITHDRAWN: lambda p: "登记申请人撤回申请，按“其他处理：其他”办结",
    EventKind.ANSWERED: _answered,
    EventKind.DELIVERED: _delivered,
    EventKind.REOPENED: _reopened,
    EventKind.DISPUTE_FILED: _dispute_filed,
    EventKind.DISPUTE_DECIDED: lambda p: (
        f"登记复议或诉讼结果：{_label(DisputeResult, p.get('result'))}"
    ),
    EventKind.DEADLINE_RECOMPUTED: lambda p: (
        "工作日历调整后重算答复期限" + (f"（{p['reason']}）" if p.get("reason") else "")
    ),
    EventKind.PERSONAL_DATA_REVEALED: lambda p: (
        "查看了申请人的完整身份信息" + (f"，原因：{p['reason']}" if p.get("reason") else "")
    ),
    EventKind.ASSIGNED: _assigned,
    EventKind.NOTE_ADDED: lambda p: f"添加内部备注：{p.get('text', '')}",
    EventKind.LETTER_ISSUED: _letter,
}


def event_sentence(event: ApplicationEvent) -> str:
    """What happened, without who and when (e.g. "告知补正，补正期限 2025-03-20")."""
    payload = event.payload if isinstance(event.payload, dict) else {}
    describe = _SENTENCES.get(event.kind)
    text = describe(payload) if describe else event.get_kind_display()
    if event.kind == EventKind.DEADLINE_RECOMPUTED and isinstance(event.after, dict):
        text += f"：新的答复期限 {_day(event.after.get('deadline')) or '暂无'}"
    if event.note and event.kind != EventKind.NOTE_ADDED:
        text += f"；备注：{event.note}"
    return text


def _actor_text(event: ApplicationEvent, app: Application, cache: dict[int, str]) -> str:
    actor = event.actor
    if actor is None:
        job = (event.payload or {}).get("system", "") if isinstance(event.payload, dict) else ""
        return f"系统（{_SYSTEM_JOBS.get(job, job)}）" if job else "系统"
    if actor.pk not in cache:
        name = actor.get_full_name() or actor.get_username()
        held = roles_at(actor, app.agency)
        role = next((Role(r).label for r in _ROLE_ORDER if r in held), "")
        if not role and actor.is_superuser:
            role = "系统管理员"
        cache[actor.pk] = f"{name}（{role}）" if role else name
    return cache[actor.pk]


def describe_event(
    event: ApplicationEvent, app: Application | None = None, *, actors: dict[int, str] | None = None
) -> str:
    """The whole timeline sentence: "2025-03-05 10:12 张三（承办人）告知补正，补正期限 2025-03-20"."""
    app = app or event.application
    moment = timezone.localtime(event.at)
    text = f"{moment:%Y-%m-%d %H:%M} {_actor_text(event, app, {} if actors is None else actors)}"
    text += event_sentence(event)
    if event.effective_on and event.effective_on != moment.date():
        text += f"（办理日期 {event.effective_on.isoformat()}）"
    return text


def timeline(
    app: Application, events: Iterable[ApplicationEvent] | None = None
) -> list[TimelineEntry]:
    """Every event of ``app`` in order, each as a sentence."""
    rows = events if events is not None else app.events.select_related("actor").order_by("at", "id")
    actors: dict[int, str] = {}
    return [
        TimelineEntry(
            event, describe_event(event, app, actors=actors), event.kind == EventKind.NOTE_ADDED
        )
        for event in rows
    ]
