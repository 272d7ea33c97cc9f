"""``manage export_ledger CODE [--format csv|xlsx] [--output FILE] [--unmasked]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.ledger import export_ledger
from gongkai.ledger.management.agency_command import AgencyCommand


class Command(AgencyCommand):
    help = (
        "导出台账（CSV 或 XLSX，列与导入格式相同）；默认遮蔽身份证号码和联系方式，"
        "--unmasked 导出完整信息（用于迁移，记入审计日志）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        parser.add_argument("--output", type=Path, help="输出文件（默认：CSV 写到标准输出）")
        parser.add_argument("--subtree", action="store_true", help="包括所属下级机关")
        parser.add_argument("--year", type=int, help="只导出该年度收到的申请")
        parser.add_argument(
            "--unmasked",
            action="store_true",
            help="不遮蔽个人信息（可重新导入，用于迁移；记入审计日志）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = self.agency(options)
        scope = agency.subtree() if options["subtree"] else Agency.objects.filter(pk=agency.pk)
        applications = Application.objects.filter(agency__in=scope)
        if options["year"]:
            applications = applications.filter(received_on__year=options["year"])
        output: Path | None = options["output"]
        if output is None and options["format"] == "xlsx":
            raise CommandError("XLSX 格式请用 --output 指定输出文件。")
        data = export_ledger(
            applications, options["format"], masked=not options["unmasked"], agency=agency
        )
        if output is None:
            sys.stdout.buffer.write(data)
            return
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"无法写入 {output}：{exc.strerror}") from None
        self.stdout.write(f"已导出 {applications.count()} 件申请到 {output}。")
