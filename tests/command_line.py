"""Running ``gongkai`` in the test process: exit code, stdout and stderr of one command."""

from __future__ import annotations

import pytest

from gongkai.cli import main


def run_gongkai(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``gongkai ARGV``'s exit code (argparse's SystemExit included), stdout and stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
