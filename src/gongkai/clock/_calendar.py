"""The working-day calendar: chinese-calendar's per-date data plus administrator overrides.

A working day is a Monday to Friday that the year's 国务院办公厅 notice does not give off, plus a
weekend day the notice declares a working day (调休上班), statute-facts D1. chinese-calendar
encodes exactly that per date; its ``Holiday.*.days`` attribute is stale (春节 3, 劳动节 1 while
the 2025 rules give 4 and 2) and is never used here.

Coverage. A year is *covered* when the package has its data or the administrator declares it
complete (``covered_years``: the year's notice has been entered as overrides). Overrides in a
year that is not declared complete still apply, but the year stays uncovered: one entered
holiday does not make a year's calendar known. For an uncovered year the calendar still answers,
with the weekday rule plus overrides, so that staff get a provisional date; callers must flag
it (``unknown_years``), never present it as settled.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from chinese_calendar.constants import Holiday
from chinese_calendar.constants import holidays as _package_holidays
from chinese_calendar.constants import workdays as _package_workdays

from ._errors import ClockError

__all__ = [
    "PACKAGE_YEARS",
    "DayInfo",
    "DaySource",
    "WorkCalendar",
    "default_calendar",
]

# The years chinese-calendar has data for (1.11.0: 2004-2026). Taken from its per-date table
# rather than hard-coded so that a package upgrade extends coverage by itself.
PACKAGE_YEARS = range(min(_package_holidays).year, max(_package_holidays).year + 1)

# Years beyond the last known year that are precomputed (weekday rule + overrides), so that
# provisional deadlines near the edge of the coverage are as fast as settled ones.
_PRECOMPUTED_MARGIN_YEARS = 3

_YEAR_LIMITS = (1900, 2199)

_HOLIDAY_NAMES_ZH: dict[str, str] = {
    str(holiday.value): str(holiday.chinese) for holiday in Holiday
}


class DaySource(StrEnum):
    """Where the status of a day comes from."""

    PACKAGE = "package"  # the chinese-calendar data (国务院办公厅 notices)
    OVERRIDE = "override"  # entered by an administrator
    # No entry for the day: Monday to Friday work. Settled in a year declared complete,
    # provisional in a year the calendar does not cover.
    WEEKDAY_RULE = "weekday_rule"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One day of the calendar: whether offices work, and why."""

    day: date
    is_workday: bool
    name: str | None  # the holiday a day off or a make-up working day belongs to
    source: DaySource

    @property
    def is_weekend(self) -> bool:
        """Saturday or Sunday."""
        return self.day.weekday() >= 5

    @property
    def is_makeup_workday(self) -> bool:
        """A weekend day declared a working day (调休上班)."""
        return self.is_workday and self.is_weekend

    @property
    def is_holiday(self) -> bool:
        """A day off that is more than an ordinary weekend day."""
        return not self.is_workday and (
            not self.is_weekend or self.name is not None or self.source is DaySource.OVERRIDE
        )


class WorkCalendar:
    """Working days by date, with cumulative counts precomputed for O(1) deadline arithmetic.

    ``overrides`` maps a date to True (working day) or False (day off) and wins over the
    package. ``notes`` names override days for explanations (e.g. "2027 年春节").
    ``covered_years`` declares years the administrator has entered completely (see the module
    docstring). The calendar is immutable: when the overrides change, build a new one.
    """

    __slots__ = (
        "_covered",
        "_first_ordinal",
        "_names",
        "_notes",
        "_overrides",
        "_through",
        "_workdays",
    )

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        covered_years: Iterable[int] = (),
        notes: Mapping[date, str] | None = None,
    ) -> None:
        self._overrides: dict[date, bool] = {}
        for day, is_workday in (overrides or {}).items():
            if not isinstance(day, date) or not isinstance(is_workday, bool):
                raise ClockError(f"日历调整项无效：{day!r} → {is_workday!r}")
            self._overrides[_plain_date(day)] = is_workday
        declared = set()
        for year in covered_years:
            if not isinstance(year, int) or not _YEAR_LIMITS[0] <= year <= _YEAR_LIMITS[1]:
                raise ClockError(f"声明已录入完整的年份无效：{year!r}")
            declared.add(year)
        self._covered = frozenset(PACKAGE_YEARS) | frozenset(declared)
        self._notes = {_plain_date(day): note for day, note in (notes or {}).items()}

        years = self._covered | {day.year for day in self._overrides}
        first = date(max(min(years) - 1, 1), 1, 1)
        last = date(min(max(years) + _PRECOMPUTED_MARGIN_YEARS, 9998), 12, 31)
        self._first_ordinal = first.toordinal()
        self._names: dict[int, str] = {}
        # _through[i]: working days from ``first`` up to and including first + i;
        # _workdays[k]: ordinal of the (k+1)-th working day from ``first``.
        self._through: list[int] = []
        self._workdays: list[int] = []
        count = 0
        for ordinal in range(self._first_ordinal, last.toordinal() + 1):
            info = self._classify(date.fromordinal(ordinal))
            if info.name is not None:
                self._names[ordinal] = info.name
            if info.is_workday:
                count += 1
                self._workdays.append(ordinal)
            self._through.append(count)

    # -- coverage -------------------------------------------------------------------------

    @property
    def covered_years(self) -> frozenset[int]:
        """Years whose working days are known (package data or declared complete)."""
        return self._covered

    def covers(self, year: int) -> bool:
        """Whether the year's holidays and make-up working days are known."""
        return year in self._covered

    def unknown_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years between two dates (inclusive) that the calendar does not cover."""
        covered = self._covered
        if first.year == last.year:
            return () if first.year in covered else (first.year,)
        low, high = sorted((first.year, last.year))
        return tuple(year for year in range(low, high + 1) if year not in covered)

    # -- days -----------------------------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        """Whether offices work on ``day``."""
        index = day.toordinal() - self._first_ordinal
        if 0 <= index < len(self._through):
            before = self._through[index - 1] if index else 0
            return self._through[index] > before
        return self._classify(day).is_workday

    def day(self, day: date) -> DayInfo:
        """The day's status, the holiday it belongs to and where that comes from."""
        return self._classify(_plain_date(day))

    def days(self, first: date, last: date) -> Iterator[DayInfo]:
        """Every day from ``first`` to ``last`` inclusive."""
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            yield self._classify(date.fromordinal(ordinal))

    def workdays_between(self, first: date, last: date) -> int:
        """The number of working days from ``first`` to ``last``, both included."""
        if last < first:
            return 0
        low = first.toordinal() - self._first_ordinal
        high = last.toordinal() - self._first_ordinal
        if low >= 0 and high < len(self._through):
            return self._through[high] - (self._through[low - 1] if low else 0)
        return sum(1 for info in self.days(first, last) if info.is_workday)

    def nth_workday_after(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``day`` itself not counted); n=0 is ``day``."""
        if n <= 0:
            if n < 0:
                raise ClockError(
                    "工作日数不能为负数", log_message="negative number of working days"
                )
            return day
        index = day.toordinal() - self._first_ordinal
        if 0 <= index < len(self._through):
            position = self._through[index] + n - 1
            if position < len(self._workdays):
                return date.fromordinal(self._workdays[position])
        # Outside the precomputed span (far from any known year): walk day by day.
        current = day
        one_day = timedelta(days=1)
        while n:
            current += one_day
            if self.is_workday(current):
                n -= 1
        return current

    def next_workday(self, day: date) -> date:
        """``day`` itself if offices work that day, else the first working day after it."""
        return day if self.is_workday(day) else self.nth_workday_after(day, 1)

    # -- building -------------------------------------------------------------------------

    def _classify(self, day: date) -> DayInfo:
        override = self._overrides.get(day)
        if override is not None:
            name = self._notes.get(day)
            if name is None and day.year in PACKAGE_YEARS:
                name = _package_name(day)
            return DayInfo(day, override, name, DaySource.OVERRIDE)
        if day.year in PACKAGE_YEARS:
            # chinese_calendar.is_workday's own rule, read from its per-date tables directly:
            # the function re-validates the year range against the whole table on every call.
            if day in _package_workdays:
                return DayInfo(day, True, _package_name(day), DaySource.PACKAGE)
            is_workday = day.weekday() < 5 and day not in _package_holidays
            return DayInfo(day, is_workday, _package_name(day), DaySource.PACKAGE)
        return DayInfo(day, day.weekday() < 5, None, DaySource.WEEKDAY_RULE)


def _package_name(day: date) -> str | None:
    # As chinese_calendar.get_holiday_detail: a make-up working day carries its holiday's name.
    name = _package_workdays.get(day) or _package_holidays.get(day)
    if name is None:
        return None
    return _HOLIDAY_NAMES_ZH.get(str(name), str(name))


def _plain_date(day: date) -> date:
    # A datetime is a date subclass; its time must not leak into dictionary keys.
    return date(day.year, day.month, day.day)


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The calendar of the chinese-calendar package alone, without overrides (built once)."""
    return WorkCalendar()
