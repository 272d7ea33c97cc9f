"""``manage export_ledger CODE [--format csv|xlsx] [--output FILE]``: the register as a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.annual.ledger import export_ledger
from gongkai.applications.models import Application


class Command(BaseCommand):
    help = "导出台账（CSV 或 XLSX，列与导入格式相同）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="机关代码")
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        parser.add_argument("--output", type=Path, help="输出文件（默认：CSV 写到标准输出）")
        parser.add_argument("--subtree", action="store_true", help="包括所属下级机关")
        parser.add_argument("--year", type=int, help="只导出该年度收到的申请")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["code"]).first()
        if agency is None:
            raise CommandError(f"没有代码为“{options['code']}”的机关。")
        scope = agency.subtree() if options["subtree"] else Agency.objects.filter(pk=agency.pk)
        applications = Application.objects.filter(agency__in=scope)
        if options["year"]:
            applications = applications.filter(received_on__year=options["year"])
        data = export_ledger(applications, options["format"])
        output: Path | None = options["output"]
        if output is None:
            if options["format"] == "xlsx":
                raise CommandError("XLSX 格式请用 --output 指定输出文件。")
            sys.stdout.buffer.write(data)
            return
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"无法写入 {output}：{exc.strerror}") from None
        self.stdout.write(f"已导出 {applications.count()} 件申请到 {output}。")
