"""Sync objects on the shared database: change stamps, receipts, scope log, row security (0002).

The local cache gets nothing here: it records the revision only, so the
cache and the shared database keep one schema history.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 03:00:00
"""

from __future__ import annotations

from alembic import op

from operator_app.data.migrate import migrating_cache
from operator_app.sync import server_sql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not migrating_cache():
        server_sql.install(op.get_bind())


def downgrade() -> None:
    if not migrating_cache():
        server_sql.uninstall(op.get_bind())
