"""The fee notice charges what the 2020 measures give, counted from the register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications.actions import ActionRefused, IssueFeeNotice
from gongkai.applications.models import Application, ApplicationEvent
from tests.register_factories import World

pytestmark = pytest.mark.django_db

NOTICE_ON = date(2025, 3, 24)


def test_per_item_counts_the_applicants_earlier_applications_this_month() -> None:
    w = World()
    # Twelve applications by 张三 in March, one in February that does not count.
    w.register(date(2025, 2, 27))
    apps = [w.register(date(2025, 3, 3 + day)) for day in range(12)]
    # The 11th in the month is the first one charged: 100 元 (art. 4, 11-30 at 100).
    eleventh = IssueFeeNotice.execute(w.handler, apps[10], on=NOTICE_ON, method="per_item")
    assert eleventh.fee_amount == Decimal(100)
    event = ApplicationEvent.objects.filter(application=eleventh).latest("pk")
    assert event.payload["already_counted"] == 10
    assert event.payload["calculation"][0].startswith("按件计收")
    # The 10th is still free: no notice may be sent.
    with pytest.raises(ActionRefused, match="不收费"):
        IssueFeeNotice.execute(w.handler, apps[9], on=NOTICE_ON, method="per_item")
    assert Application.objects.get(pk=apps[9].pk).fee_amount is None


def test_another_applicant_is_counted_separately() -> None:
    w = World()
    for day in range(11):
        w.register(date(2025, 3, 3 + day))
    other = w.register(date(2025, 3, 20), applicant_name="李四")
    with pytest.raises(ActionRefused, match="不收费"):
        IssueFeeNotice.execute(w.handler, other, on=NOTICE_ON, method="per_item")


def test_per_page_progressive_bands() -> None:
    w = World()
    app = IssueFeeNotice.execute(
        w.handler, w.register(date(2025, 3, 3)), on=NOTICE_ON, method="per_page", pages=120
    )
    # 1-30 free, 31-100 at 10 元 (700), 101-120 at 20 元 (400).
    assert app.fee_amount == Decimal(1100)


def test_an_amount_that_disagrees_with_the_measures_is_refused() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    with pytest.raises(ActionRefused, match="不符"):
        IssueFeeNotice.execute(
            w.handler, app, on=NOTICE_ON, method="per_page", pages=120, amount="1000"
        )
    events = ApplicationEvent.objects.filter(application=app).count()
    app = IssueFeeNotice.execute(
        w.handler, app, on=NOTICE_ON, method="per_page", pages=120, amount="1100.00"
    )
    assert app.fee_amount == Decimal(1100)
    assert ApplicationEvent.objects.filter(application=app).count() == events + 1


def test_one_method_per_application() -> None:
    w = World()
    app = w.register(date(2025, 3, 3))
    with pytest.raises(ActionRefused, match="只能按一种方式"):
        IssueFeeNotice.execute(w.handler, app, on=NOTICE_ON, method="per_item", items=20, pages=50)
    with pytest.raises(ActionRefused, match="只能按一种方式"):
        IssueFeeNotice.execute(w.handler, app, on=NOTICE_ON, method="per_page", pages=50, items=3)
