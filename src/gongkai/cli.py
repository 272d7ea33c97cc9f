"""The ``gongkai`` command: one entry point, sub-commands registered by their domains."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gongkai._argparse import EXIT_CODES_HELP, ChineseArgumentParser
from gongkai.errors import GongkaiError

__all__ = ["main"]

# Each module defines ``register(subparsers)``; a sub-parser sets ``handler`` to a function
# taking the parsed namespace and returning the exit code. Modules are imported here so
# that the report commands never import Django.
_COMMAND_MODULES = (
    "gongkai.report_cli",  # parse, check, render
    "gongkai.clock.cli",  # deadline
    "gongkai.web.cli",  # demo, serve, manage
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every domain's sub-commands (all of them in Chinese)."""
    parser = ChineseArgumentParser(
        prog="gongkai",
        description="政府信息公开工作系统：年度报告解析与核查、依申请公开台账",
        epilog=EXIT_CODES_HELP + "\n  130  被中断（Ctrl-C）\n\n各命令的说明：gongkai 命令 --help",
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser
    )
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args))
    except GongkaiError as error:  # refused on purpose: the user's message, not a traceback
        print(f"gongkai：{error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
