"""Bounds on what one PDF may cost: inflated stream bytes, glyphs and pages.

pdfminer inflates every Flate stream whole (a 2 MB file can hold a 2 GB stream) and turns
every glyph of a page into an object before anything can look at it. While a PDF is read
under ``pdf_budget()``, pdfminer's inflation goes through a counting stand-in for ``zlib``
and the page device counts glyphs; crossing a limit raises PdfTooCostly (an
UnreadableInput) out of pdfminer, and the file is refused instead of read for minutes.
Outside ``pdf_budget()`` pdfminer behaves exactly as before.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .._document import UnreadableInput

__all__ = ["MAX_GLYPHS", "MAX_INFLATED_BYTES", "MAX_PAGES", "PdfTooCostly", "pdf_budget"]

# A report holds some 500 glyphs a page (100,000 would be 200 pages) and inflates to a few
# tens of MB, its fonts included; these limits keep the worst input within 10 s and 1 GB.
MAX_INFLATED_BYTES = 128 * 1024 * 1024
MAX_GLYPHS = 100_000
MAX_PAGES = 1_000

_MB = 1024 * 1024


class PdfTooCostly(UnreadableInput):
    """A PDF beyond the limits of one input file."""

    default_code = "too_large"


@dataclass(slots=True)
class _Budget:
    inflated: int = 0
    glyphs: int = 0

    def inflate(self, count: int) -> None:
        self.inflated += count
        if self.inflated > MAX_INFLATED_BYTES:
            raise PdfTooCostly(
                f"PDF 解压后的数据超过 {MAX_INFLATED_BYTES // _MB} MB（可能是压缩炸弹），拒绝读取"
            )

    def remaining(self) -> int:
        return max(0, MAX_INFLATED_BYTES - self.inflated)


_local = threading.local()
_installed = False
_install_lock = threading.Lock()


def _current() -> _Budget | None:
    budget: _Budget | None = getattr(_local, "budget", None)
    return budget


@contextmanager
def pdf_budget() -> Iterator[_Budget]:
    """Read a PDF within the limits (per thread): PdfTooCostly when one is crossed."""
    _install()
    budget = _Budget()
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = None


def check_pages(count: int) -> None:
    """PdfTooCostly for a document of more pages than any report has."""
    if count > MAX_PAGES:
        raise PdfTooCostly(f"PDF 超过 {MAX_PAGES} 页，不像年度报告，拒绝读取")


class _CountingDecompressor:
    """zlib's decompressor, its output counted against the budget and capped by it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        budget = _current()
        if budget is None:
            out: bytes = self._inner.decompress(data, max_length)
            return out
        cap = budget.remaining() + 1
        out = self._inner.decompress(data, cap if max_length <= 0 else min(cap, max_length))
        budget.inflate(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _ZlibStandIn:
    """What pdfminer sees as ``zlib``: the same, with inflation counted and capped."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 16384) -> bytes:
        budget = _current()
        if budget is None:
            return zlib.decompress(data, wbits, bufsize)
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, budget.remaining() + 1)
        budget.inflate(len(out))
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> _CountingDecompressor:
        return _CountingDecompressor(zlib.decompressobj(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's reading of a Flate stream with a bad checksum, in linear time.

    Its own feeds one byte at a time into a growing bytes object (quadratic); this feeds
    blocks, and only the block where the data breaks byte by byte, with the same outcome:
    everything inflated before the break, or zlib.error if the break is not in the last
    bytes (the checksum)."""
    inflater = _ZlibStandIn.decompressobj()
    out = bytearray()
    block = 4096
    for start in range(0, len(data), block):
        chunk = data[start : start + block]
        before = inflater.copy()
        try:
            out += inflater.decompress(chunk)
            continue
        except zlib.error:
            inflater = _CountingDecompressor(before)
        for offset in range(len(chunk)):
            try:
                out += inflater.decompress(chunk[offset : offset + 1])
            except zlib.error:
                if start + offset < len(data) - 3:
                    raise
                return bytes(out)
    return bytes(out)


def _install() -> None:
    global _installed
    if _installed:
        return
    with _install_lock:
        if _installed:
            return
        import pdfminer.pdftypes
        import pdfplumber.page

        pdfminer.pdftypes.zlib = _ZlibStandIn()  # type: ignore[attr-defined,assignment]
        pdfminer.pdftypes.decompress_corrupted = _decompress_corrupted
        device = pdfplumber.page.PDFPageAggregatorWithMarkedContent
        render_char = device.render_char

        def counted_render_char(self: Any, *args: Any, **kwargs: Any) -> Any:
            budget = _current()
            if budget is not None:
                budget.glyphs += 1
                if budget.glyphs > MAX_GLYPHS:
                    raise PdfTooCostly(
                        f"PDF 的文字超过 {MAX_GLYPHS:,} 个字符，不像年度报告，拒绝读取"
                    )
            return render_char(self, *args, **kwargs)

        device.render_char = counted_render_char  # type: ignore[method-assign]
        _installed = True
