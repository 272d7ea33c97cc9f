"""Applicant identity checks shared by model validation, forms and registration."""

from __future__ import annotations

from collections.abc import Callable

from gongkai.id_numbers import InvalidIdentity, validate_credit_code, validate_resident_id

from .choices import ApplicantKind

__all__ = ["applicant_identity_errors", "checked_identity"]


def applicant_identity_errors(kind: str, id_number: str, credit_code: str) -> dict[str, str]:
    """Field name -> Chinese message for every identity problem; empty when all is well."""
    return checked_identity(kind, id_number, credit_code)[2]


def checked_identity(
    kind: str, id_number: str, credit_code: str
) -> tuple[str, str, dict[str, str]]:
    """(canonical id number, canonical credit code, errors by field name).

    Numbers are optional: art. 29 asks for 身份证明, which may be a passport or another
    document without a resident ID, and the 2008 rules asked for none. A number that is
    given must be valid and must fit the applicant kind.
    """
    values = {"applicant_id_number": id_number, "applicant_credit_code": credit_code}
    # The number the applicant kind takes, its validator, and the one it must leave empty.
    validate: Callable[[str], str]
    if kind == ApplicantKind.NATURAL_PERSON:
        field, other, validate = (
            "applicant_id_number",
            "applicant_credit_code",
            validate_resident_id,
        )
        refusal = "自然人申请人不填写统一社会信用代码。"
    else:
        field, other, validate = (
            "applicant_credit_code",
            "applicant_id_number",
            validate_credit_code,
        )
        refusal = "法人或其他组织申请人不填写身份证号码。"
    errors: dict[str, str] = {}
    if values[other]:
        errors[other] = refusal
    if values[field]:
        try:
            values[field] = validate(values[field])
        except InvalidIdentity as exc:
            errors[field] = str(exc)
    return values["applicant_id_number"], values["applicant_credit_code"], errors
