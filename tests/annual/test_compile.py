"""Compiling tables 2, 3 and 4 from the register: cut-offs, roll-up, generations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.annual.compile import CompileError, compile_report
from gongkai.annual.models import Table2Entry
from gongkai.applications.models import Application, Dispute
from gongkai.report import Generation, Method, metrics_for
from tests.annual_helpers import case, dispute, make_agency, t3

pytestmark = pytest.mark.django_db

D = date


@pytest.fixture
def district():
    """A district government, a department under it, and a history around 2023."""
    government = make_agency("示范区人民政府", "GOV")
    department = make_agency("示范区教育局", "EDU", government)
    other = make_agency("邻区人民政府", "OTHER")
    cases = [
        # received 2022, answered 2023: carried over into 2023
        case(government, D(2022, 12, 20), closed_on=D(2023, 1, 5), outcome="granted"),
        # received on the last day of 2022, still open: carried over and carried forward
        case(government, D(2022, 12, 31)),
        # received and answered on 1 January
        case(
            government,
            D(2023, 1, 1),
            closed_on=D(2023, 1, 1),
            outcome="unavailable.not_held",
            kind="commercial",
        ),
        # received on the last day of 2023, answered in 2024: carried forward
        case(government, D(2023, 12, 31), closed_on=D(2024, 1, 2), kind="research"),
        case(
            government,
            D(2023, 6, 1),
            closed_on=D(2023, 12, 31),
            outcome="other.fee_unpaid",
            kind="legal_services",
        ),
        case(government, D(2023, 3, 1), closed_on=D(2023, 3, 9), outcome="other.other"),
        # answered in 2022: no part of 2023
        case(government, D(2022, 3, 1), closed_on=D(2022, 12, 31), outcome="granted"),
        # the department's case counts only in the rolled-up report
        case(
            department,
            D(2023, 5, 5),
            closed_on=D(2023, 5, 20),
            outcome="denied.state_secret",
            kind="social_welfare",
        ),
        # another district entirely
        case(other, D(2023, 5, 5)),
    ]
    Application.objects.bulk_create(cases)
    first = Application.objects.get(pk=cases[0].pk)
    Dispute.objects.bulk_create(
        [
            dispute(
                first, "reconsideration", D(2023, 3, 1), result="upheld", decided_on=D(2023, 6, 1)
            ),
            # decided after 31 December: pending in the 2023 report
            dispute(
                first,
                "litigation_direct",
                D(2023, 11, 1),
                result="corrected",
                decided_on=D(2024, 2, 1),
            ),
            # filed in 2022: not counted again in 2023
            dispute(
                first, "reconsideration", D(2022, 10, 1), result="other", decided_on=D(2023, 2, 1)
            ),
            dispute(first, "litigation_after_reconsideration", D(2023, 4, 1)),
        ]
    )
    Table2Entry.objects.create(agency=government, year=2023, key="t2.licensing.decisions", value=12)
    Table2Entry.objects.create(
        agency=government, year=2023, key="t2.fees.amount_wan_yuan", value=Decimal("1.5")
    )
    Table2Entry.objects.create(agency=department, year=2023, key="t2.licensing.decisions", value=3)
    return government, department


def test_cutoffs_for_one_agency_year(district) -> None:
    government, _ = district
    report = compile_report(government, 2023)

    assert report.source == "gongkai:agency/GOV/2023"
    assert report.agency == "示范区人民政府"
    assert (report.year, report.generation) == (2023, Generation.Y2021)
    assert t3(report, "received_new") == {
        "natural_person": 1,
        "commercial": 1,
        "research": 1,
        "social_welfare": 0,
        "legal_services": 1,
        "other_org": 0,
        "total": 4,
    }
    assert t3(report, "carried_over")["natural_person"] == 2
    assert t3(report, "carried_over")["total"] == 2
    assert t3(report, "granted")["total"] == 1
    assert t3(report, "unavailable.not_held")["commercial"] == 1
    assert t3(report, "other.fee_unpaid")["legal_services"] == 1
    assert t3(report, "other.other")["natural_person"] == 1
    assert t3(report, "denied.state_secret")["total"] == 0
    assert t3(report, "total")["total"] == 4
    assert t3(report, "carried_forward") == {
        "natural_person": 1,
        "commercial": 0,
        "research": 1,
        "social_welfare": 0,
        "legal_services": 0,
        "other_org": 0,
        "total": 2,
    }


def test_every_t3_and_t4_key_of_the_generation_is_present(district) -> None:
    government, _ = district
    report = compile_report(government, 2023)
    expected = {m.key for m in metrics_for(Generation.Y2021) if m.table in ("t3", "t4")}
    # 2021: the split 其他处理 rows, never the undivided one
    expected = {k for k in expected if not (k.startswith("t3.other.") and k.count(".") == 2)}
    assert {k for k in report.figures if k[:2] in ("t3", "t4")} == expected
    assert len(expected) == 25 * 7 + 15
    assert all(f.origin is not None and f.origin.method is Method.COMPILED for f in report)


def test_table4_counts_disputes_filed_in_the_year_with_the_result_on_31_december(
    district,
) -> None:
    government, _ = district
    m = compile_report(government, 2023).metrics
    assert [
        m[f"t4.reconsideration.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")
    ] == [1, 0, 0, 0, 1]
    assert m["t4.litigation_direct.corrected"] == 0
    assert m["t4.litigation_direct.pending"] == 1
    assert m["t4.litigation_after_reconsideration.pending"] == 1
    assert m["t4.litigation_after_reconsideration.total"] == 1
    # In 2024 nothing was filed: the 2023 lawsuit decided in 2024 is not counted again.
    assert compile_report(government, 2024).metrics["t4.litigation_direct.total"] == 0
    # The dispute filed in 2022 and decided in 2023 is 2022's, pending as of 31 December.
    m2022 = compile_report(government, 2022).metrics
    assert m2022["t4.reconsideration.pending"] == 1
    assert m2022["t4.reconsideration.other"] == 0


def test_table2_is_the_hand_entered_figures_only(district) -> None:
    government, _ = district
    report = compile_report(government, 2023)
    assert report.get("t2.licensing.decisions") == 12
    assert report.get("t2.fees.amount_wan_yuan") == Decimal("1.5")
    assert report.get("t2.penalty.decisions") is None  # not entered: absent, not 0


def test_rolled_up_report_adds_the_subordinates(district) -> None:
    government, department = district
    report = compile_report(government, 2023, include_subordinates=True)
    assert report.source == "gongkai:agency/GOV/2023/subtree"
    assert report.agency == "示范区人民政府（含下级机关）"
    assert t3(report, "received_new")["total"] == 5
    assert t3(report, "denied.state_secret")["social_welfare"] == 1
    assert t3(report, "total")["total"] == 5
    assert report.get("t2.licensing.decisions") == 15
    alone = compile_report(department, 2023, include_subordinates=True)
    assert t3(alone, "received_new")["total"] == 1
    assert t3(alone, "carried_over")["total"] == 0


def test_2019_generation_prints_other_undivided(district) -> None:
    government, _ = district
    Application.objects.bulk_create(
        [
            case(government, D(2020, 2, 3), closed_on=D(2020, 3, 1), outcome="other.no_correction"),
            case(government, D(2020, 2, 4), closed_on=D(2020, 3, 1), outcome="other.fee_unpaid"),
            case(government, D(2020, 2, 5), closed_on=D(2020, 3, 1), outcome="other.other"),
        ]
    )
    report = compile_report(government, 2020)
    assert report.generation is Generation.Y2019
    assert t3(report, "other")["total"] == 3
    assert t3(report, "other")["natural_person"] == 3
    assert not any(k.startswith("t3.other.other.") for k in report.figures)
    assert not any(k.startswith("t3.other.fee_unpaid.") for k in report.figures)


def test_years_before_2019_are_refused(district) -> None:
    government, _ = district
    with pytest.raises(CompileError, match="2008"):
        compile_report(government, 2018)


def test_a_closed_case_without_outcome_is_named_not_miscounted(district) -> None:
    government, _ = district
    broken = case(government, D(2023, 2, 1), closed_on=D(2023, 2, 2))
    broken.outcome = ""
    broken.save()
    with pytest.raises(CompileError, match="没有有效的办理结果"):
        compile_report(government, 2023)


def test_query_count_does_not_grow_with_the_register(district) -> None:
    government, _ = district
    with CaptureQueriesContext(connection) as small:
        compile_report(government, 2023, include_subordinates=True)
    Application.objects.bulk_create(
        [
            case(government, D(2023, 1 + i % 12, 1 + i % 28), closed_on=D(2023, 12, 30))
            for i in range(300)
        ]
    )
    with CaptureQueriesContext(connection) as large:
        report = compile_report(government, 2023, include_subordinates=True)
    assert t3(report, "received_new")["total"] == 305
    assert len(large.captured_queries) == len(small.captured_queries) <= 6


def test_table2_entry_refuses_keys_of_the_other_generation(district) -> None:
    government, _ = district
    entry = Table2Entry(agency=government, year=2023, key="t2.procurement.items", value=1)
    with pytest.raises(ValidationError, match="2021 年版"):
        entry.full_clean()
    Table2Entry(agency=government, year=2020, key="t2.procurement.items", value=1).full_clean()
    with pytest.raises(ValidationError, match="整数"):
        Table2Entry(
            agency=government, year=2023, key="t2.penalty.decisions", value=Decimal("1.5")
        ).full_clean()
    Table2Entry(agency=government, year=2020, key="t2.penalty.change", value=-4).full_clean()
    # A stray row written past clean() does not spoil the report.
    Table2Entry.objects.create(agency=government, year=2023, key="t2.procurement.items", value=1)
    assert compile_report(government, 2023).get("t2.procurement.items") is None


def test_the_validator_catches_a_tampered_compiled_report(district) -> None:
    from gongkai.validate import check_report

    government, _ = district
    report = compile_report(government, 2023)
    assert [f for f in check_report(report) if f.severity == "error"] == []
    report.set("t3.carried_forward.natural_person", 7)
    assert any(f.severity == "error" for f in check_report(report))
