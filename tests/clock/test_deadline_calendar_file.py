"""`gongkai deadline --calendar FILE`: administrator days for years the package does not know."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.command_line import run_gongkai


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_gongkai(capsys, "deadline", *argv)


def test_a_declared_complete_year_removes_the_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calendar = tmp_path / "2027.csv"
    calendar.write_text("日期,类型,说明\n2027-01-01,休息,元旦\n", encoding="utf-8")
    # Without the file: 2027 unknown, weekdays only, provisional 2027-01-07, exit 3.
    code, out, err = run(capsys, "2026-12-10")
    assert (code, out.splitlines()[0]) == (3, "2027-01-07")
    assert "2027" in err
    # With the file: 元旦 is off, so one working day later, and the year is known.
    code, out, err = run(
        capsys, "2026-12-10", "--calendar", str(calendar), "--complete-year", "2027"
    )
    assert (code, out.splitlines()[0], err) == (0, "2027-01-08", "")
    assert "元旦 2027-01-01" in out


def test_days_without_complete_year_still_flag_the_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calendar = tmp_path / "2027.csv"
    calendar.write_text("2027-01-01,休息\n", encoding="utf-8")
    code, out, _ = run(capsys, "2026-12-10", "--calendar", str(calendar))
    assert (code, out.splitlines()[0]) == (3, "2027-01-08")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("2027-02-30,休息\n", "第 1 行无效"),
        ("# 注释\n2027-01-01,放假\n", "第 2 行无效"),
    ],
)
def test_a_bad_calendar_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    calendar = tmp_path / "bad.csv"
    calendar.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "2026-12-10", "--calendar", str(calendar))
    assert (code, out) == (2, "")
    assert err.startswith("gongkai deadline：日历文件") and message in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_calendar_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "2026-12-10", "--calendar", str(tmp_path / "none.csv"))
    assert code == 2 and "无法读取日历文件" in err
