"""``gongkai manage act``: take one step of an application from the command line.

The step's parameters are its form's fields, given as ``name=value``; the same action and
form as in the admin, the staff pages and the API. ``--list`` prints every action with its
parameters.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.applications.actions import ACTIONS, Action, ActionRefused, RegisterApplication
from gongkai.applications.models import Application


class Command(BaseCommand):
    help = "以指定用户身份办理一件申请的一个步骤（参数为 名称=值），与网页和接口使用同一操作"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", nargs="?", help="申请编号（登记新申请时写 -）")
        parser.add_argument("action", nargs="?", help="操作名称，如 answer；登记为 register")
        parser.add_argument("params", nargs="*", help="参数，名称=值，如 outcome=granted")
        parser.add_argument("--user", help="以该用户名办理（审计记录记为此人）")
        parser.add_argument("--list", action="store_true", help="列出所有操作及其参数")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            every: dict[str, type[Action]] = {"register": RegisterApplication, **ACTIONS}
            for name, action in every.items():
                fields = ", ".join(sorted(action.parameter_names()))
                self.stdout.write(f"{name}\t{action.label}\t{fields}")
            return
        if not options["reference"] or not options["action"] or not options["user"]:
            raise CommandError("用法：gongkai manage act 申请编号 操作 名称=值 … --user 用户名")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有用户名为“{options['user']}”的用户。")
        data = self._params(options["params"])
        try:
            app = self._run(user, options["reference"], options["action"], data)
        except ActionRefused as refused:
            details = "；".join(f"{k}：{'，'.join(v)}" for k, v in refused.errors.items())
            raise CommandError(refused.message + (f"（{details}）" if details else "")) from None
        self.stdout.write(
            f"{app.reference}\t{app.get_status_display()}\t答复期限 {app.deadline or '—'}"
        )

    @staticmethod
    def _params(pairs: list[str]) -> dict[str, str]:
        data: dict[str, str] = {}
        for pair in pairs:
            name, sep, value = pair.partition("=")
            if not sep or not name:
                raise CommandError(f"参数应写作 名称=值：{pair}")
            data[name] = value
        return data

    @staticmethod
    def _run(user: Any, reference: str, name: str, data: dict[str, str]) -> Application:
        if name == "register":
            agency = Agency.objects.filter(code=data.get("agency", "")).first()
            if agency is None:
                raise CommandError("请用 agency=机关代码 指定受理机关。")
            data["agency"] = str(agency.pk)
            return RegisterApplication.submit(user, None, data)
        action = ACTIONS.get(name)
        if action is None:
            raise CommandError(f"未知的操作：{name}（用 --list 查看）")
        app = Application.objects.filter(reference=reference).first()
        if app is None:
            raise CommandError(f"没有编号为“{reference}”的申请。")
        return action.submit(user, app, data)
