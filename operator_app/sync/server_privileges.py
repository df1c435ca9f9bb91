"""Least privilege on the shared PostgreSQL database (migration 0007, issue 12 H1).

Migration 0002 granted ``operator_desk_admin`` ALL on the tables. ALL
includes TRIGGER: an app admin could attach a trigger to ``operator``
calling a function of their own that runs ``ALTER ROLE ... SUPERUSER``, and
the next time a superuser ran ``admin add-operator`` the trigger fired with
the superuser's rights. It also includes TRUNCATE, which skips row
security, REFERENCES, and DELETE (which row security already made a no-op:
there is no DELETE policy; rows are deleted softly so that pulls see it).

After this migration no group role holds TRIGGER, TRUNCATE, REFERENCES or
DELETE on any table of the schema, nor UPDATE on ``sync_server`` (its
epoch is the superuser's, seed_demo). The group roles themselves are kept
plain: no LOGIN, SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS,
and members of no other role, so nothing reaches further through them.

TEMP stays (PostgreSQL gives it to PUBLIC): a team lead's import COPYs
into a temporary table (data/import_base.py). A temporary function is
harmless without a trigger on a shared table to call it from, and a
temporary table may not reference a permanent one.

Kept apart from 0002's ``install()``, like 0004-0006, so a fresh database
and an upgraded one go through the same statements and end identical.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from operator_app.sync.server_sql import GROUP_ROLES, ROLE_ADMIN, STAMPED_TABLES

# What no group role may hold on any table: each lets a login act past row security.
REVOKED_TABLE_PRIVILEGES = ("DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
# Role attributes a group role must never carry (each is a way past the app's rules).
FORBIDDEN_ATTRIBUTES = {
    "rolcanlogin": "NOLOGIN",
    "rolsuper": "NOSUPERUSER",
    "rolcreatedb": "NOCREATEDB",
    "rolcreaterole": "NOCREATEROLE",
    "rolreplication": "NOREPLICATION",
    "rolbypassrls": "NOBYPASSRLS",
}


def install_least_privilege(conn: Connection) -> None:
    """Take the dangerous table privileges off the group roles; keep the roles plain."""
    if conn.dialect.name != "postgresql":
        return  # SQLite has no roles
    groups = ", ".join(GROUP_ROLES.values())
    revoked = ", ".join(REVOKED_TABLE_PRIVILEGES)
    # Every table of the schema, not only today's: a grant a later table copied is caught too.
    conn.execute(text(f"REVOKE {revoked} ON ALL TABLES IN SCHEMA public FROM {groups}"))
    conn.execute(text(f"REVOKE UPDATE ON sync_server FROM {ROLE_ADMIN}"))
    for role in GROUP_ROLES.values():
        _keep_plain(conn, role)


def _keep_plain(conn: Connection, role: str) -> None:
    """Clear any forbidden attribute and any membership another hand gave a group role.

    Only what is actually set is changed: changing SUPERUSER needs a superuser,
    and a group role the migrations made has none of it, so nothing runs then.
    """
    columns = ", ".join(FORBIDDEN_ATTRIBUTES)
    row = conn.execute(
        text(f"SELECT {columns} FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).one()
    clauses = [
        FORBIDDEN_ATTRIBUTES[c] for c, on in zip(FORBIDDEN_ATTRIBUTES, row, strict=True) if on
    ]
    if clauses:
        conn.execute(text(f'ALTER ROLE "{role}" WITH {" ".join(clauses)}'))
    parents = conn.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
            "JOIN pg_roles u ON u.oid = am.member WHERE u.rolname = :role ORDER BY 1"
        ),
        {"role": role},
    ).scalars()
    for parent in list(parents):
        conn.execute(text(f'REVOKE "{parent}" FROM "{role}"'))


def uninstall_least_privilege(conn: Connection) -> None:
    """Migration 0007's downgrade: the admin's ALL of 0002 back, exactly as it was.

    The other group roles never held what 0007 revokes. Attributes and
    memberships cleared from the group roles stay cleared (0002 never set them).
    """
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text(f"GRANT ALL ON {', '.join(STAMPED_TABLES)} TO {ROLE_ADMIN}"))
    conn.execute(text(f"GRANT ALL ON sync_applied, sync_server TO {ROLE_ADMIN}"))
