"""The parse pipeline: bytes -> Document -> sections -> Reports (tables, prose, findings)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.report import Report

from ._document import Document
from .locate._split import Section, document_to_sections
from .prose._prose import lines_to_prose
from .read._decode import bytes_to_document, path_to_document
from .tables._tables import lines_to_tables

__all__ = [
    "ParseOptions",
    "document_to_reports",
    "parse_bytes",
    "parse_path",
    "section_to_report",
    "validate_reports",
]


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """Options of one parse run."""

    validate: bool = True  # attach validation findings (single report and across years)

    def __post_init__(self) -> None:
        if not isinstance(self.validate, bool):
            raise TypeError("ParseOptions.validate must be a bool")


def section_to_report(section: Section, *, source: str, index: int) -> Report:
    """Read one report's tables and prose into a Report (no validation)."""
    tables = lines_to_tables(section.lines, year=section.year)
    generation = tables.generation  # decided by the tables, or the year, in one place
    report = Report(
        source=source,
        index=index,
        agency=section.agency,
        year=section.year,
        generation=generation,
        first_line=section.first_line,
        last_line=section.last_line,
    )
    report.figures.update(tables.figures)
    report.findings.extend(tables.findings)
    if generation is not None:
        prose = lines_to_prose(section.lines, generation=generation, skip=tables.table_lines)
        for key, figure in prose.figures.items():
            # A table cell outranks the prose: the prose value stays a Statement.
            report.figures.setdefault(key, figure)
        report.statements.extend(prose.statements)
        report.breakdowns.extend(prose.breakdowns)
        report.percentages.extend(prose.percentages)
        report.absences.extend(prose.absences)
        report.findings.extend(prose.findings)
    return report


def validate_reports(reports: Sequence[Report]) -> None:
    """Attach validation findings to each report: its own rules, then across years."""
    from gongkai.validate import attach_findings, attach_series_findings

    for report in reports:
        attach_findings(report)
    attach_series_findings(reports)


def document_to_reports(
    document: Document, *, source: str | None = None, options: ParseOptions | None = None
) -> list[Report]:
    """Every report found in a decoded document, in order of appearance."""
    options = options or ParseOptions()
    name = document.name if source is None else source
    reports = [
        section_to_report(section, source=name, index=index)
        for index, section in enumerate(document_to_sections(document))
    ]
    if options.validate:
        validate_reports(reports)
    return reports


def parse_bytes(data: bytes, name: str, *, options: ParseOptions | None = None) -> list[Report]:
    """Parse the reports in an in-memory file; raises UnreadableInput for unreadable data."""
    return document_to_reports(bytes_to_document(data, name), options=options)


def parse_path(
    path: str | os.PathLike[str], *, options: ParseOptions | None = None
) -> list[Report]:
    """Parse the reports in a file; raises UnreadableInput for an unreadable file."""
    return document_to_reports(path_to_document(path), source=os.fspath(path), options=options)
