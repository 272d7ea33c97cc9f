"""``manage import_ledger CODE FILE``: import a CSV/XLSX register, all rows or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.annual.ledger import LedgerError, import_ledger


class Command(BaseCommand):
    help = "导入台账文件（CSV 或 XLSX）：逐行检查，有任何错误行则全部不导入"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="机关代码")
        parser.add_argument("file", type=Path, help="台账文件（.csv 或 .xlsx）")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["code"]).first()
        if agency is None:
            raise CommandError(f"没有代码为“{options['code']}”的机关。")
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from None
        try:
            result = import_ledger(agency, data, path.name)
        except LedgerError as exc:
            raise CommandError("台账未导入，请更正以下问题：\n" + "\n".join(exc.problems)) from None
        self.stdout.write(f"已导入 {result.created} 件申请到{agency.name}。")
        if result.ignored_headers:
            self.stdout.write(f"以下列不属于台账格式，已忽略：{'、'.join(result.ignored_headers)}")
