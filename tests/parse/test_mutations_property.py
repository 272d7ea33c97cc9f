"""Property: mutations of real seed reports give reports or a documented refusal, nothing else.

Byte flips, truncation, lines duplicated, removed or swapped, and huge numbers inserted,
applied to the seeds as text (UTF-8 and GBK) and as HTML. The only outcomes allowed are a
list of reports (validated: the findings are computed too) or a GongkaiError, which the
command line turns into exit status 2 for that file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report import Report
from tests.conftest import SEEDS
from tests.parse.hostile import parsed_or_refused, text_to_html


@cache
def _seed_texts() -> tuple[str, ...]:
    return tuple(path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt")))


def _flip(data: bytearray, draw: st.DrawFn) -> None:
    for _ in range(draw(st.integers(1, 16))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= draw(st.integers(1, 255))


def _truncate(data: bytearray, draw: st.DrawFn) -> None:
    del data[draw(st.integers(0, len(data) - 1)) :]


def _lines(data: bytearray, draw: st.DrawFn) -> None:
    lines = bytes(data).split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["duplicate", "remove", "swap"]))
    if how == "duplicate":
        lines.insert(j, lines[i])
    elif how == "remove":
        del lines[i]
    else:
        lines[i], lines[j] = lines[j], lines[i]
    data[:] = b"\n".join(lines)


def _huge_number(data: bytearray, draw: st.DrawFn) -> None:
    digits = draw(st.sampled_from([16, 29, 30, 31, 60, 4301, 5000]))
    number = draw(st.sampled_from(["9", "1", "0"])) * digits
    suffix = draw(st.sampled_from(["", "件", "%", ".5", " | "]))
    at = draw(st.integers(0, len(data)))
    data[at:at] = (number + suffix).encode()


_MUTATIONS = (_flip, _truncate, _lines, _huge_number)


@st.composite
def mutated_reports(draw: st.DrawFn) -> tuple[bytes, str]:
    """A seed report in some layout and encoding, with one to four mutations."""
    text = draw(st.sampled_from(_seed_texts()))
    layout = draw(st.sampled_from(["utf-8", "gbk", "html"]))
    if layout == "html":
        data, name = bytearray(text_to_html(text).encode()), "report.html"
    else:
        data, name = bytearray(text.encode(layout, "replace")), "report.txt"
    for mutation in draw(st.lists(st.sampled_from(_MUTATIONS), min_size=1, max_size=4)):
        if data:
            mutation(data, draw)
    return bytes(data), name


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_reports())
def test_a_mutated_report_gives_reports_or_a_documented_error(case: tuple[bytes, str]) -> None:
    reports = parsed_or_refused(*case)
    assert all(isinstance(report, Report) for report in reports)
    for report in reports:
        report.as_json()  # every figure and finding can be written out
        assert all(len(str(figure.value)) <= 40 for figure in report)


_CONTAINERS = (
    Path(__file__).parents[1] / "data" / "realistic" / "tianqiao-2022-office.docx",
    Path(__file__).parents[1] / "data" / "realistic" / "tianqiao-2022-office.pdf",
    Path(__file__).parents[1] / "data" / "realistic" / "ankang-2019-big5.html",
)


@st.composite
def mutated_containers(draw: st.DrawFn) -> tuple[bytes, str]:
    """A DOCX, PDF or Big5 HTML fixture with flipped bytes or cut short."""
    path = draw(st.sampled_from(_CONTAINERS))
    data = bytearray(path.read_bytes())
    for mutation in draw(st.lists(st.sampled_from((_flip, _truncate)), min_size=1, max_size=2)):
        if data:
            mutation(data, draw)
    return bytes(data), path.name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_containers())
def test_a_mutated_docx_pdf_or_html_gives_reports_or_a_documented_error(
    case: tuple[bytes, str],
) -> None:
    for report in parsed_or_refused(*case):
        report.as_json()
