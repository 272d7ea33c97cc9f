"""``manage import_ledger CODE FILE [--user NAME]``: import a CSV/XLSX register, all rows or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from gongkai.ledger import MAX_FILE_BYTES, LedgerError, import_ledger
from gongkai.ledger.management.agency_command import AgencyCommand

# A refused file is exit 2, like every refused input of the command line.
REFUSED = 2


class Command(AgencyCommand):
    help = (
        "导入台账文件（CSV 或 XLSX）：逐行检查，有任何错误行则全部不导入。"
        "退出码：0 已导入，1 参数错误，2 文件被拒绝。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("file", type=Path, help="台账文件（.csv 或 .xlsx）")
        parser.add_argument(
            "--user",
            help="以该用户名义导入（须为该机关的登记员或管理员）；省略时记为系统导入",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = self.agency(options)
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"没有用户名为“{options['user']}”的用户。")
        path: Path = options["file"]
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(
                    f"台账未导入：文件过大（上限 {MAX_FILE_BYTES // 1024 // 1024} MB），请分批导入。",
                    returncode=REFUSED,
                )
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from None
        try:
            result = import_ledger(agency, data, path.name, actor=actor)
        except LedgerError as exc:
            # A refused row list follows the counts; a file problem is the message itself.
            detail = "\n" + "\n".join(exc.problems) if exc.refused else ""
            raise CommandError(exc.message + detail, returncode=REFUSED) from None
        self.stdout.write(
            f"已导入 {result.imported} 件申请到{agency.name}（读取 {result.read} 行，"
            f"导入 {result.imported} 行，拒绝 {result.refused} 行）。"
        )
        if result.ignored_headers:
            self.stdout.write(f"以下列不属于台账格式，已忽略：{'、'.join(result.ignored_headers)}")
