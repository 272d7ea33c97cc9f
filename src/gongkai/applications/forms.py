"""The parameters of every action, declared once as Django forms.

Each action class names its form (``form_class``); the admin, the staff pages, the JSON API
(and its OpenAPI schema) and the command line all use it. A form only collects and checks
parameters; the action decides. Each form carries a hidden ``idempotency_key`` generated
when it is shown, so submitting the same form twice applies once.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.access import handlers_at
from gongkai.agencies.models import Agency

from .applicant import applicant_identity_errors
from .choices import (
    ANSWER_OUTCOMES,
    CHANNEL_CHOICES,
    OUTCOME_BASES,
    ApplicantKind,
    ConsultationKind,
    DisputeResult,
    DisputeRoute,
    FeeMethodChoice,
    Outcome,
)
from .models import Application, Dispute

__all__ = [
    "COMMON_FIELDS",
    "ActionForm",
    "AnswerForm",
    "ApproveExtensionForm",
    "AssignForm",
    "DecideDisputeForm",
    "FileDisputeForm",
    "InternalNoteForm",
    "IssueFeeNoticeForm",
    "RecordDeliveryForm",
    "RegistrationForm",
    "ReopenForm",
    "RequestCorrectionForm",
    "RevealForm",
    "RouteToDepartmentForm",
    "StartConsultationForm",
]

# A field deep-copies its widget, so one instance serves every date field.
_DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Fields every action form has; the others are the action's own parameters.
COMMON_FIELDS = frozenset({"idempotency_key", "note", "on"})


class ActionForm(forms.Form):
    """The parameters of one action; ``params()`` gives them as the action takes them."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    on = forms.DateField(label="日期", required=False, widget=_DATE_INPUT, help_text="留空为今天")
    note = forms.CharField(
        label="备注", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    # Model choice fields whose value the action takes as the chosen row's id.
    id_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, application: Application | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.application = application
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
            if "on" in self.fields:
                self.initial.setdefault("on", timezone.localdate())

    @classmethod
    def parameter_names(cls) -> frozenset[str]:
        """The action's own parameters (every field but the common ones)."""
        return frozenset(cls.base_fields) - COMMON_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "内容含有不可见的控制字符（NUL），请删除后重新提交。")
        return data

    def params(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of ``Action.execute``."""
        data = dict(self.cleaned_data)
        for key in self.id_fields:
            if data.get(key) is not None:
                data[key] = data[key].pk
        return {k: v for k, v in data.items() if v not in (None, "") or k == "note"}


class RegistrationForm(ActionForm):
    """登记申请."""

    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.all())
    reference = forms.CharField(label="申请编号（留空自动编号）", required=False, max_length=64)
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label="申请人", max_length=200)
    applicant_id_number = forms.CharField(label="身份证号码", required=False, max_length=18)
    applicant_credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=18)
    applicant_contact = forms.CharField(label="联系方式", required=False, max_length=200)
    channel = forms.ChoiceField(label="申请渠道", choices=CHANNEL_CHOICES)
    arrived_at = forms.DateTimeField(
        label="到达时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    confirmed_on = forms.DateField(
        label="确认日期（平信、传真、互联网等渠道必填）", required=False, widget=_DATE_INPUT
    )
    description = forms.CharField(
        label="申请内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_demo = forms.BooleanField(label="演示数据", required=False, widget=forms.HiddenInput)

    id_fields = ("agency",)
    field_order = ("agency", "reference", "applicant_kind", "applicant_name")

    # Registration has no separate legal date: the receipt date follows art. 31.
    on = None  # type: ignore[assignment]

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            # ``fields`` is typed as plain Field; "agency" is the ModelChoiceField declared above.
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("arrived_at", timezone.localtime().replace(second=0))

    @classmethod
    def parameter_names(cls) -> frozenset[str]:
        return super().parameter_names() - {"agency"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        errors = applicant_identity_errors(
            data.get("applicant_kind", ""),
            (data.get("applicant_id_number") or "").strip().upper(),
            (data.get("applicant_credit_code") or "").strip().upper(),
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return data


class RequestCorrectionForm(ActionForm):
    """告知补正."""

    due_on = forms.DateField(label="补正期限（申请人应在此日前补正）", widget=_DATE_INPUT)


class StartConsultationForm(ActionForm):
    """征求意见."""

    kind = forms.ChoiceField(label="类型", choices=ConsultationKind.choices)
    party = forms.CharField(label="征求意见对象", max_length=200)


class ApproveExtensionForm(ActionForm):
    """延长答复期限."""

    notified_on = forms.DateField(label="告知申请人日期", widget=_DATE_INPUT)


class RouteToDepartmentForm(ActionForm):
    """协查."""

    department = forms.ModelChoiceField(label="协查部门", queryset=Agency.objects.all())
    id_fields = ("department",)


class IssueFeeNoticeForm(ActionForm):
    """收费通知."""

    method = forms.ChoiceField(label="计收方式", choices=FeeMethodChoice.choices)
    items = forms.IntegerField(
        label="本次计费件数（按件计收，默认 1）", min_value=1, max_value=10000, required=False
    )
    items_already_this_month = forms.IntegerField(
        label="本自然月此前已计件数（留空按台账统计）", min_value=0, max_value=10000, required=False
    )
    pages = forms.IntegerField(
        label="页数（按量计收）", min_value=1, max_value=1000000, required=False
    )
    amount = forms.DecimalField(
        label="收费金额（元，留空按办法计算）",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    notice_received_on = forms.DateField(
        label="申请人收到通知日期（留空为发出当日）", required=False, widget=_DATE_INPUT
    )


def _outcome_choices() -> list[tuple[str, str]]:
    return [
        (value, f"{label}（{OUTCOME_BASES[value].article}）")
        for value, label in Outcome.choices
        if value in ANSWER_OUTCOMES
    ]


class AnswerForm(ActionForm):
    """答复."""

    outcome = forms.ChoiceField(label="办理结果", choices=_outcome_choices)


class RecordDeliveryForm(ActionForm):
    """送达."""

    method = forms.CharField(label="送达方式", max_length=100, required=False)


class ReopenForm(ActionForm):
    """重新办理."""

    reason = forms.CharField(label="重新办理原因", max_length=500)


class FileDisputeForm(ActionForm):
    """登记行政复议或诉讼."""

    route = forms.ChoiceField(label="途径", choices=DisputeRoute.choices)
    reference = forms.CharField(label="案号", max_length=100, required=False)


class DecideDisputeForm(ActionForm):
    """登记复议或诉讼结果."""

    dispute = forms.ModelChoiceField(label="案件", queryset=Dispute.objects.all())
    result = forms.ChoiceField(
        label="结果", choices=[c for c in DisputeResult.choices if c[0] != DisputeResult.PENDING]
    )
    id_fields = ("dispute",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.application is not None:
            # Only this case's disputes may be chosen.
            self.fields["dispute"].queryset = self.application.disputes.all()  # type: ignore[attr-defined]


class AssignForm(ActionForm):
    """分派承办人: one of the agency's handlers (or none, back to the office)."""

    handler = forms.ModelChoiceField(
        label="承办人",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="（不指定，由公开办统一办理）",
    )
    id_fields = ("handler",)
    on = None  # type: ignore[assignment]  # an assignment takes effect now

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.application is not None:
            self.fields["handler"].queryset = handlers_at(self.application.agency)  # type: ignore[attr-defined]


class InternalNoteForm(ActionForm):
    """内部备注: seen by the office only, never by the applicant."""

    text = forms.CharField(
        label="备注内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = None  # type: ignore[assignment]  # a note is written now
    note = None  # type: ignore[assignment]  # the text is the note


class RevealForm(ActionForm):
    """查看完整身份信息 (audited)."""

    on = None  # type: ignore[assignment]  # a reveal happens now
    reason = forms.CharField(label="查看原因", max_length=500, required=False)
