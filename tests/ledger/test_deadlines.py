"""An open case imported from a ledger runs on the statutory clock like a registered one."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.applications.models import Application
from gongkai.ledger import import_ledger
from tests.annual_helpers import HEADER, make_agency

pytestmark = pytest.mark.django_db


def test_open_imported_case_gets_its_deadline_and_closed_one_keeps_none() -> None:
    office = make_agency("示范区住房和城乡建设局", "ZJJ")
    rows = [
        "2023-003,2023-12-28,当面,其他,某业主委员会,,,申请公开物业维修资金使用情况,,",
        "2023-004,2023-06-01,当面,自然人,李四,,,申请公开某文件,本机关不掌握相关政府信息,2023-06-15",
    ]
    data = ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")
    with time_machine.travel("2024-01-10T10:00:00+08:00", tick=False):
        import_ledger(office, data, "台账.csv", actor=None)
    open_case = Application.objects.get(reference="2023-003")
    # Received Thu 2023-12-28: 12-29 is day 1, 2024-01-01 (元旦) is off, day 20 is Fri 01-26.
    assert (open_case.deadline, open_case.deadline_uncertain) == (date(2024, 1, 26), False)
    closed = Application.objects.get(reference="2023-004")
    assert closed.deadline is None
