"""Tables only the local cache has: the outbox, the materialised queue, metadata.

They live in their own MetaData, outside the shared schema's migrations: the
shared database never gets them, and analysts never see them. Their shape
is versioned with SQLite's ``user_version``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    select,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from operator_app.data import migrate
from operator_app.data.types import UTCDateTime
from operator_app.errors import KnownError, translatable

LOCAL_SCHEMA_VERSION = 4
# Tables that hold only derived data: dropped and rebuilt when their shape changes.
DERIVED_TABLES = ("lead_queue",)

local_metadata = MetaData()

# Every local write appends here in the same transaction as the write itself;
# the sync engine pushes entries in ``seq`` order and marks them sent.
outbox = Table(
    "outbox",
    local_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("mutation_id", Uuid, nullable=False, unique=True),  # idempotency key
    Column("created_at", UTCDateTime, nullable=False),
    Column("schema_version", String, nullable=False),  # the Alembic head it was made under
    Column("op", String, nullable=False),  # insert | update
    Column("table_name", String, nullable=False),
    Column("row_id", Uuid, nullable=False),
    Column("payload", JSON, nullable=False),  # insert: the row; update: changes + base_version
    Column("status", String, nullable=False, default="pending"),  # pending | sent | rejected
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
)
Index("ix_outbox_status_seq", outbox.c.status, outbox.c.seq)

# The Today page's rows: each lead's top suggestion plus the few lead fields
# the list shows, recomputed whenever the lead's facts change. The queue is
# then one indexed scan of one table for 100k leads instead of joins (or
# re-running the engine over a million events). Times are integer
# microseconds since the epoch (UTC): they sort and compare in SQL and become
# datetimes several times faster than SQLite's datetime text.
lead_queue = Table(
    "lead_queue",
    local_metadata,
    Column("lead_id", Uuid, primary_key=True),
    Column("owner_id", Uuid, nullable=True),
    Column("name", Text, nullable=False, default=""),
    Column("phone", String, nullable=False, default=""),  # E.164; masked when shown
    Column("channel", String, nullable=False, default=""),
    Column("stage", String, nullable=False, default=""),  # the stage's display name
    Column("tags", Text, nullable=False, default=""),  # names joined by TAG_SEPARATOR
    Column("hook_key", String, nullable=True),
    Column("due_us", BigInteger, nullable=True),
    Column("original_due_us", BigInteger, nullable=True),
    Column("priority", Integer, nullable=False, default=0),
    Column("reason", Text, nullable=False, default=""),
    Column("pacing_note", Text, nullable=False, default=""),
    Column("expected_reply_rate", Float, nullable=True),
    Column("sample_size", Integer, nullable=False, default=0),
    Column("last_touch_us", BigInteger, nullable=True),
    Column("held", Boolean, nullable=False, default=False),  # moved by the weekly touch cap
    Column("computed_at", UTCDateTime, nullable=False),
)
Index("ix_lead_queue_owner_due", lead_queue.c.owner_id, lead_queue.c.due_us)

TAG_SEPARATOR = "\x1f"  # never typed in a tag name

cache_meta = Table(
    "cache_meta",
    local_metadata,
    Column("key", String, primary_key=True),
    Column("value", JSON, nullable=True),
)


def prepare_cache(engine: Engine) -> None:
    """Create or upgrade the cache: the shared tables (Alembic) plus the local ones."""
    migrate.upgrade_to_head(engine, target=migrate.CACHE)
    with engine.begin() as conn:
        version = conn.execute(text("PRAGMA user_version")).scalar_one()
        if version > LOCAL_SCHEMA_VERSION:
            raise KnownError(
                translatable("This PC's local cache was written by a newer Operator Desk."),
                translatable("Install the latest Operator Desk; the cache was left untouched."),
            )
        if version < LOCAL_SCHEMA_VERSION:
            for name in DERIVED_TABLES:  # recomputed from the cache's own rows
                conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        local_metadata.create_all(conn)
        conn.execute(text(f"PRAGMA user_version = {LOCAL_SCHEMA_VERSION}"))


def get_meta(conn: Connection, key: str, default: Any = None) -> Any:
    value = conn.execute(select(cache_meta.c.value).where(cache_meta.c.key == key)).scalar()
    return default if value is None else value


def set_meta(conn: Connection, key: str, value: Any) -> None:
    """Upsert a metadata value inside the caller's transaction."""
    stmt = sqlite_insert(cache_meta).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
