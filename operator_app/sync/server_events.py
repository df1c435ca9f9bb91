"""Migration 0008 on the shared database: an event's payload has the shape its kind reads.

Issue 12 H5: any login that may log an event could give it any JSON, e.g.
``kind='stage_change', payload='[1,2]'`` on a lead of their own, and every
cache that pulled it crashed on the lead's timeline. Readers now survive
such rows (core.payloads), and the server no longer takes them from a
login: a RESTRICTIVE policy on ``contact_event`` requires, on every INSERT
and UPDATE by anyone under row security, a JSON object whose keys that a
reader uses have the types ``core.payloads.PAYLOAD_SHAPES`` names (the
same table the readers use, so the two cannot drift apart). The same
policy refuses an event dated more than CLOCK_SKEW ahead of the server's
clock, and a ``reassigned`` event from anyone but a team lead or admin
(H5's forged move); a second one lets a former owner log only what
happened before the lead left them, for FORMER_OWNER_DELAY after the
move. A superuser skips row security: what one plants is
still shown as unreadable.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from operator_app.core.payloads import PAYLOAD_SHAPES
from operator_app.sync.server_sql import GROUP_ROLES

PAYLOAD_FUNCTION = "od_payload_readable(text, jsonb)"
_SIGNATURE = "od_payload_readable(kind text, payload jsonb)"
EVENT_POLICY = "contact_event_well_formed"
# How far ahead of the server's clock an event may be dated: a PC's clock may be off by
# some minutes (or a time zone set wrong); a move "a year ahead" is a forgery.
CLOCK_SKEW = "1 hour"
# Only the team lead's and admin's commands move leads (data/lead_moves.py, the recycle):
# a "reassigned" event from an operator is a forgery that would restart the hooks' clock.
_MOVE_LOGGERS = "('team_lead', 'admin')"
# A former owner may still deliver work done offline on a lead moved away from them:
# events dated before the move (give or take CLOCK_SKEW), while the move is this recent.
FORMER_OWNER_DELAY = "14 days"
FORMER_OWNER_POLICY = "contact_event_former_owner"
FORMER_OWNER_FUNCTION = "od_may_log_at(uuid, timestamptz)"

# Python types of core.payloads -> jsonb_typeof names.
_JSON_TYPES = {str: "string", type(None): "null", int: "number", dict: "object", list: "array"}


def payload_check_sql() -> str:
    """The body of ``od_payload_readable``: one CASE branch per kind with a shape."""
    branches = []
    for kind, (types, required) in sorted(PAYLOAD_SHAPES.items()):
        parts = [f"(payload = '{{}}'::jsonb OR payload ? '{key}')" for key in sorted(required)]
        for key, allowed in types.items():
            names = ", ".join(f"'{_JSON_TYPES[t]}'" for t in allowed)
            typed = f"jsonb_typeof(payload -> '{key}') IN ({names})"
            parts.append(f"(NOT payload ? '{key}' OR {typed})")
        branches.append(f"WHEN '{kind}' THEN {' AND '.join(parts) or 'true'}")
    return (
        "SELECT jsonb_typeof(payload) = 'object' AND CASE kind "
        + " ".join(branches)
        + " ELSE true END"
    )


def install_payload_shapes(conn: Connection) -> None:
    """The shape check as an immutable function, and the restrictive policy calling it
    that also bounds ``occurred_at`` and keeps "reassigned" to team leads and admins."""
    if conn.dialect.name != "postgresql":
        return  # SQLite has no logins to keep apart; its readers cope (core.payloads)
    conn.execute(
        text(
            f"CREATE FUNCTION {_SIGNATURE} "
            "RETURNS boolean LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp "
            f"AS $$ {payload_check_sql()} $$"
        )
    )
    conn.execute(text(f"REVOKE ALL ON FUNCTION {PAYLOAD_FUNCTION} FROM PUBLIC"))
    groups = ", ".join(GROUP_ROLES.values())
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {PAYLOAD_FUNCTION} TO {groups}"))
    # RESTRICTIVE: it narrows every permissive policy, whoever they are for; USING (true)
    # leaves reading alone.
    conn.execute(
        text(
            f'CREATE POLICY "{EVENT_POLICY}" ON contact_event AS RESTRICTIVE FOR ALL '
            "USING (true) WITH CHECK (od_payload_readable(kind, payload) "
            f"AND occurred_at <= now() + interval '{CLOCK_SKEW}' "
            f"AND (kind <> 'reassigned' OR (SELECT od_my_role()) IN {_MOVE_LOGGERS}))"
        )
    )
    _install_former_owner(conn)


def _install_former_owner(conn: Connection) -> None:
    """An operator logs on a lead they own, or on one that left them, for what happened
    before it left and for FORMER_OWNER_DELAY after (0002's od_may_log had no bound).
    SECURITY DEFINER: the lead is no longer visible to them."""
    conn.execute(
        text(
            f"""
            CREATE FUNCTION od_may_log_at(lead_id uuid, at timestamptz) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
                SELECT EXISTS (SELECT 1 FROM lead l
                               WHERE l.id = od_may_log_at.lead_id AND l.owner_id = od_me())
                    OR EXISTS (SELECT 1 FROM lead_scope_change c
                               WHERE c.lead_id = od_may_log_at.lead_id
                                 AND c.old_owner_id = od_me()
                                 AND od_may_log_at.at <= c.changed_at + interval '{CLOCK_SKEW}'
                                 AND c.changed_at >= now() - interval '{FORMER_OWNER_DELAY}')
            $$"""
        )
    )
    conn.execute(text(f"REVOKE ALL ON FUNCTION {FORMER_OWNER_FUNCTION} FROM PUBLIC"))
    groups = ", ".join(GROUP_ROLES.values())
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {FORMER_OWNER_FUNCTION} TO {groups}"))
    conn.execute(
        text(
            f'CREATE POLICY "{FORMER_OWNER_POLICY}" ON contact_event AS RESTRICTIVE FOR INSERT '
            "WITH CHECK ((SELECT od_my_role()) <> 'operator' "
            "OR od_may_log_at(lead_id, occurred_at))"
        )
    )


def uninstall_payload_shapes(conn: Connection) -> None:
    """Migration 0008's downgrade: exactly what ``install_payload_shapes`` made."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text(f'DROP POLICY "{FORMER_OWNER_POLICY}" ON contact_event'))
    conn.execute(text(f"DROP FUNCTION {FORMER_OWNER_FUNCTION}"))
    conn.execute(text(f'DROP POLICY "{EVENT_POLICY}" ON contact_event'))
    conn.execute(text(f"DROP FUNCTION {PAYLOAD_FUNCTION}"))
