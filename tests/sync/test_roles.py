"""Adding and disabling people: the operator row and, on PostgreSQL, their login role."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, insert, select, text

from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.errors import KnownError
from operator_app.sync.roles import add_person, disable_person
from operator_app.sync.server_sql import GROUP_ROLES
from tests.sync.pg_people import PgDatabase, migrated_pg, unique_login

OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
TEAM = "华东一组"


def add_team(engine: Engine, name: str = TEAM) -> uuid.UUID:
    team_id = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(insert(m.Team.__table__).values(id=team_id, name=name))  # type: ignore[attr-defined]
    return team_id


def operator_row(engine: Engine, login: str) -> dict:
    with engine.connect() as conn:
        row = conn.execute(select(OPERATOR).where(OPERATOR.c.login == login)).mappings().one()
    return dict(row)


def role_facts(db: PgDatabase, login: str) -> dict:
    """What the cluster knows of a role: may it log in, its groups, settings, password."""
    with db.admin.connect() as conn:
        row = (
            conn.execute(
                text(
                    "SELECT a.rolcanlogin, a.rolinherit, a.rolpassword, "
                    "ARRAY(SELECT g.rolname FROM pg_auth_members am "
                    "      JOIN pg_roles g ON g.oid = am.roleid "
                    "      WHERE am.member = a.oid ORDER BY 1) AS groups, "
                    "(SELECT s.setconfig FROM pg_db_role_setting s "
                    " WHERE s.setrole = a.oid AND s.setdatabase = 0) AS settings "
                    "FROM pg_authid a WHERE a.rolname = :login"
                ),
                {"login": login},
            )
            .mappings()
            .one()
        )
    return dict(row)


def scram_accepts(verifier: str, password: str) -> bool:
    """Whether a SCRAM-SHA-256 verifier (pg_authid.rolpassword) was made from ``password``
    (RFC 5802; ASCII passwords need no SASLprep). Proves what the role accepts even though
    the test server trusts every local connection."""
    _, params, keys = verifier.split("$")
    iterations, salt = params.split(":")
    stored_key = base64.b64decode(keys.split(":")[0])
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return hmac.compare_digest(hashlib.sha256(client_key).digest(), stored_key)


@pytest.fixture
def pg(pg_available: None) -> Iterator[PgDatabase]:
    with migrated_pg("opdesk_roles") as db:
        add_team(db.admin)
        yield db


@pytest.mark.postgres
@pytest.mark.parametrize("base", ["o'brien", "王芳", 'quote"d'])
def test_a_person_gets_a_login_role_in_exactly_one_group(pg: PgDatabase, base: str) -> None:
    login = pg.track(unique_login(base))
    added = add_person(pg.admin, login, "王芳", "operator", TEAM)
    assert added.database_role and added.password_generated and len(added.password or "") >= 20
    facts = role_facts(pg, login)
    assert facts["rolcanlogin"] and facts["rolinherit"]
    assert facts["groups"] == [GROUP_ROLES["operator"]]
    assert "idle_in_transaction_session_timeout=60s" in facts["settings"]
    # Only a SCRAM verifier reached the server, never the password itself.
    assert facts["rolpassword"].startswith("SCRAM-SHA-256$")
    assert added.password not in facts["rolpassword"]
    assert scram_accepts(facts["rolpassword"], added.password or "")
    assert not scram_accepts(facts["rolpassword"], "wrong")
    row = operator_row(pg.admin, login)
    assert (row["role"], row["active"], row["version"]) == ("operator", True, 1)
    # The person signs in and the row-security helpers know who they are.
    with pg.connect_as(login) as conn:
        me = conn.execute("SELECT od_me(), od_my_role(), session_user").fetchone()
    assert me == (added.operator_id, "operator", login)


@pytest.mark.postgres
def test_adding_again_updates_the_row_and_moves_the_role_to_one_other_group(
    pg: PgDatabase,
) -> None:
    login = pg.track(unique_login("lijing"))
    first = add_person(pg.admin, login, "李静", "operator", TEAM)
    before = operator_row(pg.admin, login)
    again = add_person(pg.admin, login, "李静（组长）", "team_lead", TEAM, password="given pw")
    after = operator_row(pg.admin, login)
    assert again.operator_id == first.operator_id
    assert (again.password, again.password_generated) == ("given pw", False)
    assert again.summary()["password"] is None  # a given password is never echoed
    assert (after["name"], after["role"], after["version"]) == ("李静（组长）", "team_lead", 2)
    assert after["updated_at"] > before["updated_at"]
    facts = role_facts(pg, login)
    assert facts["groups"] == [GROUP_ROLES["team_lead"]]
    assert scram_accepts(facts["rolpassword"], "given pw")


@pytest.mark.postgres
def test_a_role_made_elsewhere_in_the_cluster_is_taken_over(pg: PgDatabase) -> None:
    login = pg.track(unique_login("elsewhere"))
    with pg.admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{login}" NOLOGIN NOINHERIT')
        conn.exec_driver_sql(f'GRANT {GROUP_ROLES["admin"]} TO "{login}"')
    add_person(pg.admin, login, "周浩", "team_lead", TEAM)
    facts = role_facts(pg, login)
    assert facts["rolcanlogin"] and facts["rolinherit"]
    assert facts["groups"] == [GROUP_ROLES["team_lead"]]


@pytest.mark.postgres
def test_disabling_keeps_the_row_and_stops_the_login(pg: PgDatabase) -> None:
    login = pg.track(unique_login("leaver"))
    add_person(pg.admin, login, "离职", "operator", TEAM)
    done = disable_person(pg.admin, login)
    assert done.database_role
    row = operator_row(pg.admin, login)
    assert (row["active"], row["version"], row["deleted_at"]) == (False, 2, None)
    assert not role_facts(pg, login)["rolcanlogin"]
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        pg.connect_as(login)
    # Adding them back lets them in again.
    add_person(pg.admin, login, "离职", "operator", TEAM)
    assert role_facts(pg, login)["rolcanlogin"]
    assert operator_row(pg.admin, login)["active"] is True


@pytest.mark.postgres
def test_superusers_and_unknown_people_are_refused(pg: PgDatabase) -> None:
    with pytest.raises(KnownError, match="superuser"):
        add_person(pg.admin, "postgres", "Admin", "admin", TEAM)
    with pytest.raises(KnownError, match="Nobody with the login"):
        disable_person(pg.admin, unique_login("nobody"))
    with pg.admin.connect() as conn:
        assert conn.execute(select(OPERATOR.c.login)).all() == []  # nothing half-written


@pytest.mark.parametrize(
    ("login", "role", "team", "message"),
    [
        ("lijing", "boss", TEAM, "'boss' is not a role"),
        ("lijing", "operator", "没有这个组", "no team named"),
        (" lijing", "operator", TEAM, "spaces"),
        ("pg_lijing", "operator", TEAM, "cannot be a database login"),
        ("x" * 64, "operator", TEAM, "cannot be a database login"),
        (GROUP_ROLES["admin"], "admin", TEAM, "group roles"),
    ],
)
def test_bad_input_is_a_plain_error(
    tmp_path: Path, login: str, role: str, team: str, message: str
) -> None:
    engine = sqlite_shared(tmp_path)
    with pytest.raises(KnownError, match=message):
        add_person(engine, login, "李静", role, team)
    engine.dispose()


def sqlite_shared(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    migrate.upgrade_to_head(engine)
    add_team(engine)
    return engine


def test_on_sqlite_only_the_row_is_written(tmp_path: Path) -> None:
    engine = sqlite_shared(tmp_path)
    added = add_person(engine, "王芳", "王芳", "operator", TEAM)
    assert (added.database_role, added.password, added.summary()["password"]) == (
        False,
        None,
        None,
    )
    assert operator_row(engine, "王芳")["active"] is True
    assert disable_person(engine, "王芳").database_role is False
    row = operator_row(engine, "王芳")
    assert (row["active"], row["version"]) == (False, 2)
    engine.dispose()
