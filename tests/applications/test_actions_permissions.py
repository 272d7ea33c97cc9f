"""Every action: refused to the wrong role and in the wrong state with a clear message and
nothing changed; a double-submitted action applies once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.forms.models import model_to_dict

from gongkai.applications.actions import (
    ACTIONS,
    ActionRefused,
    Answer,
    FileDispute,
    IssueFeeNotice,
    RegisterApplication,
    RequestCorrection,
    StartConsultation,
)
from gongkai.applications.models import Application, ApplicationEvent, Dispute, Pause
from tests.register_factories import World, at

pytestmark = pytest.mark.django_db

D = date(2025, 3, 3)  # a Monday; the default receipt date of World.register()


def registered(w: World) -> Application:
    return w.register()


def awaiting_correction(w: World) -> Application:
    app = w.register()
    return RequestCorrection.execute(w.handler, app, on=date(2025, 3, 5), due_on="2025-03-20")


def consulting(w: World) -> Application:
    app = w.register()
    return StartConsultation.execute(
        w.handler, app, on=date(2025, 3, 5), kind="third_party", party="某公司"
    )


def awaiting_fee(w: World) -> Application:
    app = w.register()
    return IssueFeeNotice.execute(w.handler, app, on=date(2025, 3, 5), items=11, method="per_item")


def answered(w: World) -> Application:
    app = w.register()
    return Answer.execute(w.head, app, on=date(2025, 3, 20), outcome="granted")


def disputed(w: World) -> Application:
    app = answered(w)
    return FileDispute.execute(
        w.handler, app, on=date(2025, 5, 6), route="reconsideration", reference="复〔2025〕1号"
    )


@dataclass
class Case:
    action: str
    setup: Callable[[World], Application]
    params: Callable[[World, Application], dict[str, Any]]
    allowed: str  # World attribute of a user who may do it
    wrong_roles: tuple[str, ...]
    wrong_state: Callable[[World], Application] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "request_correction",
        registered,
        lambda w, a: {"on": date(2025, 3, 5), "due_on": date(2025, 3, 20)},
        "handler",
        ("registrar", "supervisor", "town_head", "outsider"),
        answered,
    ),
    Case(
        "receive_correction",
        awaiting_correction,
        lambda w, a: {"on": date(2025, 3, 10)},
        "registrar",
        ("supervisor", "town_head", "outsider"),
        registered,
    ),
    Case(
        "expire_correction",
        awaiting_correction,
        lambda w, a: {"on": date(2025, 3, 25)},
        "handler",
        ("registrar", "supervisor"),
        registered,
    ),
    Case(
        "start_consultation",
        registered,
        lambda w, a: {"on": date(2025, 3, 5), "kind": "co_producer", "party": "某县自然资源局"},
        "handler",
        ("registrar", "supervisor", "outsider"),
        answered,
    ),
    Case(
        "end_consultation",
        consulting,
        lambda w, a: {"on": date(2025, 3, 10)},
        "handler",
        ("registrar", "supervisor"),
        registered,
    ),
    Case(
        "approve_extension",
        registered,
        lambda w, a: {"on": date(2025, 3, 20), "notified_on": date(2025, 3, 21)},
        "head",
        ("handler", "administrator", "supervisor", "registrar"),
        answered,
    ),
    Case(
        "route_to_department",
        registered,
        lambda w, a: {"on": date(2025, 3, 4), "department": w.town.pk},
        "handler",
        ("registrar", "supervisor"),
        answered,
    ),
    Case(
        "issue_fee_notice",
        registered,
        lambda w, a: {"on": date(2025, 3, 5), "items": 13, "method": "per_item"},
        "handler",
        ("registrar", "supervisor"),
        answered,
    ),
    Case(
        "record_payment",
        awaiting_fee,
        lambda w, a: {"on": date(2025, 3, 10)},
        "handler",
        ("registrar", "supervisor"),
        registered,
    ),
    Case(
        "expire_fee",
        awaiting_fee,
        lambda w, a: {"on": date(2025, 4, 15)},
        "handler",
        ("registrar", "supervisor"),
        registered,
    ),
    Case(
        "withdraw",
        registered,
        lambda w, a: {"on": date(2025, 3, 5)},
        "registrar",
        ("supervisor", "town_head", "outsider"),
        answered,
    ),
    Case(
        "answer",
        registered,
        lambda w, a: {"on": date(2025, 3, 20), "outcome": "denied.state_secret"},
        "head",
        ("handler", "registrar", "administrator", "supervisor", "town_head"),
        consulting,
    ),
    Case(
        "record_delivery",
        answered,
        lambda w, a: {"on": date(2025, 3, 24), "method": "邮寄"},
        "handler",
        ("registrar", "supervisor"),
        registered,
    ),
    Case(
        "reopen",
        answered,
        lambda w, a: {"on": date(2025, 6, 2), "reason": "复议决定责令重新答复"},
        "head",
        ("handler", "supervisor", "registrar"),
        registered,
    ),
    Case(
        "file_dispute",
        answered,
        lambda w, a: {"on": date(2025, 5, 6), "route": "litigation_direct", "reference": "诉1"},
        "handler",
        ("registrar", "supervisor"),
    ),
    Case(
        "decide_dispute",
        disputed,
        lambda w, a: {
            "on": date(2025, 7, 1),
            "result": "corrected",
            "dispute": a.disputes.get().pk,
        },
        "handler",
        ("registrar", "supervisor"),
    ),
    Case(
        "assign",
        registered,
        lambda w, a: {"handler": w.handler.pk},
        "head",
        ("handler", "registrar", "supervisor", "town_head"),
        answered,
    ),
    Case(
        "add_note",
        registered,
        lambda w, a: {"text": "已电话联系申请人核实申请内容"},
        "handler",
        ("supervisor", "town_head", "outsider"),
    ),
    Case(
        "reveal_personal_data",
        registered,
        lambda w, a: {"reason": "核实申请人身份"},
        "handler",
        ("supervisor", "town_head", "outsider"),
    ),
]
IDS = [case.action for case in CASES]


def test_every_action_is_covered() -> None:
    assert sorted(IDS) == sorted(ACTIONS)


def state(app: Application) -> dict[str, Any]:
    """Everything an action may touch, to prove a refusal changed nothing."""
    app = Application.objects.get(pk=app.pk)
    return {
        "row": model_to_dict(app),
        "updated_at": app.updated_at,
        "events": ApplicationEvent.objects.count(),
        "pauses": list(Pause.objects.values()),
        "disputes": list(Dispute.objects.values()),
        "applications": Application.objects.count(),
    }


def user(w: World, name: str) -> User:
    return getattr(w, "admin" if name == "administrator" else name)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_refused_to_the_wrong_role(case: Case) -> None:
    w = World()
    app = case.setup(w)
    before = state(app)
    for name in case.wrong_roles:
        with pytest.raises(ActionRefused) as refused:
            ACTIONS[case.action].execute(user(w, name), app, **case.params(w, app))
        assert refused.value.code == "forbidden", name
        assert refused.value.http_status == 403
        assert "无权" in refused.value.message
        assert state(app) == before, name


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_refused_to_anonymous(case: Case) -> None:
    from django.contrib.auth.models import AnonymousUser

    w = World()
    app = case.setup(w)
    before = state(app)
    with pytest.raises(ActionRefused, match="请先登录") as refused:
        ACTIONS[case.action].execute(AnonymousUser(), app, **case.params(w, app))
    assert refused.value.code == "forbidden"
    assert state(app) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.wrong_state], ids=lambda c: c.action)
def test_refused_in_the_wrong_state(case: Case) -> None:
    w = World()
    assert case.wrong_state is not None
    app = case.wrong_state(w)
    before = state(app)
    with pytest.raises(ActionRefused) as refused:
        ACTIONS[case.action].execute(user(w, case.allowed), app, **_params_for(w, case, app))
    assert refused.value.code == "conflict"
    assert refused.value.http_status == 409
    # The message says what cannot be done and names the state (征求意见中: "正在征求意见").
    assert "不能" in refused.value.message
    assert app.get_status_display().removesuffix("中") in refused.value.message
    assert state(app) == before


def _params_for(w: World, case: Case, app: Application) -> dict[str, Any]:
    # Params built for the right state may need rows that the wrong state lacks.
    if case.action == "decide_dispute":
        return {"on": date(2025, 7, 1), "result": "upheld", "dispute": 0}
    return case.params(w, app)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_allowed_role_applies_it_with_one_audit_event(case: Case) -> None:
    w = World()
    app = case.setup(w)
    events = ApplicationEvent.objects.count()
    actor = user(w, case.allowed)
    result = ACTIONS[case.action].execute(actor, app, **case.params(w, app))
    assert ApplicationEvent.objects.count() == events + 1
    event = ApplicationEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.application_id == app.pk
    assert event.kind == ACTIONS[case.action].event_kind
    assert event.actor == actor
    assert event.before != event.after or case.action in {
        "route_to_department",
        "file_dispute",
        "decide_dispute",
        "reveal_personal_data",
        "add_note",
    }
    assert result.pk == app.pk


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_sequential_double_submission_applies_once(case: Case) -> None:
    w = World()
    app = case.setup(w)
    actor = user(w, case.allowed)
    action = ACTIONS[case.action]
    action.execute(actor, app, **case.params(w, app))
    after_first = state(app)
    if case.action in {"reveal_personal_data", "add_note"}:
        # Each look at personal data is its own audited event, never silently merged.
        action.execute(actor, app, **case.params(w, app))
        assert ApplicationEvent.objects.filter(kind=action.event_kind).count() == 2
        return
    with pytest.raises(ActionRefused) as refused:
        action.execute(actor, app, **case.params(w, app))
    assert refused.value.code == "conflict"
    assert state(app) == after_first


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_same_token_retry_is_a_no_op(case: Case) -> None:
    w = World()
    app = case.setup(w)
    actor = user(w, case.allowed)
    action = ACTIONS[case.action]
    first = action.execute(actor, app, idempotency_key="submit-1", **case.params(w, app))
    after_first = state(app)
    again = action.execute(actor, app, idempotency_key="submit-1", **case.params(w, app))
    assert again.pk == first.pk
    assert state(app) == after_first
    assert ApplicationEvent.objects.filter(idempotency_key="submit-1").count() == 1


def test_a_token_reused_for_another_action_is_refused() -> None:
    w = World()
    app = w.register()
    StartConsultation.execute(
        w.handler, app, on=date(2025, 3, 5), kind="third_party", party="某公司", idempotency_key="k"
    )
    before = state(app)
    with pytest.raises(ActionRefused, match="另一操作") as refused:
        ACTIONS["end_consultation"].execute(
            w.handler, app, on=date(2025, 3, 6), idempotency_key="k"
        )
    assert refused.value.code == "conflict"
    assert state(app) == before


def test_refusal_after_partial_work_rolls_everything_back() -> None:
    # start_consultation writes a Pause before the deadline check could fail; a receiver
    # that raises after the event proves the whole transaction is rolled back.
    from gongkai.applications.signals import action_executed

    w = World()
    app = w.register()
    before = state(app)

    def explode(**kwargs: Any) -> None:
        raise ActionRefused("测试：接收方拒绝。")

    action_executed.connect(explode, dispatch_uid="explode")
    try:
        with pytest.raises(ActionRefused, match="接收方拒绝"):
            StartConsultation.execute(
                w.handler, app, on=date(2025, 3, 5), kind="third_party", party="某公司"
            )
    finally:
        action_executed.disconnect(dispatch_uid="explode")
    assert state(app) == before


def test_register_refused_to_the_wrong_roles_and_double_submission() -> None:
    w = World()
    fields = {
        "applicant_kind": "natural_person",
        "applicant_name": "李四",
        "channel": "in_person",
        "arrived_at": at(D),
        "description": "某项目的环评批复",
    }
    # Those who see the bureau are told they may not; the others learn nothing about it.
    for name in ("handler", "head", "supervisor"):
        with pytest.raises(ActionRefused, match="无权登记") as refused:
            RegisterApplication.execute(user(w, name), agency=w.bureau, **fields)
        assert refused.value.code == "forbidden"
    for name in ("town_head", "outsider"):
        with pytest.raises(ActionRefused, match="受理机关不存在") as refused:
            RegisterApplication.execute(user(w, name), agency=w.bureau, **fields)
        assert refused.value.code == "invalid"
    assert Application.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0

    first = RegisterApplication.execute(w.registrar, agency=w.bureau, **fields)
    with pytest.raises(ActionRefused, match="已登记") as refused:
        RegisterApplication.execute(w.registrar, agency=w.bureau, **fields)
    assert refused.value.code == "conflict"
    assert Application.objects.count() == 1

    again = RegisterApplication.execute(
        w.registrar, agency=w.bureau, idempotency_key="form-7", **{**fields, "description": "x"}
    )
    retry = RegisterApplication.execute(
        w.registrar, agency=w.bureau, idempotency_key="form-7", **{**fields, "description": "x"}
    )
    assert retry.pk == again.pk != first.pk
    assert Application.objects.count() == 2
    assert ApplicationEvent.objects.count() == 2


def test_oversight_roles_reach_down_but_office_roles_do_not() -> None:
    w = World()
    app = w.register()
    # The county's administrator may do handling steps at its department ...
    app = StartConsultation.execute(
        w.admin, app, on=date(2025, 3, 5), kind="third_party", party="某公司"
    )
    assert app.status == "consulting"
    assert app.events.order_by("-id").first().actor == w.admin  # type: ignore[union-attr]
    # ... but the town's office head may not answer for the department.
    with pytest.raises(ActionRefused, match="无权"):
        ACTIONS["end_consultation"].execute(w.town_head, app, on=date(2025, 3, 6))


def test_superuser_may_act_and_is_named_in_the_audit() -> None:
    w = World()
    root = User.objects.create_superuser("root", password="pw")
    app = w.register()
    Answer.execute(root, app, on=date(2025, 3, 20), outcome="granted")
    assert app.events.order_by("-id").first().actor == root  # type: ignore[union-attr]
