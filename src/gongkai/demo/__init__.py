"""The demo database: a district government, its departments and streets, staff with every
role, and two full years of synthetic applications (plus the current year, partly open).

Every application is registered and handled through the actions layer, so the audit trail,
deadlines and pauses are the ones real work would leave. All rows are marked is_demo.
The history is deterministic for a seed and a ``today``; a second call creates nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, StaffRole
from gongkai.annual.models import Table2Entry
from gongkai.applications import actions
from gongkai.applications.actions import ActionRefused
from gongkai.applications.models import Application, Dispute
from gongkai.letters.models import LetterSettings

__all__ = ["DEMO_CODE", "DEMO_PASSWORD", "DemoSummary", "create_demo_data"]

DEMO_CODE = "DEMO"
# Demo accounts only: printed by `gongkai demo` so that the admin can be tried at once.
DEMO_PASSWORD = "demo"
_ZONE = ZoneInfo("Asia/Shanghai")

_DEPARTMENTS = (
    ("示范区教育局", "EDU"),
    ("示范区住房和城乡建设局", "ZJJ"),
    ("示范区自然资源局", "ZRZY"),
    ("示范区市场监督管理局", "SCJG"),
    ("示范区人力资源和社会保障局", "RSJ"),
    ("示范区生态环境局", "SHJ"),
)
_STREETS = (
    ("示范区城关街道办事处", "CGJD", "street"),
    ("示范区东湖街道办事处", "DHJD", "street"),
    ("示范区西山镇人民政府", "XSZ", "town"),
    ("示范区南河镇人民政府", "NHZ", "town"),
)
_USERS = (
    ("demo_registrar", "登记员", "registrar"),
    ("demo_handler", "承办人", "handler"),
    ("demo_head", "公开办负责人", "office_head"),
    ("demo_supervisor", "监督员", "supervisor"),
    ("demo_admin", "管理员", "administrator"),
)
# Proportions after the seed reports: mostly natural persons, many 本机关不掌握.
_KINDS = (
    ("natural_person", 82),
    ("commercial", 8),
    ("legal_services", 4),
    ("other_org", 4),
    ("social_welfare", 1),
    ("research", 1),
)
_CHANNELS = (
    ("internet", 55),
    ("registered_post", 25),
    ("in_person", 12),
    ("ordinary_letter", 5),
    ("fax", 1),
    ("other", 2),
)
_OUTCOMES = (
    ("granted", 30),
    ("partially_granted", 8),
    ("unavailable.not_held", 34),
    ("unavailable.needs_creation", 4),
    ("denied.third_party_rights", 2),
    ("denied.process_information", 2),
    ("denied.internal_affairs", 1),
    ("denied.enforcement_case_file", 1),
    ("denied.state_secret", 1),
    ("not_processed.petition_complaint", 5),
    ("not_processed.repeated", 4),
    ("not_processed.confirmation", 2),
    ("not_processed.publication", 1),
    ("other.other", 3),
)
_SUBJECTS = (
    "某小区旧城改造项目的征收补偿方案",
    "本人房屋所在地块的土地征收批复",
    "某道路拓宽工程的立项批复和规划许可",
    "某学校新建项目的环境影响评价批复",
    "本村集体土地征收的补偿安置费用发放情况",
    "某企业的行政处罚决定书",
    "某年度财政预算执行情况",
    "某小区物业专项维修资金使用情况",
    "辖区内养老机构的补贴发放名单",
    "某建设项目的施工许可证及竣工验收备案",
    "某河道整治工程的招投标文件",
    "本人社会保险缴费记录的核定依据",
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛")
_ORGANISATIONS = {
    "commercial": ("示范置业有限公司", "东湖建材有限公司", "西山物流有限公司"),
    "legal_services": ("某某律师事务所", "东湖法律服务所"),
    "other_org": ("某小区业主委员会", "西山村村民委员会"),
    "social_welfare": ("示范区环保志愿者协会",),
    "research": ("某大学公共管理学院",),
}
_PER_YEAR = 300


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo database holds, and whether this call created it."""

    created: bool
    agencies: int
    users: int
    applications: int
    disputes: int
    years: tuple[int, ...]

    def __str__(self) -> str:
        return (
            f"{self.agencies} 个机关、{self.users} 个演示账号（密码 {DEMO_PASSWORD}）、"
            f"{self.applications} 件申请、{self.disputes} 件行政复议和诉讼"
            f"（{self.years[0]}—{self.years[-1]} 年）"
        )


def create_demo_data(
    *, seed: int = 2026, today: date | None = None, per_year: int = _PER_YEAR
) -> DemoSummary:
    """Create the demo district and its history; does nothing when it already exists."""
    # One "now" for the whole history: nothing is generated after it, whatever the hour.
    now = timezone.now()
    today = today or timezone.localdate(now)
    years = (today.year - 2, today.year - 1, today.year)
    if Agency.objects.filter(code=DEMO_CODE).exists():
        return _summary(False, years)
    rng = random.Random(seed)
    with transaction.atomic():
        government, agencies = _agencies()
        users = _users(government, agencies)
        for year in years:
            _year_of_cases(rng, year, today, now, per_year, agencies, users)
        _table2(government, years[:2])
        _letter_settings(agencies)
    return _summary(True, years)


def _summary(created: bool, years: tuple[int, ...]) -> DemoSummary:
    government = Agency.objects.get(code=DEMO_CODE)
    subtree = government.subtree()
    return DemoSummary(
        created=created,
        agencies=subtree.count(),
        users=get_user_model().objects.filter(username__startswith="demo_").count(),
        applications=Application.objects.filter(agency__in=subtree, is_demo=True).count(),
        disputes=Dispute.objects.filter(agency__in=subtree, is_demo=True).count(),
        years=years,
    )


def _agencies() -> tuple[Agency, list[Agency]]:
    government = Agency.objects.create(name="示范区人民政府", kind="government", code=DEMO_CODE)
    agencies = [government]
    for name, code in _DEPARTMENTS:
        agencies.append(
            Agency.objects.create(
                name=name, kind="department", code=f"{DEMO_CODE}-{code}", parent=government
            )
        )
    for name, code, kind in _STREETS:
        agencies.append(
            Agency.objects.create(
                name=name, kind=kind, code=f"{DEMO_CODE}-{code}", parent=government
            )
        )
    return government, agencies


def _users(government: Agency, agencies: list[Agency]) -> dict[str, Any]:
    model = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is deliberately slow
    users: dict[str, Any] = {}
    roles = []
    for username, label, role in _USERS:
        user, _ = model.objects.get_or_create(
            username=username,
            defaults={"first_name": label, "is_staff": True, "password": password},
        )
        users[role] = user
        # Registration, handling and answers act at each agency; oversight reaches down.
        places = [government] if role in ("supervisor", "administrator") else agencies
        roles += [StaffRole(user=user, agency=a, role=role) for a in places]
    StaffRole.objects.bulk_create(roles, ignore_conflicts=True)
    return users


def _pick(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def _applicant(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "natural_person":
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
        return name, f"1{rng.randint(3, 8)}{rng.randrange(10**9):09d}"
    return rng.choice(_ORGANISATIONS[kind]), f"0571-{rng.randrange(10**7, 10**8)}"


def _year_of_cases(
    rng: random.Random,
    year: int,
    today: date,
    now: datetime,
    per_year: int,
    agencies: list[Agency],
    users: dict[str, Any],
) -> None:
    last = min(date(year, 12, 31), today)
    span = (last - date(year, 1, 1)).days + 1
    count = per_year * span // 365
    days = sorted(rng.randrange(span) for _ in range(count))
    weights = [30] + [8] * len(_DEPARTMENTS) + [3] * len(_STREETS)
    for day in days:
        arrived = date(year, 1, 1) + timedelta(days=day)
        agency = rng.choices(agencies, weights)[0]
        _one_case(rng, arrived, today, now, agency, users)


def _one_case(
    rng: random.Random,
    arrived: date,
    today: date,
    now: datetime,
    agency: Agency,
    users: dict[str, Any],
) -> None:
    kind = _pick(rng, _KINDS)
    channel = _pick(rng, _CHANNELS)
    name, contact = _applicant(rng, kind)
    confirmed = min(arrived + timedelta(days=rng.choice((0, 0, 1, 2))), today)
    registrar, handler, head = users["registrar"], users["handler"], users["office_head"]
    app = actions.RegisterApplication.execute(
        registrar,
        agency=agency,
        applicant_kind=kind,
        applicant_name=name,
        applicant_contact=contact,
        channel=channel,
        arrived_at=_arrival_moment(rng, arrived, now),
        confirmed_on=confirmed,
        description=f"申请公开{rng.choice(_SUBJECTS)}。",
        is_demo=True,
    )
    received = app.received_on
    step = received
    roll = rng.random()

    def on(days: int) -> date | None:
        nonlocal step
        day = step + timedelta(days=days)
        if day > today:
            return None  # the case is still at this step today
        step = day
        return day

    try:
        if roll < 0.05:  # withdrawn after a few days
            if (day := on(rng.randint(2, 10))) is not None:
                actions.Withdraw.execute(registrar, app, on=day, note="申请人书面撤回申请")
            return
        if roll < 0.13:  # unclear request: 补正
            if (day := on(rng.randint(1, 5))) is None:
                return
            actions.RequestCorrection.execute(handler, app, on=day, due_on=day + timedelta(days=15))
            if rng.random() < 0.4:
                if (day := on(17)) is not None:
                    actions.ExpireCorrection.execute(handler, app, on=day)
                return
            if (day := on(rng.randint(3, 12))) is None:
                return
            actions.ReceiveCorrection.execute(registrar, app, on=day)
        elif roll < 0.19:  # third party consulted
            if (day := on(rng.randint(3, 8))) is None:
                return
            actions.StartConsultation.execute(
                handler, app, on=day, kind="third_party", party="相关权利人"
            )
            if (day := on(rng.randint(5, 14))) is None:
                return
            actions.EndConsultation.execute(handler, app, on=day)
        elif roll < 0.21 and received >= date(2021, 1, 1):  # 信息处理费
            if (day := on(rng.randint(3, 8))) is None:
                return
            actions.IssueFeeNotice.execute(
                handler, app, on=day, method="per_item", items=11, notice_received_on=day
            )
            if rng.random() < 0.4:
                if (day := on(35)) is not None:
                    actions.ExpireFee.execute(handler, app, on=day)
                return
            if (day := on(rng.randint(2, 10))) is None:
                return
            actions.RecordPayment.execute(handler, app, on=day)
        if rng.random() < 0.06 and (day := on(rng.randint(8, 14))) is not None:
            actions.ApproveExtension.execute(head, app, on=day, notified_on=day)
        _answer(rng, app, on, head, handler)
    except ActionRefused as exc:
        # The history is generated to be lawful; a refusal is a bug in this generator.
        raise RuntimeError(f"演示数据生成失败（{app.reference}）：{exc.message}") from exc


def _arrival_moment(rng: random.Random, arrived: date, now: datetime) -> datetime:
    """Office hours on the arrival day, but never after ``now`` (today's cases at 00:30)."""
    moment = datetime.combine(arrived, time(rng.randint(8, 17), rng.randrange(60)), _ZONE)
    return min(moment, now)


def _answer(rng: random.Random, app: Application, on: Any, head: Any, handler: Any) -> None:
    app.refresh_from_db(fields=["deadline", "status"])
    limit = (app.deadline - app.clock_started_on).days if app.deadline else 28
    day = on(rng.randint(3, max(4, limit)))
    if day is None:
        return
    outcome = _pick(rng, _OUTCOMES)
    if app.events.filter(kind="correction_received").exists() and rng.random() < 0.3:
        outcome = "unavailable.still_unclear"
    actions.Answer.execute(head, app, on=day, outcome=outcome)
    if rng.random() < 0.04 and outcome not in ("granted", "other.other"):
        filed = on(rng.randint(20, 55))
        if filed is None:
            return
        route = rng.choice(("reconsideration", "reconsideration", "litigation_direct"))
        actions.FileDispute.execute(handler, app, on=filed, route=route)
        decided = on(rng.randint(40, 90))
        if decided is not None:
            dispute = app.disputes.get(filed_on=filed)
            result = rng.choices(("upheld", "corrected", "other"), (6, 2, 2))[0]
            actions.DecideDispute.execute(handler, app, on=decided, dispute=dispute, result=result)


def _letter_settings(agencies: list[Agency]) -> None:
    # So that letters can be issued in the demo at once: each agency's number prefix and the
    # bodies its remedy clause names (the district's departments answer to the district; the
    # district government itself to the city above it).
    government = agencies[0]
    LetterSettings.objects.bulk_create(
        LetterSettings(
            agency=agency,
            number_prefix=f"{agency.name.removeprefix('示范区')}政府信息公开",
            reconsideration_body="示范市人民政府" if agency == government else government.name,
            court="示范区人民法院",
        )
        for agency in agencies
    )


def _table2(government: Agency, years: tuple[int, ...]) -> None:
    in_force = {"rules": 12, "normative_documents": 86}
    entries = []
    for i, year in enumerate(years):
        figures: dict[str, int | str] = {
            "t2.licensing.decisions": 1820 + 137 * i,
            "t2.penalty.decisions": 412 - 25 * i,
            "t2.coercion.decisions": 37 + 4 * i,
            "t2.fees.amount_wan_yuan": "0",
        }
        for row, (issued, repealed) in (("rules", (1, 0)), ("normative_documents", (9 + i, 4))):
            in_force[row] += issued - repealed
            figures[f"t2.{row}.issued"] = issued
            figures[f"t2.{row}.repealed"] = repealed
            figures[f"t2.{row}.in_force"] = in_force[row]
        entries += [
            Table2Entry(agency=government, year=year, key=key, value=value, is_demo=True)
            for key, value in figures.items()
        ]
    Table2Entry.objects.bulk_create(entries)
