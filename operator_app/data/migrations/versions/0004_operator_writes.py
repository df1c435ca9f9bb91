"""What an operator's own writes imply on the shared database (0004).

- A ``friend_request_sent`` event from a lead's owner marks a ``not_sent``
  lead ``pending`` with ``friend_requested_at`` = the event's time, as the
  workspace does in the cache: operators may not write ``friend_status``, so
  without this the server never started the recycle countdown and the next
  full load showed the lead as not sent again.
- PostgreSQL: operators may INSERT a manual tag (no rule) of their own team,
  the new tag name they type on a lead; still no UPDATE or DELETE of tags.

Like 0002, nothing here touches the local cache. The objects are made by
``server_sql.install_operator_writes``, apart from 0002's ``install()``, so
a fresh database and an upgraded one end up the same.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 06:00:00
"""

from __future__ import annotations

from alembic import op

from operator_app.data.migrate import migrating_cache
from operator_app.sync import server_sql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not migrating_cache():
        server_sql.install_operator_writes(op.get_bind())


def downgrade() -> None:
    if not migrating_cache():
        server_sql.uninstall_operator_writes(op.get_bind())
