"""The action layer: every state change of the register goes through one of these.

Each action checks the actor's role and the case's state, changes it in one transaction on
the locked row, writes one append-only ``ApplicationEvent`` and sends ``action_executed``;
a refusal raises ``ActionRefused`` and changes nothing. Each declares its parameters once as
a form (``form_class``). The admin, the JSON API, commands, the ledger import and the demo
all call them.
"""

from __future__ import annotations

from ._base import Action, ActionRefused
from .answer import Answer, RecordDelivery
from .consultation import EndConsultation, StartConsultation
from .disputes import DecideDispute, FileDispute
from .fees import ExpireFee, IssueFeeNotice, RecordPayment
from .handling import ApproveExtension, Reopen, RouteToDepartment
from .intake import (
    ExpireCorrection,
    ReceiveCorrection,
    RegisterApplication,
    RequestCorrection,
    Withdraw,
)
from .office import AddInternalNote, AssignHandler
from .personal_data import RevealPersonalData

__all__ = [
    "ACTIONS",
    "Action",
    "ActionRefused",
    "AddInternalNote",
    "Answer",
    "ApproveExtension",
    "AssignHandler",
    "DecideDispute",
    "EndConsultation",
    "ExpireCorrection",
    "ExpireFee",
    "FileDispute",
    "IssueFeeNotice",
    "ReceiveCorrection",
    "RecordDelivery",
    "RecordPayment",
    "RegisterApplication",
    "Reopen",
    "RequestCorrection",
    "RevealPersonalData",
    "RouteToDepartment",
    "StartConsultation",
    "Withdraw",
]

# Actions on an existing application, by name (the API and the admin look them up here).
ACTIONS: dict[str, type[Action]] = {
    action.name: action
    for action in (
        RequestCorrection,
        ReceiveCorrection,
        ExpireCorrection,
        StartConsultation,
        EndConsultation,
        ApproveExtension,
        RouteToDepartment,
        IssueFeeNotice,
        RecordPayment,
        ExpireFee,
        Withdraw,
        Answer,
        RecordDelivery,
        Reopen,
        FileDispute,
        DecideDispute,
        RevealPersonalData,
        AssignHandler,
        AddInternalNote,
    )
}
