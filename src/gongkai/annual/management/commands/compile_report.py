"""``manage compile_report CODE YEAR``: the compiled annual report as JSON or HTML."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.annual.compile import CompileError, compile_report


class Command(BaseCommand):
    help = "从台账编制某机关某年度的年度报告（表二手工填报，表三、表四统计），输出 JSON 或 HTML"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="机关代码")
        parser.add_argument("year", type=int, help="报告年度")
        parser.add_argument("--subtree", action="store_true", help="汇总所属下级机关")
        parser.add_argument("--html", action="store_true", help="输出 HTML 表格")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["code"]).first()
        if agency is None:
            raise CommandError(f"没有代码为“{options['code']}”的机关。")
        try:
            report = compile_report(
                agency, options["year"], include_subordinates=options["subtree"]
            )
        except CompileError as exc:
            raise CommandError(str(exc)) from None
        if options["html"]:
            from gongkai.render import report_to_html

            self.stdout.write(report_to_html(report))
        else:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
