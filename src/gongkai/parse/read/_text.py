"""Plain text (already decoded) -> numbered lines; a line with pipes is a table row."""

from __future__ import annotations

from .._document import Line

__all__ = ["text_to_lines"]


def text_to_lines(text: str) -> tuple[Line, ...]:
    """The non-blank lines of ``text``, numbered as in the source, pipe rows split into cells."""
    # Only CR LF, CR and LF end a line: str.splitlines would also split on form feed,
    # vertical tab and U+2028, and line numbers would no longer match an editor's.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    append = lines.append
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if "|" in stripped:
            # Empty cells are kept, trailing ones included: they are the positions of
            # merged or blank cells of the table the text was scraped from.
            append(Line(number, tuple(map(str.strip, stripped.split("|"))), True))
        else:
            append(Line(number, (stripped,), False))
    return tuple(lines)
