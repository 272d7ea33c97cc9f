"""The web layer as a Django app: it registers the production check and the lockout log."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Settings checks and security signal receivers of the site."""

    name = "gongkai.web"
    label = "gongkai_web"
    verbose_name = "网站"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.core.checks import register

        from .security import check_production_settings, log_lockout

        register(check_production_settings)
        user_locked_out.connect(log_lockout, dispatch_uid="gongkai.web.security.log_lockout")
