"""``gongkai demo`` / ``serve`` / ``manage``: the Django side of the command line.

Django is imported only inside the handlers, so the report commands never pay for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

__all__ = ["register"]

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin"


def register(subparsers: Any) -> None:
    """Add the demo, serve and manage sub-commands."""
    demo = subparsers.add_parser(
        "demo",
        help="建立演示数据库（演示数据与 admin/admin 账号）并启动管理界面",
        epilog="退出码：\n  0  成功\n  1  数据库中已有正式申请记录，未写入演示数据\n  2  参数或配置有误",
    )
    demo.add_argument("--no-serve", action="store_true", help="只建立数据库，不启动服务")
    demo.add_argument("--addr", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    demo.add_argument("--seed", type=int, default=2026, help="演示数据的随机种子")
    demo.set_defaults(handler=_demo)

    serve = subparsers.add_parser(
        "serve",
        help="迁移数据库并启动开发服务器",
        epilog="退出码：\n  0  服务器正常停止\n  2  参数或配置有误",
    )
    serve.add_argument("--addr", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    serve.set_defaults(handler=_serve)

    manage = subparsers.add_parser(
        "manage",
        help="Django 管理命令（原样转交，如 gongkai manage migrate）",
        description="把其后的参数原样交给 Django 的管理命令（gongkai manage help 列出全部命令）。",
        epilog="退出码：Django 管理命令的退出码；配置有误时为 2",
        add_help=False,
        # No option prefix: every argument, "--help" included, goes to Django untouched.
        prefix_chars="\x00",
    )
    manage.add_argument(
        "arguments", nargs=argparse.REMAINDER, metavar="参数", help="Django 管理命令及其参数"
    )
    manage.set_defaults(handler=_manage)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
        # Commands that skip Django's system checks (shell, dbshell) refuse too.
        from gongkai.web.security import refuse_insecure_start

        refuse_insecure_start()
    except ImproperlyConfigured as exc:  # a mistyped GONGKAI_* variable: one line, exit 2
        print(f"gongkai: 配置错误：{exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _demo(args: argparse.Namespace) -> int:
    # The demo is a development server on a throw-away database: debug mode, unless the
    # environment says otherwise explicitly.
    os.environ.setdefault("GONGKAI_DEBUG", "1")
    _setup()
    from django.conf import settings
    from django.contrib.auth.models import User

    from gongkai.applications.models import Application

    _migrate()
    database = settings.DATABASES["default"]
    if Application.objects.filter(is_demo=False).exists():
        # A register with real cases is never given demo rows or a known password.
        print(
            f"数据库 {database['NAME']} 中已有正式申请记录，演示命令不会写入演示数据或演示账号。",
            file=sys.stderr,
        )
        return 1
    if Application.objects.filter(is_demo=True).exists():
        print("演示数据已存在，未重复生成。")
    else:
        _create_demo_data(args.seed)
    if not User.objects.filter(username=DEMO_USERNAME).exists():
        User.objects.create_superuser(DEMO_USERNAME, password=DEMO_PASSWORD)
        print(f"已创建演示管理员：用户名 {DEMO_USERNAME}，密码 {DEMO_PASSWORD}（仅限演示数据库）。")
    else:
        print(f"演示管理员 {DEMO_USERNAME} 已存在（演示数据库的密码为 {DEMO_PASSWORD}）。")
    print(f"演示数据库：{database['NAME']}")
    if args.no_serve:
        return 0
    return _runserver(args.addr)


def _create_demo_data(seed: int) -> None:
    from gongkai.demo import create_demo_data

    summary = create_demo_data(seed=seed)
    print(f"已生成演示数据：{summary}")


def _serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("GONGKAI_DEBUG", "1")  # Django's development server
    _setup()
    _migrate()
    return _runserver(args.addr)


def _runserver(addr: str) -> int:
    from django.core.management import call_command

    print(f"工作台：http://{addr}/staff/  管理界面：http://{addr}/admin/ （按 Ctrl+C 停止）")
    call_command("runserver", addr, use_reloader=False)
    return 0


def _manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import ManagementUtility

    arguments = list(args.arguments)
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    try:
        ManagementUtility(["gongkai manage", *arguments]).execute()
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0
