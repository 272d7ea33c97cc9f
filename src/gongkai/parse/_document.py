"""The decoded form of any input file: numbered lines of cells, whatever the format was."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.errors import GongkaiError

__all__ = ["MAX_LINES", "TOO_MANY_LINES", "Document", "InputFormat", "Line", "UnreadableInput"]

# A report is a few hundred lines, a scraped page of fifteen years' reports a few thousand;
# a file of more lines than this is not a report and would cost more than one file's budget.
MAX_LINES = 200_000
TOO_MANY_LINES = f"文件超过 {MAX_LINES:,} 行，不像年度报告，拒绝读取"


class InputFormat(StrEnum):
    """The container format an input was decoded from."""

    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the decoded source.

    ``cells`` holds the cells of a table row (split on pipes, or the cells of an HTML/DOCX
    table row, merged cells not repeated) or a single element for a line of running text or
    of PDF text (where words are separated by spaces). ``tabular`` says the cells came from a
    table structure. Text is already converted to simplified characters but not otherwise
    normalised: NFKC and label matching belong to extraction.
    """

    number: int
    cells: tuple[str, ...]
    tabular: bool = False

    @property
    def text(self) -> str:
        """The line as one string, cells joined by a space."""
        return " ".join(self.cells)


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input: its name, format and lines."""

    name: str
    format: InputFormat
    lines: tuple[Line, ...]


class UnreadableInput(GongkaiError):
    """An input that cannot be read as a report (or is refused as too costly to read);
    ``message`` is a one-line Chinese message. The command line exits with status 2."""

    default_code = "unreadable"

    def __init__(self, message: str, *, log_message: str | None = None) -> None:
        super().__init__(message, log_message=log_message or f"unreadable input: {message}")
