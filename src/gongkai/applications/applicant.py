"""Applicant identity checks shared by model validation, forms and registration."""

from __future__ import annotations

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
    errors: dict[str, str] = {}
    if kind == ApplicantKind.NATURAL_PERSON:
        if credit_code:
            errors["applicant_credit_code"] = "自然人申请人不填写统一社会信用代码。"
        if id_number:
            from gongkai.id_numbers import InvalidIdentity, validate_resident_id

            try:
                id_number = validate_resident_id(id_number)
            except InvalidIdentity as exc:
                errors["applicant_id_number"] = str(exc)
    else:
        if id_number:
            errors["applicant_id_number"] = "法人或其他组织申请人不填写身份证号码。"
        if credit_code:
            from gongkai.id_numbers import InvalidIdentity, validate_credit_code

            try:
                credit_code = validate_credit_code(credit_code)
            except InvalidIdentity as exc:
                errors["applicant_credit_code"] = str(exc)
    return id_number, credit_code, errors
