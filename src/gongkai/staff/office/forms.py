"""Forms of the office settings: agencies, staff accounts and roles, calendar days."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.applications.models import CalendarOverride

__all__ = ["AgencyForm", "CalendarDayForm", "CalendarYearForm", "NewStaffForm", "RoleForm"]


class AgencyForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    """An agency or department under one the administrator administers."""

    class Meta:
        model = Agency
        fields = ("name", "kind", "parent", "code")
        help_texts = {"code": "字母、数字或连字符，全系统唯一，例如 county-finance。"}  # noqa: RUF012

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.queryset = parents
        parent.required = True
        parent.empty_label = None
        if self.instance.pk is not None:
            # An agency cannot move under itself or its own descendants.
            parent.queryset = parents.exclude(pk__in=self.instance.subtree().values("pk"))
        self.fields["code"].validators.append(_code_characters)


def _code_characters(value: str) -> None:
    if not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value):
        raise ValidationError("代码只能包含字母、数字、连字符和下划线。")


def _role_choices() -> list[tuple[str, str]]:
    return list(Role.choices)


class RoleForm(forms.Form):
    """A role given to an existing staff user at an agency."""

    user = forms.ModelChoiceField(label="人员", queryset=get_user_model().objects.none())
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    role = forms.ChoiceField(label="角色", choices=_role_choices)

    def __init__(self, *args: Any, users: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user: Any = self.fields["user"]
        user.queryset = users
        agency: Any = self.fields["agency"]
        agency.queryset = agencies


class NewStaffForm(forms.Form):
    """A new staff account with its first role."""

    username = forms.RegexField(
        label="用户名",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "用户名只能包含字母、数字和 @ . + - _。"},
    )
    full_name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False, help_text="用于接收到期提醒。")
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput(render_value=False),
        help_text="请当面或电话告知本人，并请其登录后修改。",
    )
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    role = forms.ChoiceField(label="角色", choices=_role_choices)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        agency.queryset = agencies

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        validate_password(password)
        return password


class CalendarDayForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in stubs only
    """A day declared a working day (调休上班) or a day off (节假日) over the package data."""

    is_workday = forms.TypedChoiceField(
        label="这一天是",
        choices=[("0", "休息日（节假日）"), ("1", "工作日（调休上班）")],
        coerce=lambda value: value == "1",
    )

    class Meta:
        model = CalendarOverride
        fields = ("date", "is_workday", "note")
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}  # noqa: RUF012


class CalendarYearForm(forms.Form):
    """A year whose holiday notice has been entered completely."""

    year = forms.IntegerField(label="年份", min_value=2008)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def clean_year(self) -> int:
        year = int(self.cleaned_data["year"])
        if year > timezone.localdate().year + 1:
            raise ValidationError("只能登记今年或明年。")
        return year
