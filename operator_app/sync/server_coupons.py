"""Migration 0006 on the shared database: an operator may record a coupon they gave.

0002's policies keep ``coupon`` writes to team leads and admins (imports).
Giving the 入个微 coupon is the operator's own step, so operators may now
INSERT a coupon on a lead they own: new (version 1), unused, not deleted,
with a positive amount. No UPDATE or DELETE: using a coupon comes from the
mall's export. Nothing here touches the local cache, and nothing is added
to 0002's ``install()``, so a fresh database and an upgraded one end the same.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from operator_app.sync.server_sql import ROLE_OPERATOR

OPERATOR_COUPON_POLICY = "coupon_insert_by_owner"

# The lead subquery is itself filtered by lead's policy (an operator sees the leads they own).
_OWN_NEW_COUPON = (
    "(lead_id IN (SELECT l.id FROM lead l WHERE l.owner_id = (SELECT od_me())) "
    "AND version = 1 AND used_at IS NULL AND deleted_at IS NULL AND amount > 0)"
)


def install_coupon_writes(conn: Connection) -> None:
    """Grant operators INSERT on coupon, limited by a policy to their own leads."""
    if conn.dialect.name != "postgresql":
        return  # SQLite has no roles: the push checks the owner (sync/push.py)
    conn.execute(text(f"GRANT INSERT ON coupon TO {ROLE_OPERATOR}"))
    conn.execute(
        text(
            f'CREATE POLICY "{OPERATOR_COUPON_POLICY}" ON coupon FOR INSERT TO {ROLE_OPERATOR} '
            f"WITH CHECK {_OWN_NEW_COUPON}"
        )
    )


def uninstall_coupon_writes(conn: Connection) -> None:
    """Exactly what ``install_coupon_writes`` made, taken off again."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text(f'DROP POLICY "{OPERATOR_COUPON_POLICY}" ON coupon'))
    conn.execute(text(f"REVOKE INSERT ON coupon FROM {ROLE_OPERATOR}"))
