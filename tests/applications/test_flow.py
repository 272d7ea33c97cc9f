"""The steps of an application and what each does to the clock and the outcome."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from gongkai.applications.actions import (
    ActionRefused,
    Answer,
    ApproveExtension,
    DecideDispute,
    EndConsultation,
    ExpireCorrection,
    ExpireFee,
    FileDispute,
    IssueFeeNotice,
    ReceiveCorrection,
    RecordDelivery,
    RecordPayment,
    Reopen,
    RequestCorrection,
    RouteToDepartment,
    StartConsultation,
    Withdraw,
)
from gongkai.applications.choices import ANSWER_OUTCOMES, OUTCOME_BASES, OUTCOME_T3_LABELS, Outcome
from gongkai.applications.models import Application
from gongkai.report import T3_ROWS
from tests.register_factories import World

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 3)  # deadline 2025-03-31


def test_outcomes_are_the_table_3_rows_each_with_its_article() -> None:
    rows = {row.row for row in T3_ROWS}
    assert set(Outcome.values) <= rows
    assert set(Outcome.values) == rows - {
        "received_new",
        "carried_over",
        "other",
        "total",
        "carried_forward",
    }
    assert OUTCOME_BASES["granted"].article == "第三十六条第（一）（二）项"
    assert OUTCOME_BASES["partially_granted"].article == "第三十七条"
    assert OUTCOME_BASES["not_processed.repeated"].article == "第三十六条第（六）项"
    assert OUTCOME_BASES["not_processed.publication"].article == "第三十九条第二款"
    assert OUTCOME_BASES["denied.administrative_query"].uncertain
    assert OUTCOME_BASES["not_processed.confirmation"].uncertain
    assert not OUTCOME_BASES["denied.state_secret"].uncertain
    assert OUTCOME_T3_LABELS["denied.state_secret"] == "1.属于国家秘密"
    assert OUTCOME_T3_LABELS["other.fee_unpaid"].startswith("2.申请人逾期未按收费通知要求缴纳费用")
    assert OUTCOME_T3_LABELS["partially_granted"].startswith("（二）部分公开")
    assert set(OUTCOME_T3_LABELS) == set(Outcome.values)


def test_correction_within_7_working_days_restarts_the_clock() -> None:
    w = World()
    app = w.register(MONDAY)
    app = RequestCorrection.execute(w.handler, app, on=date(2025, 3, 12), due_on="2025-03-26")
    assert app.status == "awaiting_correction"
    assert app.deadline is None
    assert app.events.last().payload["notice_due_on"] == "2025-03-12"  # type: ignore[union-attr]
    app = ReceiveCorrection.execute(w.registrar, app, on=date(2025, 3, 20))
    assert app.status == "in_progress"
    assert app.clock_started_on == date(2025, 3, 20)
    # 2025-03-20 (Thu) + 20 working days, 清明 (04-04) off: 2025-04-18.
    assert app.deadline == date(2025, 4, 18)


def test_correction_after_7_working_days_is_refused() -> None:
    w = World()
    app = w.register(MONDAY)
    with pytest.raises(ActionRefused, match="7个工作日内") as refused:
        RequestCorrection.execute(w.handler, app, on=date(2025, 3, 13), due_on="2025-03-28")
    assert refused.value.code == "conflict"
    assert Application.objects.get().status == "registered"


def test_correction_is_asked_once_only() -> None:
    w = World()
    app = w.register(MONDAY)
    RequestCorrection.execute(w.handler, app, on=date(2025, 3, 4), due_on="2025-03-14")
    ReceiveCorrection.execute(w.handler, app, on=date(2025, 3, 10))
    with pytest.raises(ActionRefused, match="一次性"):
        RequestCorrection.execute(w.handler, app, on=date(2025, 3, 11), due_on="2025-03-20")


def test_expired_correction_closes_as_no_correction_only_after_the_due_day() -> None:
    w = World()
    app = RequestCorrection.execute(
        w.handler, w.register(MONDAY), on=date(2025, 3, 4), due_on="2025-03-14"
    )
    with pytest.raises(ActionRefused, match="尚未届满"):
        ExpireCorrection.execute(w.handler, app, on=date(2025, 3, 14))
    app = ExpireCorrection.execute(w.handler, app, on=date(2025, 3, 17))
    assert (app.status, app.outcome, app.closed_on) == (
        "closed",
        "other.no_correction",
        date(2025, 3, 17),
    )


def test_2008_rules_have_no_abandonment_on_missing_correction() -> None:
    w = World()
    app = RequestCorrection.execute(
        w.handler, w.register(date(2018, 3, 5)), on=date(2018, 3, 30), due_on="2018-04-13"
    )  # no 7-day limit under the 2008 rules either
    with pytest.raises(ActionRefused, match="2008年条例"):
        ExpireCorrection.execute(w.handler, app, on=date(2018, 4, 20))


def test_consultation_time_is_excluded_from_the_clock() -> None:
    w = World()
    app = StartConsultation.execute(
        w.handler, w.register(MONDAY), on=date(2025, 3, 10), kind="third_party", party="某公司"
    )
    assert app.status == "consulting"
    assert app.pauses.get().ended_on is None
    app = EndConsultation.execute(w.handler, app, on=date(2025, 3, 14))
    # Five working days (03-10..03-14) excluded: 03-31 + 5 working days with 清明 off = 04-08.
    assert app.deadline == date(2025, 4, 8)
    assert app.status == "in_progress"


def test_co_producer_consultation_does_not_pause_a_2008_case() -> None:
    w = World()
    with pytest.raises(ActionRefused, match="会商"):
        StartConsultation.execute(
            w.handler,
            w.register(date(2018, 3, 5)),
            on=date(2018, 3, 6),
            kind="co_producer",
            party="某局",
        )


def test_extension_adds_20_working_days_once_and_needs_the_notice_date() -> None:
    w = World()
    app = w.register(MONDAY)
    with pytest.raises(ActionRefused, match="告知申请人"):
        ApproveExtension.execute(w.head, app, on=date(2025, 3, 25))
    app = ApproveExtension.execute(w.head, app, on=date(2025, 3, 25), notified_on=date(2025, 3, 26))
    assert app.extended
    # 03-31 + 20 working days: 04-04 off, 04-27 (Sunday) worked -> 2025-04-28.
    assert app.deadline == date(2025, 4, 28)
    payload = app.events.last().payload  # type: ignore[union-attr]
    assert payload["original_deadline"] == "2025-03-31"
    assert payload["notified_on"] == "2025-03-26"


def test_extension_after_the_first_period_is_refused_by_default() -> None:
    w = World()
    app = w.register(MONDAY)
    with pytest.raises(ActionRefused, match="已过"):
        ApproveExtension.execute(w.head, app, on=date(2025, 4, 1), notified_on=date(2025, 4, 1))
    with override_settings(GONGKAI_EXTENSION_BEFORE_DEADLINE=False):
        app = ApproveExtension.execute(
            w.head, app, on=date(2025, 4, 1), notified_on=date(2025, 4, 1)
        )
    assert app.extended


def test_2008_extension_is_15_working_days() -> None:
    w = World()
    app = w.register(date(2018, 3, 5))  # 15 working days: 2018-03-26
    assert app.deadline == date(2018, 3, 26)
    app = ApproveExtension.execute(w.head, app, on=date(2018, 3, 20), notified_on=date(2018, 3, 20))
    # 2018-03-26 + 15 working days, 04-05..07 清明 off, 04-08 (Sunday) worked: 2018-04-17.
    assert app.deadline == date(2018, 4, 17)


def test_routing_records_the_department_and_refuses_the_same_one_twice() -> None:
    w = World()
    app = RouteToDepartment.execute(w.handler, w.register(MONDAY), on=MONDAY, department=w.town)
    assert app.status == "in_progress"
    event = app.events.last()
    assert event is not None
    assert event.payload == {"department": w.town.pk, "department_name": "某镇人民政府"}
    with pytest.raises(ActionRefused, match="受理机关本身"):
        RouteToDepartment.execute(w.handler, app, on=MONDAY, department=w.bureau.pk)


def test_fee_notice_payment_and_the_paused_clock() -> None:
    w = World()
    app = IssueFeeNotice.execute(
        w.handler, w.register(MONDAY), on=date(2025, 3, 10), items=12, method="per_item"
    )
    assert app.status == "awaiting_fee"
    # 20 working days from the day after 03-10, 清明 off: 2025-04-08.
    assert app.fee_due_on == date(2025, 4, 8)
    app = RecordPayment.execute(w.handler, app, on=date(2025, 3, 12))
    assert app.fee_paid_on == date(2025, 3, 12)
    # 03-10..03-12 (3 working days) excluded while the fee setting is on: 2025-04-03.
    assert app.deadline == date(2025, 4, 3)
    with override_settings(GONGKAI_FEE_NOTICE_PAUSES_CLOCK=False):
        from gongkai.applications.deadlines import deadline_of

        assert deadline_of(app)[0] == date(2025, 3, 31)


def test_unpaid_fee_closes_as_fee_unpaid_after_the_payment_window() -> None:
    w = World()
    app = IssueFeeNotice.execute(
        w.handler, w.register(MONDAY), on=date(2025, 3, 10), items=12, method="per_item"
    )
    with pytest.raises(ActionRefused, match="尚未届满"):
        ExpireFee.execute(w.handler, app, on=date(2025, 4, 8))
    with pytest.raises(ActionRefused, match="已过"):
        RecordPayment.execute(w.handler, app, on=date(2025, 4, 9))
    app = ExpireFee.execute(w.handler, app, on=date(2025, 4, 9))
    assert (app.status, app.outcome, app.closed_on) == (
        "closed",
        "other.fee_unpaid",
        date(2025, 4, 9),
    )
    assert app.pauses.get().ended_on == date(2025, 4, 9)


def test_no_fee_before_2021_or_under_the_2008_rules() -> None:
    w = World()
    with pytest.raises(ActionRefused, match="2021-01-01"):
        IssueFeeNotice.execute(
            w.handler,
            w.register(date(2020, 6, 1)),
            on=date(2020, 6, 2),
            items=11,
            method="per_item",
        )
    with pytest.raises(ActionRefused, match="金额"):
        IssueFeeNotice.execute(
            w.handler, w.register(MONDAY), on=MONDAY, items=11, amount="-1", method="per_item"
        )


def test_withdrawal_closes_as_other_and_ends_a_running_consultation() -> None:
    w = World()
    app = StartConsultation.execute(
        w.handler, w.register(MONDAY), on=date(2025, 3, 5), kind="third_party", party="某公司"
    )
    app = Withdraw.execute(w.registrar, app, on=date(2025, 3, 7))
    assert (app.status, app.outcome, app.closed_on) == ("closed", "other.other", date(2025, 3, 7))
    assert app.pauses.get().ended_on == date(2025, 3, 7)


@pytest.mark.parametrize("outcome", sorted(ANSWER_OUTCOMES - {"unavailable.still_unclear"}))
def test_answer_with_each_outcome(outcome: str) -> None:
    w = World()
    app = Answer.execute(w.head, w.register(MONDAY), on=date(2025, 3, 28), outcome=outcome)
    assert (app.status, app.outcome, app.closed_on) == ("closed", outcome, date(2025, 3, 28))
    event = app.events.last()
    assert event is not None
    assert event.payload == {
        "outcome": outcome,
        "article": OUTCOME_BASES[outcome].article,
        "overdue": False,
    }


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (None, "请选择办理结果"),
        ("", "请选择办理结果"),
        (["granted", "partially_granted"], "只能选择一种"),
        ("approved", "未知的办理结果"),
        ("other.fee_unpaid", "不能作为答复结果"),
        ("other.no_correction", "不能作为答复结果"),
        ("unavailable.still_unclear", "已收到补正"),
    ],
)
def test_answer_needs_exactly_one_valid_outcome(outcome: object, message: str) -> None:
    w = World()
    app = w.register(MONDAY)
    with pytest.raises(ActionRefused, match=message):
        Answer.execute(w.head, app, on=date(2025, 3, 28), outcome=outcome)
    assert Application.objects.get().status == "registered"


def test_late_answer_is_recorded_as_overdue() -> None:
    w = World()
    app = Answer.execute(w.head, w.register(MONDAY), on=date(2025, 4, 1), outcome=["granted"])
    assert app.events.last().payload["overdue"] is True  # type: ignore[union-attr]


def test_delivery_only_for_an_answer_and_once() -> None:
    w = World()
    withdrawn = Withdraw.execute(w.registrar, w.register(MONDAY), on=date(2025, 3, 4))
    with pytest.raises(ActionRefused, match="没有待送达"):
        RecordDelivery.execute(w.handler, withdrawn, on=date(2025, 3, 5))
    app = Answer.execute(w.head, w.register(MONDAY), on=date(2025, 3, 20), outcome="granted")
    with pytest.raises(ActionRefused, match="早于"):
        RecordDelivery.execute(w.handler, app, on=date(2025, 3, 19))
    app = RecordDelivery.execute(w.handler, app, on=date(2025, 3, 21), method="邮寄")
    assert app.delivered_on == date(2025, 3, 21)


def test_reopen_in_the_same_year_reopens_the_case() -> None:
    w = World()
    app = Answer.execute(
        w.head, w.register(MONDAY), on=date(2025, 3, 20), outcome="denied.process_information"
    )
    app = Reopen.execute(w.head, app, on=date(2025, 6, 3), reason="复议决定撤销原答复")
    assert (app.status, app.outcome, app.closed_on) == ("in_progress", "", None)
    assert app.clock_started_on == date(2025, 6, 3)
    assert app.received_on == MONDAY  # still counted as received in 2025
    assert app.deadline == date(2025, 7, 1)  # 06-03 + 20 working days
    assert app.events.last().payload["previous_outcome"] == "denied.process_information"  # type: ignore[union-attr]
    assert Application.objects.count() == 1


def test_reopen_in_a_later_year_registers_a_linked_new_application() -> None:
    w = World()
    original = Answer.execute(
        w.head, w.register(date(2024, 12, 2)), on=date(2024, 12, 20), outcome="granted"
    )
    new = Reopen.execute(w.head, original, on=date(2025, 2, 10), reason="法院判决重新答复")
    original.refresh_from_db()
    # The 2024 report counted the original as closed; that must not change.
    assert (original.status, original.outcome, original.closed_on) == (
        "closed",
        "granted",
        date(2024, 12, 20),
    )
    assert new.pk != original.pk
    assert new.reopened_from == original
    assert (new.received_on, new.status, new.reference) == (
        date(2025, 2, 10),
        "in_progress",
        f"{original.reference}-R1",
    )
    assert new.events.get().kind == "registered"
    assert original.events.last().payload["successor"] == new.pk  # type: ignore[union-attr]
    with pytest.raises(ActionRefused, match="已重新办理"):
        Reopen.execute(w.head, original, on=date(2025, 2, 11), reason="again")


def test_disputes_are_filed_and_decided_once() -> None:
    w = World()
    app = Answer.execute(
        w.head, w.register(MONDAY), on=date(2025, 3, 20), outcome="denied.third_party_rights"
    )
    FileDispute.execute(
        w.handler, app, on=date(2025, 4, 10), route="reconsideration", reference="复1"
    )
    app = FileDispute.execute(
        w.handler,
        app,
        on=date(2025, 8, 1),
        route="litigation_after_reconsideration",
        reference="诉1",
    )
    first, second = app.disputes.order_by("filed_on")
    assert (first.agency, first.result, first.decided_on) == (w.bureau, "pending", None)
    DecideDispute.execute(w.handler, app, on=date(2025, 6, 1), dispute=first.pk, result="upheld")
    first.refresh_from_db()
    assert (first.result, first.decided_on) == ("upheld", date(2025, 6, 1))
    with pytest.raises(ActionRefused, match="已于"):
        DecideDispute.execute(
            w.handler, app, on=date(2025, 6, 2), dispute=first.pk, result="corrected"
        )
    with pytest.raises(ActionRefused, match="请选择结果"):
        DecideDispute.execute(
            w.handler, app, on=date(2025, 9, 1), dispute=second.pk, result="pending"
        )
    with pytest.raises(ActionRefused, match="途径"):
        FileDispute.execute(w.handler, app, on=date(2025, 8, 2), route="petition")


def test_dates_in_the_future_or_before_receipt_are_refused() -> None:
    w = World()
    app = w.register(MONDAY)
    with pytest.raises(ActionRefused, match="晚于今天"):
        Answer.execute(w.head, app, on=date(2099, 1, 1), outcome="granted")
    with pytest.raises(ActionRefused, match="早于收到申请日期"):
        Answer.execute(w.head, app, on=date(2025, 3, 1), outcome="granted")
    with pytest.raises(ActionRefused, match="格式不正确"):
        Answer.execute(w.head, app, on="3月5日", outcome="granted")
