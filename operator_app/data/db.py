"""Engines and sessions for the local cache and the shared database.

SQLite files get WAL (readers never block the writer), synchronous=FULL
(WAL with NORMAL can lose the last commits on power loss) and foreign keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlmodel import Session

from operator_app.errors import ConfigError, DatabaseUnavailable, translatable

SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 5


def parse_url(raw: str) -> URL:
    """Validate a shared-database URL; accept ``sqlite:///…`` and ``postgresql[+psycopg]://…``."""
    try:
        url = make_url(raw.strip())
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(
            translatable("The shared database URL '{url}' is not a valid URL."),
            translatable(
                "Use sqlite:///C:/path/shared.sqlite3 or "
                "postgresql+psycopg://login@server:5432/database."
            ),
            url=raw,
        ) from exc
    backend = url.get_backend_name()
    if backend == "postgresql":
        # psycopg 3 is the driver we ship; plain postgresql:// means it too.
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise ConfigError(
                translatable("The shared SQLite URL '{url}' names no file."),
                translatable("Give a file path, for example sqlite:///C:/data/shared.sqlite3."),
                url=raw,
            )
        return url
    raise ConfigError(
        translatable("Databases of type '{backend}' are not supported."),
        translatable("Use PostgreSQL (postgresql+psycopg://…) or an SQLite file (sqlite:///…)."),
        backend=backend,
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(raw_url: str) -> Engine:
    """An engine for either backend, configured the way this app needs it."""
    url = parse_url(raw_url)
    if url.get_backend_name() == "sqlite":
        if url.database:
            folder = Path(url.database).expanduser().resolve().parent
            if not folder.is_dir():
                raise ConfigError(
                    translatable("The folder {path} for the SQLite database does not exist."),
                    translatable("Create the folder first, or correct the path in the URL."),
                    path=str(folder),
                )
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "operator-desk"},
    )
    if url.password is None:
        # The person's password comes from the OS keyring at connect time, so
        # the URL (and every message or log line quoting it) never holds it.
        # Imported here: only PostgreSQL users pay for loading the keyring.
        from operator_app.sync.credentials import use_stored_passwords

        use_stored_passwords(engine)
    return engine


def check_connection(engine: Engine) -> None:
    """Raise DatabaseUnavailable with a plain reason when the database cannot be reached."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        raise DatabaseUnavailable(
            translatable("Cannot reach the shared database at {where}: {reason}"),
            translatable(
                "Check the network and that the server is running; "
                "your work stays in the local cache meanwhile."
            ),
            where=describe_url(engine.url),
            reason=str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc),
        ) from exc


def describe_url(url: URL) -> str:
    """The URL without its password, safe for messages and logs."""
    return url.render_as_string(hide_password=True)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def sqlite_transaction(engine: Engine, mode: str = "DEFERRED") -> Iterator[Connection]:
    """A real SQLite transaction with an explicit BEGIN.

    Python's sqlite3 module only opens a transaction before the first write,
    so reads under ``engine.begin()`` each see their own moment. Sync needs
    one snapshot for a pull (DEFERRED) and the write lock before it reads
    what it will change (IMMEDIATE, so no other writer slips in between).
    """
    with engine.connect() as base:
        conn = base.execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql(f"BEGIN {mode}")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")
