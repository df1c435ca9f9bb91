"""An accepted friend request on the shared database (0005).

A ``friend_added`` event from a lead's owner (好友已通过, or a reply from a
customer who was still pending: in WeCom only a friend can reply) marks the
lead ``accepted`` with ``friend_added_at`` = the event's time, as the
workspace does in the cache. Operators may not write ``friend_status``, so
without this the server kept the lead pending and recycled an accepted
friend to the pool.

Like 0004, nothing here touches the local cache; the objects are made by
``server_sql.install_friend_accepted`` so a fresh database and an upgraded
one end up the same.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 04:30:00
"""

from __future__ import annotations

from alembic import op

from operator_app.data.migrate import migrating_cache
from operator_app.sync import server_sql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not migrating_cache():
        server_sql.install_friend_accepted(op.get_bind())


def downgrade() -> None:
    if not migrating_cache():
        server_sql.uninstall_friend_accepted(op.get_bind())
