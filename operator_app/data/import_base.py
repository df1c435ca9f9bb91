"""What the lead and the order import share: tables, batching and the bulk row writer (no Qt).

Everything here runs inside the caller's transaction: an import lands whole
or not at all. :func:`bulk_insert` is the fast path for the many rows of an
import (leads, lead tags, their events): values are spelled once per distinct value the
way SQLAlchemy stores them, then go to the driver without a Python call per
value — ``executemany`` on SQLite; on PostgreSQL ``COPY`` into a temporary
table and one ``INSERT … SELECT`` per batch, which (unlike ``COPY`` straight
into the table) row-level security allows, checking every row as an
``INSERT`` would. Triggers, constraints and policies see ordinary inserts.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from itertools import islice, repeat
from typing import Any

import numpy as np
import psycopg
from sqlalchemy import JSON, Connection, Date, Table, Uuid, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeEngine

from operator_app.core.progress import TaskState
from operator_app.data import models as m
from operator_app.data.types import UTCDateTime, utcnow
from operator_app.errors import KnownError, translatable

INSERT_BATCH = 5000
LOOKUP_BATCH = 5000  # values per IN (...): far below SQLite's and PostgreSQL's limits

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
ORDER = m.SalesOrder.__table__  # type: ignore[attr-defined]
TAG = m.Tag.__table__  # type: ignore[attr-defined]
LEAD_TAG = m.LeadTag.__table__  # type: ignore[attr-defined]
TEAM = m.Team.__table__  # type: ignore[attr-defined]
STAGE = m.LifecycleStage.__table__  # type: ignore[attr-defined]
SETTING = m.Setting.__table__  # type: ignore[attr-defined]


def now_utc(now: datetime | None) -> datetime:
    return (now or utcnow()).astimezone(UTC)


def synced(now: datetime) -> dict[str, Any]:
    # Columns left out are NULL (deleted_at, and the other never-yet times):
    # each bound NULL still costs a type conversion per row on a bulk path.
    return {"id": uuid.uuid4(), "version": 1, "updated_at": now}


def chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_dicts(
    conn: Connection, table: Table, rows: list[dict[str, Any]], state: TaskState | None = None
) -> None:
    """Core executemany in batches, for the few rows (tags, orders) off the bulk path."""
    for start in range(0, len(rows), INSERT_BATCH):
        conn.execute(insert(table), rows[start : start + INSERT_BATCH])
        if state is not None:
            state.advance(min(start + INSERT_BATCH, len(rows)), len(rows), table.name)


def concurrent_import(exc: IntegrityError) -> KnownError:
    return KnownError(
        translatable("Another import or a colleague added some of the same records just now."),
        translatable("Nothing was imported. Run the import again: it skips what already exists."),
    )


def first_stage(conn: Connection, team_id: uuid.UUID) -> uuid.UUID | None:
    """The team's first lifecycle stage (新客户): where every new lead starts."""
    stmt = (
        select(STAGE.c.id)
        .where(STAGE.c.team_id == team_id, STAGE.c.deleted_at.is_(None))
        .order_by(STAGE.c.position)
        .limit(1)
    )
    return conn.execute(stmt).scalar_one_or_none()


def known_values(
    conn: Connection, table: Table, column: str, team_id: uuid.UUID, values: Sequence[str]
) -> set[str]:
    """Which of ``values`` the team's rows of ``table`` hold in ``column`` (deleted rows too).

    Plain driver SQL, one statement per LOOKUP_BATCH values: SQLAlchemy's
    expanding IN costs more per value than the database's index lookup.
    """
    found: set[str] = set()
    sqlite = conn.dialect.name == "sqlite"
    where = f'SELECT "{column}" FROM "{table.name}" WHERE team_id = '
    for batch in chunks(list(values), LOOKUP_BATCH):
        if sqlite:
            sql = f'{where}? AND "{column}" IN ({", ".join("?" * len(batch))})'
            found.update(conn.exec_driver_sql(sql, (team_id.hex, *batch)).scalars())
        else:
            sql = f'{where}%s AND "{column}" = ANY(%s)'
            found.update(conn.exec_driver_sql(sql, (team_id, list(batch))).scalars())
    return found


# -- the bulk path ---------------------------------------------------------------------------


def new_ids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as 32 hex digits, in ascending order.

    Exactly what ``uuid.uuid4().hex`` makes (16 random bytes with the version
    and variant bits set), from one ``os.urandom`` call instead of one per id.
    Ascending ids go into the primary-key index at its end instead of at
    random places, which makes a big insert markedly cheaper on SQLite.
    """
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.tobytes().hex()
    return sorted(text[i : i + 32] for i in range(0, 32 * count, 32))


def _kind(col_type: TypeEngine[Any]) -> str:
    if isinstance(col_type, Uuid):
        return "uuid"
    if isinstance(col_type, JSON):
        return "json"
    if isinstance(col_type, UTCDateTime):
        return "utc"
    if isinstance(col_type, Date):
        return "date"
    return "plain"


def _spell(
    kind: str, value: Any, utc: Callable[[datetime], str], day: Callable[[date], str]
) -> Any:
    """The value as text the database reads back as the same object; the dialects
    differ only in how they spell a time (``utc``) and a day (``day``)."""
    if value is None or kind == "plain":
        return value
    if kind == "uuid":
        return value if isinstance(value, str) else value.hex
    if kind == "json":
        return json.dumps(value)  # SQLAlchemy's JSON serializer
    if kind == "utc":
        return utc(value)
    return day(value)


def _sqlite_day(value: date) -> str:
    assert isinstance(value, date)
    return value.strftime("%Y-%m-%d")


def _spell_sqlite(kind: str, value: Any) -> Any:
    """The value as SQLAlchemy's SQLite dialect stores it (tests/data prove it byte for byte)."""
    return _spell(
        kind, value, lambda t: t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"), _sqlite_day
    )


def _spell_pg(kind: str, value: Any) -> Any:
    """The value as text PostgreSQL reads back as the same uuid / timestamptz / date."""
    return _spell(kind, value, lambda t: t.astimezone(UTC).isoformat(), lambda d: d.isoformat())


def _spell_column(values: Sequence[Any], kind: str, spell: Callable[[str, Any], Any]) -> list[Any]:
    """Spell each value object once: validation hands out one object per distinct
    date, time or owner, so a column of 100,000 holds a few thousand objects."""
    if kind == "plain" or (kind == "uuid" and values and isinstance(values[0], str)):
        return list(values)
    # Keyed by identity (cheaper than hashing a datetime): every object stays
    # alive in ``values`` meanwhile, so no id is reused for another value.
    memo: dict[int, Any] = {}
    out = []
    for value in values:
        key = id(value)
        if key not in memo:
            memo[key] = spell(kind, value)
        out.append(memo[key])
    return out


def bulk_insert(
    conn: Connection,
    table: Table,
    fixed: Mapping[str, Any],
    columns: Mapping[str, Sequence[Any]],
    state: TaskState | None = None,
    *,
    progress: tuple[int, int] | None = None,
) -> None:
    """Insert one row per position of ``columns`` (equal-length sequences), every row
    also carrying ``fixed``; in batches of INSERT_BATCH, each reported to ``state``
    (which may cancel). A Uuid column is given either all as uuid.UUID or all as
    32 hex digits (``new_ids``). ``progress`` = (rows done before, rows in all)
    when these rows are one part of a longer write."""
    count = len(next(iter(columns.values())))
    before, total = progress or (0, count)
    if not count:
        return
    sqlite = conn.dialect.name == "sqlite"
    spell = _spell_sqlite if sqlite else _spell_pg
    consts = [spell(_kind(table.c[n].type), v) for n, v in fixed.items()]
    spelled = [_spell_column(v, _kind(table.c[n].type), spell) for n, v in columns.items()]
    rows = zip(*(repeat(c, count) for c in consts), *spelled, strict=True)
    names = ", ".join(f'"{n}"' for n in [*fixed, *columns])
    write = _sqlite_batches if sqlite else _pg_batches
    for done in write(conn, table.name, names, len(consts) + len(spelled), rows):
        if state is not None:
            state.advance(before + done, total, table.name)


def _sqlite_batches(
    conn: Connection, table: str, names: str, width: int, rows: Iterator[tuple[Any, ...]]
) -> Iterator[int]:
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * width)})'
    done = 0
    while batch := list(islice(rows, INSERT_BATCH)):
        conn.exec_driver_sql(sql, batch)
        done += len(batch)
        yield done


def _pg_batches(
    conn: Connection, table: str, names: str, width: int, rows: Iterator[tuple[Any, ...]]
) -> Iterator[int]:
    staging = f"import_{table}"
    conn.exec_driver_sql(
        f'CREATE TEMPORARY TABLE "{staging}" ON COMMIT DROP AS '
        f'SELECT {names} FROM "{table}" WITH NO DATA'
    )
    pg = conn.connection.driver_connection
    assert isinstance(pg, psycopg.Connection)
    copy_sql = f'COPY "{staging}" ({names}) FROM STDIN'
    move_sql = f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{staging}"'
    done = 0
    while batch := list(islice(rows, INSERT_BATCH)):
        with pg.cursor() as cur, cur.copy(copy_sql) as copy:
            for row in batch:
                copy.write_row(row)
        conn.exec_driver_sql(move_sql)
        conn.exec_driver_sql(f'TRUNCATE "{staging}"')
        done += len(batch)
        yield done
    # A failure or a cancel rolls back, and the rollback drops the table too.
    conn.exec_driver_sql(f'DROP TABLE "{staging}"')


def summary_json(result: Any, report: str | None, *hidden: str) -> dict[str, Any]:
    """An import result as the CLI prints it: its fields less ``issues`` and
    ``hidden``, plus the path of the rows-to-fix file (None when none was asked)."""
    out = asdict(result)
    for name in ("issues", *hidden):
        del out[name]
    return {**out, "report": report}
