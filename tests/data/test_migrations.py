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


REPORT_INDEXES = {"ix_contact_event_report", "ix_lead_report_created", "ix_lead_report_friend"}


def _indexes(engine: Engine) -> set[str]:
    insp = inspect(engine)
    return {str(i["name"]) for table in ("contact_event", "lead") for i in insp.get_indexes(table)}


def test_the_report_indexes_are_on_the_shared_database_only(
    empty_engine: Engine, tmp_path: Path
) -> None:
    migrate.upgrade_to_head(empty_engine)
    assert _indexes(empty_engine) >= REPORT_INDEXES
    migrate.downgrade_to(empty_engine, "0002")
    assert not REPORT_INDEXES & _indexes(empty_engine)
    migrate.upgrade_to_head(empty_engine)
    assert _indexes(empty_engine) >= REPORT_INDEXES

    cache = make_engine(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    try:
        migrate.upgrade_to_head(cache, target=migrate.CACHE)
        assert not REPORT_INDEXES & _indexes(cache)
    finally:
        cache.dispose()


def _server_objects(engine: Engine) -> set[tuple[object, ...]]:
    """Everything the migrations make on a shared database, in a comparable form."""
    if engine.dialect.name == "sqlite":
        queries = ["SELECT type, name, tbl_name, sql FROM sqlite_master"]
    else:
        mine = "('operator_desk_operator', 'operator_desk_team_lead', 'operator_desk_admin')"
        queries = [
            "SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE NOT tgisinternal",
            "SELECT p.proname, pg_get_functiondef(p.oid), p.proacl::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'",
            "SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies",
            "SELECT relname, relrowsecurity, reloptions::text FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
            "SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants "
            f"WHERE grantee IN {mine}",
            "SELECT table_name, column_name, grantee, privilege_type "
            f"FROM information_schema.column_privileges WHERE grantee IN {mine}",
            "SELECT table_name, column_name, data_type, column_default, is_nullable "
            "FROM information_schema.columns WHERE table_schema = 'public'",
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
        ]
    with engine.connect() as conn:
        return {(q[:20], *row) for q in queries for row in conn.execute(text(q))}


def test_an_upgraded_database_ends_exactly_like_a_fresh_one(empty_engine: Engine) -> None:
    migrate.upgrade_to_head(empty_engine)
    fresh = _server_objects(empty_engine)
    for back_to in ("0003", "0001"):
        migrate.downgrade_to(empty_engine, back_to)
        assert migrate.current_revision(empty_engine) == back_to
        migrate.upgrade_to_head(empty_engine)
        assert _server_objects(empty_engine) == fresh, back_to


def _operator_write_objects(engine: Engine) -> set[str]:
    """Migration 0004's trigger, policy and the operators' INSERT on tag, by name."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            return set(conn.execute(text(sql)).scalars()) & {"contact_event_friend_request"}
        found = set(conn.execute(text("SELECT tgname FROM pg_trigger")).scalars())
        found |= set(conn.execute(text("SELECT policyname FROM pg_policies")).scalars())
        found |= set(conn.execute(text("SELECT proname FROM pg_proc")).scalars())
        grants = text(
            "SELECT 'grant:' || privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = 'tag' AND grantee = 'operator_desk_operator'"
        )
        found |= set(conn.execute(grants).scalars())
    return found & {
        "contact_event_friend_request",
        "od_friend_request_sent",
        "tag_insert_manual",
        "grant:INSERT",
    }


def test_0004_comes_off_and_back_on_the_shared_database_only(
    empty_engine: Engine, tmp_path: Path
) -> None:
    expected = (
        {"contact_event_friend_request"}
        if empty_engine.dialect.name == "sqlite"
        else {
            "contact_event_friend_request",
            "od_friend_request_sent",
            "tag_insert_manual",
            "grant:INSERT",
        }
    )
    migrate.upgrade_to_head(empty_engine)
    assert _operator_write_objects(empty_engine) == expected
    migrate.downgrade_to(empty_engine, "0003")
    assert _operator_write_objects(empty_engine) == set()
    migrate.upgrade_to_head(empty_engine)
    assert _operator_write_objects(empty_engine) == expected

    cache = make_engine(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    try:
        migrate.upgrade_to_head(cache, target=migrate.CACHE)
        assert migrate.current_revision(cache) == migrate.head_revision()
        assert _operator_write_objects(cache) == set()
    finally:
        cache.dispose()
