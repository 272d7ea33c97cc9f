"""Rendering an annual report's tables in the national layout: HTML, Markdown, plain text."""

from ._html import report_to_html, reports_to_html
from ._markdown import report_to_markdown
from ._text import report_to_text

__all__ = ["report_to_html", "report_to_markdown", "report_to_text", "reports_to_html"]
