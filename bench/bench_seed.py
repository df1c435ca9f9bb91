"""seed-demo --leads N against a floor of raw sqlite3 bulk inserts of the same rows.

Measured: the whole seed (simulation + SQLAlchemy Core inserts in one
transaction) into a fresh, migrated SQLite file. Floor: the very same rows,
pre-converted to the values SQLite stores, inserted with the bare sqlite3
module's executemany into another fresh, migrated file with the same pragmas.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench.common import Result, timed
from operator_app.data import migrate
from operator_app.data import seed as seeding
from operator_app.data.db import make_engine

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


class _Recorder:
    """Captures every batch seed_demo inserts, so the floor inserts the same rows."""

    def __init__(self) -> None:
        self.batches: list[tuple[str, list[dict[str, Any]]]] = []
        self._original = seeding.insert_rows

    def __enter__(self) -> _Recorder:
        def record(conn: Any, model: type, rows: list[dict[str, Any]]) -> None:
            if rows:
                self.batches.append((model.__tablename__, [dict(r) for r in rows]))  # type: ignore[attr-defined]
            self._original(conn, model, rows)

        seeding.insert_rows = record  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        seeding.insert_rows = self._original  # type: ignore[assignment]


def _fresh_db(folder: Path, name: str) -> Path:
    path = folder / name
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(engine)
    engine.dispose()
    return path


def _raw_insert(path: Path, batches: list[tuple[str, list[dict[str, Any]]]]) -> float:
    """Insert the batches with bare sqlite3; return the seconds the inserts took."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    prepared = []
    for table, rows in batches:
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        prepared.append((sql, [tuple(_sqlite_value(r[c]) for c in cols) for r in rows]))

    def insert_all() -> None:
        with conn:
            for sql, values in prepared:
                conn.executemany(sql, values)

    seconds, _ = timed(insert_all)
    conn.close()
    return seconds


def run(leads: int = 100_000) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        engine = make_engine(f"sqlite:///{_fresh_db(folder, 'seed.sqlite3')}")
        with _Recorder() as recorder:
            seconds, summary = timed(
                lambda: seeding.seed_demo(engine, leads=leads, seed=7, now=NOW)
            )
        engine.dispose()
        floor = _raw_insert(_fresh_db(folder, "floor.sqlite3"), recorder.batches)
    assert isinstance(summary, seeding.SeedSummary)
    return Result(
        name=f"seed-demo --leads {leads}",
        measured_s=seconds,
        floor_s=floor,
        floor_name="sqlite3 executemany of the same rows",
        extra={"leads": summary.leads, "events": summary.events, "orders": summary.orders},
    )
