"""The performance report's indexes on the shared database (0003).

The report (data/analytics_queries.py) reads one team's events of a few
kinds in a period, the customers who arrived in a period and those who
became friends in it. Each index holds every column its read uses, ordered
team → (kind →) time, so the reads are range scans of the index alone, never
visits to the wide rows, and cost what the period holds, not the history.
Soft-deleted rows are left out, as the report leaves them out.

Like the sync objects, they exist on the shared database only: the local
cache never runs the report, and every write would pay for them there.
They are not part of the models; Alembic's comparison skips them
(``server_sql.is_sync_object``).

An index-only scan skips the row only on pages the visibility map marks
all-visible, which VACUUM maintains. PostgreSQL vacuums an insert-only table
after inserts of 20 % of its size by default — on a big event log, weeks of
the newest events, exactly the ones a report period reads. Events are
vacuumed after 1 % instead.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from operator_app.data.migrate import migrating_cache

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# name: (table, columns); kept in step with server_sql.SHARED_INDEXES
INDEXES = {
    "ix_contact_event_report": (
        "contact_event",
        (
            "team_id",
            "kind",
            "occurred_at",
            "operator_id",
            "lead_id",
            "hook_key",
            "template_id",
            "line_no",
        ),
    ),
    "ix_lead_report_created": (
        "lead",
        ("team_id", "created_at", "owner_id", "channel", "friend_added_at", "id"),
    ),
    "ix_lead_report_friend": ("lead", ("team_id", "friend_added_at", "owner_id")),
}


INSERT_VACUUM = "autovacuum_vacuum_insert_scale_factor"


def upgrade() -> None:
    if migrating_cache():
        return
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE contact_event SET ({INSERT_VACUUM} = 0.01)")
    for name, (table, columns) in INDEXES.items():
        op.create_index(
            name,
            table,
            list(columns),
            postgresql_where=sa.text("deleted_at IS NULL"),
            sqlite_where=sa.text("deleted_at IS NULL"),
        )


def downgrade() -> None:
    if migrating_cache():
        return
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE contact_event RESET ({INSERT_VACUUM})")
