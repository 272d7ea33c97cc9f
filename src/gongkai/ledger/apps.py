"""The ledger app: register files (台账) in and out; no models of its own."""

from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "gongkai.ledger"
    label = "ledger"
    verbose_name = "台账导入导出"
