"""The shared database's sync objects: change stamps, scope log, receipts, roles, row security.

Installed by migration 0002 on the *shared* database only (the local cache
has none of it). Kept out of the SQLModel models on purpose: they are the
sync layer's bookkeeping, not the business data analysts read.

Change stamps (see ../shared/docs/sync-notes.md):
- PostgreSQL: a BEFORE trigger stamps every inserted or updated row with
  ``change_xid = pg_current_xact_id()`` and a sequence value. A pull takes
  rows with ``cursor <= change_xid < pg_snapshot_xmin(snapshot)``: every
  transaction below the snapshot's xmin has ended, so a row committed out of
  order can never be skipped; the cursor is the previous pull's xmin.
- SQLite: writers are serialised, so a counter bumped inside the write
  transaction (``sync_clock``) is already in commit order.

Row-level security (PostgreSQL): one LOGIN role per person, member of one
of the three group roles below. Policies find the person through
``session_user`` in SECURITY DEFINER helpers with a pinned search_path, so
``SET`` of a session variable or ``SET ROLE`` grants nothing. Column
privileges make reassignment (``lead.owner_id``) a team-lead right.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# Group roles (cluster-wide). Person roles are created by `operator-app admin add-operator`.
ROLE_OPERATOR = "operator_desk_operator"
ROLE_TEAM_LEAD = "operator_desk_team_lead"
ROLE_ADMIN = "operator_desk_admin"
GROUP_ROLES = {"operator": ROLE_OPERATOR, "team_lead": ROLE_TEAM_LEAD, "admin": ROLE_ADMIN}

STAMPED_TABLES = (
    "team",
    "operator",
    "lifecycle_stage",
    "lead",
    "sales_order",
    "coupon",
    "tag",
    "lead_tag",
    "hook",
    "template",
    "template_line",
    "contact_event",
    "setting",
    "lead_scope_change",
)
# Tables and columns that belong to sync, not to the models (Alembic's compare skips them).
SYNC_TABLES = frozenset({"sync_server", "sync_applied", "lead_scope_change", "sync_clock"})
SYNC_COLUMNS = frozenset({"change_xid", "change_seq"})
# Shared-database-only indexes of other migrations (0003: the performance report's).
SHARED_INDEXES = frozenset(
    {"ix_contact_event_report", "ix_lead_report_created", "ix_lead_report_friend"}
)

# What a client (an operator's outbox) may change on a lead; everything else is the team lead's.
OPERATOR_LEAD_COLUMNS = ("stage_id", "next_follow_up_at", "opted_out_at", "notes")
# What a team lead may change on a person's row (adding people and roles is the admin's).
TEAM_LEAD_OPERATOR_COLUMNS = ("name", "capacity", "active")
# Columns a push may also write because the server maintains them on every change.
BOOKKEEPING_COLUMNS = ("version", "updated_at")

# Per-lead tables: a row is visible when its lead is.
LEAD_CHILD_TABLES = ("sales_order", "coupon", "lead_tag", "contact_event")
# Per-team reference tables.
TEAM_TABLES = ("lifecycle_stage", "tag", "template", "setting")

IDLE_IN_TRANSACTION_TIMEOUT = "60s"


def install(conn: Connection) -> None:
    """Create the sync objects on a shared database (inside the migration's transaction)."""
    if conn.dialect.name == "postgresql":
        _install_postgresql(conn)
    else:
        _install_sqlite(conn)


# --------------------------------------------------------------------------------------
# Tables common to both backends
# --------------------------------------------------------------------------------------
def _common_tables(conn: Connection, *, pg: bool) -> None:
    uuid_t = "uuid" if pg else "CHAR(32)"
    ts = "timestamptz" if pg else "DATETIME"
    epoch = "gen_random_uuid()::text" if pg else "lower(hex(randomblob(16)))"
    conn.execute(
        text(
            f"""
            CREATE TABLE sync_server (
                id integer PRIMARY KEY CHECK (id = 1),
                epoch text NOT NULL DEFAULT ({epoch}),
                created_at {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP
            )"""
        )
    )
    conn.execute(text("INSERT INTO sync_server (id) VALUES (1)"))
    # One receipt per pushed mutation, written in the transaction that applies it:
    # a replayed push finds its receipt and changes nothing.
    conn.execute(
        text(
            f"""
            CREATE TABLE sync_applied (
                mutation_id {uuid_t} PRIMARY KEY,
                login text NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
                reason text,
                applied_at {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP
            )"""
        )
    )
    # A lead's owner or team changed: the old owner's cache drops it, the new one loads it.
    conn.execute(
        text(
            f"""
            CREATE TABLE lead_scope_change (
                id {"bigserial" if pg else "INTEGER"} PRIMARY KEY,
                lead_id {uuid_t} NOT NULL,
                old_team_id {uuid_t},
                new_team_id {uuid_t},
                old_owner_id {uuid_t},
                new_owner_id {uuid_t},
                changed_at {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP
            )"""
        )
    )


# --------------------------------------------------------------------------------------
# SQLite
# --------------------------------------------------------------------------------------
def _install_sqlite(conn: Connection) -> None:
    _common_tables(conn, pg=False)
    conn.execute(
        text(
            "CREATE TABLE sync_clock "
            "(id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)"
        )
    )
    conn.execute(text("INSERT INTO sync_clock (id, value) VALUES (1, 0)"))
    for name in STAMPED_TABLES:
        key = "id"
        conn.execute(text(f'ALTER TABLE "{name}" ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0'))
        conn.execute(text(f'CREATE INDEX "ix_{name}_change_seq" ON "{name}" (change_seq)'))
        # Recursive triggers are off (SQLite's default), so the stamping UPDATE
        # does not fire these triggers again.
        for when in ("INSERT", "UPDATE"):
            conn.execute(
                text(
                    f"""
                    CREATE TRIGGER "{name}_stamp_{when.lower()}" AFTER {when} ON "{name}"
                    BEGIN
                        UPDATE sync_clock SET value = value + 1 WHERE id = 1;
                        UPDATE "{name}" SET change_seq = (SELECT value FROM sync_clock WHERE id = 1)
                        WHERE {key} = NEW.{key};
                    END"""
                )
            )
    conn.execute(
        text(
            """
            CREATE TRIGGER lead_scope_log AFTER UPDATE OF owner_id, team_id, deleted_at ON lead
            WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.team_id IS NOT NEW.team_id
                 OR OLD.deleted_at IS NOT NEW.deleted_at
            BEGIN
                INSERT INTO lead_scope_change
                    (lead_id, old_team_id, new_team_id, old_owner_id, new_owner_id)
                VALUES (NEW.id, OLD.team_id, NEW.team_id, OLD.owner_id, NEW.owner_id);
            END"""
        )
    )


# --------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------
def _install_postgresql(conn: Connection) -> None:
    _common_tables(conn, pg=True)
    conn.execute(text("CREATE SEQUENCE sync_change_seq"))
    conn.execute(
        text(
            """
            CREATE FUNCTION od_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.change_xid := pg_current_xact_id();
                NEW.change_seq := nextval('sync_change_seq');
                RETURN NEW;
            END $$"""
        )
    )
    for name in STAMPED_TABLES:
        conn.execute(
            text(
                f'ALTER TABLE "{name}" '
                "ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(), "
                "ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('sync_change_seq')"
            )
        )
        conn.execute(
            text(f'CREATE INDEX "ix_{name}_change_xid" ON "{name}" (change_xid, change_seq)')
        )
        conn.execute(
            text(
                f'CREATE TRIGGER "{name}_stamp" BEFORE INSERT OR UPDATE ON "{name}" '
                "FOR EACH ROW EXECUTE FUNCTION od_stamp_change()"
            )
        )
    _pg_scope_log(conn)
    _pg_roles(conn)
    _pg_identity_functions(conn)
    _pg_grants(conn)
    _pg_policies(conn)


def _pg_scope_log(conn: Connection) -> None:
    # SECURITY DEFINER: the person reassigning needs no rights on the log itself.
    conn.execute(
        text(
            """
            CREATE FUNCTION od_log_scope_change() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                INSERT INTO lead_scope_change
                    (lead_id, old_team_id, new_team_id, old_owner_id, new_owner_id)
                VALUES (NEW.id, OLD.team_id, NEW.team_id, OLD.owner_id, NEW.owner_id);
                RETURN NULL;
            END $$"""
        )
    )
    conn.execute(
        text(
            """
            CREATE TRIGGER lead_scope_log AFTER UPDATE OF owner_id, team_id, deleted_at ON lead
            FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id
                               OR OLD.team_id IS DISTINCT FROM NEW.team_id
                               OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
            EXECUTE FUNCTION od_log_scope_change()"""
        )
    )


def _pg_roles(conn: Connection) -> None:
    for role in GROUP_ROLES.values():
        # Roles are cluster-wide: another database of the cluster may have made them.
        conn.execute(
            text(
                f"""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                        CREATE ROLE {role} NOLOGIN;
                    END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$"""
            )
        )


def _pg_identity_functions(conn: Connection) -> None:
    """Who is asking, from the login itself (session_user), never from a settable variable."""
    for fn, column in (("od_me", "id"), ("od_my_team", "team_id")):
        conn.execute(
            text(
                f"""
                CREATE FUNCTION {fn}() RETURNS uuid LANGUAGE sql STABLE
                SECURITY DEFINER SET search_path = public, pg_temp AS $$
                    SELECT {column} FROM operator
                    WHERE login = session_user::text AND active AND deleted_at IS NULL
                $$"""
            )
        )
    conn.execute(
        text(
            """
            CREATE FUNCTION od_my_role() RETURNS text LANGUAGE sql STABLE
            SECURITY DEFINER SET search_path = public, pg_temp AS $$
                SELECT role FROM operator
                WHERE login = session_user::text AND active AND deleted_at IS NULL
            $$"""
        )
    )
    # A lead's team, whoever owns it: an operator may still log history on a
    # lead reassigned away while they were offline.
    conn.execute(
        text(
            """
            CREATE FUNCTION od_lead_team(lead_id uuid) RETURNS uuid LANGUAGE sql STABLE
            SECURITY DEFINER SET search_path = public, pg_temp AS $$
                SELECT l.team_id FROM lead l
                WHERE l.id = od_lead_team.lead_id AND l.team_id = od_my_team()
            $$"""
        )
    )
    _pg_team_hook_counts(conn)
    conn.execute(
        text(
            """
            CREATE FUNCTION od_may_log(lead_id uuid) RETURNS boolean LANGUAGE sql STABLE
            SECURITY DEFINER SET search_path = public, pg_temp AS $$
                SELECT EXISTS (SELECT 1 FROM lead l
                               WHERE l.id = od_may_log.lead_id AND l.owner_id = od_me())
                    OR EXISTS (SELECT 1 FROM lead_scope_change c
                               WHERE c.lead_id = od_may_log.lead_id AND c.old_owner_id = od_me())
            $$"""
        )
    )
    for fn in (
        "od_me",
        "od_my_team",
        "od_my_role",
        "od_lead_team",
        "od_team_hook_counts",
        "od_may_log",
    ):
        conn.execute(text(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {fn} TO {', '.join(GROUP_ROLES.values())}"))


def _pg_team_hook_counts(conn: Connection) -> None:
    """The caller's team's reply counts per hook, for the learned reply rates.

    An operator may not read teammates' events, but the workspace's expected
    reply rate is the team's: this definer function hands out the per-hook
    totals only (the same unit as data.queries.hook_counts), never a row.
    """
    conn.execute(
        text(
            """
            CREATE FUNCTION od_team_hook_counts()
            RETURNS TABLE (hook_key text, replies bigint, sends bigint)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
                WITH first_sent AS (
                    SELECT e.lead_id, e.hook_key, MIN(e.occurred_at) AS first_at
                    FROM contact_event e
                    WHERE e.kind = 'sent_line' AND e.hook_key IS NOT NULL
                      AND e.deleted_at IS NULL AND e.team_id = od_my_team()
                    GROUP BY e.lead_id, e.hook_key)
                SELECT f.hook_key::text,
                       SUM(CASE WHEN EXISTS (
                               SELECT 1 FROM contact_event r
                               WHERE r.lead_id = f.lead_id AND r.hook_key = f.hook_key
                                 AND r.kind = 'replied' AND r.occurred_at >= f.first_at
                                 AND r.deleted_at IS NULL)
                           THEN 1 ELSE 0 END)::bigint,
                       COUNT(*)::bigint
                FROM first_sent f
                GROUP BY f.hook_key
            $$"""
        )
    )


def _pg_grants(conn: Connection) -> None:
    everyone = ", ".join(GROUP_ROLES.values())
    # PostgreSQL 13 and 14 let every role create objects in schema public, so a person
    # could squat a name a later migration creates (15 and newer revoke it already).
    conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    all_tables = (*STAMPED_TABLES, "alembic_version", "sync_server", "sync_applied")
    for name in all_tables:
        conn.execute(text(f'GRANT SELECT ON "{name}" TO {everyone}'))
    conn.execute(text(f"GRANT USAGE ON SEQUENCE sync_change_seq TO {everyone}"))
    conn.execute(text(f"GRANT INSERT ON sync_applied TO {everyone}"))
    # Operators: log events, tag their leads, change a few fields of their leads.
    conn.execute(text(f"GRANT INSERT ON contact_event, lead_tag TO {ROLE_OPERATOR}"))
    tag_cols = "deleted_at, source, version, updated_at"
    conn.execute(text(f"GRANT UPDATE ({tag_cols}) ON lead_tag TO {ROLE_OPERATOR}"))
    cols = ", ".join((*OPERATOR_LEAD_COLUMNS, *BOOKKEEPING_COLUMNS))
    conn.execute(text(f"GRANT UPDATE ({cols}) ON lead TO {ROLE_OPERATOR}"))
    # Team leads: everything of their team (policies restrict rows to it), no deletes.
    lead_tables = ("lead", *LEAD_CHILD_TABLES, *TEAM_TABLES, "template_line")
    for name in lead_tables:
        conn.execute(text(f'GRANT INSERT, UPDATE ON "{name}" TO {ROLE_TEAM_LEAD}'))
    # People: a team lead sets capacity and marks leavers inactive, nothing more. With
    # UPDATE on the whole row a team lead could set their own role to 'admin' (and read
    # every team), or INSERT a row mapping some cluster role to an admin; login, role and
    # team are the admin's (sync/roles.py), so the right is per column and there is no INSERT.
    cols = ", ".join((*TEAM_LEAD_OPERATOR_COLUMNS, *BOOKKEEPING_COLUMNS))
    conn.execute(text(f"GRANT UPDATE ({cols}) ON operator TO {ROLE_TEAM_LEAD}"))
    conn.execute(text(f"GRANT ALL ON {', '.join(STAMPED_TABLES)} TO {ROLE_ADMIN}"))
    conn.execute(text(f"GRANT ALL ON sync_applied, sync_server TO {ROLE_ADMIN}"))
    conn.execute(text(f"GRANT USAGE ON SEQUENCE lead_scope_change_id_seq TO {everyone}"))


# Row predicates. `(SELECT fn())` makes each helper an init-plan: evaluated once per query.
_ADMIN = "((SELECT od_my_role()) = 'admin')"
# The operator subquery is filtered by operator's own policy: a team lead can only
# hand a lead to someone of their own team (or to the pool).
_OWNER_IN_TEAM = "(owner_id IS NULL OR owner_id IN (SELECT o.id FROM operator o))"
_LEAD_VISIBLE = (
    f"({_ADMIN} OR (team_id = (SELECT od_my_team()) AND "
    "((SELECT od_my_role()) = 'team_lead' OR owner_id = (SELECT od_me()))))"
)
# The subquery on lead is itself filtered by lead's policy: a child is visible with its lead.
_CHILD_VISIBLE = "(lead_id IN (SELECT l.id FROM lead l))"
_TEAM_MEMBER = f"({_ADMIN} OR team_id = (SELECT od_my_team()))"
_TEAM_LEAD_OF = (
    f"({_ADMIN} OR ((SELECT od_my_role()) = 'team_lead' AND team_id = (SELECT od_my_team())))"
)


def _policies() -> dict[str, list[tuple[str, str, str | None]]]:
    """Per table: (command, USING, WITH CHECK)."""
    # An operator logs history as themselves on their own leads, or on one
    # they owned before (work done offline while it was reassigned).
    event_insert = (
        f"({_ADMIN} OR (team_id = (SELECT od_my_team()) AND od_lead_team(lead_id) = team_id "
        "AND ((SELECT od_my_role()) = 'team_lead' "
        "OR (operator_id = (SELECT od_me()) AND od_may_log(lead_id)))))"
    )
    child_write = f"({_CHILD_VISIBLE} AND tag_id IN (SELECT t.id FROM tag t))"
    lead_or_admin_write = f"({_CHILD_VISIBLE} AND (SELECT od_my_role()) IN ('team_lead', 'admin'))"
    visible_template = "template_id IN (SELECT t.id FROM template t)"
    template_write = f"({_ADMIN} OR ((SELECT od_my_role()) = 'team_lead' AND {visible_template}))"
    return {
        "lead": [
            ("SELECT", _LEAD_VISIBLE, None),
            ("UPDATE", _LEAD_VISIBLE, f"({_LEAD_VISIBLE} AND {_OWNER_IN_TEAM})"),
            ("INSERT", "", f"({_TEAM_LEAD_OF} AND {_OWNER_IN_TEAM})"),
        ],
        "contact_event": [
            ("SELECT", _CHILD_VISIBLE, None),
            ("INSERT", "", event_insert),
        ],
        "lead_tag": [
            ("SELECT", _CHILD_VISIBLE, None),
            ("INSERT", "", child_write),
            ("UPDATE", _CHILD_VISIBLE, child_write),
        ],
        **{
            name: [
                ("SELECT", _CHILD_VISIBLE, None),
                ("INSERT", "", lead_or_admin_write),
                ("UPDATE", _CHILD_VISIBLE, lead_or_admin_write),
            ]
            for name in ("sales_order", "coupon")
        },
        **{
            name: [
                ("SELECT", _TEAM_MEMBER, None),
                ("INSERT", "", _TEAM_LEAD_OF),
                ("UPDATE", _TEAM_LEAD_OF, _TEAM_LEAD_OF),
            ]
            for name in (*TEAM_TABLES, "operator")
        },
        "team": [
            ("SELECT", f"({_ADMIN} OR id = (SELECT od_my_team()))", None),
            ("INSERT", "", _ADMIN),
            ("UPDATE", _ADMIN, _ADMIN),
        ],
        "template_line": [
            ("SELECT", f"({visible_template})", None),
            ("INSERT", "", template_write),
            ("UPDATE", f"({_ADMIN} OR (SELECT od_my_role()) = 'team_lead')", template_write),
        ],
        "hook": [
            ("SELECT", "true", None),
            ("INSERT", "", _ADMIN),
            ("UPDATE", _ADMIN, _ADMIN),
        ],
        "lead_scope_change": [
            (
                "SELECT",
                f"({_ADMIN} OR old_owner_id = (SELECT od_me()) OR new_owner_id = (SELECT od_me()) "
                "OR ((SELECT od_my_role()) = 'team_lead' AND "
                "(old_team_id = (SELECT od_my_team()) OR new_team_id = (SELECT od_my_team()))))",
                None,
            ),
        ],
        "sync_applied": [
            ("SELECT", "(login = session_user::text)", None),
            ("INSERT", "", "(login = session_user::text)"),
        ],
        "sync_server": [("SELECT", "true", None)],
    }


def _pg_policies(conn: Connection) -> None:
    for name, rules in _policies().items():
        conn.execute(text(f'ALTER TABLE "{name}" ENABLE ROW LEVEL SECURITY'))
        for i, (command, using, check) in enumerate(rules):
            sql = f'CREATE POLICY "{name}_{command.lower()}_{i}" ON "{name}" FOR {command}'
            if using:
                sql += f" USING ({using})"
            if check:
                sql += f" WITH CHECK ({check})"
            conn.execute(text(sql))


def uninstall(conn: Connection) -> None:
    """Remove everything ``install`` made (migration 0002's downgrade).

    The business rows stay untouched. The cluster-wide group roles stay too
    (other databases of the server may use them), and so does the
    ``REVOKE CREATE ON SCHEMA public`` hardening.
    """
    if conn.dialect.name == "postgresql":
        _uninstall_postgresql(conn)
    else:
        _uninstall_sqlite(conn)


def _uninstall_sqlite(conn: Connection) -> None:
    conn.execute(text("DROP TRIGGER lead_scope_log"))
    for name in STAMPED_TABLES:
        for when in ("insert", "update"):
            conn.execute(text(f'DROP TRIGGER "{name}_stamp_{when}"'))
        conn.execute(text(f'DROP INDEX "ix_{name}_change_seq"'))
        if name not in SYNC_TABLES:
            conn.execute(text(f'ALTER TABLE "{name}" DROP COLUMN change_seq'))
    for name in ("lead_scope_change", "sync_applied", "sync_server", "sync_clock"):
        conn.execute(text(f'DROP TABLE "{name}"'))


def _uninstall_postgresql(conn: Connection) -> None:
    for name, rules in _policies().items():
        for i, (command, _, _) in enumerate(rules):
            conn.execute(text(f'DROP POLICY "{name}_{command.lower()}_{i}" ON "{name}"'))
        conn.execute(text(f'ALTER TABLE "{name}" DISABLE ROW LEVEL SECURITY'))
    everyone = ", ".join(GROUP_ROLES.values())
    for name in ("lead_scope_change", "sync_applied", "sync_server"):
        conn.execute(text(f'DROP TABLE "{name}"'))  # with their triggers
    conn.execute(text("DROP TRIGGER lead_scope_log ON lead"))
    for name in STAMPED_TABLES:
        if name in SYNC_TABLES:
            continue
        conn.execute(text(f'DROP TRIGGER "{name}_stamp" ON "{name}"'))
        # Dropping the columns drops their index too.
        conn.execute(text(f'ALTER TABLE "{name}" DROP COLUMN change_xid, DROP COLUMN change_seq'))
        conn.execute(text(f'REVOKE ALL ON "{name}" FROM {everyone}'))
    conn.execute(text(f"REVOKE ALL ON alembic_version FROM {everyone}"))
    for fn in (
        "od_stamp_change()",
        "od_log_scope_change()",
        "od_may_log(uuid)",
        "od_team_hook_counts()",
        "od_lead_team(uuid)",
        "od_my_role()",
        "od_my_team()",
        "od_me()",
    ):
        conn.execute(text(f"DROP FUNCTION {fn}"))
    conn.execute(text("DROP SEQUENCE sync_change_seq"))


# --------------------------------------------------------------------------------------
# Migration 0004: what an operator's own writes imply on the server
# --------------------------------------------------------------------------------------
# Kept apart from install(): migration 0002 calls install() with this code, so
# anything added there would reach fresh databases twice (0002, then 0004).
FRIEND_REQUEST_TRIGGER = "contact_event_friend_request"
FRIEND_REQUEST_FUNCTION = "od_friend_request_sent()"
MANUAL_TAG_POLICY = "tag_insert_manual"

# The first friend request from the lead's owner starts the recycle clock
# (data/lead_moves.py), as the workspace does in the cache. Operators may not
# write friend_status, so the server derives it from the event they may
# write. A resend, a request on an accepted lead, or one logged by a former
# owner (their WeCom account, not the lead's) changes nothing. The lead's
# stamp trigger fires for this UPDATE too, so every PC pulls the change.
_FRIEND_REQUEST_UPDATE = """
    UPDATE lead SET friend_status = 'pending', friend_requested_at = NEW.occurred_at,
                    version = version + 1, updated_at = {latest}(updated_at, NEW.occurred_at)
    WHERE id = NEW.lead_id AND friend_status = 'not_sent'
      AND owner_id = NEW.operator_id AND deleted_at IS NULL"""


def install_operator_writes(conn: Connection) -> None:
    """Migration 0004: friend requests mark the lead pending; operators add manual tags."""
    if conn.dialect.name != "postgresql":
        conn.execute(
            text(
                f"""
                CREATE TRIGGER "{FRIEND_REQUEST_TRIGGER}" AFTER INSERT ON contact_event
                WHEN NEW.kind = 'friend_request_sent' AND NEW.deleted_at IS NULL
                BEGIN {_FRIEND_REQUEST_UPDATE.format(latest="max")};
                END"""
            )
        )
        return
    # SECURITY DEFINER: the operator has no right on friend_status; the event is the proof.
    conn.execute(
        text(
            f"""
            CREATE FUNCTION {FRIEND_REQUEST_FUNCTION} RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN {_FRIEND_REQUEST_UPDATE.format(latest="GREATEST")};
                RETURN NULL;
            END $$"""
        )
    )
    conn.execute(
        text(
            f'CREATE TRIGGER "{FRIEND_REQUEST_TRIGGER}" AFTER INSERT ON contact_event '
            "FOR EACH ROW WHEN (NEW.kind = 'friend_request_sent' AND NEW.deleted_at IS NULL) "
            f"EXECUTE FUNCTION {FRIEND_REQUEST_FUNCTION}"
        )
    )
    # A new tag name typed on a lead (data/workspace_tags.py): a live manual tag of
    # the operator's own team, nothing else. No UPDATE or DELETE: tags are the team lead's.
    conn.execute(text(f"GRANT INSERT ON tag TO {ROLE_OPERATOR}"))
    conn.execute(
        text(
            f'CREATE POLICY "{MANUAL_TAG_POLICY}" ON tag FOR INSERT TO {ROLE_OPERATOR} '
            "WITH CHECK (team_id = (SELECT od_my_team()) AND rule IS NULL AND deleted_at IS NULL)"
        )
    )


def uninstall_operator_writes(conn: Connection) -> None:
    """Migration 0004's downgrade: exactly what ``install_operator_writes`` made."""
    if conn.dialect.name != "postgresql":
        conn.execute(text(f'DROP TRIGGER "{FRIEND_REQUEST_TRIGGER}"'))
        return
    conn.execute(text(f'DROP POLICY "{MANUAL_TAG_POLICY}" ON tag'))
    conn.execute(text(f"REVOKE INSERT ON tag FROM {ROLE_OPERATOR}"))
    conn.execute(text(f'DROP TRIGGER "{FRIEND_REQUEST_TRIGGER}" ON contact_event'))
    conn.execute(text(f"DROP FUNCTION {FRIEND_REQUEST_FUNCTION}"))


# --------------------------------------------------------------------------------------
# Migration 0005: an accepted friend request
# --------------------------------------------------------------------------------------
FRIEND_ADDED_TRIGGER = "contact_event_friend_added"
FRIEND_ADDED_FUNCTION = "od_friend_added()"

# The owner's ``friend_added`` event (好友已通过, or a reply from a customer who
# was not a friend yet) marks the lead accepted at the event's time, as the
# workspace does in the cache: operators may not write friend_status. An
# accepted lead is out of the recycle rule (pending only), so it is never
# recycled. A former owner's late event, or one on an accepted lead, changes nothing.
_FRIEND_ADDED_UPDATE = """
    UPDATE lead SET friend_status = 'accepted', friend_added_at = NEW.occurred_at,
                    friend_requested_at = COALESCE(friend_requested_at, NEW.occurred_at),
                    version = version + 1, updated_at = {latest}(updated_at, NEW.occurred_at)
    WHERE id = NEW.lead_id AND friend_status <> 'accepted'
      AND owner_id = NEW.operator_id AND deleted_at IS NULL"""


def install_friend_accepted(conn: Connection) -> None:
    """Migration 0005: the owner's friend_added event marks the lead accepted."""
    when = "NEW.kind = 'friend_added' AND NEW.deleted_at IS NULL"
    if conn.dialect.name != "postgresql":
        update = _FRIEND_ADDED_UPDATE.format(latest="max")
        conn.execute(
            text(
                f'CREATE TRIGGER "{FRIEND_ADDED_TRIGGER}" AFTER INSERT ON contact_event '
                f"WHEN {when} BEGIN {update}; END"
            )
        )
        return
    # SECURITY DEFINER: the operator has no right on friend_status; the event is the proof.
    conn.execute(
        text(
            f"""
            CREATE FUNCTION {FRIEND_ADDED_FUNCTION} RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN {_FRIEND_ADDED_UPDATE.format(latest="GREATEST")};
                RETURN NULL;
            END $$"""
        )
    )
    conn.execute(
        text(
            f'CREATE TRIGGER "{FRIEND_ADDED_TRIGGER}" AFTER INSERT ON contact_event '
            f"FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {FRIEND_ADDED_FUNCTION}"
        )
    )


def uninstall_friend_accepted(conn: Connection) -> None:
    """Migration 0005's downgrade: exactly what ``install_friend_accepted`` made."""
    if conn.dialect.name != "postgresql":
        conn.execute(text(f'DROP TRIGGER "{FRIEND_ADDED_TRIGGER}"'))
        return
    conn.execute(text(f'DROP TRIGGER "{FRIEND_ADDED_TRIGGER}" ON contact_event'))
    conn.execute(text(f"DROP FUNCTION {FRIEND_ADDED_FUNCTION}"))


def is_sync_object(name: str | None, type_: str) -> bool:
    """True for the tables, columns and indexes the shared database has beyond the models."""
    if name is None:
        return False
    if type_ == "table":
        return name in SYNC_TABLES
    if type_ == "column":
        return name in SYNC_COLUMNS
    if type_ == "index":
        return name.endswith(("_change_xid", "_change_seq")) or name in SHARED_INDEXES
    return False
