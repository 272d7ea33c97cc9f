"""Django form → JSON Schema, and a JSON object checked against that same schema."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from gongkai.agencies.models import Agency
from gongkai.httpapi import ApiError, check_against_schema, form_schema, query_parameters


class Sample(forms.Form):
    name = forms.CharField(label="名称", max_length=10)
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")])
    day = forms.DateField(label="日期", required=False, help_text="留空为今天")
    moment = forms.DateTimeField(label="时间", required=False)
    count = forms.IntegerField(label="件数", min_value=1, max_value=5, required=False)
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    flag = forms.BooleanField(label="标记", required=False)
    amount = forms.DecimalField(label="金额", min_value=0, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["moment"]  # the schema follows the form's own __init__


def test_each_field_kind_has_its_schema() -> None:
    schema = form_schema(Sample, title="样例")
    props = schema["properties"]
    assert schema["title"] == "样例"
    assert schema["required"] == ["name", "kind", "agency"]
    assert schema["additionalProperties"] is False
    assert "moment" not in props
    assert props["name"] == {
        "type": "string",
        "maxLength": 10,
        "title": "名称",
        "description": "名称",
    }
    assert props["kind"]["enum"] == ["a", "b"]
    assert props["kind"]["description"] == "类型。a＝甲；b＝乙"
    assert props["day"]["format"] == "date"
    assert props["day"]["type"] == ["string", "null"]
    assert props["day"]["description"] == "日期。留空为今天"
    assert (props["count"]["minimum"], props["count"]["maximum"]) == (1, 5)
    assert props["agency"]["type"] == "integer"
    assert props["flag"]["type"] == ["boolean", "null"]
    assert props["amount"]["minimum"] == 0


def test_query_parameters_are_text_typed_without_null() -> None:
    params = {p["name"]: p for p in query_parameters(Sample)}
    assert params["kind"]["required"] is True
    assert params["day"]["schema"]["type"] == "string"
    assert params["kind"]["schema"]["enum"] == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "a", "agency": 1}, "name", "请填写名称。"),
        ({"name": "x", "agency": 1}, "kind", "请选择类型。"),
        ({"name": 3, "kind": "a", "agency": 1}, "name", "类型不正确：应为字符串。"),
        ({"name": "x" * 11, "kind": "a", "agency": 1}, "name", "长度不能超过 10 个字符（现为 11 个）。"),
        ({"name": "x\x00", "kind": "a", "agency": 1}, "name", "内容含有不可见的控制字符（NUL），请删除后重新提交。"),
        ({"name": "x", "kind": "a", "agency": True}, "agency", "类型不正确：应为整数。"),
        ({"name": "x", "kind": "a", "agency": 2**63}, "agency", f"不能大于 {2**63 - 1}。"),
        ({"name": "x", "kind": "a", "agency": 1, "count": 0}, "count", "不能小于 1。"),
        ({"name": "x", "kind": "a", "agency": 1, "flag": "yes"}, "flag", "类型不正确：应为布尔值（true 或 false）。"),
        ({"name": "x", "kind": "a", "agency": 1, "extra": 1}, "extra", "不支持的参数。"),
    ],
)  # fmt: skip
def test_objects_that_do_not_fit_are_refused_field_by_field(
    data: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ApiError) as refused:
        check_against_schema(data, form_schema(Sample))
    assert refused.value.errors[field] == [message]
    assert refused.value.code == "invalid"
    assert refused.value.message.startswith("提交的内容有误：")


def test_an_object_that_fits_passes() -> None:
    data = {"name": "x", "kind": "b", "agency": 7, "day": None, "amount": "1.50", "flag": False}
    check_against_schema(data, form_schema(Sample))
