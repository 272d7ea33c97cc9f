"""The ledger's errors: a file that cannot be read, and an import that was refused."""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.errors import GongkaiError

__all__ = ["MAX_PROBLEMS", "LedgerError", "LedgerFileError", "quoted"]

# A refused import lists at most this many problems, then says how many more there are:
# a sheet of 100,000 bad rows must not yield a 590 MB answer.
MAX_PROBLEMS = 200
# A problem quotes the cell it is about; a cell may be megabytes long.
_MAX_QUOTED = 40


def quoted(value: str) -> str:
    """A cell's text as a problem quotes it: in “ ”, at most 40 characters."""
    if len(value) > _MAX_QUOTED:
        value = f"{value[:_MAX_QUOTED]}…（共 {len(value)} 字）"
    return f"“{value}”"


class LedgerFileError(GongkaiError):
    """The file as a whole cannot be read as a register; one Chinese message."""

    default_code = "unreadable"


class LedgerError(GongkaiError):
    """The import was refused and nothing was written; ``problems`` says why, line by line.

    ``problems`` holds at most ``MAX_PROBLEMS`` problems of rows (each "第 N 行：…"), then
    "另有 N 处问题未列出。" when there were more, then one line per coded column that had a
    wrong value listing the values it accepts. ``read`` and ``refused`` count the data rows
    read and the rows that had a problem (both 0 when the file itself could not be read).
    """

    def __init__(
        self,
        problems: Iterable[object],
        *,
        read: int = 0,
        refused: int = 0,
        unlisted: int = 0,
        hints: Iterable[str] = (),
        code: str | None = None,
    ) -> None:
        listed = tuple(str(p) for p in problems)
        more = (f"另有 {unlisted} 处问题未列出。",) if unlisted else ()
        self.problems: tuple[str, ...] = listed + more + tuple(hints)
        self.read = read
        self.refused = refused
        self.unlisted = unlisted
        if refused:
            message = f"台账未导入：共读取 {read} 行，其中 {refused} 行有问题，全部未导入。"
        else:
            message = f"台账未导入：{listed[0] if listed else '文件无法读取。'}"
        super().__init__(
            message,
            log_message=f"ledger import refused: {read} rows read, {refused} refused",
            code=code,
        )
