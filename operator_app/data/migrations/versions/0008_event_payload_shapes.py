"""An event's payload has the shape its kind reads, on the shared database (0008).

Issue 12 H5: an operator could log ``kind='stage_change', payload='[1,2]'``
on a lead of their own and every cache that pulled it crashed on the
lead's timeline. A restrictive row-security policy on ``contact_event``
now refuses, for every login, a payload that is not a JSON object or whose
keys a reader uses have the wrong type (``sync.server_events``, built from
``core.payloads.PAYLOAD_SHAPES``), an event dated more than an hour
ahead of the server's clock, and a ``reassigned`` event from an operator
(only team leads' and admins' commands move leads); a former owner logs
only what happened before the lead left them, for 14 days after the move
(0002's od_may_log had no bound). PostgreSQL only; nothing touches the
local cache; a fresh database and an upgraded one end up the same.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

from alembic import op

from operator_app.data.migrate import migrating_cache
from operator_app.sync import server_events

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not migrating_cache():
        server_events.install_payload_shapes(op.get_bind())


def downgrade() -> None:
    if not migrating_cache():
        server_events.uninstall_payload_shapes(op.get_bind())
