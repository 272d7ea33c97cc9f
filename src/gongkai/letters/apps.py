"""The letters app: the office's notices and answer letters to applicants and third parties."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gongkai.letters"
    label = "letters"
    verbose_name = "告知书"
    default_auto_field = "django.db.models.BigAutoField"
