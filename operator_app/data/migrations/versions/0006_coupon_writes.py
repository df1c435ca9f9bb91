"""Operators record the coupons they give (0006).

PostgreSQL: operators may INSERT a new, unused coupon on a lead they own
(the 入个微 coupon, data/workspace_coupons.py); before, only team leads and
admins could write coupons. No change to tables or to the local cache.
The objects are made by ``sync.server_coupons``, apart from 0002's
``install()``, so a fresh database and an upgraded one end up the same.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 04:30:00
"""

from __future__ import annotations

from alembic import op

from operator_app.data.migrate import migrating_cache
from operator_app.sync import server_coupons

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not migrating_cache():
        server_coupons.install_coupon_writes(op.get_bind())


def downgrade() -> None:
    if not migrating_cache():
        server_coupons.uninstall_coupon_writes(op.get_bind())
