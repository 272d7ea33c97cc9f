"""The shipped default letters: one body per kind and per art. 36 / table-3 outcome.

The office overrides any of them in /staff/letters/templates/ (a ``LetterTemplate`` row per
agency); these texts are what a new agency starts from. Placeholders are listed in
``placeholders.PLACEHOLDERS``. The article each answer cites comes from
``gongkai.applications.choices.OUTCOME_BASES`` through ``{{ 依据条款 }}``, so the letter and the
annual report cannot cite different articles.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.applications.choices import Outcome

from .choices import ANSWER_PREFIX, LetterKind

__all__ = ["DEFAULT_TEMPLATES", "REGULATION", "DefaultTemplate"]

REGULATION = "《中华人民共和国政府信息公开条例》"

_OPENING = (
    "{{ 申请人 }}：\n"
    "本机关于{{ 收到日期 }}收到您（单位）提出的政府信息公开申请（申请编号：{{ 申请编号 }}），"
    "申请获取“{{ 申请内容 }}”。"
)
_REMEDY = "{{ 救济条款 }}"
_CLOSING = "特此告知。"


@dataclass(frozen=True, slots=True)
class DefaultTemplate:
    """A shipped letter: its title and its body with placeholders."""

    title: str
    body: str


def _answer(finding: str) -> DefaultTemplate:
    return DefaultTemplate(
        "政府信息公开申请答复告知书",
        "\n".join((_OPENING, finding, _REMEDY, _CLOSING)),
    )


_ANSWERS: dict[str, str] = {
    Outcome.GRANTED: (
        "经审查，您申请获取的政府信息属于公开范围。根据" + REGULATION + "{{ 依据条款 }}的规定，"
        "本机关予以公开，相关政府信息随本告知书一并提供（如已主动公开，获取方式和途径为："
        "__________）。"
    ),
    Outcome.PARTIALLY_GRANTED: (
        "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。"
        "根据" + REGULATION + "{{ 依据条款 }}的规定，本机关向您提供可以公开的部分，"
        "对不予公开的内容说明理由如下：__________。"
    ),
    Outcome.DENIED_STATE_SECRET: (
        "经审查，您申请获取的政府信息属于国家秘密。根据" + REGULATION + "{{ 依据条款 }}的规定，"
        "本机关不予公开。"
    ),
    Outcome.DENIED_PROHIBITED_BY_LAW: (
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息（依据：__________）。"
        "根据" + REGULATION + "{{ 依据条款 }}的规定，本机关不予公开。"
    ),
    Outcome.DENIED_THREE_SAFETIES: (
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        "根据" + REGULATION + "{{ 依据条款 }}的规定，本机关不予公开。"
    ),
    Outcome.DENIED_THIRD_PARTY: (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
        "本机关已书面征求第三方意见，第三方不同意公开且理由合理。根据"
        + REGULATION
        + "{{ 依据条款 }}的规定，本机关不予公开。"
    ),
    Outcome.DENIED_INTERNAL: (
        "经审查，您申请获取的信息属于行政机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据" + REGULATION + "{{ 依据条款 }}的规定，本机关不予公开。"
    ),
    Outcome.DENIED_PROCESS: (
        "经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息。根据" + REGULATION + "{{ 依据条款 }}的规定，"
        "本机关不予公开。"
    ),
    Outcome.DENIED_ENFORCEMENT: (
        "经审查，您申请获取的信息属于行政执法案卷信息。根据" + REGULATION + "{{ 依据条款 }}的规定，"
        "本机关不予公开。"
    ),
    # Unclear in the statute fact sheet (A6, [U]): the national format counts 行政查询事项
    # under 不予公开, but its link to art. 36(7) is not confirmed by the format's notes. The
    # office should check the wording and the cited article before using this letter.
    Outcome.DENIED_QUERY: (
        "经审查，您申请获取的信息属于行政查询事项，应当通过相应的查询渠道办理（查询途径："
        "__________）。根据" + REGULATION + "{{ 依据条款 }}的规定，本机关不作为政府信息公开"
        "申请提供。"
    ),
    # Table 3 （四）1 merges art. 36(4) (does not exist) and 36(5) (not ours): the office
    # keeps the sentence that applies and, under 36(5), names the responsible agency.
    Outcome.UNAVAILABLE_NOT_HELD: (
        "经检索查找，本机关未制作或者获取您申请的政府信息，该政府信息不存在"
        "（或者：该政府信息不属于本机关负责公开，负责公开的机关为__________，"
        "联系方式为__________）。根据" + REGULATION + "{{ 依据条款 }}的规定，特此告知。"
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (
        "经审查，本机关没有您所申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。"
        "根据" + REGULATION + "{{ 依据条款 }}的规定，本机关不予提供。"
    ),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: (
        "本机关已告知您对申请内容作出补正。经审查，补正后的申请内容仍不明确，本机关无法确定"
        "您所需要的政府信息。根据" + REGULATION + "{{ 依据条款 }}的规定，本机关无法提供。"
        "您可以在明确所需政府信息的名称、文号或者便于查询的其他特征性描述后重新提出申请。"
    ),
    Outcome.NOT_PROCESSED_PETITION: (
        "经审查，您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等诉求。根据"
        + REGULATION
        + "{{ 依据条款 }}的规定，本机关不作为政府信息公开申请处理，"
        "请您依照有关法律、法规的规定，向有关机关提出。"
    ),
    Outcome.NOT_PROCESSED_REPEATED: (
        "经审查，本机关已就您申请获取的政府信息作出过答复，您再次申请公开同一政府信息。根据"
        + REGULATION
        + "{{ 依据条款 }}的规定，本机关不予重复处理。"
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: (
        "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据"
        + REGULATION
        + "{{ 依据条款 }}的规定，本机关不作为政府信息公开申请处理，您可以通过__________获取。"
    ),
    Outcome.NOT_PROCESSED_EXCESSIVE: (
        "经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，"
        "您未说明理由或者理由不合理。根据" + REGULATION + "{{ 依据条款 }}的规定，"
        "本机关不予处理。"
    ),
    # Unclear in the statute fact sheet (A7, [U]): 确认或重新出具 is a category of the annual
    # report format with no explicit article; {{ 依据条款 }} says so instead of citing one.
    Outcome.NOT_PROCESSED_CONFIRMATION: (
        "经审查，您要求本机关确认或者重新出具您已经获取的信息，该要求不属于政府信息公开申请的"
        "处理范围（依据：{{ 依据条款 }}），本机关不予处理。"
    ),
    Outcome.OTHER_NO_CORRECTION: (
        "本机关已一次性告知您对申请内容作出补正，补正期限至{{ 补正期限 }}。您无正当理由逾期"
        "未补正。根据" + REGULATION + "{{ 依据条款 }}的规定，视为您放弃申请，本机关不再处理"
        "该政府信息公开申请。"
    ),
    # [S] in the statute fact sheet (A8, F3): the 20-working-day payment window comes from a
    # provincial notice restating the measures; the abandonment outcome itself is [V].
    Outcome.OTHER_FEE_UNPAID: (
        "本机关已向您发出收费通知，缴费期限至{{ 缴费期限 }}。您逾期未按收费通知要求缴纳信息"
        "处理费。根据{{ 依据条款 }}的规定，本机关不再处理该政府信息公开申请。"
    ),
    # 其他处理 has no article of its own (OUTCOME_BASES gives "—"): the office writes it.
    Outcome.OTHER_OTHER: (
        "经审查，本机关对您的申请作如下处理：__________（请写明处理结果、理由和依据）。"
    ),
}

# Unclear (not in the statute fact sheet): whether a correction or extension notice is itself
# open to reconsideration or a lawsuit, as a procedural step, is for the courts; the defaults
# carry the remedy clause as every letter to the applicant does, and an office that is
# advised otherwise deletes that paragraph from its own template.
DEFAULT_TEMPLATES: dict[str, DefaultTemplate] = {
    LetterKind.CORRECTION: DefaultTemplate(
        "政府信息公开申请补正通知书",
        "\n".join(
            (
                _OPENING,
                "经审查，您的申请内容不明确，本机关无法确定您所需要的政府信息。根据"
                + REGULATION
                + "{{ 依据条款 }}的规定，请您对以下内容作出补正：__________。",
                "请于{{ 补正期限 }}前将补正后的申请提交本机关。答复期限自本机关收到补正后的申请"
                "之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开"
                "申请。",
                _REMEDY,
                _CLOSING,
            )
        ),
    ),
    LetterKind.EXTENSION: DefaultTemplate(
        "政府信息公开申请延期答复告知书",
        "\n".join(
            (
                _OPENING,
                "因__________，本机关不能在规定期限内作出答复。经本机关政府信息公开工作机构负责人"
                "同意，根据" + REGULATION + "{{ 依据条款 }}的规定，答复期限延长20个工作日，"
                "延长后的答复期限至{{ 答复期限 }}。",
                _REMEDY,
                _CLOSING,
            )
        ),
    ),
    # Addressed to the third party or co-producing agency, not to the applicant: it carries
    # no remedy clause (the consultation is not a decision on the applicant's request).
    LetterKind.CONSULTATION: DefaultTemplate(
        "政府信息公开征求意见函",
        "\n".join(
            (
                "{{ 征求意见对象 }}：",
                "本机关于{{ 收到日期 }}收到政府信息公开申请（申请编号：{{ 申请编号 }}），申请获取"
                "“{{ 申请内容 }}”。经审查，该政府信息可能涉及贵方合法权益（或者：该政府信息由"
                "本机关与贵方共同制作）。根据" + REGULATION + "{{ 依据条款 }}的规定，现书面征求"
                "贵方意见。",
                "请贵方自收到本函之日起15个工作日内提出书面意见。逾期未提出意见的，本机关将依照"
                + REGULATION
                + "的规定决定是否公开。",
                "特此函告。",
            )
        ),
    ),
    # The fee notice's pause of the reply period is [U] in the statute fact sheet (A8); the
    # default says nothing about it. The 20-working-day payment window is [S] (F3).
    LetterKind.FEE_NOTICE: DefaultTemplate(
        "政府信息公开信息处理费收费通知书",
        "\n".join(
            (
                _OPENING,
                "经审查，您的申请数量、频次明显超过合理范围。根据{{ 依据条款 }}的规定，本机关依法"
                "收取信息处理费，金额为人民币{{ 收费金额 }}元。",
                "请于{{ 缴费期限 }}前按以下方式缴纳：__________。逾期未按本通知要求缴纳费用的，"
                "本机关不再处理该政府信息公开申请。",
                _REMEDY,
                _CLOSING,
            )
        ),
    ),
    **{f"{ANSWER_PREFIX}{outcome}": _answer(text) for outcome, text in _ANSWERS.items()},
}

# Articles of the non-answer letters (an answer's article comes from OUTCOME_BASES).
KIND_ARTICLES: dict[str, str] = {
    LetterKind.CORRECTION: "第三十条",
    LetterKind.EXTENSION: "第三十三条第二款",
    LetterKind.CONSULTATION: "第三十二条、第三十四条",
    LetterKind.FEE_NOTICE: REGULATION + "第四十二条和《政府信息公开信息处理费管理办法》",
}
