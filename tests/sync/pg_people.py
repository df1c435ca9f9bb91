"""Throw-away PostgreSQL databases with real login roles, for the security tests.

Roles are cluster-wide: every login made here carries a random suffix, and
``migrated_pg`` drops the roles it was told about (DROP OWNED BY, DROP ROLE)
before the database goes, so repeated runs leave nothing behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from operator_app.data import migrate
from operator_app.data.db import make_engine
from tests.conftest import PG_ADMIN_USER, throwaway_pg_database


def unique_login(base: str) -> str:
    """A login no other test run uses (roles outlive databases)."""
    return f"{base}_{uuid.uuid4().hex[:10]}"


@dataclass
class PgDatabase:
    """A migrated database, its superuser engine, and the roles to drop afterwards."""

    url: str
    admin: Engine
    roles: list[str] = field(default_factory=list)
    _engines: list[Engine] = field(default_factory=list)

    def track(self, login: str) -> str:
        self.roles.append(login)
        return login

    def url_as(self, login: str) -> str:
        """The database's URL signing in as ``login`` (trust auth: no password)."""
        return make_url(self.url).set(username=login).render_as_string(hide_password=False)

    def engine_as(self, login: str) -> Engine:
        """An app engine (db.make_engine) connected as ``login``."""
        engine = make_engine(self.url_as(login))
        self._engines.append(engine)
        return engine

    def connect_as(self, login: str) -> psycopg.Connection:
        """A plain psycopg connection as ``login`` (closed by the caller)."""
        u = make_url(self.url)
        return psycopg.connect(
            host=u.host, port=u.port, dbname=u.database, user=login, connect_timeout=5
        )

    def drop_roles(self) -> None:
        for engine in self._engines:
            engine.dispose()
        dbname = make_url(self.url).database
        with psycopg.connect(_admin_conninfo(self.url), autocommit=True) as conn:
            for login in self.roles:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE usename = %s AND datname = %s",
                    (login, dbname),
                )
                exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
                if exists.fetchone() is None:
                    continue
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(login)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))


def _admin_conninfo(url: str) -> str:
    u: URL = make_url(url)
    return psycopg.conninfo.make_conninfo(
        host=u.host, port=u.port, dbname=u.database, user=PG_ADMIN_USER, connect_timeout=5
    )


@contextmanager
def migrated_pg(prefix: str = "opdesk_sec") -> Iterator[PgDatabase]:
    """A fresh, migrated database; the roles tracked in it are dropped before it is."""
    with throwaway_pg_database(prefix) as url:
        admin = make_engine(url)
        db = PgDatabase(url=url, admin=admin)
        try:
            migrate.upgrade_to_head(admin)
            yield db
        finally:
            admin.dispose()
            db.drop_roles()
