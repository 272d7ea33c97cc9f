"""The command line's argument parser, in Chinese: usage, help, and argparse's own errors.

argparse writes its usage line, section titles and error messages in English; every
``gongkai`` command and sub-command is built on :class:`ChineseArgumentParser` instead, which
translates them and answers a bad argument with one Chinese line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

__all__ = [
    "EXIT_2_HELP",
    "EXIT_CODES_HELP",
    "ChineseArgumentParser",
    "ChineseHelpFormatter",
    "translate",
]

# Exit status 2 as the file-reading commands' own epilogs also state it.
EXIT_2_HELP = "  2  参数有误，或有文件无法读取、被拒绝（其余文件照常处理）"
EXIT_CODES_HELP = f"""\
退出码：
  0  成功
  1  check 发现错误；其他命令为内部错误
{EXIT_2_HELP}
  3  deadline 的结果为暂定（日历未覆盖所涉年份）"""

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^unrecognized arguments: (.*)$"), "无法识别的参数：{0}"),
    (re.compile(r"^the following arguments are required: (.*)$"), "缺少参数：{0}"),
    (re.compile(r"^one of the arguments (.*) is required$"), "以下参数必须给出一个：{0}"),
    (re.compile(r"^ambiguous option: (\S+) could match (.*)$"), "选项 {0} 有歧义，可能是：{1}"),
    (re.compile(r"^argument (\S+): expected one argument$"), "参数 {0} 需要一个值"),
    (re.compile(r"^argument (\S+): expected at most one argument$"), "参数 {0} 最多接受一个值"),
    (re.compile(r"^argument (\S+): expected at least one argument$"), "参数 {0} 至少需要一个值"),
    (re.compile(r"^argument (\S+): expected (\d+) arguments?$"), "参数 {0} 需要 {1} 个值"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"),
        "参数 {0} 的取值 {1} 无效，可选：{2}",
    ),
    (
        re.compile(r"^argument (\S+): invalid (\S+) value: (.*)$"),
        "参数 {0} 的取值 {2} 无效（应为{1}）",
    ),
    (re.compile(r"^argument (\S+): not allowed with argument (.*)$"), "参数 {0} 不能与 {1} 同用"),
    (re.compile(r"^argument (\S+): ignored explicit argument (.*)$"), "参数 {0} 不接受取值 {1}"),
    (re.compile(r"^argument (\S+): (.*)$"), "参数 {0}：{1}"),
)
_TYPE_NAMES = {"int": "整数", "float": "数字"}


def translate(message: str) -> str:
    """argparse's English error message in Chinese (messages already Chinese pass through)."""
    for pattern, template in _MESSAGES:
        match = pattern.match(message)
        if match:
            groups = [_TYPE_NAMES.get(g, g) for g in match.groups()]
            return template.format(*groups)
    return message if not message.isascii() else f"参数错误：{message}"


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help text with a Chinese usage line; descriptions and epilogs keep their line breaks."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An argument parser that speaks Chinese; its sub-parsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False  # added below, with a Chinese help text
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            prefix = self.prefix_chars[0]
            self.add_argument(
                f"{prefix}h",
                f"{prefix * 2}help",
                action="help",
                default=argparse.SUPPRESS,
                help="显示本帮助并退出",
            )

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse's, but arguments left over are an error of this (sub-)command."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            # Reported here rather than by the top-level parser, so that the message names
            # the sub-command whose arguments they are.
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def error(self, message: str) -> NoReturn:
        """One Chinese line on stderr, exit status 2."""
        print(f"{self.prog}：{translate(message)}（用法见 {self.prog} --help）", file=sys.stderr)
        raise SystemExit(2)
