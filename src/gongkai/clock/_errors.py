"""The clock's error: a date or setting it cannot count with (Chinese message for users)."""

from __future__ import annotations

from gongkai.errors import GongkaiError

__all__ = ["ClockError"]


class ClockError(GongkaiError, ValueError):
    """Inconsistent dates or settings for a deadline; still a ValueError for older callers."""
