"""Alembic owns the schema: migrations match the models and protect newer databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from operator_app.data import migrate
from operator_app.data.db import make_engine
from operator_app.errors import SchemaTooNew
from operator_app.sync.server_sql import is_sync_object
from tests.conftest import throwaway_pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database with no tables at all."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield engine
        engine.dispose()
        return
    request.getfixturevalue("pg_available")
    with throwaway_pg_database("opdesk_migr") as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def test_upgrade_creates_schema_and_records_version(empty_engine: Engine) -> None:
    assert migrate.current_revision(empty_engine) is None
    assert migrate.upgrade_to_head(empty_engine) == migrate.head_revision()
    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    assert "lead" in inspect(empty_engine).get_table_names()
    # Upgrading again is a no-op.
    migrate.upgrade_to_head(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    migrate.upgrade_to_head(empty_engine)
    with empty_engine.connect() as conn:
        # The sync layer's stamps, receipts and logs are not models (sync/server_sql.py).
        opts = {
            "compare_type": True,
            "include_object": lambda obj, name, type_, *_: not is_sync_object(name, type_),
        }
        ctx = MigrationContext.configure(conn, opts=opts)
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_newer_schema_is_refused_and_left_untouched(empty_engine: Engine) -> None:
    migrate.upgrade_to_head(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        tables_before = set(inspect(empty_engine).get_table_names())
    with pytest.raises(SchemaTooNew, match="newer version of Operator Desk"):
        migrate.upgrade_to_head(empty_engine)
    assert migrate.current_revision(empty_engine) == "9999_future"
    assert set(inspect(empty_engine).get_table_names()) == tables_before


def test_the_sync_objects_come_off_and_back_on(empty_engine: Engine) -> None:
    migrate.upgrade_to_head(empty_engine)
    migrate.downgrade_to(empty_engine, "0001")

    assert migrate.current_revision(empty_engine) == "0001"
    insp = inspect(empty_engine)
    assert not {"sync_server", "sync_applied", "lead_scope_change"} & set(insp.get_table_names())
    assert "change_seq" not in {c["name"] for c in insp.get_columns("contact_event")}
    with empty_engine.connect() as conn:  # nothing of sync left beside the models
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, SQLModel.metadata) == []
    migrate.upgrade_to_head(empty_engine)  # and the way forward again
    assert "sync_applied" in inspect(empty_engine).get_table_names()
