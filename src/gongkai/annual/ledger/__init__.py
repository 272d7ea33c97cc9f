"""Moved to ``gongkai.ledger``; this re-export keeps old imports working until the API switches."""

from gongkai.ledger import (
    COLUMNS,
    HEADERS,
    REQUIRED_HEADERS,
    Column,
    ExportFormat,
    ImportResult,
    LedgerError,
    LedgerFileError,
    LedgerProblem,
    LedgerRow,
    Sheet,
    bytes_to_sheet,
    export_ledger,
    import_ledger,
    ledger_rows,
    sheet_to_rows,
)

__all__ = [
    "COLUMNS",
    "HEADERS",
    "REQUIRED_HEADERS",
    "Column",
    "ExportFormat",
    "ImportResult",
    "LedgerError",
    "LedgerFileError",
    "LedgerProblem",
    "LedgerRow",
    "Sheet",
    "bytes_to_sheet",
    "export_ledger",
    "import_ledger",
    "ledger_rows",
    "sheet_to_rows",
]
