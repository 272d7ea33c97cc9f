"""Forms of the register: registration and one small form per action.

A form only collects parameters; the action decides. Each form carries a hidden
``idempotency_key`` generated when it is shown, so submitting the same form twice applies once.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency

from .choices import (
    ANSWER_OUTCOMES,
    OUTCOME_BASES,
    ApplicantKind,
    Channel,
    DisputeResult,
    DisputeRoute,
    Outcome,
)
from .identities import applicant_identity_errors
from .models import Application

__all__ = ["ACTION_FORM_FIELDS", "ActionForm", "RegistrationForm", "action_form_class"]

# A field deep-copies its widget, so one instance serves every date field.
_DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class _Keyed(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class RegistrationForm(_Keyed):
    """登记申请."""

    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.all())
    reference = forms.CharField(label="申请编号（留空自动编号）", required=False, max_length=64)
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label="申请人", max_length=200)
    applicant_id_number = forms.CharField(label="身份证号码", required=False, max_length=18)
    applicant_credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=18)
    applicant_contact = forms.CharField(label="联系方式", required=False, max_length=200)
    channel = forms.ChoiceField(label="申请渠道", choices=Channel.choices)
    arrived_at = forms.DateTimeField(
        label="到达时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    confirmed_on = forms.DateField(
        label="确认日期（平信、传真、互联网等渠道必填）", required=False, widget=_DATE_INPUT
    )
    description = forms.CharField(label="申请内容", widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ("agency", "reference", "applicant_kind", "applicant_name")

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            # ``fields`` is typed as plain Field; "agency" is the ModelChoiceField declared above.
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("arrived_at", timezone.localtime().replace(second=0))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors = applicant_identity_errors(
            data.get("applicant_kind", ""),
            (data.get("applicant_id_number") or "").strip().upper(),
            (data.get("applicant_credit_code") or "").strip().upper(),
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return data


def _outcome_choices() -> list[tuple[str, str]]:
    return [
        (value, f"{label}（{OUTCOME_BASES[value].article}）")
        for value, label in Outcome.choices
        if value in ANSWER_OUTCOMES
    ]


def _on() -> forms.DateField:
    return forms.DateField(label="日期", initial=timezone.localdate, widget=_DATE_INPUT)


def _fields_for(name: str, application: Application | None) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {"on": _on()}
    if name == "request_correction":
        fields["due_on"] = forms.DateField(
            label="补正期限（申请人应在此日前补正）", widget=_DATE_INPUT
        )
    elif name == "start_consultation":
        fields["kind"] = forms.ChoiceField(
            label="类型", choices=[("third_party", "第三方征求意见"), ("co_producer", "会商")]
        )
        fields["party"] = forms.CharField(label="征求意见对象", max_length=200)
    elif name == "approve_extension":
        fields["notified_on"] = forms.DateField(label="告知申请人日期", widget=_DATE_INPUT)
    elif name == "route_to_department":
        fields["department"] = forms.ModelChoiceField(
            label="协查部门", queryset=Agency.objects.all()
        )
    elif name == "issue_fee_notice":
        fields["method"] = forms.ChoiceField(
            label="计收方式", choices=[("per_item", "按件计收"), ("per_page", "按量计收")]
        )
        fields["items"] = forms.IntegerField(
            label="本次计费件数（按件计收，默认 1）", min_value=1, required=False
        )
        fields["items_already_this_month"] = forms.IntegerField(
            label="本自然月此前已计件数（留空按台账统计）", min_value=0, required=False
        )
        fields["pages"] = forms.IntegerField(label="页数（按量计收）", min_value=1, required=False)
        fields["notice_received_on"] = forms.DateField(
            label="申请人收到通知日期（留空为发出当日）", required=False, widget=_DATE_INPUT
        )
    elif name == "answer":
        fields["outcome"] = forms.ChoiceField(label="办理结果", choices=_outcome_choices())
    elif name == "record_delivery":
        fields["method"] = forms.CharField(label="送达方式", max_length=100, required=False)
    elif name == "reopen":
        fields["reason"] = forms.CharField(label="重新办理原因", max_length=500)
    elif name == "file_dispute":
        fields["route"] = forms.ChoiceField(label="途径", choices=DisputeRoute.choices)
        fields["reference"] = forms.CharField(label="案号", max_length=100, required=False)
    elif name == "decide_dispute":
        queryset = application.disputes.all() if application else None
        fields["dispute"] = forms.ModelChoiceField(label="案件", queryset=queryset)
        fields["result"] = forms.ChoiceField(
            label="结果",
            choices=[c for c in DisputeResult.choices if c[0] != DisputeResult.PENDING],
        )
    return fields


ACTION_FORM_FIELDS = (
    "request_correction",
    "receive_correction",
    "expire_correction",
    "start_consultation",
    "end_consultation",
    "approve_extension",
    "route_to_department",
    "issue_fee_notice",
    "record_payment",
    "expire_fee",
    "withdraw",
    "answer",
    "record_delivery",
    "reopen",
    "file_dispute",
    "decide_dispute",
)


class ActionForm(_Keyed):
    """The parameters of one action; ``params()`` gives them as the action takes them."""

    def params(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("department", "dispute"):
            if data.get(key) is not None:
                data[key] = data[key].pk
        return {k: v for k, v in data.items() if v not in (None, "") or k == "note"}


def action_form_class(name: str, application: Application | None = None) -> type[ActionForm]:
    """The form class for the action called ``name``."""
    return type(f"{name.title()}Form", (ActionForm,), dict(_fields_for(name, application)))
