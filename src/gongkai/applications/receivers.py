"""Signal receivers: a calendar change recomputes every open deadline."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarOverride, CalendarYear

__all__ = ["calendar_changed"]


@receiver(post_save, sender=CalendarOverride)
@receiver(post_delete, sender=CalendarOverride)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
def calendar_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Recompute open deadlines in the same transaction as the calendar change."""
    from .deadlines import recompute_open_deadlines

    recompute_open_deadlines(reason=f"工作日历调整：{instance}")
