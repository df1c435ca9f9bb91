"""The 业绩 page's numbers for 50 operators and ~1M events, on SQLite and PostgreSQL.

Measured: ``load_report`` for the page's default period (the last 30 days
of 60 days of history, so about half the events are in it) — every number
the page shows on opening: the operator table and team average, the team's
and every operator's funnel, breakdown, script lines and hooks, the daily
trend. Two floors, measured in the same run on the same data:

* the bare aggregation: one GROUP BY of the period's events per operator and
  kind, with the raw driver — the least any per-operator figure costs;
* the report's own SQL replayed with the raw driver, one statement after
  the other on one connection, which isolates what SQLAlchemy, pandas and
  the maths add on top of the database's work. (On PostgreSQL the report
  runs its customer and event statements at the same time on two
  connections, so it can come in under this floor.)

``last_7_days_s`` in the extras is the same for the page's "近 7 天".

The data is the demo (``seed_demo``) with its leads spread over 50
operators by an UPDATE, each event credited to its lead's operator.
PostgreSQL runs when a server answers at OPERATOR_DESK_BENCH_PG (default
the test server at 127.0.0.1:5432), in a throw-away database; after the
bulk load it is VACUUM ANALYZEd, as autovacuum does to a table that grew
(migration 0003 has events vacuumed after 1 % new rows, so the report's
index-only scans stay index-only). ``load_avg`` in the extras is the
machine's 1-minute load when the run ended: on a busy machine every figure
grows, the floors too. Nothing here asserts on time; read the ratios.

Run it alone: ``python -m bench.bench_report [--events N] [--keep]
[--backend sqlite|postgresql]``; ``--keep`` keeps the seeded databases for
the next run (seeding 1M events takes minutes, measuring seconds).
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


def _spread(engine: Engine, operators: int) -> None:
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

        # The second connection's snapshot hand-over means nothing on one connection.
        replay = [(sql, p) for sql, p in statements if "SNAPSHOT" not in sql.upper()]

        def same_sql() -> object:
            for sql, params in replay:
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
        "load_avg": round(os.getloadavg()[0], 1),
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


def _prepare(engine: Engine, operators: int, events: int) -> None:
    migrate.upgrade_to_head(engine)
    seed_demo(engine, leads=max(100, round(events / EVENTS_PER_LEAD)), seed=7, now=NOW)
    _spread(engine, operators)


def _team(engine: Engine) -> uuid.UUID:
    lead = find_operator(engine, "zhaomin")
    assert lead is not None
    return lead.team_id


def _sqlite(operators: int, events: int, keep: bool) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tempfile.gettempdir()) if keep else Path(tmp)
        path = folder / f"{_kept_name(operators, events)}.sqlite3"
        if not path.exists():
            # Seeded under another name and renamed when complete: an interrupted
            # seed is never mistaken for a finished one on the next --keep run.
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            engine = make_engine(f"sqlite:///{partial}")
            try:
                _prepare(engine, operators, events)
            finally:
                engine.dispose()
            partial.rename(path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            migrate.upgrade_to_head(engine)  # a kept file gets this version's migrations
            team = _team(engine)
            return _measure(engine, team, lambda: sqlite3.connect(path), "SQLite")
        finally:
            engine.dispose()


def _kept_name(operators: int, events: int) -> str:
    return f"opdesk_bench_report_{operators}_{events}"


def _admin() -> psycopg.Connection[Any] | None:
    try:
        return psycopg.connect(f"{PG} dbname=postgres connect_timeout=3", autocommit=True)
    except psycopg.Error:
        return None


def _pg_url(name: str) -> str:
    parts = dict(p.split("=", 1) for p in PG.split())
    user, host = parts.get("user", "postgres"), parts.get("host", "127.0.0.1")
    return f"postgresql+psycopg://{user}@{host}:{parts.get('port', 5432)}/{name}"


@contextmanager
def _pg_database(operators: int, events: int, keep: bool) -> Iterator[str | None]:
    """A seeded database: a throw-away one, or with ``keep`` one left for the next run."""
    admin = _admin()
    if admin is None:
        yield None
        return
    name = _kept_name(operators, events) if keep else f"opdesk_bench_{os.getpid()}"
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            partial = f"{name}_partial"
            admin.execute(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{partial}"')
            engine = make_engine(_pg_url(partial))
            try:
                _prepare(engine, operators, events)
            except BaseException:
                engine.dispose()
                admin.execute(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
                raise
            engine.dispose()
            admin.execute(f'ALTER DATABASE "{partial}" RENAME TO "{name}"')
    try:
        yield name
    finally:
        if not keep:
            with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres(operators: int, events: int, keep: bool) -> list[Result]:
    with _pg_database(operators, events, keep) as name:
        if name is None:
            return []
        engine = make_engine(_pg_url(name))
        try:
            migrate.upgrade_to_head(engine)  # a kept database gets this version's migrations
            with psycopg.connect(f"{PG} dbname={name}", autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
            return _measure(
                engine, _team(engine), lambda: psycopg.connect(f"{PG} dbname={name}"), "PostgreSQL"
            )
        finally:
            engine.dispose()


BACKENDS = ("sqlite", "postgresql")


def run(
    operators: int = 50,
    events: int = 1_000_000,
    keep: bool = False,
    backends: tuple[str, ...] = BACKENDS,
) -> list[Result]:
    """The page's numbers against the floors, on SQLite and (when there is one) PostgreSQL.

    With ``keep`` the seeded databases stay (a file in the temp folder, a
    database ``opdesk_bench_report_<operators>_<events>`` on the server) and
    the next run reuses them: seeding 1M events takes minutes, measuring seconds.
    """
    started = time.perf_counter()
    results = []
    if "sqlite" in backends:
        results += _sqlite(operators, events, keep)
    if "postgresql" in backends:
        results += _postgres(operators, events, keep)
    for r in results:
        r.extra["bench_total_s"] = round(time.perf_counter() - started, 1)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--operators", type=int, default=50)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--keep", action="store_true", help="keep the seeded databases and reuse them next time"
    )
    parser.add_argument("--backend", choices=BACKENDS, action="append", help="default: both")
    args = parser.parse_args()
    backends = tuple(args.backend or BACKENDS)
    for result in run(args.operators, args.events, args.keep, backends):
        print(result.line(), flush=True)


if __name__ == "__main__":
    main()
