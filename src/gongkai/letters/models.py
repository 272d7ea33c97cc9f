"""Letters, their templates, each agency's letter settings and its yearly numbering."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.applications.choices import Outcome
from gongkai.applications.models import Application

from .choices import TEMPLATE_KEYS, LetterKind, template_label
from .placeholders import unknown_placeholders

__all__ = ["IssuedFiles", "Letter", "LetterNumbering", "LetterSettings", "LetterTemplate"]

_TEMPLATE_KEY_CHOICES = [(key, template_label(key)) for key in TEMPLATE_KEYS]


def _check_placeholders(field: str, text: str) -> None:
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            {field: f"未知的占位符：{'、'.join(unknown)}（可用的占位符见页面说明）"}
        )


class LetterSettings(models.Model):
    """An agency's letter settings: the number prefix and the bodies named in the remedy."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_settings"
    )
    number_prefix = models.CharField(
        "文号前缀", max_length=60, help_text="如：示范区政府信息公开（文号为 前缀〔年份〕第N号）"
    )
    reconsideration_body = models.CharField(
        "行政复议机关", max_length=200, help_text="如：示范区人民政府"
    )
    court = models.CharField("管辖法院", max_length=200, help_text="如：示范区人民法院")
    signatory = models.CharField(
        "落款机关名称", max_length=200, blank=True, help_text="留空则用机关名称"
    )

    class Meta:
        verbose_name = "告知书设置"
        verbose_name_plural = "告知书设置"

    def __str__(self) -> str:
        return f"{self.agency} · 告知书设置"


class LetterNumbering(models.Model):
    """The next serial of an agency's letters in one year (no gaps, no duplicates)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_numbering"
    )
    year = models.PositiveSmallIntegerField("年份")
    next_serial = models.PositiveIntegerField("下一个序号", default=1)

    class Meta:
        verbose_name = "告知书编号"
        verbose_name_plural = "告知书编号"
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="letters_numbering_unique"),
        )

    def __str__(self) -> str:
        return f"{self.agency} · {self.year} · 下一号 {self.next_serial}"


class LetterTemplate(models.Model):
    """An agency's own text for one kind (and outcome) of letter, replacing the default."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_templates"
    )
    key = models.CharField("文书类型", max_length=64, choices=_TEMPLATE_KEY_CHOICES)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="每行一段；占位符写作 {{ 申请人 }}")

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"
        constraints = (
            models.UniqueConstraint(fields=["agency", "key"], name="letters_template_unique"),
        )

    def __str__(self) -> str:
        return f"{self.agency} · {template_label(self.key)}"

    def clean(self) -> None:
        """Refuse placeholders that do not exist (a typo would print nothing)."""
        _check_placeholders("body", self.body)
        _check_placeholders("title", self.title)


class Letter(models.Model):
    """One letter of one case: a draft the office may edit, then issued and frozen."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField("文书种类", max_length=16, choices=LetterKind.choices)
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set once, by IssueLetter; after that the row is frozen (see save()).
    number = models.CharField("文号", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    issued_on = models.DateField("出具日期", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="出具人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory = models.CharField("落款机关", max_length=200, blank=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ("application", "created_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["application", "kind", "outcome"],
                condition=models.Q(issued_on__isnull=True),
                name="letters_one_draft_per_kind",
            ),
        )
        indexes = (models.Index(fields=["application", "kind"], name="letters_app_kind"),)

    def __str__(self) -> str:
        return self.number or f"{self.title}（草稿）"

    @property
    def is_issued(self) -> bool:
        """True once the letter has its number; it can no longer change."""
        return self.issued_on is not None

    def clean(self) -> None:
        """Refuse unknown placeholders left in the text and any edit of an issued letter."""
        _check_placeholders("body", self.body)
        if self.pk is not None and _stored_issued(self.pk):
            raise ValidationError("该告知书已出具，不能再修改。")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save; an issued letter is final (its number, text and files never change)."""
        if self.pk is not None and _stored_issued(self.pk):
            raise ValidationError("该告知书已出具，不能再修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Delete a draft; an issued letter is kept for the record."""
        if self.pk is not None and _stored_issued(self.pk):
            raise ValidationError("该告知书已出具，不能删除。")
        return super().delete(*args, **kwargs)


class IssuedFiles(models.Model):
    """The DOCX and PDF of an issued letter, kept as issued (apart: rows stay small)."""

    letter = models.OneToOneField(
        Letter, verbose_name="告知书", on_delete=models.PROTECT, related_name="files"
    )
    docx = models.BinaryField("DOCX 文件")
    pdf = models.BinaryField("PDF 文件")

    class Meta:
        verbose_name = "已出具告知书文件"
        verbose_name_plural = "已出具告知书文件"

    def __str__(self) -> str:
        return str(self.letter)


def _stored_issued(pk: int) -> bool:
    return Letter.objects.filter(pk=pk, issued_on__isnull=False).exists()
