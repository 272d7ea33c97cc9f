"""The staff workspace's own records: which morning reminders were sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["ReminderSent"]


class ReminderSent(models.Model):
    """One morning reminder e-mailed to one user: `gongkai manage remind` sends it once a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    day = models.DateField("日期")
    case_count = models.PositiveIntegerField("案件数")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "到期提醒记录"
        verbose_name_plural = "到期提醒记录"
        constraints = (
            models.UniqueConstraint(fields=["user", "day"], name="staff_remindersent_once_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.day}"
