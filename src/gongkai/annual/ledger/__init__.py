"""The register (台账) in and out: import CSV/XLSX registers, all rows or none; export them."""

from ._columns import COLUMNS, HEADERS, REQUIRED_HEADERS, Column
from ._io import ExportFormat, ImportResult, LedgerError, export_ledger, import_ledger, ledger_rows
from ._read import LedgerFileError, Sheet, bytes_to_sheet
from ._rows import LedgerProblem, LedgerRow, sheet_to_rows

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
