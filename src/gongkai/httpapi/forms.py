"""Django forms as the one declaration of the API's inputs: JSON Schema, bodies, query strings.

An action's parameters, the registration and every list filter are Django forms. This module
turns a form class into the JSON Schema of its request body or query parameters (for the
OpenAPI document) and checks a request against that same schema (JSON types, unknown names,
NUL characters) before the form validates the values, so the document and the behaviour
cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, QueryDict
from django.http.request import RawPostDataException
from django.utils import translation

from .problems import ApiError

__all__ = [
    "check_against_schema",
    "field_schema",
    "form_errors",
    "form_fields",
    "form_schema",
    "json_object",
    "query_parameters",
    "validated_query",
]

# Integers beyond this overflow SQLite and PostgreSQL bigint columns.
BIGINT_MAX = 2**63 - 1
_TYPE_NAMES = {
    "string": "字符串",
    "integer": "整数",
    "number": "数字",
    "boolean": "布尔值（true 或 false）",
    "null": "null",
}


def _choices(field: forms.ChoiceField) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    choices: Iterable[Any] = field.choices  # type: ignore[assignment]
    for value, label in choices:
        if isinstance(label, list | tuple):  # an option group
            pairs.extend((str(v), str(lab)) for v, lab in label)
        elif value not in ("", None):
            pairs.append((str(value), str(label)))
    return pairs


def field_schema(field: forms.Field) -> dict[str, Any]:
    """The JSON Schema of one form field (as a JSON value, not a form string)."""
    schema: dict[str, Any]
    if isinstance(field, forms.ModelChoiceField):
        schema = {"type": "integer", "minimum": 1, "maximum": BIGINT_MAX}
    elif isinstance(field, forms.ChoiceField):
        pairs = _choices(field)
        schema = {"type": "string", "enum": [value for value, _ in pairs]}
        schema["x-enum-labels"] = dict(pairs)
    elif isinstance(field, forms.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        # Checked before IntegerField, which Django makes their base class.
        schema = {"type": ["string", "number"], "format": "decimal"}
        if field.min_value is not None:
            schema["minimum"] = float(field.min_value)
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        min_value = getattr(field, "min_value", None)
        max_value = getattr(field, "max_value", None)
        schema["minimum"] = -BIGINT_MAX if min_value is None else min_value
        schema["maximum"] = BIGINT_MAX if max_value is None else max_value
    elif isinstance(field, forms.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, forms.DateField):
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string"}
        max_length = getattr(field, "max_length", None)
        if max_length is not None:
            schema["maxLength"] = max_length
    label = str(field.label or "")
    if label:
        schema["title"] = label
    notes = [label] if label else []
    if field.help_text:
        notes.append(str(field.help_text))
    if "enum" in schema:
        notes.append("；".join(f"{v}＝{lab}" for v, lab in schema["x-enum-labels"].items()))
    if notes:
        schema["description"] = "。".join(notes)
    if not field.required:
        schema["type"] = [*_as_list(schema["type"]), "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def form_fields(
    form_class: type[forms.BaseForm], exclude: Iterable[str] = ()
) -> dict[str, forms.Field]:
    """The fields an unbound instance of ``form_class`` has (its ``__init__`` may drop some)."""
    skip = set(exclude)
    return {n: f for n, f in form_class().fields.items() if n not in skip}


def form_schema(
    form_class: type[forms.BaseForm], *, exclude: Iterable[str] = (), title: str = ""
) -> dict[str, Any]:
    """The JSON Schema of a JSON object carrying ``form_class``'s fields."""
    fields = form_fields(form_class, exclude)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: field_schema(field) for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
    }
    if not schema["required"]:
        del schema["required"]
    if title:
        schema["title"] = title
    return schema


def query_parameters(
    form_class: type[forms.BaseForm], *, exclude: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """OpenAPI query parameter objects for the fields of a filter form."""
    params = []
    for name, field in form_fields(form_class, exclude).items():
        schema = field_schema(field)
        # In a query string every value is text: a boolean is "1"/"0", a number its digits.
        kinds = [t for t in _as_list(schema["type"]) if t != "null"]
        schema["type"] = kinds[0] if len(kinds) == 1 else kinds
        if "enum" in schema:
            schema["enum"] = [v for v in schema["enum"] if v is not None]
        params.append(
            {
                "name": name,
                "in": "query",
                "required": bool(field.required),
                "schema": schema,
                "description": schema.get("description", ""),
            }
        )
    return params


def _json_type_ok(value: Any, kinds: list[str]) -> bool:
    for kind in kinds:
        if kind == "null" and value is None:
            return True
        if kind == "string" and isinstance(value, str):
            return True
        if kind == "boolean" and isinstance(value, bool):
            return True
        if kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
            return True
        if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
            return True
    return False


def _value_errors(value: Any, schema: Mapping[str, Any]) -> list[str]:
    kinds = _as_list(schema["type"])
    if not _json_type_ok(value, kinds):
        expected = "或".join(_TYPE_NAMES[k] for k in kinds if k != "null")
        return [f"类型不正确：应为{expected}。"]
    if isinstance(value, str) and "\x00" in value:
        return ["内容含有不可见的控制字符（NUL），请删除后重新提交。"]
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and value < low:
            return [f"不能小于 {low}。"]
        if high is not None and value > high:
            return [f"不能大于 {high}。"]
    if isinstance(value, str) and "maxLength" in schema and len(value) > schema["maxLength"]:
        return [f"长度不能超过 {schema['maxLength']} 个字符（现为 {len(value)} 个）。"]
    return []


def check_against_schema(data: Mapping[str, Any], schema: Mapping[str, Any]) -> None:
    """Refuse (ApiError with field errors) a JSON object that does not fit ``schema``."""
    properties: Mapping[str, Any] = schema["properties"]
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if name not in properties:
            errors[name] = ["不支持的参数。"]
            continue
        problems = _value_errors(value, properties[name])
        if problems:
            errors[name] = problems
    for name in schema.get("required", ()):
        if data.get(name) in (None, "") and name not in errors:
            spec = properties[name]
            verb = "选择" if "enum" in spec or spec["type"] == "integer" else "填写"
            errors[name] = [f"请{verb}{spec.get('title', name)}。"]
    if errors:
        unknown = sorted(n for n, m in errors.items() if m == ["不支持的参数。"])
        if unknown:
            first = f"不支持的参数：{'、'.join(unknown)}"
        else:
            titles = {n: str(p.get("title", n)) for n, p in properties.items()}
            first = _first(errors, titles)
        raise ApiError(f"提交的内容有误：{first}", errors=errors)


def _first(errors: Mapping[str, list[str]], titles: Mapping[str, str]) -> str:
    name, messages = next(iter(errors.items()))
    message = messages[0]
    title = titles.get(name, name)
    if message.startswith("请") or title in message:
        return message
    return f"{title}（{name}）：{message}"


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object ({} when empty); ApiError for anything else."""
    try:
        raw = request.body
    except RequestDataTooBig:
        raise ApiError("请求内容过大。", code="too_large") from None
    except RawPostDataException:
        # The body was read as a form (multipart or urlencoded) before: it is not JSON.
        raise ApiError(
            "请求内容应为 JSON 对象（Content-Type: application/json），不能是表单。"
        ) from None
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError("请求内容不是有效的 JSON（应为 UTF-8 编码的 JSON 对象）。") from None
    if not isinstance(data, dict):
        raise ApiError("请求内容应为 JSON 对象（{…}），不能是数组或单个值。")
    try:
        # A JSON \ud800 escape parses to a lone surrogate, which no database can store.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError("请求内容含有无效的 Unicode 字符（单独的代理项），请检查编码。") from None
    return data


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON; Python's parser would accept them.
    raise ValueError(name)


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    """A bound form's errors as field → Chinese messages (whatever the request's language)."""
    with translation.override("zh-hans"):
        return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def validated_query(
    form_class: type[forms.BaseForm], query: QueryDict, *, allowed: Iterable[str] = ()
) -> dict[str, Any]:
    """The cleaned query string of a filter form; ApiError naming every bad parameter."""
    known = set(form_fields(form_class)) | set(allowed)
    unknown = sorted(k for k in query if k not in known)
    if unknown:
        raise ApiError(
            f"不支持的查询参数：{'、'.join(unknown)}",
            errors={name: ["不支持的查询参数。"] for name in unknown},
        )
    with translation.override("zh-hans"):
        form = form_class(query)
        if not form.is_valid():
            errors = form_errors(form)
            titles = {n: str(f.label or n) for n, f in form.fields.items()}
            raise ApiError(f"查询参数有误：{_first(errors, titles)}", errors=errors)
        return dict(form.cleaned_data)
