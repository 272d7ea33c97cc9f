"""The base of the ledger's commands: each is about one agency, named by its code."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency


class AgencyCommand(BaseCommand):
    """A command whose first argument is an agency's code."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="机关代码")

    def agency(self, options: dict[str, Any]) -> Agency:
        """The agency named by ``options["code"]``; a Chinese CommandError if there is none."""
        agency = Agency.objects.filter(code=options["code"]).first()
        if agency is None:
            raise CommandError(f"没有代码为“{options['code']}”的机关。")
        return agency
