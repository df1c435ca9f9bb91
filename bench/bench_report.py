"""The 业绩 page's numbers for 50 operators and ~1M events, on SQLite and PostgreSQL.

Measured: ``load_report`` for the page's default period (the last 30 days
of 60 days of history, so about half the events are in it) — every number
the page shows on opening: the operator table and team average, the team's
and every operator's funnel, breakdown, script lines and hooks, the daily
trend. Two floors, measured in the same run on the same data:

* the bare aggregation: one GROUP BY of the period's events per operator and
  kind, with the raw driver — the least any per-operator figure costs;
* the report's own SQL replayed with the raw driver, which isolates what
  SQLAlchemy, pandas and the maths add on top of the database's work.

``last_7_days_s`` in the extras is the same for the page's "近 7 天".

The data is the demo (``seed_demo``) with its leads spread over 50
operators by an UPDATE, each event credited to its lead's operator.
PostgreSQL runs when a server answers at OPERATOR_DESK_BENCH_PG (default
the test server at 127.0.0.1:5432), in a throw-away database; its tables
are ANALYZEd after the bulk load, as autovacuum would do in production.
Nothing here asserts on time; read the ratios. Run it alone:
``python -m bench.bench_report [--events N]``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, event, insert, text

from bench.common import Result, timed
from operator_app.core.analytics import Period, PeriodKind
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.analytics_queries import load_report
from operator_app.data.db import make_engine
from operator_app.data.queries import find_operator
from operator_app.data.seed import seed_demo

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
EVENTS_PER_LEAD = 9.25  # what the demo writes per lead, measured
REPEATS = 3
PG = os.environ.get("OPERATOR_DESK_BENCH_PG", "host=127.0.0.1 port=5432 user=postgres")
BARE_SQL = """
    SELECT operator_id, kind, COUNT(*) FROM contact_event
    WHERE team_id = {p} AND occurred_at >= {p} AND occurred_at < {p}
    GROUP BY operator_id, kind
"""


def _spread(engine: Engine, operators: int) -> uuid.UUID:
    """Add operators up to ``operators`` and deal the demo's leads out among them."""
    lead = find_operator(engine, "zhaomin")
    assert lead is not None
    now = NOW
    with engine.begin() as conn:
        have = [r[0] for r in conn.execute(text("SELECT id FROM operator WHERE role = 'operator'"))]
        extra = [
            {
                "id": uuid.uuid4(),
                "version": 1,
                "updated_at": now,
                "deleted_at": None,
                "team_id": lead.team_id,
                "login": f"bench{i:02d}",
                "name": f"运营{i:02d}",
                "role": "operator",
                "capacity": 500,
                "active": True,
            }
            for i in range(operators - len(have))
        ]
        if extra:
            conn.execute(insert(m.Operator.__table__), extra)  # type: ignore[attr-defined]
        ids = [uuid.UUID(str(i)) for i in have] + [e["id"] for e in extra]
        leads = [uuid.UUID(str(r[0])) for r in conn.execute(text("SELECT id FROM lead"))]
        lead_table = m.Lead.__table__  # type: ignore[attr-defined]
        moves = [{"b_id": lid, "b_owner": ids[lid.int % len(ids)]} for lid in leads]
        from sqlalchemy import bindparam, update

        stmt = (
            update(lead_table)
            .where(lead_table.c.id == bindparam("b_id"))
            .values(owner_id=bindparam("b_owner"))
        )
        for start in range(0, len(moves), 5000):
            conn.execute(stmt, moves[start : start + 5000])
        conn.execute(
            text(
                "UPDATE contact_event SET operator_id = (SELECT owner_id FROM lead "
                "WHERE lead.id = contact_event.lead_id) WHERE operator_id IS NOT NULL"
            )
        )
    return lead.team_id


def _captured(engine: Engine, fn: Callable[[], object]) -> list[tuple[str, Any]]:
    statements: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
        statements.append((statement, params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return statements


def _median(fn: Callable[[], object]) -> float:
    fn()  # warm the caches, as a second opening of the page would find them
    return statistics.median(timed(fn)[0] for _ in range(REPEATS))


def _measure(engine: Engine, team: uuid.UUID, raw: Callable[[], Any], label: str) -> list[Result]:
    """Time the page's numbers and both floors on one database."""
    lead = find_operator(engine, "zhaomin")
    assert lead is not None

    def page() -> object:
        return load_report(engine, team, lambda d: Period.preset(PeriodKind.LAST_30, d), now=NOW)

    def week() -> object:
        return load_report(engine, team, lambda d: Period.preset(PeriodKind.LAST_7, d), now=NOW)

    report = page()
    a, b = report.period.bounds(report.timezone)  # type: ignore[attr-defined]
    statements = _captured(engine, page)
    measured = _median(page)
    week_s = _median(week)
    conn = raw()
    try:
        cur = conn.cursor()
        ph = "?" if isinstance(conn, sqlite3.Connection) else "%s"
        bare_params = _bare_params(conn, team, a, b)

        def bare() -> object:
            return cur.execute(BARE_SQL.format(p=ph), bare_params).fetchall()

        def same_sql() -> object:
            for sql, params in statements:
                cur.execute(sql, params)
                if cur.description is not None:
                    cur.fetchall()
            conn.rollback()
            return None

        bare_s, same_s = _median(bare), _median(same_sql)
        counts = cur.execute(
            f"SELECT COUNT(*), SUM(CASE WHEN occurred_at >= {ph} THEN 1 ELSE 0 END) "
            "FROM contact_event",
            (bare_params[1],),
        ).fetchone()
    finally:
        conn.close()
    extra: dict[str, object] = {
        "events": int(counts[0]),
        "events_in_period": int(counts[1]),
        "operators": len(report.rows),  # type: ignore[attr-defined]
        "statements": len(statements),
        "last_7_days_s": round(week_s, 3),
        "goal_s": 0.5,
    }
    name = f"performance page numbers, {len(report.rows)} operators, {counts[0]:,} events ({label})"  # type: ignore[attr-defined]
    return [
        Result(name, measured, bare_s, "one bare GROUP BY of the period's events", extra),
        Result(name, measured, same_s, "the report's own SQL via the raw driver", extra),
    ]


def _bare_params(conn: Any, team: uuid.UUID, a: datetime, b: datetime) -> tuple[Any, ...]:
    if isinstance(conn, sqlite3.Connection):  # how the app stores UUIDs and times in SQLite
        fmt = "%Y-%m-%d %H:%M:%S.%f"
        return team.hex, a.astimezone(UTC).strftime(fmt), b.astimezone(UTC).strftime(fmt)
    return team, a, b


def _prepare(engine: Engine, operators: int, events: int) -> uuid.UUID:
    migrate.upgrade_to_head(engine)
    seed_demo(engine, leads=max(100, round(events / EVENTS_PER_LEAD)), seed=7, now=NOW)
    return _spread(engine, operators)


def _sqlite(operators: int, events: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shared.sqlite3"
        engine = make_engine(f"sqlite:///{path}")
        try:
            team = _prepare(engine, operators, events)
            return _measure(engine, team, lambda: sqlite3.connect(path), "SQLite")
        finally:
            engine.dispose()


@contextmanager
def _pg_database() -> Iterator[str | None]:
    name = f"opdesk_bench_{os.getpid()}"
    try:
        admin = psycopg.connect(f"{PG} dbname=postgres connect_timeout=3", autocommit=True)
    except psycopg.Error:
        yield None
        return
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres(operators: int, events: int) -> list[Result]:
    with _pg_database() as name:
        if name is None:
            return []
        parts = dict(p.split("=", 1) for p in PG.split())
        user, host = parts.get("user", "postgres"), parts.get("host", "127.0.0.1")
        url = f"postgresql+psycopg://{user}@{host}:{parts.get('port', 5432)}/{name}"
        engine = make_engine(url)
        try:
            team = _prepare(engine, operators, events)
            with psycopg.connect(f"{PG} dbname={name}", autocommit=True) as conn:
                conn.execute("ANALYZE")
            return _measure(
                engine, team, lambda: psycopg.connect(f"{PG} dbname={name}"), "PostgreSQL"
            )
        finally:
            engine.dispose()


def run(operators: int = 50, events: int = 1_000_000) -> list[Result]:
    """The page's numbers against the floors, on SQLite and (when there is one) PostgreSQL."""
    started = time.perf_counter()
    results = _sqlite(operators, events) + _postgres(operators, events)
    for r in results:
        r.extra["bench_total_s"] = round(time.perf_counter() - started, 1)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--operators", type=int, default=50)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    for result in run(args.operators, args.events):
        print(result.line(), flush=True)


if __name__ == "__main__":
    main()
