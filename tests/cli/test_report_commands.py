"""End-to-end tests of `gongkai parse`, `gongkai check` and `gongkai render` on the real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.command_line import run_gongkai as run
from tests.conftest import FIXTURES, seed


def test_parse_json_tianqiao(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", "--json", str(seed("000")))
    assert code == 0, err
    reports = json.loads(out)["reports"]
    assert [r["year"] for r in reports] == list(range(2022, 2007, -1))
    assert [r["index"] for r in reports] == list(range(15))
    assert {r["agency"] for r in reports} == {"济南市天桥区人民政府"}
    assert [r["generation"] for r in reports[:5]] == ["2021", "2021", "2019", "2019", "2008"]
    first = reports[0]
    assert first["source"] == str(seed("000"))
    assert first["metrics"]["t3.received_new.total"] == 323
    assert first["metrics"]["t4.reconsideration.total"] == 56
    assert set(first) == {"source", "index", "agency", "year", "generation", "metrics", "findings"}
    assert reports[1]["findings"]  # the 2021 report's misprinted row
    for finding in reports[1]["findings"]:
        assert set(finding) == {"rule", "severity", "message", "keys", "suggestion"}


def test_parse_all_seeds_and_pdf_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(seed(p)) for p in ("000", "001", "002", "003", "004")]
    code, out, err = run(capsys, "parse", *files, str(FIXTURES / "hongze-2024.pdf"))
    assert code == 0, err
    reports = json.loads(out)["reports"]
    assert len(reports) == 15 + 4 + 1
    by_agency = {(r["agency"], r["year"]) for r in reports}
    assert ("淮安市洪泽区人民政府", 2024) in by_agency
    assert ("安康高新区管委会", 2019) in by_agency


def test_parse_csv_one_row_per_report_and_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--csv", str(seed("004")))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0].keys() >= {"source", "index", "agency", "year", "generation", "key", "value"}
    cells = {r["key"]: r["value"] for r in rows}
    assert cells["t3.received_new.total"] == "2"
    assert cells["t4.litigation_direct.total"] == "3"
    assert len(cells) == len(rows)  # one row per key


def test_check_finds_tianqiao_2021_cell_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", str(seed("000")))
    assert code == 1
    report_2021 = json.loads(out)["reports"][1]
    suggestions = [f["suggestion"] for f in report_2021["findings"] if f["suggestion"]]
    assert {"key": "t3.other.no_correction.total", "value": 3} in suggestions


def test_check_text_output_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(seed("004")))
    assert code == 1  # prose denies lawsuits that table 4 counts
    assert "安康高新区管委会 2019年" in out
    assert "[错误]" in out


def test_unreadable_inputs_name_the_file_and_others_go_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    poem = tmp_path / "poem.txt"
    poem.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = run(
        capsys, "check", str(empty), str(binary), str(poem), str(missing), str(seed("004"))
    )
    assert code == 2
    *lines, summary = err.strip().splitlines()
    assert len(lines) == 4
    assert summary == "gongkai: 共读取 5 个文件，1 份年度报告，4 个文件未能读取"
    for path, line in zip((empty, binary, poem, missing), lines, strict=True):
        assert str(path) in line
    assert "未找到政府信息公开工作年度报告" in lines[2]
    assert "Traceback" not in err
    assert "安康高新区管委会" in out  # the readable file was still checked


def test_render_markdown_and_html(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "render", "--format", "markdown", str(seed("004")))
    assert code == 0
    assert "一、本年新收政府信息公开申请数量" in out
    code, out, _ = run(capsys, "render", "--index", "0", "-o", str(tmp_path), str(seed("000")))
    assert code == 0
    written = Path(out.strip())
    assert written.parent == tmp_path
    html = written.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "rowspan" in html


def test_command_line_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    blob = tmp_path / "x.pdf"
    blob.write_bytes(b"%PDF-1.4\n%garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "gongkai", "parse", str(blob)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert str(blob) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_render_several_reports_to_stdout_is_one_html_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "render", str(seed("000")))
    assert code == 0
    assert out.count("<html") == 1
    assert out.count("<article>") == 15
    assert "济南市天桥区人民政府2019年政府信息公开工作年度报告" in out


def test_a_directory_stands_for_the_files_below_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "ankang.txt").write_bytes(seed("004").read_bytes())
    (tmp_path / "guiding.txt").write_bytes(seed("001").read_bytes())
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    code, out, err = run(capsys, "parse", "--csv", str(tmp_path))
    assert code == 0
    sources = {row["source"] for row in csv.DictReader(io.StringIO(out))}
    assert sources == {str(tmp_path / "2019" / "ankang.txt"), str(tmp_path / "guiding.txt")}
    assert err.strip() == "gongkai: 共读取 2 个文件，2 份年度报告"
