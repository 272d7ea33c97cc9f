"""Reading published annual reports (text, HTML, DOCX, PDF) into the report model."""

from __future__ import annotations

from typing import Any

from ._document import Document, InputFormat, Line, UnreadableInput

__all__ = [
    "Document",
    "InputFormat",
    "Line",
    "ParseOptions",
    "UnreadableInput",
    "bytes_to_document",
    "document_to_reports",
    "parse_bytes",
    "parse_path",
    "path_to_document",
]

_LAZY = {
    "ParseOptions": "_pipeline",
    "document_to_reports": "_pipeline",
    "parse_bytes": "_pipeline",
    "parse_path": "_pipeline",
    "bytes_to_document": "read._decode",
    "path_to_document": "read._decode",
}


def __getattr__(name: str) -> Any:
    # Lazy: `gongkai deadline` and `gongkai demo` import this package (through the CLI) and
    # must not pay for the decoders' libraries at start-up.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
