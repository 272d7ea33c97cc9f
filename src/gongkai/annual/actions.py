"""Changes of the report year's hand-entered figures, through the audited record actions."""

from __future__ import annotations

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency
from gongkai.audit.actions import RecordAction

from .models import Table2Entry

__all__ = ["SetTable2Figure"]


class SetTable2Figure(RecordAction[Table2Entry]):
    """表二数据: one hand-entered figure of table 2 for an agency and year."""

    name = "table2_figure"
    label = "填报表二数据"
    model = Table2Entry
    roles = frozenset({Role.OFFICE_HEAD, Role.ADMINISTRATOR})

    @classmethod
    def agency_of(cls, instance: Table2Entry) -> Agency | None:
        return instance.agency
