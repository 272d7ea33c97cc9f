"""``gongkai deadline`` under random and mutated argument lists: a result or a documented error.

The only outcomes allowed: a due date (exit 0, or 3 when it is provisional), ``--help``, or one
Chinese error message on stderr with exit 2. Never a traceback, never another exit status.
Run in-process through ``gongkai.cli.main`` for speed.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gongkai.cli import main

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")

dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
near_dates = st.dates(min_value=date(2007, 1, 1), max_value=date(2031, 12, 31))
junk = st.text(
    alphabet=st.sampled_from("0123456789-:,.Ww年月日 \t-/\\x\u3000\uff10\uff0d\x00é"),
    max_size=14,
)


def _date_text(day: date) -> str:
    return day.isoformat()


valid_date = near_dates.map(_date_text)
bad_date = st.one_of(dates.map(_date_text), junk, st.just(""), st.just("2025-02-30"))
# Mostly well-formed, so that the mutations reach the counting and not only the parser.
date_token = st.integers(0, 7).flatmap(lambda n: bad_date if n == 0 else valid_date)
ordered_pause = st.tuples(near_dates, st.integers(0, 60)).map(
    lambda t: f"{t[0].isoformat()}:{date.fromordinal(t[0].toordinal() + t[1]).isoformat()}"
)
pause_token = st.one_of(
    ordered_pause,
    ordered_pause,
    st.tuples(near_dates, near_dates).map(lambda d: f"{d[0].isoformat()}:{d[1].isoformat()}"),
    st.tuples(date_token, date_token).map(lambda t: f"{t[0]}:{t[1]}"),
    date_token,
)
year_token = st.one_of(
    st.integers(min_value=1990, max_value=2040).map(str),
    st.integers().map(str),
    junk,
)
calendar_line = st.one_of(
    st.tuples(near_dates, st.sampled_from(["上班", "休息", "workday", "off", "放假"])).map(
        lambda t: f"{t[0].isoformat()},{t[1]}"
    ),
    st.tuples(dates, st.sampled_from(["上班", "休息"]), junk).map(
        lambda t: f"{t[0].isoformat()},{t[1]},{t[2]}"
    ),
    junk,
    st.just("# 注释"),
    st.just("日期,类型,说明"),
)
calendar_file = st.one_of(
    st.lists(calendar_line, max_size=8).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.lists(calendar_line, max_size=8).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.binary(max_size=40),  # not UTF-8, NUL bytes and all
)


def _option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda value: [name, value])


good_options = st.one_of(
    _option("--rules", st.sampled_from(["2008", "2019"])),
    st.just(["--extended"]),
    st.just(["--count-receipt-day"]),
    _option("--pause", pause_token),
    _option("--restart", date_token),
    _option("--complete-year", st.integers(min_value=2020, max_value=2035).map(str)),
    st.just(["--calendar", "<CALENDAR>"]),
)
bad_options = st.one_of(
    _option("--rules", junk),
    _option("--complete-year", year_token),
    st.just(["--calendar", "/no/such/calendar.csv"]),
    st.just(["--calendar", "https://example.cn/calendar.csv"]),
    st.just(["--pause"]),  # an option missing its value
    junk.map(lambda text: [text]),
    junk.map(lambda text: [f"--{text}"]),
)
options = st.integers(0, 5).flatmap(lambda n: bad_options if n == 0 else good_options)


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    # Nearly always a RECEIVED date; sometimes none, which is an error of its own.
    arguments = [draw(date_token)] if draw(st.integers(0, 9)) else []
    for option in draw(st.lists(options, max_size=6)):
        arguments.extend(option)
    # Mutations: drop, duplicate or move one token, or cut the list short.
    mutation = draw(
        st.sampled_from(["none", "none", "none", "drop", "duplicate", "shuffle", "cut"])
    )
    if arguments and mutation != "none":
        index = draw(st.integers(min_value=0, max_value=len(arguments) - 1))
        if mutation == "drop":
            del arguments[index]
        elif mutation == "duplicate":
            arguments.insert(index, arguments[index])
        elif mutation == "shuffle":
            arguments = draw(st.permutations(arguments))
        else:
            arguments = arguments[:index]
    return list(arguments)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="gongkai-deadline-") as name:
        yield Path(name)


def _run(arguments: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["deadline", *arguments])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return code, out.getvalue(), err.getvalue()


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(arguments=argument_lists(), calendar=calendar_file)
def test_only_a_result_or_a_documented_error(
    workdir: Path, arguments: list[str], calendar: bytes
) -> None:
    calendar_path = workdir / "calendar.csv"
    calendar_path.write_bytes(calendar)
    arguments = [str(calendar_path) if a == "<CALENDAR>" else a for a in arguments]

    code, out, err = _run(arguments)
    event(f"exit {code}")

    assert "Traceback" not in out + err
    if code in (0, 3) and out.lstrip().lower().startswith(("usage", "用法")):
        return  # --help (or an abbreviation of it) among the junk
    if code in (0, 3):
        lines = out.splitlines()
        assert lines and _ISO.match(lines[0]), (arguments, out, err)
        assert any(line.startswith(("答复期限：", "补正告知期限：")) for line in lines)
        assert (code == 3) == ("警告" in err), (arguments, err)
        return
    assert code == 2, (arguments, code, out, err)
    assert out == "", (arguments, out)
    assert err.strip(), arguments
    assert _CJK.search(err), (arguments, err)  # the message is Chinese
