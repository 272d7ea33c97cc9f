"""The statutory clock on real calendar dates (chinese-calendar data = the 国务院办公厅 notices).

Every expected date is counted by hand in the comment above it: "(n)" is the n-th counted
working day. Day 0 is the receipt date unless a test says otherwise.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest

from gongkai.clock import (
    PACKAGE_YEARS,
    Channel,
    ClockRules,
    DaySource,
    DeadlineKind,
    ExclusionKind,
    NonWorkingReceipt,
    ReceiptDateError,
    Regulation,
    WorkCalendar,
    compute_deadline,
    consultation_reply_due,
    correction_due,
    default_calendar,
    fee_payment_due,
    receipt_date,
    regulation_for,
)

D = date
CAL = default_calendar()


def due(received_on: date, **options: object) -> date:
    return compute_deadline(received_on, calendar=CAL, **options).due_on  # type: ignore[arg-type]


# -- the calendar -------------------------------------------------------------------------


def test_package_years_are_2004_to_2026() -> None:
    # chinesecalendar 1.11.0 (statute-facts D2); an upgrade may only extend this.
    assert PACKAGE_YEARS.start == 2004
    assert PACKAGE_YEARS.stop - 1 >= 2026


def test_spring_festival_2025_days_and_makeup_days() -> None:
    # 国办发明电〔2024〕12号: 1-28 (除夕) to 2-4 off; Sunday 1-26 and Saturday 2-8 worked.
    assert [CAL.is_workday(D(2025, 1, 28) + timedelta(days=i)) for i in range(8)] == [False] * 8
    assert CAL.is_workday(D(2025, 1, 26)) and CAL.is_workday(D(2025, 2, 8))
    makeup = CAL.day(D(2025, 1, 26))
    assert makeup.is_makeup_workday and makeup.name == "春节"
    assert CAL.day(D(2025, 1, 28)).name == "春节"
    assert CAL.is_workday(D(2025, 2, 5))
    assert not CAL.is_workday(D(2025, 2, 9))  # an ordinary Sunday


def test_calendar_agrees_with_the_package_on_every_day() -> None:
    day = D(PACKAGE_YEARS.start, 1, 1)
    last = D(PACKAGE_YEARS.stop - 1, 12, 31)
    mismatches = []
    while day <= last:
        if CAL.is_workday(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


def test_nth_workday_agrees_with_package_find_workday() -> None:
    # find_workday(n, d) is the n-th working day after d when d is itself a working day.
    day = D(2024, 1, 2)
    while day < D(2026, 6, 1):
        if chinese_calendar.is_workday(day):
            for n in (1, 7, 20, 40):
                assert CAL.nth_workday_after(day, n) == chinese_calendar.find_workday(n, day)
        day += timedelta(days=3)


def test_workdays_between_counts_both_ends() -> None:
    # 2025-03-10 (Mon) to 2025-03-21 (Fri): two full weeks.
    assert CAL.workdays_between(D(2025, 3, 10), D(2025, 3, 21)) == 10
    assert CAL.workdays_between(D(2025, 3, 21), D(2025, 3, 10)) == 0
    # National Day 2024: 10-1..10-7 off, 9-29 (Sun) worked.
    assert CAL.workdays_between(D(2024, 9, 28), D(2024, 10, 7)) == 2


def test_year_beyond_the_package_is_not_covered() -> None:
    assert CAL.covers(2026) and not CAL.covers(2027)
    assert CAL.unknown_years(D(2026, 12, 1), D(2028, 1, 5)) == (2027, 2028)
    assert CAL.day(D(2027, 3, 1)).source is DaySource.WEEKDAY_RULE


def test_overrides_alone_do_not_make_a_year_covered() -> None:
    calendar = WorkCalendar({D(2027, 2, 5): False})
    assert not calendar.covers(2027)
    assert not calendar.is_workday(D(2027, 2, 5))
    declared = WorkCalendar({D(2027, 2, 5): False}, covered_years=[2027])
    assert declared.covers(2027)


def test_invalid_overrides_are_refused() -> None:
    with pytest.raises(ValueError, match="日历调整项无效"):
        WorkCalendar({D(2025, 1, 1): "yes"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="年份无效"):
        WorkCalendar(covered_years=[20270])


# -- the reply deadline -------------------------------------------------------------------


def test_spring_festival_2025() -> None:
    # Received Mon 2025-01-20. 1-21 (1), 1-22 (2), 1-23 (3), 1-24 (4), Sun 1-26 make-up (5),
    # 1-27 (6), [1-28..2-4 春节], 2-5 (7), 2-6 (8), 2-7 (9), Sat 2-8 make-up (10),
    # 2-10..2-14 (11-15), 2-17..2-21 (16-20).
    deadline = compute_deadline(D(2025, 1, 20), calendar=CAL)
    assert deadline.due_on == D(2025, 2, 21)
    assert deadline.working_days == 20 and not deadline.uncertain
    assert deadline.regulation is Regulation.Y2019
    text = "\n".join(deadline.explain())
    assert "收到日期：2025-01-20（星期一）" in text
    assert "春节 2025-01-28 至 2025-02-04（8 天）" in text
    assert "2025-01-26（星期日，春节调休上班）" in text
    assert "2025-02-08（星期六，春节调休上班）" in text
    assert "法定期限：20 个工作日" in text
    assert deadline.explain()[-1].startswith("答复期限：2025-02-21（星期五）")


def test_national_day_2024() -> None:
    # Received Fri 2024-09-27. Sun 9-29 make-up (1), 9-30 (2), [10-1..10-7 国庆], 10-8..10-11
    # (3-6), Sat 10-12 make-up (7), 10-14..10-18 (8-12), 10-21..10-25 (13-17), 10-28 (18),
    # 10-29 (19), 10-30 (20).
    deadline = compute_deadline(D(2024, 9, 27), calendar=CAL)
    assert deadline.due_on == D(2024, 10, 30)
    text = "\n".join(deadline.explain())
    assert "国庆节 2024-10-01 至 2024-10-07（7 天）" in text
    assert "2024-09-29（星期日，国庆节调休上班）" in text
    assert "2024-10-12（星期六，国庆节调休上班）" in text


def test_receipt_on_a_holiday_counts_from_the_next_working_day() -> None:
    # Received Thu 2024-10-03, inside National Day. Default: day 1 is Tue 10-8.
    # 10-8..10-11 (1-4), Sat 10-12 (5), 10-14..10-18 (6-10), 10-21..10-25 (11-15),
    # 10-28..10-31 (16-19), 11-1 (20).
    deadline = compute_deadline(D(2024, 10, 3), calendar=CAL)
    assert deadline.due_on == D(2024, 11, 1)
    assert deadline.first_counted_on == D(2024, 10, 8)
    assert "该日为非工作日（国庆节）" in deadline.explain()[0]
    # Counting the receipt day changes nothing when that day is not a working day.
    assert due(D(2024, 10, 3), rules=ClockRules(count_receipt_day=True)) == D(2024, 11, 1)


def test_receipt_on_a_holiday_moved_to_the_next_working_day() -> None:
    # The other setting: the receipt is deemed to happen on Tue 10-8, which is day 0.
    # 10-9..10-11 (1-3), 10-12 (4), 10-14..10-18 (5-9), 10-21..10-25 (10-14),
    # 10-28..10-31 (15-18), 11-1 (19), 11-4 (20).
    rules = ClockRules(non_working_receipt=NonWorkingReceipt.RECEIPT_MOVES_TO_NEXT_WORKING_DAY)
    deadline = compute_deadline(D(2024, 10, 3), calendar=CAL, rules=rules)
    assert deadline.due_on == D(2024, 11, 4)
    assert deadline.counted_from == D(2024, 10, 8)
    assert "视为于其后第一个工作日 2024-10-08 收到" in "\n".join(deadline.explain())


def test_receipt_day_not_counted_by_default_and_counted_by_setting() -> None:
    # Received Mon 2025-03-03. Default: 3-4..3-7 (1-4), 3-10..3-14 (5-9), 3-17..3-21 (10-14),
    # 3-24..3-28 (15-19), 3-31 (20). Counting the receipt day: 3-3 is (1), so (20) is 3-28.
    assert due(D(2025, 3, 3)) == D(2025, 3, 31)
    counted = compute_deadline(
        D(2025, 3, 3), calendar=CAL, rules=ClockRules(count_receipt_day=True)
    )
    assert counted.due_on == D(2025, 3, 28)
    assert "收到当日计入，2025-03-03 为第 1 个工作日" in "\n".join(counted.explain())


def test_correction_restarts_the_clock() -> None:
    # Received 2025-03-03; the corrected request arrives Mon 3-10, the new day 0.
    # 3-11..3-14 (1-4), 3-17..3-21 (5-9), 3-24..3-28 (10-14), 3-31..4-3 (15-18),
    # [Fri 4-4 清明], 4-7 (19), 4-8 (20).
    deadline = compute_deadline(D(2025, 3, 3), calendar=CAL, clock_restarted_on=D(2025, 3, 10))
    assert deadline.due_on == D(2025, 4, 8)
    assert deadline.clock_started_on == D(2025, 3, 10)
    text = "\n".join(deadline.explain())
    assert "补正后重新起算：2025-03-10（星期一）收到补正后的申请" in text
    assert "清明 2025-04-04" in text


def test_a_pause_before_the_restart_is_irrelevant() -> None:
    deadline = compute_deadline(
        D(2025, 3, 3),
        calendar=CAL,
        clock_restarted_on=D(2025, 3, 10),
        pauses=[(D(2025, 3, 4), D(2025, 3, 7))],
    )
    assert deadline.due_on == D(2025, 4, 8)
    assert deadline.excluded == ()


def test_consultation_is_excluded() -> None:
    # Received Mon 2025-03-03; third party consulted Mon 3-10 to Fri 3-21 (10 working days).
    # 3-4..3-7 (1-4), [pause], 3-24..3-28 (5-9), 3-31..4-3 (10-13), [4-4 清明],
    # 4-7..4-11 (14-18), 4-14 (19), 4-15 (20).
    deadline = compute_deadline(
        D(2025, 3, 3), calendar=CAL, pauses=[(D(2025, 3, 10), D(2025, 3, 21))]
    )
    assert deadline.due_on == D(2025, 4, 15)
    (period,) = deadline.excluded
    assert period.working_days == 10 and period.kinds == (ExclusionKind.CONSULTATION,)
    assert "扣除的征求意见期间：2025-03-10 至 2025-03-21，其中 10 个工作日不计入期限" in (
        deadline.explain()
    )


def test_overlapping_consultations_are_excluded_once() -> None:
    # The same ten working days as above, covered by two overlapping consultations.
    pauses = [(D(2025, 3, 10), D(2025, 3, 18)), (D(2025, 3, 14), D(2025, 3, 21))]
    assert due(D(2025, 3, 3), pauses=pauses) == D(2025, 4, 15)


def test_consultation_after_the_due_date_changes_nothing() -> None:
    deadline = compute_deadline(
        D(2025, 3, 3), calendar=CAL, pauses=[(D(2025, 4, 1), D(2025, 4, 10))]
    )
    assert deadline.due_on == D(2025, 3, 31)
    assert deadline.excluded == ()


def test_extension() -> None:
    # Spring Festival case extended by 20: after 2-21 (20), 2-24..2-28 (21-25),
    # 3-3..3-7 (26-30), 3-10..3-14 (31-35), 3-17..3-21 (36-40).
    deadline = compute_deadline(D(2025, 1, 20), calendar=CAL, extended=True)
    assert deadline.due_on == D(2025, 3, 21)
    assert deadline.working_days == 40 and deadline.extension_days == 20
    assert any(line.startswith("延长：+20 个工作日") for line in deadline.explain())


def test_2008_rules_15_plus_15() -> None:
    # Received Tue 2018-09-25 (the day after 中秋 9-24). National Day 2018: 10-1..10-7 off,
    # Sat 9-29 and Sun 9-30 worked. 9-26..9-28 (1-3), 9-29 (4), 9-30 (5), 10-8..10-12 (6-10),
    # 10-15..10-19 (11-15). Extended: 10-22..10-26 (16-20), 10-29..11-2 (21-25),
    # 11-5..11-9 (26-30).
    deadline = compute_deadline(D(2018, 9, 25), calendar=CAL)
    assert deadline.regulation is Regulation.Y2008
    assert deadline.due_on == D(2018, 10, 19) and deadline.working_days == 15
    assert "国务院令第492号" in "\n".join(deadline.explain())
    assert due(D(2018, 9, 25), extended=True) == D(2018, 11, 9)


def test_regulation_switches_on_2019_05_15() -> None:
    assert regulation_for(D(2019, 5, 14)) is Regulation.Y2008
    assert regulation_for(D(2019, 5, 15)) is Regulation.Y2019
    # Forcing a version, as an application's stored rules do.
    forced = compute_deadline(D(2019, 5, 14), calendar=CAL, rules=ClockRules(regulation="2019"))  # type: ignore[arg-type]
    assert forced.regulation is Regulation.Y2019 and forced.working_days == 20


def test_override_changes_a_deadline() -> None:
    # An administrator gives Thu 2025-02-20 off: the Spring Festival case moves from
    # Fri 2-21 (then the 19th day) to Mon 2-24.
    calendar = WorkCalendar({D(2025, 2, 20): False}, notes={D(2025, 2, 20): "本地停工"})
    deadline = compute_deadline(D(2025, 1, 20), calendar=calendar)
    assert deadline.due_on == D(2025, 2, 24)
    assert "本地停工 2025-02-20（1 天，含管理员调整）" in "\n".join(deadline.explain())


def test_year_beyond_the_package_is_flagged() -> None:
    # Received Thu 2026-12-10: the count runs into 2027, which chinese-calendar 1.11.0 does
    # not know. Weekday rule: 12-11 (1), 12-14..12-18 (2-6), 12-21..12-25 (7-11),
    # 12-28..12-31 (12-15), Fri 1-1 (16), 1-4..1-7 (17-20).
    deadline = compute_deadline(D(2026, 12, 10), calendar=CAL)
    assert deadline.uncertain and deadline.unknown_years == (2027,)
    assert deadline.due_on == D(2027, 1, 7)
    text = "\n".join(deadline.explain())
    assert "警告：工作日历未包含 2027 年的节假日安排" in text
    assert "（暂定）" in deadline.explain()[-1]


def test_entered_year_settles_a_flagged_deadline() -> None:
    # The administrator enters 2027 元旦 (Fri 1-1 off) and declares 2027 complete:
    # 1-1 no longer counts, so (20) is Fri 1-8, and the date is no longer provisional.
    calendar = WorkCalendar({D(2027, 1, 1): False}, covered_years=[2027])
    deadline = compute_deadline(D(2026, 12, 10), calendar=calendar)
    assert deadline.due_on == D(2027, 1, 8)
    assert not deadline.uncertain
    assert "警告" not in "\n".join(deadline.explain())


def test_bad_dates_are_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="晚于结束日期"):
        compute_deadline(D(2025, 3, 3), calendar=CAL, pauses=[(D(2025, 3, 21), D(2025, 3, 10))])
    with pytest.raises(ValueError, match="不能早于收到申请的日期"):
        compute_deadline(D(2025, 3, 3), calendar=CAL, clock_restarted_on=D(2025, 3, 1))
    with pytest.raises(ValueError, match="条例版本只能是 2008 或 2019"):
        ClockRules(regulation="2010")  # type: ignore[arg-type]


def test_fee_period_pauses_the_clock_only_by_setting() -> None:
    # Fee notice period Mon 3-10 to Fri 3-21 behaves as the consultation above by default.
    fee = [(D(2025, 3, 10), D(2025, 3, 21))]
    paused = compute_deadline(D(2025, 3, 3), calendar=CAL, fee_pauses=fee)
    assert paused.due_on == D(2025, 4, 15)
    assert paused.excluded[0].kinds == (ExclusionKind.FEE_NOTICE,)
    not_paused = ClockRules(fee_notice_pauses_clock=False)
    assert due(D(2025, 3, 3), fee_pauses=fee, rules=not_paused) == D(2025, 3, 31)


# -- the other periods --------------------------------------------------------------------


def test_correction_notice_within_7_working_days() -> None:
    # Received 2025-01-20: 1-21..1-24 (1-4), Sun 1-26 (5), 1-27 (6), [春节], 2-5 (7).
    deadline = correction_due(D(2025, 1, 20), calendar=CAL)
    assert deadline.kind is DeadlineKind.CORRECTION_NOTICE
    assert deadline.due_on == D(2025, 2, 5)
    assert deadline.explain()[-1].startswith("补正告知期限：2025-02-05")


def test_consultation_reply_window_15_working_days() -> None:
    # Letter received 2024-09-27: see the National Day case; (15) is Wed 10-23.
    assert consultation_reply_due(D(2024, 9, 27), calendar=CAL).due_on == D(2024, 10, 23)


def test_fee_payment_counts_from_the_day_after_the_notice() -> None:
    deadline = fee_payment_due(D(2025, 1, 20), calendar=CAL)
    assert deadline.due_on == D(2025, 2, 21)
    assert deadline.kind is DeadlineKind.FEE_PAYMENT


# -- receipt date (art. 31) ---------------------------------------------------------------


def test_receipt_date_in_person_and_registered_post_is_the_arrival() -> None:
    arrived = datetime(2025, 3, 3, 16, 30)
    assert receipt_date(Channel.IN_PERSON, arrived, None) == D(2025, 3, 3)
    assert receipt_date("registered_post", arrived, D(2025, 3, 5)) == D(2025, 3, 3)


def test_receipt_date_of_confirmed_channels_is_the_confirmation() -> None:
    arrived = datetime(2025, 3, 3, 9, 0)
    for channel in ("ordinary_letter", "internet", "fax", "other"):
        assert receipt_date(channel, arrived, D(2025, 3, 4)) == D(2025, 3, 4)
        assert receipt_date(channel, arrived, None) is None  # no receipt yet: no clock


def test_receipt_date_reads_aware_timestamps_in_beijing_time() -> None:
    # 2025-03-03 17:00 UTC is 2025-03-04 01:00 in Beijing.
    arrived = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)
    assert receipt_date("in_person", arrived, None) == D(2025, 3, 4)


def test_receipt_date_errors() -> None:
    with pytest.raises(ReceiptDateError, match="未知的申请渠道"):
        receipt_date("pigeon", D(2025, 3, 3), None)
    with pytest.raises(ReceiptDateError, match="早于申请到达日期"):
        receipt_date("internet", D(2025, 3, 3), D(2025, 3, 2))
