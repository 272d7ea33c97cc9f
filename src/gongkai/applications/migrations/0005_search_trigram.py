"""Indexes of the staff pages, on PostgreSQL only: trigram (pg_trgm GIN) indexes for the
register search, partial covering indexes for the dashboard's counts.

The search uses ``icontains``, which Django writes as ``UPPER(col::text) LIKE UPPER(%s)`` on
PostgreSQL; the indexes are on exactly that expression so the planner can use them for a
Chinese substring without word breaks (pg_trgm hashes multibyte trigrams). Patterns shorter
than three characters have no trigram: a short applicant name is searched as a prefix
(B-tree below); a short word of the request still scans. SQLite keeps its plain LIKE.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "applications_application"
COLUMNS = ("description", "applicant_name", "reference")


def _create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS app_{column}_trgm ON {TABLE} "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )
    # Names of one or two characters have no trigram: the search matches them as a prefix
    # (istartswith), which this B-tree answers.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS app_applicant_name_prefix ON {TABLE} "
        '(UPPER("applicant_name"::text) text_pattern_ops)'
    )

    # The dashboard's counts read only these columns of the open and the recently closed
    # cases: partial covering indexes answer them by index-only scans, however the open
    # cases lie scattered among a million closed ones.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS app_open_cases ON {TABLE} "
        "(agency_id, status, deadline, assigned_to_id) WHERE status <> 'closed'"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS app_closed_cases ON {TABLE} "
        "(agency_id, closed_on, assigned_to_id) WHERE status = 'closed'"
    )


def _drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS app_open_cases")
    schema_editor.execute("DROP INDEX IF EXISTS app_closed_cases")
    schema_editor.execute("DROP INDEX IF EXISTS app_applicant_name_prefix")
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS app_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("applications", "0004_letter_issued")]

    operations = [migrations.RunPython(_create, _drop, elidable=False)]
