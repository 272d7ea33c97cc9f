"""A mistyped GONGKAI_* setting stops the Django commands with one line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("name", "value"),
    [("GONGKAI_CLOCK_NON_WORKING_RECEIPT", "bogus"), ("GONGKAI_FEES_FROM", "2021-13-01")],
)
def test_bad_setting_is_one_line_and_exit_2(name: str, value: str) -> None:
    env = {**os.environ, name: value}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "gongkai", "manage", "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("gongkai: 配置错误：")
    assert name in proc.stderr
    assert "Traceback" not in proc.stderr
