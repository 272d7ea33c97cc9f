"""Trigram (pg_trgm GIN) indexes for the staff register search, on PostgreSQL only.

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


def _drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS app_applicant_name_prefix")
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS app_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("applications", "0004_letter_issued")]

    operations = [migrations.RunPython(_create, _drop, elidable=False)]
