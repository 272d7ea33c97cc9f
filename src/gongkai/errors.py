"""The project's one exception base: a Chinese message for users, an English one for logs.

Every error that gongkai raises on purpose derives from :class:`GongkaiError`. Code that
shows an error to a person (a page, the API, the command line) prints ``message``; code that
logs it writes ``log_message``. ``code`` is a short machine word for the kind of failure,
which the API maps to an HTTP status and the command line to an exit status.
"""

from __future__ import annotations

__all__ = ["GongkaiError"]


class GongkaiError(Exception):
    """Base of gongkai's errors: ``message`` (Chinese, for users), ``log_message`` (English)."""

    #: The default kind of failure; subclasses narrow it ("invalid", "forbidden", "conflict",
    #: "not_found", "unreadable", "too_large", "uncertain").
    default_code: str = "invalid"

    def __init__(self, message: str, *, log_message: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.log_message = log_message or message
        self.code = code or self.default_code

    def __str__(self) -> str:
        return self.message
