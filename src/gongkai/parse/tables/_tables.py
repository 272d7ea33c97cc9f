"""The standard tables (2, 3, 4) of one report, from its decoded lines.

Each table is found by its markers (section heading, header cells), its lines are turned into
tokens once, and a table reader assigns the numbers to metric keys. The sums of a table are
used only to choose a layout or to split digits that ran together, never to change a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.report import Figure, Finding, Generation, Severity

from .._document import Line
from ..locate._regions import Regions, texts_to_regions
from ._labels import (
    compact,
    is_page_furniture,
    t2_generation_hint,
)
from ._numbers import MAX_DIGITS, long_digit_runs
from ._table2 import Table2, lines_to_table2
from ._table3 import Table3, lines_to_table3
from ._table4 import Table4, lines_to_table4
from ._tokens import TokenLine, line_to_tokens, strip_outer_pipes

__all__ = ["TableExtraction", "lines_to_tables"]


@dataclass(frozen=True, slots=True)
class TableExtraction:
    """The figures of tables 2, 3 and 4 of one report, and what reading them found."""

    figures: dict[str, Figure]
    generation: Generation | None  # the tables' layout, else the year's; None if neither says
    split_other: bool | None  # True when (六)其他处理 is printed as three sub-rows
    findings: list[Finding]
    table_lines: frozenset[int]  # line numbers the tables occupy


def _tokens(
    lines: Sequence[Line], texts: Sequence[str], region: tuple[int, int]
) -> list[TokenLine]:
    start, stop = region
    kept = [lines[i] for i in range(start, stop) if not is_page_furniture(texts[i])]
    return [line_to_tokens(line) for line in strip_outer_pipes(kept)]


def _decoded_finding(keys: list[str]) -> Finding:
    return Finding(
        "parse.decoded",
        Severity.INFO,
        "表格中有数字连在一起印出，已按行列合计关系唯一拆分：" + "、".join(keys),
        tuple(keys),
    )


def _damaged_numbers(lines: Sequence[Line], regions: Regions) -> list[Finding]:
    """A finding per table line holding a digit run too long to be a figure (read as none)."""
    findings: list[Finding] = []
    seen: set[int] = set()
    for region, table in ((regions.t2, "表二"), (regions.t3, "表三"), (regions.t4, "表四")):
        if region is None:
            continue
        for line in lines[slice(*region)]:
            runs = long_digit_runs(line.text)
            if not runs or line.number in seen:
                continue
            seen.add(line.number)
            longest = max(len(run) for run in runs)
            findings.append(
                Finding(
                    "parse.number_too_long",
                    Severity.WARNING,
                    f"{table}第{line.number}行有一个 {longest} 位的数字（最多 {MAX_DIGITS} 位），"
                    "不是有效的统计数字，该格未读取",
                )
            )
    return findings


def _read_t2(
    lines: list[TokenLine], generation: Generation | None, *, truncated: bool
) -> tuple[Table2, Generation]:
    if generation is not None:
        return lines_to_table2(lines, generation, truncated=truncated), generation
    # No header said which format: take the columns the rows fit best.
    new = lines_to_table2(lines, Generation.Y2021, truncated=truncated)
    old = lines_to_table2(lines, Generation.Y2019, truncated=truncated)
    if (len(old.figures), -len(old.findings)) > (len(new.figures), -len(new.findings)):
        return old, Generation.Y2019
    return new, Generation.Y2021


def lines_to_tables(lines: Sequence[Line], *, year: int | None = None) -> TableExtraction:
    """Tables 2, 3 and 4 of one report's lines; arbitrary text gives an empty extraction."""
    lines = list(lines)
    texts = [compact(line.text) for line in lines]
    regions = texts_to_regions(texts)
    t3 = None
    if regions.t3 is not None:
        t3 = lines_to_table3(_tokens(lines, texts, regions.t3), truncated=regions.t3_truncated)
    hint: Generation | None = None
    t2_lines: list[TokenLine] = []
    if regions.t2 is not None:
        found_hint = t2_generation_hint("".join(texts[slice(*regions.t2)]))
        hint = None if found_hint is None else Generation(found_hint)
        t2_lines = _tokens(lines, texts, regions.t2)
    t4 = None
    if regions.t4 is not None:
        t4 = lines_to_table4(_tokens(lines, texts, regions.t4), truncated=regions.t4_truncated)
    generation = _printed_generation(hint, t3, year)
    t2 = None
    if t2_lines:
        t2, t2_generation = _read_t2(t2_lines, hint or generation, truncated=regions.t2_truncated)
        if t2.found:
            generation = generation or t2_generation
    return _extraction(lines, regions, (t2, t3, t4), _generation(generation, t3, year, t2, t4))


def _printed_generation(
    hint: Generation | None, t3: Table3 | None, year: int | None
) -> Generation | None:
    """The layout the tables are read in: what table 2 or 3 shows, else the year's."""
    if hint is Generation.Y2021 or (t3 is not None and t3.split_other):
        return Generation.Y2021
    if hint is Generation.Y2019:
        return Generation.Y2019
    if year is not None:
        generation = Generation.for_year(year)
        # Standard tables in a report dated before 2019: the nearest format that has them.
        return Generation.Y2019 if generation is Generation.OLD else generation
    return None


def _generation(
    read_in: Generation | None,
    t3: Table3 | None,
    year: int | None,
    t2: Table2 | None,
    t4: Table4 | None,
) -> Generation | None:
    """The report's layout generation, decided here once for the whole parse: the tables'
    when any standard table was read, else the year's (None when neither says)."""
    if not any(t is not None and t.found for t in (t2, t3, t4)):
        return None if year is None else Generation.for_year(year)
    if read_in is None and t3 is not None and t3.found:
        # Only table 3 and no year: an undivided 其他处理 is the 2019 format's.
        return Generation.Y2019 if t3.split_other is False else Generation.Y2021
    return read_in


def _extraction(
    lines: Sequence[Line],
    regions: Regions,
    tables: tuple[Table2 | None, Table3 | None, Table4 | None],
    generation: Generation | None,
) -> TableExtraction:
    """The figures, findings and lines of the tables read."""
    figures: dict[str, Figure] = {}
    findings: list[Finding] = []
    decoded: list[str] = []
    for table in tables:
        if table is not None and table.found:
            figures.update(table.figures)
            findings.extend(table.findings)
            decoded.extend(table.decoded)
    if decoded:
        findings.insert(0, _decoded_finding(decoded))
    findings.extend(_damaged_numbers(lines, regions))
    t3 = tables[1]
    return TableExtraction(
        figures=figures,
        generation=generation,
        split_other=None if t3 is None else t3.split_other,
        findings=findings,
        table_lines=_table_lines(lines, regions, tables),
    )


def _table_lines(
    lines: Sequence[Line],
    regions: Regions,
    tables: tuple[Table2 | None, Table3 | None, Table4 | None],
) -> frozenset[int]:
    """The line numbers the tables occupy (table 4 up to its last figure read)."""
    out: set[int] = set()
    t2, t3, t4 = tables
    for table, region in ((t2, regions.t2), (t3, regions.t3)):
        if table is not None and table.found and region is not None:
            out.update(line.number for line in lines[slice(*region)])
    if t4 is not None and t4.found and regions.t4 is not None:
        last = max((f.origin.line for f in t4.figures.values() if f.origin), default=0)
        out.update(
            line.number
            for line in lines[slice(*regions.t4)]
            if line.number <= last or not t4.figures
        )
    return frozenset(out)
