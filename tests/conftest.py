"""Shared fixtures: temporary data folders, and a real PostgreSQL when there is one.

PostgreSQL tests use the server at 127.0.0.1:5432 (trust auth). Without it
they skip with the reason — except under CI=true, where a missing server
is a failure, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, text

from operator_app.config import AppConfig, load_config
from operator_app.data import migrate
from operator_app.data.db import make_engine
from operator_app.data.models import SYNCED_TABLES

# Qt must never need a display in tests. None of the imports above loads Qt
# (a test enforces that), and pytest-qt creates its QApplication later.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_HOST = os.environ.get("OPERATOR_DESK_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("OPERATOR_DESK_TEST_PG_PORT", "5432"))
PG_ADMIN_USER = os.environ.get("OPERATOR_DESK_TEST_PG_USER", "postgres")


def _admin_conninfo() -> str:
    return f"host={PG_HOST} port={PG_PORT} user={PG_ADMIN_USER} dbname=postgres connect_timeout=3"


def pg_url(dbname: str) -> str:
    return f"postgresql+psycopg://{PG_ADMIN_USER}@{PG_HOST}:{PG_PORT}/{dbname}"


def _pg_unavailable_reason() -> str | None:
    try:
        with psycopg.connect(_admin_conninfo()):
            return None
    except psycopg.Error as exc:
        return f"no PostgreSQL at {PG_HOST}:{PG_PORT} ({str(exc).strip().splitlines()[0]})"


@contextmanager
def throwaway_pg_database(prefix: str = "opdesk_test") -> Iterator[str]:
    """Create an empty database, yield its URL, drop it afterwards."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_url(name)
    finally:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_available() -> None:
    reason = _pg_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true requires PostgreSQL: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_session_url(pg_available: None) -> Iterator[str]:
    """One migrated throw-away database for the whole test session."""
    with throwaway_pg_database() as url:
        engine = make_engine(url)
        migrate.upgrade_to_head(engine)
        engine.dispose()
        yield url


def truncate_all(engine: Engine) -> None:
    names = ", ".join(f'"{t.__tablename__}"' for t in SYNCED_TABLES)  # type: ignore[attr-defined]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty shared database on each backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
        migrate.upgrade_to_head(engine)
    else:
        engine = make_engine(request.getfixturevalue("pg_session_url"))
        truncate_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def tmp_config(tmp_path: Path) -> AppConfig:
    """A configuration on a fresh data folder with the embedded shared database."""
    return load_config(tmp_path / "data", shared_url="", operator="")
