"""The layout rules of docs/architecture.md that a reader could break without noticing."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "gongkai"
MAX_LINES = 500


def _modules() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_only_the_records_module_writes_application_events() -> None:
    writes = re.compile(
        r"(?<!class )ApplicationEvent\(|ApplicationEvent\.objects\.(create|bulk_create)"
    )
    writers = sorted(
        str(p.relative_to(SRC)) for p in _modules() if writes.search(p.read_text(encoding="utf-8"))
    )
    assert writers == ["applications/records.py"]


def test_the_subtree_query_is_written_once() -> None:
    places = sorted(
        str(p.relative_to(SRC))
        for p in _modules()
        if "path__startswith" in p.read_text(encoding="utf-8")
    )
    assert places == ["agencies/models.py"]
