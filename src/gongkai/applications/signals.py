"""Signals of the register."""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["action_executed", "deadlines_recomputed"]

# Sent inside the action's transaction after its audit event is written, with keyword
# arguments ``action`` (the action name), ``application`` and ``event``. A receiver that
# raises rolls the whole action back.
action_executed = Signal()

# Sent after a calendar change recomputed open deadlines, with ``changed`` (count).
deadlines_recomputed = Signal()
