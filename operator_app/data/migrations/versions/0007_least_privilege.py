"""Least privilege for the group roles on the shared database (0007, issue 12 H1).

An app admin held TRIGGER (with TRUNCATE, REFERENCES and DELETE) on every
table through 0002's ``GRANT ALL``: a trigger of theirs on ``operator``
ran with a superuser's rights the next time a superuser added a person.
This takes those privileges off every group role on every table, and
clears any attribute or membership that would let a group role reach
further. PostgreSQL only; nothing touches the local cache. The statements
live in ``sync.server_privileges`` so a fresh database and an upgraded
one end up the same.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 04:45:00
"""

from __future__ import annotations

from alembic import op

from operator_app.data.migrate import migrating_cache
from operator_app.sync import server_privileges

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not migrating_cache():
        server_privileges.install_least_privilege(op.get_bind())


def downgrade() -> None:
    if not migrating_cache():
        server_privileges.uninstall_least_privilege(op.get_bind())
