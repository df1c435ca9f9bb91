"""Hostile logins (issue 12, H1): every kind of person attacks the shared database with SQL.

Each attack runs on a plain psycopg connection signed in as the person's own
login, exactly as psql would: the app's client holds its own connection, so
whatever the login may do, a person may do. The escalation itself is checked
by running the app's real ``admin add-operator`` as the superuser afterwards
and reading every app login's attributes from ``pg_roles``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import errors, sql
from sqlalchemy import insert, text

from operator_app.data import models as m
from operator_app.errors import KnownError
from operator_app.sync.roles import add_person
from operator_app.sync.server_sql import GROUP_ROLES
from tests.sync.pg_people import PgDatabase, migrated_pg, unique_login
from tests.sync.test_roles import TEAM, add_team
from tests.test_cli import run_cli

pytestmark = pytest.mark.postgres

KINDS = ("admin", "team_lead", "operator")
DANGEROUS = ("TRIGGER", "TRUNCATE", "REFERENCES", "DELETE")


@dataclass
class Site:
    db: PgDatabase
    logins: dict[str, str] = field(default_factory=dict)  # kind of person -> login


def _site(db: PgDatabase, tag: str) -> Site:
    add_team(db.admin)
    site = Site(db)
    for kind in KINDS:
        login = db.track(unique_login(f"{tag}_{kind}"))
        add_person(db.admin, login, kind.upper(), kind, TEAM)
        site.logins[kind] = login
    return site


@pytest.fixture
def site(pg_available: None) -> Iterator[Site]:
    with migrated_pg("opdesk_hostile") as db:
        yield _site(db, "h")


def _attack(db: PgDatabase, login: str, statement: str | sql.Composed) -> Exception | None:
    """Run one statement as ``login``; the error it raised, or None when it went through."""
    with db.connect_as(login) as conn:
        try:
            conn.execute(statement)
        except psycopg.Error as exc:
            return exc
        conn.commit()
        return None


def _app_logins_powers(db: PgDatabase, logins: list[str]) -> dict[str, tuple[bool, bool]]:
    """(rolsuper, rolcreaterole) of each login and group role, as the cluster has them."""
    with db.admin.connect() as conn:
        rows = conn.execute(
            text("SELECT rolname, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = ANY(:n)"),
            {"n": [*logins, *GROUP_ROLES.values()]},
        )
        return {name: (sup, cr) for name, sup, cr in rows}


def _escalation_function(login: str) -> sql.Composed:
    """The probe's payload: a temporary trigger function making ``login`` a superuser."""
    body = sql.SQL("BEGIN EXECUTE {}; RETURN NULL; END").format(
        sql.Literal(f'ALTER ROLE "{login}" SUPERUSER CREATEROLE')
    )
    return sql.SQL("CREATE FUNCTION pg_temp.esc() RETURNS trigger LANGUAGE plpgsql AS {}").format(
        sql.Literal(body.as_string(None))
    )


@pytest.mark.parametrize("kind", KINDS)
def test_h1_a_trigger_that_would_run_as_the_superuser_is_refused(
    site: Site, kind: str, tmp_path: Path
) -> None:
    login = site.logins[kind]
    with site.db.connect_as(login) as conn:
        # A temporary function is still allowed (imports need TEMP); alone it runs as its caller.
        conn.execute(_escalation_function(login))
        with pytest.raises(errors.InsufficientPrivilege, match="permission denied for table"):
            conn.execute(
                "CREATE TRIGGER esc AFTER INSERT OR UPDATE ON operator "
                "FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.esc()"
            )
        conn.rollback()
        conn.execute(_escalation_function(login))
        conn.commit()
        # The attacker's session stays open (their pg_temp lives as long as it does)
        # while the superuser adds a person with the app's own command.
        newcomer = site.db.track(unique_login("newcomer"))
        added = run_cli(
            "--shared-url",
            site.db.url,
            *("admin", "add-operator", newcomer, "--name", "新人", "--role", "operator"),
            *("--team", TEAM),
            data_dir=tmp_path,
        )
        assert added.returncode == 0, added.stderr
        logins = [*site.logins.values(), newcomer]
        powers = _app_logins_powers(site.db, logins)
    assert powers == dict.fromkeys([*logins, *GROUP_ROLES.values()], (False, False))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "statement",
    ["TRUNCATE lead", "TRUNCATE operator CASCADE", "DELETE FROM contact_event"],
)
def test_h1_truncate_and_delete_are_refused(site: Site, kind: str, statement: str) -> None:
    refused = _attack(site.db, site.logins[kind], statement)
    assert isinstance(refused, errors.InsufficientPrivilege), refused
    assert "permission denied for table" in str(refused)


@pytest.mark.parametrize("kind", KINDS)
def test_h1_no_table_of_ones_own_to_hang_a_reference_on(site: Site, kind: str) -> None:
    login = site.logins[kind]
    for statement, message in (
        ("CREATE SCHEMA mine", "permission denied for database"),
        ("CREATE TABLE public.mine (id uuid)", "permission denied for schema public"),
    ):
        refused = _attack(site.db, login, statement)
        assert isinstance(refused, errors.InsufficientPrivilege), (statement, refused)
        assert message in str(refused)
    # The one table a person may make is temporary, and it cannot reference lead.
    refused = _attack(site.db, login, "CREATE TEMP TABLE mine (lead_id uuid REFERENCES lead (id))")
    assert isinstance(refused, psycopg.errors.DatabaseError), refused
    with site.db.admin.connect() as conn:
        grants = conn.execute(
            text(
                "SELECT count(*) FROM information_schema.table_constraints "
                "WHERE constraint_type = 'FOREIGN KEY' AND table_schema <> 'public'"
            )
        ).scalar_one()
    assert grants == 0


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "statement",
    [
        'ALTER ROLE "{login}" SUPERUSER',
        'ALTER ROLE "{login}" CREATEROLE',
        'ALTER ROLE "{login}" BYPASSRLS',
        "CREATE ROLE hostile_{kind} LOGIN",
        'GRANT operator_desk_admin TO "{login}"',
        "ALTER TABLE operator DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE lead OWNER TO operator_desk_admin",
    ],
)
def test_h1_no_way_to_more_powers(site: Site, kind: str, statement: str) -> None:
    login = site.logins[kind]
    refused = _attack(site.db, login, statement.format(login=login, kind=kind))
    assert isinstance(refused, errors.InsufficientPrivilege), refused
    powers = _app_logins_powers(site.db, list(site.logins.values()))
    assert set(powers.values()) == {(False, False)}


@pytest.mark.parametrize("kind", KINDS)
def test_h1_granting_oneself_trigger_grants_nothing(site: Site, kind: str) -> None:
    login = site.logins[kind]
    notices: list[str] = []
    with site.db.connect_as(login) as conn:
        conn.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
        conn.execute(sql.SQL("GRANT TRIGGER ON operator TO {}").format(sql.Identifier(login)))
        conn.commit()
        held = conn.execute("SELECT has_table_privilege('operator', 'TRIGGER')").fetchone()
    assert notices == ['no privileges were granted for "operator"']
    assert held == (False,)


def test_no_group_role_or_login_holds_a_dangerous_privilege_anywhere(site: Site) -> None:
    who = [*GROUP_ROLES.values(), *site.logins.values()]
    checks = ", ".join(f"'{p}'" for p in DANGEROUS)
    with site.db.admin.connect() as conn:
        held = conn.execute(
            text(
                "SELECT r.rolname, c.relname, p.priv FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                f"CROSS JOIN unnest(ARRAY[{checks}]) AS p(priv) "
                "JOIN pg_roles r ON r.rolname = ANY(:who) "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v') "
                "AND has_table_privilege(r.oid, c.oid, p.priv)"
            ),
            {"who": who},
        ).all()
        schema_create = conn.execute(
            text(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(:who) AND "
                "(has_schema_privilege(oid, 'public', 'CREATE') "
                " OR has_database_privilege(oid, current_database(), 'CREATE'))"
            ),
            {"who": who},
        ).all()
        tables = conn.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar_one()
    assert held == [] and schema_create == []
    assert tables > 15  # the check looked at the real schema


def test_h1_a_login_of_another_database_attacks_nothing_here(pg_available: None) -> None:
    """Group roles are cluster-wide: the admin of a second Operator Desk database is a
    member of the same group here. They still get no trigger, truncate or delete."""
    with migrated_pg("opdesk_hostile_a") as here, migrated_pg("opdesk_hostile_b") as there:
        _site(here, "here")
        stranger = _site(there, "there").logins["admin"]
        here.track(stranger)  # dropped with either database
        with here.connect_as(stranger) as conn:
            conn.execute(_escalation_function(stranger))
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(
                    "CREATE TRIGGER esc AFTER INSERT ON operator "
                    "FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.esc()"
                )
        for statement in ("TRUNCATE lead", "DELETE FROM lead"):
            refused = _attack(here, stranger, statement)
            assert isinstance(refused, errors.InsufficientPrivilege), refused


def test_add_operator_makes_a_plain_login_even_of_a_role_with_powers(site: Site) -> None:
    """A role that can create roles or databases is taken over only without those powers;
    one that is a member of another role (it could SET ROLE to it) is refused."""
    powerful = site.db.track(unique_login("powerful"))
    member = site.db.track(unique_login("member"))
    with site.db.admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{powerful}" LOGIN CREATEROLE CREATEDB'))
        conn.execute(text(f'CREATE ROLE "{member}" LOGIN'))
        conn.execute(text(f'GRANT pg_read_all_data TO "{member}"'))
    add_person(site.db.admin, powerful, "P", "operator", TEAM)
    with pytest.raises(KnownError, match="also a member of pg_read_all_data"):
        add_person(site.db.admin, member, "M", "operator", TEAM)
    with site.db.admin.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, "
                "rolbypassrls FROM pg_roles WHERE rolname = ANY(:n)"
            ),
            {"n": [powerful, *site.logins.values()]},
        ).all()
        member_row = conn.execute(
            text("SELECT count(*) FROM operator WHERE login = :m"), {"m": member}
        ).scalar_one()
    assert {tuple(r[1:]) for r in rows} == {(False,) * 5} and len(rows) == 4
    assert member_row == 0  # nothing was changed for the refused one


BAD_PAYLOADS = [
    ("stage_change", "[1,2]"),
    ("stage_change", '{"from": "新客户", "to": [1]}'),
    ("stage_change", '{"from": "新客户"}'),
    ("reassigned", '{"from": {"id": 1}, "to": null, "reason": "manual"}'),
    ("custom_message", '"文字"'),
    ("note", '{"follow_up_at": 5}'),
    ("replied", "[]"),
    ("replied", "null"),
]


def _own_lead(site: Site, kind: str) -> tuple[str, str, str]:
    """(team id, a lead now owned by the person, their id) as text, made by the superuser."""
    login = site.logins[kind]
    with site.db.admin.begin() as conn:
        me, team = conn.execute(
            text("SELECT id::text, team_id::text FROM operator WHERE login = :l"), {"l": login}
        ).one()
        lead = uuid.uuid4()
        conn.execute(
            insert(m.Lead.__table__).values(  # type: ignore[attr-defined]
                id=lead,
                team_id=team,
                owner_id=me,
                name="客户",
                phone=f"+86{lead.int % 10**11:011d}",
            )
        )
    return team, str(lead), me


def _log_event(
    site: Site,
    kind: str,
    event_kind: str,
    payload: str,
    ahead: str = "0 minutes",
    lead: tuple[str, str, str] | None = None,
) -> Exception | None:
    """As the ``kind`` person's login, log an event dated ``ahead`` of the server's clock."""
    team, lead_id, me = lead or _own_lead(site, kind)
    statement = sql.SQL(
        "INSERT INTO contact_event (id, team_id, lead_id, operator_id, kind, occurred_at, "
        "body, payload, device_id, version, updated_at) VALUES (gen_random_uuid(), {}, {}, "
        "{}, {}, now() + {}::interval, '', {}::jsonb, '', 1, now())"
    ).format(*(sql.Literal(v) for v in (team, lead_id, me, event_kind, ahead, payload)))
    return _attack(site.db, site.logins[kind], statement)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("event_kind", "payload"), BAD_PAYLOADS)
def test_h5_an_event_payload_of_the_wrong_shape_is_refused(
    site: Site, kind: str, event_kind: str, payload: str
) -> None:
    refused = _log_event(site, kind, event_kind, payload)
    assert isinstance(refused, errors.InsufficientPrivilege), refused
    assert 'policy "contact_event_well_formed"' in str(refused)


@pytest.mark.parametrize("kind", KINDS)
def test_h5_payloads_the_app_writes_are_taken(site: Site, kind: str) -> None:
    for event_kind, payload in [
        ("stage_change", '{"from": null, "to": "first_contact"}'),
        ("reassigned", '{"from": null, "to": null, "reason": "manual", "recycle_days": 7}'),
        ("custom_message", '{"purpose": "问候", "customer_thinks": "", "desired_reply": ""}'),
        ("note", '{"follow_up_at": "2026-12-07T02:00:00+00:00"}'),
        ("replied", "{}"),
    ]:
        if event_kind == "reassigned" and kind == "operator":
            continue  # an operator's own move event: H5's forged reassigned, not a shape
        assert _log_event(site, kind, event_kind, payload) is None, event_kind


MOVE = '{"from": null, "to": null, "reason": "manual"}'


@pytest.mark.parametrize("kind", KINDS)
def test_h5_an_event_dated_a_year_ahead_is_refused(site: Site, kind: str) -> None:
    refused = _log_event(site, kind, "note", "{}", ahead="1 year")
    assert isinstance(refused, errors.InsufficientPrivilege), refused
    assert 'policy "contact_event_well_formed"' in str(refused)
    assert _log_event(site, kind, "note", "{}", ahead="30 minutes") is None  # a PC's clock


def test_h5_a_former_owner_forges_no_move(site: Site) -> None:
    """The probe: an operator whose lead was moved away logs a "reassigned" on it, dated a
    year ahead. Refused, and so is one dated now; a note of offline work still goes in."""
    lead = _own_lead(site, "operator")
    with site.db.admin.begin() as conn:
        boss = conn.execute(
            text("SELECT id FROM operator WHERE login = :l"), {"l": site.logins["team_lead"]}
        ).scalar_one()
        conn.execute(text("UPDATE lead SET owner_id = :b WHERE id = :l"), {"b": boss, "l": lead[1]})
    for ahead in ("1 year", "0 minutes"):
        refused = _log_event(site, "operator", "reassigned", MOVE, ahead=ahead, lead=lead)
        assert isinstance(refused, errors.InsufficientPrivilege), (ahead, refused)
    assert _log_event(site, "operator", "note", "{}", lead=lead) is None
    for kind in ("team_lead", "admin"):  # the people whose commands move leads still may
        assert _log_event(site, kind, "reassigned", MOVE) is None


def test_h5_a_former_owner_logs_only_what_came_before_the_move_and_not_for_ever(
    site: Site,
) -> None:
    lead = _own_lead(site, "operator")
    with site.db.admin.begin() as conn:
        conn.execute(text("UPDATE lead SET owner_id = NULL WHERE id = :l"), {"l": lead[1]})
        conn.execute(  # the move happened three hours ago
            text("UPDATE lead_scope_change SET changed_at = now() - interval '3 hours'")
        )
    before = _log_event(site, "operator", "note", "{}", ahead="-4 hours", lead=lead)
    after = _log_event(site, "operator", "note", "{}", ahead="-1 minute", lead=lead)
    assert before is None
    assert isinstance(after, errors.InsufficientPrivilege), after
    assert 'policy "contact_event_former_owner"' in str(after)
    with site.db.admin.begin() as conn:  # a move 20 days ago: too late to deliver even old work
        conn.execute(text("UPDATE lead_scope_change SET changed_at = now() - interval '20 days'"))
    late = _log_event(site, "operator", "note", "{}", ahead="-21 days", lead=lead)
    assert isinstance(late, errors.InsufficientPrivilege), late
