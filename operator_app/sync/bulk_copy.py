"""The first load's fast path: PostgreSQL ``COPY … TO STDOUT`` straight into SQLite.

Reading a million rows through SQLAlchemy costs Python calls per value
(UUIDs, aware datetimes and JSON documents are built, then taken apart
again for SQLite). Here the server spells every value the way the cache
stores it — exactly what SQLAlchemy writes into SQLite for that column
type — and the rows go to ``sqlite3.executemany`` inside the caller's
transaction:

=============  ===========================================  ====================
column type    SQLite holds (what SQLAlchemy writes)        spelled by
=============  ===========================================  ====================
Uuid           32 lowercase hex digits, no dashes           the server
UTCDateTime    naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``     the server
Date           ``YYYY-MM-DD``                               the server
Boolean        0 / 1                                        the server
Numeric/Float  a float (``asdecimal=False``)                psycopg (binary)
JSON (jsonb)   ``json.dumps`` of the document; NULL for     the server, and
               SQL NULL and for JSON ``null``               here when it differs
Integer, text  the value itself                             psycopg
=============  ===========================================  ====================

A column of any other type makes ``handles`` false, and the caller copies
that table the plain way. ``tests/sync/test_bulk_copy.py`` proves a row
stored here is byte for byte the row the SQLAlchemy path stores. No Qt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from itertools import islice
from typing import Any

import psycopg
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    Enum,
    Float,
    Integer,
    Numeric,
    Select,
    String,
    Table,
    Uuid,
    literal_column,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.types import TypeEngine
from sqlmodel.sql.sqltypes import AutoString

from operator_app.data.types import UTCDateTime

CHUNK = 5000
_PG = postgresql.dialect()

# The server-side expression per column kind; {c} is the quoted column.
_UUID = "replace({c}::text, '-', '')"
_UTC = "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
_DATE = "to_char({c}, 'YYYY-MM-DD')"
_BOOL = "{c}::int"
_FLOAT = "{c}::float8"
_INT = "{c}::int8"
_JSON = "CASE WHEN jsonb_typeof({c}::jsonb) = 'null' THEN NULL ELSE {c}::jsonb::text END"
_TEXT = "{c}::text"


class UnsupportedColumn(TypeError):
    """A column type this fast path does not know how to store."""


def supported(source: Connection) -> bool:
    """Whether ``source`` can feed the fast path (PostgreSQL through psycopg 3)."""
    return source.dialect.name == "postgresql" and isinstance(
        source.connection.driver_connection, psycopg.Connection
    )


def _column_sql(col_type: TypeEngine[Any]) -> tuple[str, str]:
    """(server expression template, psycopg type the value is loaded as)."""
    if isinstance(col_type, UTCDateTime):
        return _UTC, "text"
    if isinstance(col_type, Uuid) and col_type.as_uuid:
        return _UUID, "text"
    if isinstance(col_type, Date):
        return _DATE, "text"
    if isinstance(col_type, Boolean):
        return _BOOL, "int4"
    if isinstance(col_type, Numeric | Float) and not col_type.asdecimal:
        return _FLOAT, "float8"
    if isinstance(col_type, Integer):
        return _INT, "int8"
    if isinstance(col_type, JSON) and isinstance(col_type.dialect_impl(_PG), JSONB):
        return _JSON, "text"  # jsonb only: json keeps its own key order and spacing
    if isinstance(col_type, String | AutoString) and not isinstance(col_type, Enum):
        return _TEXT, "text"  # AutoString: SQLModel's str; Enum may store names, not values
    raise UnsupportedColumn(f"no fast path for column type {col_type!r}")


def handles(table: Table) -> bool:
    """Whether every column of ``table`` has a fast path."""
    try:
        for col in table.columns:
            _column_sql(col.type)
    except UnsupportedColumn:
        return False
    return True


def copy_statement(query: Select[Any], table: Table) -> tuple[str, list[str]]:
    """``COPY (the query's rows, each column as the cache stores it) TO STDOUT``, and load types.

    The query keeps its own FROM and WHERE, so the fast path copies exactly
    the rows the plain path would. Its parameters are rendered as literals
    (COPY takes no bind parameters) by SQLAlchemy's own quoting.
    """
    dialect = _PG
    exprs: list[ColumnClause[Any]] = []
    types: list[str] = []
    for col in table.columns:
        template, load_as = _column_sql(col.type)
        exprs.append(literal_column(template.format(c=col.compile(dialect=dialect))))
        types.append(load_as)
    select_sql = query.with_only_columns(*exprs, maintain_column_froms=True).compile(
        dialect=dialect, compile_kwargs={"literal_binds": True}
    )
    return f"COPY ({select_sql}) TO STDOUT (FORMAT BINARY)", types


def _fix_json(rows: list[tuple[Any, ...]], positions: list[int]) -> list[tuple[Any, ...]]:
    """Give the JSON documents that need it json.dumps's spelling, in place.

    jsonb's text is json.dumps's text except where a document holds non-ASCII
    characters or DEL (json.dumps escapes them) or a fractional number (jsonb
    keeps ``1.50``, Python writes ``1.5``); only those are re-encoded.
    """
    for p in positions:
        odd = [
            i
            for i, r in enumerate(rows)
            if (v := r[p]) is not None and (not v.isascii() or "." in v or "\x7f" in v)
        ]
        for i in odd:
            row = list(rows[i])
            row[p] = json.dumps(json.loads(row[p]))
            rows[i] = tuple(row)
    return rows


def copy_rows(
    source: Connection,
    target: Connection,
    query: Select[Any],
    table: Table,
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Copy ``query``'s rows of ``table`` from PostgreSQL into the SQLite cache.

    Runs inside both callers' open transactions: the read sees the source's
    snapshot, the writes commit or roll back with the target's transaction.
    ``on_chunk(n)`` is called after every ``n`` rows written (progress,
    cancellation). Returns the number of rows copied.
    """
    statement, types = copy_statement(query, table)
    json_at = [i for i, c in enumerate(table.columns) if isinstance(c.type, JSON)]
    pg = source.connection.driver_connection
    db = target.connection.driver_connection
    assert isinstance(pg, psycopg.Connection) and isinstance(db, sqlite3.Connection)
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    insert = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(types))})'
    copied = 0
    with pg.cursor() as cur, cur.copy(statement) as copy:
        copy.set_types(types)
        rows = copy.rows()
        while part := list(islice(rows, CHUNK)):
            db.executemany(insert, _fix_json(part, json_at))
            copied += len(part)
            if on_chunk is not None:
                on_chunk(len(part))
    return copied
