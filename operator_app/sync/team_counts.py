"""The team's per-hook reply counts, read the way the person's login allows."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, text

from operator_app.data.queries import hook_counts


def team_hook_counts(conn: Connection, team_id: uuid.UUID) -> dict[str, tuple[int, int]]:
    """Per hook: (scripts answered, scripts sent) over the whole team.

    On PostgreSQL an operator's login sees only their own customers' events,
    so the team's totals come from a definer function that returns sums only
    (sync/server_sql.py). Admin and superuser connections count directly.
    """
    if conn.dialect.name == "postgresql":
        my_team, role = conn.execute(text("SELECT od_my_team(), od_my_role()")).one()
        if my_team == team_id and role != "admin":
            rows = conn.execute(text("SELECT hook_key, replies, sends FROM od_team_hook_counts()"))
            return {r.hook_key: (int(r.replies), int(r.sends)) for r in rows}
    return hook_counts(conn, team_id)
