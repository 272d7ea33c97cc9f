"""The receipt date of a request (art. 31): day 0 of the clock, fixed by the channel."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from ._errors import ClockError

__all__ = ["CHINA_TIME", "Channel", "ReceiptDateError", "receipt_date"]

# Dates of the clock are dates in China; an aware arrival timestamp is read in Beijing time.
CHINA_TIME = ZoneInfo("Asia/Shanghai")


class Channel(StrEnum):
    """How a request arrived; the keys are the ``Application.channel`` choices."""

    IN_PERSON = "in_person"  # 当面提交
    REGISTERED_POST = "registered_post"  # 邮寄（需签收）
    ORDINARY_LETTER = "ordinary_letter"  # 平信等无需签收的邮件
    FAX = "fax"  # 传真
    INTERNET = "internet"  # 互联网渠道
    OTHER = "other"  # 其他

    @property
    def label(self) -> str:
        """The channel's name as the register shows it."""
        return _CHANNEL_LABELS[self]

    @property
    def needs_confirmation(self) -> bool:
        """Whether the receipt date is a confirmation date rather than the arrival."""
        return self not in (Channel.IN_PERSON, Channel.REGISTERED_POST)


_CHANNEL_LABELS = {
    Channel.IN_PERSON: "当面",
    Channel.REGISTERED_POST: "邮寄（需签收）",
    Channel.ORDINARY_LETTER: "平信",
    Channel.FAX: "传真",
    Channel.INTERNET: "互联网",
    Channel.OTHER: "其他",
}


class ReceiptDateError(ClockError):
    """The channel, arrival and confirmation cannot give a receipt date (Chinese message)."""


def receipt_date(
    channel: Channel | str, arrived_at: datetime | date, confirmed_on: date | None
) -> date | None:
    """The art. 31 receipt date, or None while a required confirmation is missing.

    - in person: the day the request is handed in (``arrived_at``);
    - registered or express post: the day the agency signs for it (``arrived_at``);
    - ordinary letter: the day the disclosure office confirms with the applicant;
    - internet, fax: the day both sides confirm (双方确认之日);
    - other channels: the agency's own rule, else the confirmation date (the 2015 interpretation,
      国办公开办函〔2015〕207号, statute-facts A2), so the confirmation date here.
    None means the request has no receipt date yet: the clock has not started and the office
    must confirm with the applicant. Raises ReceiptDateError for an unknown channel or a
    confirmation dated before the arrival.
    """
    try:
        channel = Channel(channel)
    except ValueError:
        raise ReceiptDateError(f"未知的申请渠道：{channel!r}") from None
    arrived_on = _local_date(arrived_at)
    if not channel.needs_confirmation:
        return arrived_on
    if confirmed_on is None:
        return None
    confirmed = date(confirmed_on.year, confirmed_on.month, confirmed_on.day)
    if confirmed < arrived_on:
        raise ReceiptDateError(
            f"确认日期 {confirmed.isoformat()} 早于申请到达日期 {arrived_on.isoformat()}"
        )
    return confirmed


def _local_date(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(CHINA_TIME)
        return moment.date()
    return moment
