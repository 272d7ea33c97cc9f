"""Choices of the applications app, each tied to the statute (statute-facts.md A2-A8)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from gongkai.clock import NEW_REGULATION_IN_FORCE, Channel, PauseKind, Regulation, regulation_for
from gongkai.fees import FeeMethod
from gongkai.report import T3_COLUMNS, T4_COLUMNS

__all__ = [
    "ANSWER_OUTCOMES",
    "CHANNEL_CHOICES",
    "NEW_REGULATION_IN_FORCE",
    "OPEN_STATUSES",
    "OUTCOME_BASES",
    "OUTCOME_T3_LABELS",
    "PAUSE_CHOICES",
    "RULES_CHOICES",
    "ApplicantKind",
    "Channel",
    "ConsultationKind",
    "DisputeResult",
    "DisputeRoute",
    "EventKind",
    "FeeMethodChoice",
    "Outcome",
    "OutcomeBasis",
    "PauseKind",
    "Regulation",
    "Status",
    "choices_of",
    "regulation_for",
]

# Terms of the statute are defined once, in the pure core (gongkai.clock: Channel,
# PauseKind, Regulation and regulation_for, NEW_REGULATION_IN_FORCE); the register's field
# choices are built from them and the names are re-exported here for the apps.


def choices_of(terms: Iterable[Any], label: str = "label") -> list[tuple[str, str]]:
    """Django field choices from a pure-core enumeration whose members carry a label."""
    return [(str(term.value), str(getattr(term, label))) for term in terms]


CHANNEL_CHOICES = choices_of(Channel)
RULES_CHOICES = choices_of(Regulation, "short_label")
PAUSE_CHOICES = choices_of(PauseKind)


# Labels come from the metric dictionary, so the register and the report cannot drift apart
# (a key missing from the dictionary fails at import).
_T3_COLUMN = dict(T3_COLUMNS)
_T4_COLUMN = dict(T4_COLUMNS)


class ApplicantKind(models.TextChoices):
    """The applicant columns of table 3."""

    NATURAL_PERSON = "natural_person", _T3_COLUMN["natural_person"]
    COMMERCIAL = "commercial", _T3_COLUMN["commercial"]
    RESEARCH = "research", _T3_COLUMN["research"]
    SOCIAL_WELFARE = "social_welfare", _T3_COLUMN["social_welfare"]
    LEGAL_SERVICES = "legal_services", _T3_COLUMN["legal_services"]
    OTHER_ORG = "other_org", _T3_COLUMN["other_org"]


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    IN_PROGRESS = "in_progress", "办理中"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    CLOSED = "closed", "已办结"


# Every status but 已办结: the case is still on the clock or waiting.
OPEN_STATUSES: frozenset[str] = frozenset(s for s in Status.values if s != Status.CLOSED)


class Outcome(models.TextChoices):
    """The table-3 outcome rows (2021 format); the label is the row's printed text."""

    GRANTED = "granted", "予以公开"
    PARTIALLY_GRANTED = "partially_granted", "部分公开"
    DENIED_STATE_SECRET = "denied.state_secret", "不予公开：属于国家秘密"
    DENIED_PROHIBITED_BY_LAW = "denied.prohibited_by_law", "不予公开：其他法律行政法规禁止公开"
    DENIED_THREE_SAFETIES = (
        "denied.three_safeties_one_stability",
        "不予公开：危及“三安全一稳定”",
    )
    DENIED_THIRD_PARTY = "denied.third_party_rights", "不予公开：保护第三方合法权益"
    DENIED_INTERNAL = "denied.internal_affairs", "不予公开：属于三类内部事务信息"
    DENIED_PROCESS = "denied.process_information", "不予公开：属于四类过程性信息"
    DENIED_ENFORCEMENT = "denied.enforcement_case_file", "不予公开：属于行政执法案卷"
    DENIED_QUERY = "denied.administrative_query", "不予公开：属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable.not_held", "无法提供：本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = (
        "unavailable.needs_creation",
        "无法提供：没有现成信息需要另行制作",
    )
    UNAVAILABLE_STILL_UNCLEAR = "unavailable.still_unclear", "无法提供：补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed.petition_complaint", "不予处理：信访举报投诉类申请"
    NOT_PROCESSED_REPEATED = "not_processed.repeated", "不予处理：重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed.publication", "不予处理：要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive", "不予处理：无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = (
        "not_processed.confirmation",
        "不予处理：要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_CORRECTION = "other.no_correction", "其他处理：申请人无正当理由逾期不补正"
    OTHER_FEE_UNPAID = "other.fee_unpaid", "其他处理：申请人逾期未按收费通知要求缴纳费用"
    OTHER_OTHER = "other.other", "其他处理：其他"


@dataclass(frozen=True, slots=True)
class OutcomeBasis:
    """The legal basis of an outcome; ``uncertain`` marks the [U] links of statute-facts."""

    article: str
    uncertain: bool = False


OUTCOME_BASES: dict[str, OutcomeBasis] = {
    Outcome.GRANTED: OutcomeBasis("第三十六条第（一）（二）项"),
    Outcome.PARTIALLY_GRANTED: OutcomeBasis("第三十七条"),
    Outcome.DENIED_STATE_SECRET: OutcomeBasis("第十四条"),
    Outcome.DENIED_PROHIBITED_BY_LAW: OutcomeBasis("第十四条"),
    Outcome.DENIED_THREE_SAFETIES: OutcomeBasis("第十四条"),
    Outcome.DENIED_THIRD_PARTY: OutcomeBasis("第十五条、第三十二条"),
    Outcome.DENIED_INTERNAL: OutcomeBasis("第十六条第一款"),
    Outcome.DENIED_PROCESS: OutcomeBasis("第十六条第二款"),
    Outcome.DENIED_ENFORCEMENT: OutcomeBasis("第十六条第二款"),
    # A6: the link of 行政查询事项 to art. 36(7) is not confirmed by the format's notes.
    Outcome.DENIED_QUERY: OutcomeBasis("第三十六条第（七）项", uncertain=True),
    # Table 3 （四）1 absorbs both "does not exist" (36(4)) and "not ours" (36(5)).
    Outcome.UNAVAILABLE_NOT_HELD: OutcomeBasis("第三十六条第（四）（五）项"),
    Outcome.UNAVAILABLE_NEEDS_CREATION: OutcomeBasis("第三十八条"),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: OutcomeBasis("第三十条"),
    Outcome.NOT_PROCESSED_PETITION: OutcomeBasis("第三十九条第一款"),
    Outcome.NOT_PROCESSED_REPEATED: OutcomeBasis("第三十六条第（六）项"),
    Outcome.NOT_PROCESSED_PUBLICATION: OutcomeBasis("第三十九条第二款"),
    Outcome.NOT_PROCESSED_EXCESSIVE: OutcomeBasis("第三十五条"),
    # A7: a category of the report format with no explicit article.
    Outcome.NOT_PROCESSED_CONFIRMATION: OutcomeBasis("无明确条文（年报格式类别）", uncertain=True),
    Outcome.OTHER_NO_CORRECTION: OutcomeBasis("第三十条"),
    Outcome.OTHER_FEE_UNPAID: OutcomeBasis("《政府信息公开信息处理费管理办法》"),
    Outcome.OTHER_OTHER: OutcomeBasis("—"),
}


def _t3_labels() -> dict[str, str]:
    from gongkai.report import T3_ROWS

    return {row.row: row.label for row in T3_ROWS if row.row in Outcome.values}


# The printed table-3 row of each outcome, e.g. "1.属于国家秘密" under "（三）不予公开".
OUTCOME_T3_LABELS: dict[str, str] = _t3_labels()

# Outcomes an answer may carry; the two abandonment outcomes come only from the expiry
# actions (expire_correction, expire_fee) so that their preconditions are checked.
ANSWER_OUTCOMES: frozenset[str] = frozenset(Outcome.values) - {
    Outcome.OTHER_NO_CORRECTION,
    Outcome.OTHER_FEE_UNPAID,
}


class ConsultationKind(models.TextChoices):
    """Whom a consultation asks: the pause kinds a consultation may start."""

    THIRD_PARTY = PauseKind.THIRD_PARTY.value, PauseKind.THIRD_PARTY.label
    CO_PRODUCER = PauseKind.CO_PRODUCER.value, PauseKind.CO_PRODUCER.label


class FeeMethodChoice(models.TextChoices):
    """The two ways of the 2020 measures, as the pure fee calculator names them."""

    PER_ITEM = FeeMethod.PER_ITEM.value, FeeMethod.PER_ITEM.label
    PER_PAGE = FeeMethod.PER_PAGE.value, FeeMethod.PER_PAGE.label


class DisputeRoute(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "未经复议直接起诉"
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", "复议后起诉"


class DisputeResult(models.TextChoices):
    UPHELD = "upheld", _T4_COLUMN["upheld"]
    CORRECTED = "corrected", _T4_COLUMN["corrected"]
    OTHER = "other", _T4_COLUMN["other"]
    PENDING = "pending", _T4_COLUMN["pending"]


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CORRECTION_EXPIRED = "correction_expired", "逾期未补正"
    CONSULTATION_STARTED = "consultation_started", "开始征求意见"
    CONSULTATION_ENDED = "consultation_ended", "征求意见结束"
    EXTENSION_APPROVED = "extension_approved", "批准延期"
    ROUTED = "routed", "转部门协查"
    FEE_NOTICE_ISSUED = "fee_notice_issued", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    FEE_EXPIRED = "fee_expired", "逾期未缴费"
    WITHDRAWN = "withdrawn", "撤回申请"
    ANSWERED = "answered", "答复"
    DELIVERED = "delivered", "送达"
    REOPENED = "reopened", "重新办理"
    DISPUTE_FILED = "dispute_filed", "复议诉讼立案"
    DISPUTE_DECIDED = "dispute_decided", "复议诉讼审结"
    DEADLINE_RECOMPUTED = "deadline_recomputed", "期限重算"
    PERSONAL_DATA_REVEALED = "personal_data_revealed", "查看完整身份信息"
    ASSIGNED = "assigned", "分派承办人"
    NOTE_ADDED = "note_added", "内部备注"
    LETTER_ISSUED = "letter_issued", "出具告知书"
