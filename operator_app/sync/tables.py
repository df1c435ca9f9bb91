"""Core Table objects for the shared database's sync tables, and transaction helpers.

The tables themselves are created by sync/server_sql.py (migration 0002);
these descriptions let the engine use one statement for both backends
(UUIDs as 32 hex digits on SQLite, native on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    Text,
    Uuid,
    text,
)

from operator_app.data.db import sqlite_transaction
from operator_app.data.types import UTCDateTime

__all__ = ["shared_transaction", "Savepoint", "sync_applied"]

sync_metadata = MetaData()

sync_applied = Table(
    "sync_applied",
    sync_metadata,
    Column("mutation_id", Uuid, primary_key=True),
    Column("login", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("reason", Text),
    Column("applied_at", UTCDateTime),
)

lead_scope_change = Table(
    "lead_scope_change",
    sync_metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("lead_id", Uuid, nullable=False),
    Column("old_team_id", Uuid),
    Column("new_team_id", Uuid),
    Column("old_owner_id", Uuid),
    Column("new_owner_id", Uuid),
    Column("changed_at", UTCDateTime),
)


@contextmanager
def shared_transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction on the shared database: a consistent snapshot, or the write lock."""
    if engine.dialect.name == "sqlite":
        with sqlite_transaction(engine, "IMMEDIATE" if write else "DEFERRED") as conn:
            yield conn
        return
    level = "READ COMMITTED" if write else "REPEATABLE READ"
    with engine.connect() as base:
        conn = base.execution_options(isolation_level=level)
        with conn.begin():
            yield conn


class Savepoint:
    """A raw SAVEPOINT that works the same inside both kinds of transaction above."""

    def __init__(self, conn: Connection, name: str = "sync_entry") -> None:
        self.conn = conn
        self.name = name

    def __enter__(self) -> Savepoint:
        self.conn.exec_driver_sql(f"SAVEPOINT {self.name}")
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {self.name}")
        elif not self.conn.invalidated:  # a lost connection: let its own error through
            self.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {self.name}")
            self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {self.name}")


def server_epoch(conn: Connection) -> str:
    return str(conn.execute(text("SELECT epoch FROM sync_server WHERE id = 1")).scalar_one())


def server_position(conn: Connection) -> tuple[int, int]:
    """(low-water mark, high-water mark) of changes, read in the caller's snapshot.

    PostgreSQL: every change stamped below the snapshot's xmin is committed
    and visible; xmax says how far transaction ids have gone (a cursor beyond
    it means the server was restored from a dump). SQLite: the change clock.
    """
    if conn.dialect.name == "postgresql":
        row = conn.execute(
            text(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
                "pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
            )
        ).one()
        return int(row[0]), int(row[1])
    value = int(conn.execute(text("SELECT value FROM sync_clock WHERE id = 1")).scalar_one())
    return value, value
