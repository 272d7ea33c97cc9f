"""``gongkai deadline``: the due date first, the explanation after, exit codes 0 / 2 / 3."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.command_line import run_gongkai


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_gongkai(capsys, "deadline", *args)


def test_prints_due_date_then_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    # The Spring Festival 2025 case of test_clock: 2025-02-21.
    code, out, err = run(capsys, "2025-01-20")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0] == "2025-02-21"
    assert "春节 2025-01-28 至 2025-02-04（8 天）" in out
    assert lines[-1].startswith("答复期限：2025-02-21")


def test_options(capsys: pytest.CaptureFixture[str]) -> None:
    # 2008 rules + extension: the 2018-09-25 case of test_clock, 2018-11-09.
    code, out, _ = run(capsys, "2018-09-25", "--rules", "2008", "--extended")
    assert code == 0 and out.splitlines()[0] == "2018-11-09"
    # Consultation 3-10..3-21 excluded: 2025-04-15.
    code, out, _ = run(capsys, "2025-03-03", "--pause", "2025-03-10:2025-03-21")
    assert code == 0 and out.splitlines()[0] == "2025-04-15"
    # Correction received 3-10: 2025-04-08.
    code, out, _ = run(capsys, "2025-03-03", "--restart", "2025-03-10")
    assert code == 0 and out.splitlines()[0] == "2025-04-08"
    # Receipt day counted: 2025-03-28.
    code, out, _ = run(capsys, "2025-03-03", "--count-receipt-day")
    assert code == 0 and out.splitlines()[0] == "2025-03-28"


def test_forcing_2019_rules_on_an_old_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2018-09-25", "--rules", "2019")
    assert code == 0 and "法定期限：20 个工作日" in out


def test_beyond_the_calendar_exits_3_with_provisional_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "2026-12-10")
    assert code == 3
    assert out.splitlines()[0] == "2027-01-07"
    assert "警告" in err and "2027" in err and "暂定" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2025-02-30",), "日期无效"),
        (("2025-03-03", "--pause", "2025-03-21:2025-03-10"), "晚于结束日期"),
        (("2025-03-03", "--pause", "2025-03-21"), "期间无效"),
        (("2025-03-03", "--rules", "2010"), "取值 '2010' 无效"),
        (("2025-03-03", "--frobnicate"), "无法识别的参数"),
        ((), "缺少参数"),
        (("2025-03-03", "--restart", "2025-03-01"), "不能早于收到申请的日期"),
        (("9999-12-31",), "超出可计算的范围"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_as_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "deadline", "2026-12-10"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 3
    assert result.stdout.splitlines()[0] == "2027-01-07"
    assert "Traceback" not in result.stderr
