"""People and their database logins: adding and disabling them (an admin's job, no Qt).

On PostgreSQL every person signs in with a LOGIN role named exactly like
their ``operator.login``, member of one group role (server_sql.GROUP_ROLES):
the group gives the table privileges, and row-level security finds the
person's row through ``session_user``. Roles are cluster-wide, so a role
another database already made is taken over and updated, not refused,
unless it could reach further than its group: a superuser, replication or
BYPASSRLS role, or a member of any other role, is refused; a taken-over
role loses CREATEROLE and CREATEDB (issue 12 H1).

On an SQLite shared database only the operator row is written: SQLite has no
per-person logins or row security (``AddedPerson.database_role`` is False).

Logins and passwords reach SQL only through psycopg's ``sql.Identifier`` and
``sql.Literal``, and the password only as a SCRAM verifier computed on this
side: the server (and its statement log) never sees it in clear.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Engine, insert, select, update

from operator_app.core.domain import Role
from operator_app.data import models as m
from operator_app.data.importing import find_team
from operator_app.data.types import utcnow
from operator_app.errors import KnownError, translatable
from operator_app.sync.server_sql import GROUP_ROLES, IDLE_IN_TRANSACTION_TIMEOUT

OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
PASSWORD_BYTES = 15  # token_urlsafe: 20 characters, ~120 bits
MAX_ROLE_NAME_BYTES = 63  # PostgreSQL silently truncates longer names (NAMEDATALEN - 1)
# A person's login can do nothing to roles or databases (issue 12 H1).
PLAIN_LOGIN = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


@dataclass(frozen=True)
class AddedPerson:
    """A person added or updated; ``password`` is what their login now accepts."""

    login: str
    name: str
    role: str
    team: str
    operator_id: uuid.UUID
    database_role: bool  # False: the database has no per-person security (SQLite)
    password: str | None  # None when there is no database role
    password_generated: bool

    def summary(self) -> dict[str, object]:
        """What the admin sees: the password only when it was made here, to hand over once."""
        return {
            "login": self.login,
            "name": self.name,
            "role": self.role,
            "team": self.team,
            "database_role": self.database_role,
            "password": self.password if self.password_generated else None,
        }


@dataclass(frozen=True)
class DisabledPerson:
    login: str
    database_role: bool  # False: no login role was changed (SQLite, or none exists)


def add_person(
    engine: Engine,
    login: str,
    name: str,
    role: str,
    team_name: str,
    password: str | None = None,
) -> AddedPerson:
    """Create or update a person and, on PostgreSQL, their login role, in one transaction.

    The login role gets exactly the group role for ``role``, the idle-in-
    transaction timeout and ``password`` (a random one when None).
    """
    _check_login(login)
    _check_role(role)
    if not name.strip():
        raise KnownError(translatable("The person's name cannot be empty."))
    team = find_team(engine, team_name)
    pg = engine.dialect.name == "postgresql"
    generated = pg and password is None
    if generated:
        password = secrets.token_urlsafe(PASSWORD_BYTES)
    with engine.begin() as conn:
        person_id = _upsert_operator(conn, login, name.strip(), role, team.id)
        if pg:
            assert password is not None
            _ensure_login_role(_driver(conn), login, role, password)
    return AddedPerson(
        login=login,
        name=name.strip(),
        role=role,
        team=team.name,
        operator_id=person_id,
        database_role=pg,
        password=password if pg else None,
        password_generated=generated,
    )


def disable_person(engine: Engine, login: str) -> DisabledPerson:
    """Mark the person inactive and, on PostgreSQL, stop their role from signing in.

    Their rows and history stay. Sessions already open see nothing from the
    next query on: the row-security helpers only know active people.
    """
    with engine.begin() as conn:
        row = conn.execute(
            select(OPERATOR.c.id, OPERATOR.c.active).where(OPERATOR.c.login == login)
        ).one_or_none()
        if row is None:
            raise _unknown_person(login)
        if row.active:
            conn.execute(
                update(OPERATOR)
                .where(OPERATOR.c.id == row.id)
                .values(active=False, version=OPERATOR.c.version + 1, updated_at=utcnow())
            )
        if engine.dialect.name != "postgresql":
            return DisabledPerson(login, database_role=False)
        return DisabledPerson(login, database_role=_disable_login_role(_driver(conn), login))


# -- checks -----------------------------------------------------------------------------------


def _check_login(login: str) -> None:
    if not login or login != login.strip():
        raise KnownError(
            translatable("A login cannot be empty or begin or end with spaces."),
            translatable("Give the login exactly as the person will type it."),
        )
    if len(login.encode()) > MAX_ROLE_NAME_BYTES or login.startswith("pg_"):
        raise KnownError(
            translatable("'{login}' cannot be a database login."),
            translatable("Use at most 63 bytes (21 Chinese characters), not starting with pg_."),
            login=login,
        )
    if login in GROUP_ROLES.values():
        raise KnownError(
            translatable("'{login}' is one of Operator Desk's group roles, not a person."),
            translatable("Choose another login."),
            login=login,
        )


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise KnownError(
            translatable("'{role}' is not a role."),
            translatable("Use one of: {roles}."),
            role=role,
            roles=", ".join(r.value for r in Role),
        )


def _unknown_person(login: str) -> KnownError:
    return KnownError(
        translatable("Nobody with the login '{login}' is in the shared database."),
        translatable("Check the spelling of the login."),
        login=login,
    )


# -- the operator row -------------------------------------------------------------------------


def _upsert_operator(
    conn: Connection, login: str, name: str, role: str, team_id: uuid.UUID
) -> uuid.UUID:
    """The person's row, created or brought up to date (active again, not deleted)."""
    now = utcnow()
    values = {"team_id": team_id, "name": name, "role": role, "active": True, "deleted_at": None}
    existing = conn.execute(
        select(OPERATOR.c.id).where(OPERATOR.c.login == login).with_for_update()
    ).scalar_one_or_none()
    if existing is None:
        new_id = uuid.uuid4()
        conn.execute(
            insert(OPERATOR).values(id=new_id, login=login, version=1, updated_at=now, **values)
        )
        return new_id
    conn.execute(
        update(OPERATOR)
        .where(OPERATOR.c.id == existing)
        .values(version=OPERATOR.c.version + 1, updated_at=now, **values)
    )
    return existing


# -- the PostgreSQL login role ----------------------------------------------------------------


def _driver(conn: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under ``conn``, inside the same transaction."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, psycopg.Connection)
    return raw


def _run(raw: psycopg.Connection[Any], statement: sql.Composed) -> None:
    with raw.cursor() as cur:
        cur.execute(statement)


@contextmanager
def _role_privileges() -> Iterator[None]:
    """An admin connection without CREATEROLE gets a plain message, not a traceback."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        raise KnownError(
            translatable("This database account may not create or change logins ({reason})."),
            translatable("Run the command with --shared-url as an admin with CREATEROLE."),
            reason=str(exc).strip().splitlines()[0],
        ) from exc


def _existing_role(raw: psycopg.Connection[Any], login: str) -> bool:
    """Whether the role exists; refuses one that would skip row security or reach
    further than its group (a member of another role can SET ROLE to it)."""
    with raw.cursor() as cur:
        cur.execute(
            "SELECT rolsuper OR rolbypassrls OR rolreplication FROM pg_roles WHERE rolname = %s",
            (login,),
        )
        row = cur.fetchone()
        cur.execute(
            "SELECT g.rolname FROM pg_auth_members am "
            "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles u ON u.oid = am.member "
            "WHERE u.rolname = %s AND NOT g.rolname = ANY(%s) ORDER BY 1",
            (login, list(GROUP_ROLES.values())),
        )
        others = [name for (name,) in cur.fetchall()]
    if row is not None and row[0]:
        raise KnownError(
            translatable("The database role '{login}' is a superuser or bypasses row security."),
            translatable("A person needs an ordinary login; choose another login."),
            login=login,
        )
    if others:
        raise KnownError(
            translatable("The database role '{login}' is also a member of {roles}."),
            translatable("A person needs an ordinary login; choose another login."),
            login=login,
            roles=", ".join(others),
        )
    return row is not None


def _ensure_login_role(raw: psycopg.Connection[Any], login: str, role: str, password: str) -> None:
    role_name = sql.Identifier(login)
    # A SCRAM verifier made here: the clear password never reaches the server or its log.
    verifier = raw.pgconn.encrypt_password(password.encode(), login.encode()).decode()
    with _role_privileges():
        # INHERIT: the person uses the group's privileges without SET ROLE. Every power
        # over roles or databases is off. SUPERUSER, REPLICATION and BYPASSRLS are named
        # on CREATE only: changing them needs a superuser, and an existing role with any
        # of them was refused above.
        if _existing_role(raw, login):
            verb, powers = "ALTER", "NOCREATEDB NOCREATEROLE"
        else:
            verb, powers = "CREATE", PLAIN_LOGIN
        _run(
            raw,
            sql.SQL("{} ROLE {} WITH LOGIN INHERIT {} PASSWORD {}").format(
                sql.SQL(verb), role_name, sql.SQL(powers), sql.Literal(verifier)
            ),
        )
        # A client that stalls mid-transaction must not hold back everyone's pulls.
        _run(
            raw,
            sql.SQL("ALTER ROLE {} SET idle_in_transaction_session_timeout = {}").format(
                role_name, sql.Literal(IDLE_IN_TRANSACTION_TIMEOUT)
            ),
        )
        _set_group(raw, login, GROUP_ROLES[role])


def _set_group(raw: psycopg.Connection[Any], login: str, wanted: str) -> None:
    """Make ``login`` a member of ``wanted`` and of no other Operator Desk group."""
    with raw.cursor() as cur:
        cur.execute(
            "SELECT g.rolname FROM pg_auth_members am "
            "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles u ON u.oid = am.member "
            "WHERE u.rolname = %s AND g.rolname = ANY(%s)",
            (login, list(GROUP_ROLES.values())),
        )
        current = {name for (name,) in cur.fetchall()}
    person = sql.Identifier(login)
    if wanted not in current:
        _run(raw, sql.SQL("GRANT {} TO {}").format(sql.Identifier(wanted), person))
    for group in sorted(current - {wanted}):
        _run(raw, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), person))


def _disable_login_role(raw: psycopg.Connection[Any], login: str) -> bool:
    """NOLOGIN on the person's role; False when there is no such role."""
    with _role_privileges():
        if not _existing_role(raw, login):
            return False
        _run(raw, sql.SQL("ALTER ROLE {} WITH NOLOGIN").format(sql.Identifier(login)))
    return True
