"""Upgrading a shared database made before migration 0007 (least privilege, issue 12 H1).

The database is migrated only up to the revision before 0007, people are
added and work is seeded as the app did then; the hole is shown open; then
the database is upgraded and every kind of person still pushes and pulls
through their own login, while the hole is closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from psycopg import errors
from sqlalchemy import Engine, select, text

from operator_app.core.domain import EventKind
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.lead_moves import reassign_leads
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.sync.roles import add_person
from operator_app.sync.snapshot import load_scope
from tests.conftest import throwaway_pg_database
from tests.sync.conftest import NOW, synced
from tests.sync.pg_people import PgDatabase, unique_login

pytestmark = pytest.mark.postgres

LEAST_PRIVILEGE = "0007"
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
TRIGGER = "CREATE TRIGGER esc AFTER INSERT ON operator FOR EACH STATEMENT EXECUTE FUNCTION {}"


def _revision_before(revision: str) -> str:
    script = ScriptDirectory.from_config(migrate._config())
    before = script.get_revision(revision).down_revision
    assert isinstance(before, str)
    return before


def _upgrade_to(engine: Engine, revision: str) -> None:
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["target"] = migrate.SHARED
        command.upgrade(cfg, revision)


@pytest.fixture
def old_db(pg_available: None) -> Iterator[PgDatabase]:
    with throwaway_pg_database("opdesk_lp_upgrade") as url:
        db = PgDatabase(url=url, admin=make_engine(url))
        try:
            _upgrade_to(db.admin, _revision_before(LEAST_PRIVILEGE))
            seed_demo(db.admin, leads=30, days=5, seed=3, now=NOW)
            yield db
        finally:
            db.admin.dispose()
            db.drop_roles()


def _trigger_attempt(db: PgDatabase, login: str) -> Exception | None:
    """The H1 attack's decisive step as ``login`` (rolled back when it goes through)."""
    with db.connect_as(login) as conn:
        try:
            conn.execute(TRIGGER.format("pg_catalog.suppress_redundant_updates_trigger()"))
        except errors.InsufficientPrivilege as exc:
            return exc
        conn.rollback()
        return None


def _cache_for(db: PgDatabase, who: OperatorInfo, folder: Path) -> tuple[Engine, Engine]:
    shared = db.engine_as(who.login)
    cache = make_engine(f"sqlite:///{folder / f'{who.login}.sqlite3'}")
    prepare_cache(cache)
    load_scope(shared, cache, who)
    return shared, cache


def test_after_the_upgrade_everyone_syncs_and_the_admin_has_no_trigger(
    old_db: PgDatabase, tmp_path: Path
) -> None:
    people: dict[str, OperatorInfo] = {}
    for role in ("operator", "team_lead", "admin"):
        login = old_db.track(unique_login(f"up_{role}"))
        add_person(old_db.admin, login, role, role, "华东一组")
        found = find_operator(old_db.admin, login)
        assert found is not None
        people[role] = found
    with old_db.admin.begin() as conn:  # each person gets two of the demo's customers
        alive = (LEAD.c.team_id == people["operator"].team_id) & LEAD.c.deleted_at.is_(None)
        demo = conn.execute(select(LEAD.c.id).where(alive).order_by(LEAD.c.id).limit(6))
        ids = demo.scalars().all()
        own = {role: ids[2 * n : 2 * n + 2] for n, role in enumerate(people)}
        for role, leads in own.items():
            conn.execute(LEAD.update().where(LEAD.c.id.in_(leads)).values(owner_id=people[role].id))
    assert _trigger_attempt(old_db, people["admin"].login) is None  # the hole, before

    migrate.upgrade_to_head(old_db.admin)

    for who in people.values():
        assert isinstance(_trigger_attempt(old_db, who.login), errors.InsufficientPrivilege)
    caches = {role: _cache_for(old_db, who, tmp_path) for role, who in people.items()}
    for role, who in people.items():  # each pushes a note on a customer of their own
        ws = Workspace(caches[role][1], who, f"pc-{role}", clock=lambda: NOW)
        ws.record_outcome(own[role][0], EventKind.NOTE, note=f"升级后 {role}")
        summary = synced(*caches[role], who, clock=lambda: NOW)
        assert (summary.pushed, summary.rejected) == (1, 0), summary.rejections
    # The team lead's own login hands a customer to the operator.
    boss = old_db.engine_as(people["team_lead"].login)
    moved = own["team_lead"][1]
    assert reassign_leads(boss, [moved], people["operator"].id, now=NOW) == [moved]
    for role, who in people.items():  # and each pulls what the others did
        synced(*caches[role], who, clock=lambda: NOW)
        with caches[role][1].connect() as conn:
            bodies = set(conn.execute(select(EVENT.c.body)).scalars())
            owned = set(conn.execute(select(LEAD.c.id).where(LEAD.c.owner_id == who.id)).scalars())
        if role == "operator":
            assert moved in owned and "升级后 operator" in bodies
        else:
            assert {f"升级后 {r}" for r in people} <= bodies, role


def _admin_privileges(db: PgDatabase) -> set[str]:
    with db.admin.connect() as conn:
        found = conn.execute(
            text(
                "SELECT DISTINCT privilege_type FROM information_schema.role_table_grants "
                "WHERE grantee = 'operator_desk_admin' AND table_name = 'operator'"
            )
        )
        return set(found.scalars())


def test_0007_comes_off_and_back_on(old_db: PgDatabase) -> None:
    migrate.upgrade_to_head(old_db.admin)
    assert _admin_privileges(old_db) == {"SELECT", "INSERT", "UPDATE"}
    migrate.downgrade_to(old_db.admin, _revision_before(LEAST_PRIVILEGE))
    assert _admin_privileges(old_db) == {
        *("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
    }
    migrate.upgrade_to_head(old_db.admin)
    assert _admin_privileges(old_db) == {"SELECT", "INSERT", "UPDATE"}
