"""The register (台账) in and out: import CSV/XLSX registers, all rows or none; export them.

``import_ledger(agency, data, filename, *, actor) -> ImportResult`` (the ``ImportLedger``
action) and ``export_ledger(applications, fmt, *, masked=True, actor=None, agency=None)``
are the library; the API, the admin and the management commands call these.

This package is also a Django app (no models), which Django imports before the models are
ready: the names below are loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._columns import ACCEPTED_VALUES, COLUMNS, HEADERS, REQUIRED_HEADERS, Column
    from ._errors import MAX_PROBLEMS, LedgerError, LedgerFileError
    from ._export import (
        ExportFormat,
        csv_bytes,
        export_ledger,
        ledger_rows,
        neutralised,
        xlsx_bytes,
    )
    from ._import import (
        IMPORT_ROLES,
        ImportLedger,
        ImportResult,
        LedgerFileForm,
        LedgerForbidden,
        import_ledger,
    )
    from ._read import MAX_FILE_BYTES, MAX_ROWS, Sheet, bytes_to_sheet
    from ._rows import LedgerProblem, LedgerRow, sheet_to_rows, unneutralised
    from ._xlsx import MAX_XML_BYTES

_HOME = {
    "ACCEPTED_VALUES": "_columns",
    "COLUMNS": "_columns",
    "HEADERS": "_columns",
    "REQUIRED_HEADERS": "_columns",
    "Column": "_columns",
    "MAX_PROBLEMS": "_errors",
    "LedgerError": "_errors",
    "LedgerFileError": "_errors",
    "ExportFormat": "_export",
    "csv_bytes": "_export",
    "xlsx_bytes": "_export",
    "export_ledger": "_export",
    "ledger_rows": "_export",
    "neutralised": "_export",
    "IMPORT_ROLES": "_import",
    "ImportLedger": "_import",
    "ImportResult": "_import",
    "LedgerFileForm": "_import",
    "LedgerForbidden": "_import",
    "import_ledger": "_import",
    "MAX_FILE_BYTES": "_read",
    "MAX_ROWS": "_read",
    "Sheet": "_read",
    "bytes_to_sheet": "_read",
    "LedgerProblem": "_rows",
    "LedgerRow": "_rows",
    "sheet_to_rows": "_rows",
    "unneutralised": "_rows",
    "MAX_XML_BYTES": "_xlsx",
}

__all__ = [
    "ACCEPTED_VALUES",
    "COLUMNS",
    "HEADERS",
    "IMPORT_ROLES",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_XML_BYTES",
    "REQUIRED_HEADERS",
    "Column",
    "ExportFormat",
    "ImportLedger",
    "ImportResult",
    "LedgerError",
    "LedgerFileError",
    "LedgerFileForm",
    "LedgerForbidden",
    "LedgerProblem",
    "LedgerRow",
    "Sheet",
    "bytes_to_sheet",
    "csv_bytes",
    "export_ledger",
    "import_ledger",
    "ledger_rows",
    "neutralised",
    "sheet_to_rows",
    "unneutralised",
    "xlsx_bytes",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
