"""The 客户 page's list for a team lead whose cache holds 100,000 customers (~1M events).

Measured: data.lead_list.lead_ids (the filtered, sorted ids the model holds)
for the default order, a phone-tail search, the pool, a stage filter and the
"last contact" order, and lead_rows for the first screen (one page of 200).
Floor: the very statements those calls send, caught with SQLite's trace hook
and run with the bare sqlite3 module in the same run. Also: the Qt model
taking 100k ids and painting its first rows (what the user waits for).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from bench.common import Result, timed
from operator_app.data import lead_list as ll
from operator_app.data import migrate
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.lead_list import LeadFilter, SortKey
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.sync.snapshot import load_scope

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
SCREEN = 200


def captured(engine: Engine, fn: Callable[[], object]) -> list[str]:
    """The SELECTs ``fn`` sends, values inlined (sqlite3's trace gives the expanded SQL)."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    def checkout(dbapi_conn: Any, *_: Any) -> None:
        dbapi_conn.set_trace_callback(trace)

    event.listen(engine, "checkout", checkout)
    try:
        fn()
    finally:
        event.remove(engine, "checkout", checkout)
    with engine.connect() as conn:
        conn.connection.driver_connection.set_trace_callback(None)  # type: ignore[union-attr]
    return seen


def _measure(
    name: str, cache: Engine, raw: sqlite3.Connection, fn: Callable[[], list[Any]]
) -> Result:
    fn()  # warm the page cache, as a second query in a session would
    statements = captured(cache, fn)
    measured, got = timed(fn)
    floor, _ = timed(lambda: [raw.execute(sql).fetchall() for sql in statements])
    return Result(name, measured, floor, "the same SQL with bare sqlite3", {"rows": len(got)})  # type: ignore[arg-type]


def _ids(cache: Engine, lead: OperatorInfo, flt: LeadFilter, key: SortKey) -> list[Any]:
    with cache.connect() as conn:
        return ll.lead_ids(conn, lead, flt, key)


def _model_result(cache: Engine, ids: list[Any]) -> Result:
    """The page's model taking every id and the view asking for the first screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from operator_app.ui.leads_models import LeadListModel

    app = QApplication.instance() or QApplication([])

    def rows(page: Any) -> list[ll.LeadListRow]:
        with cache.connect() as conn:
            return ll.lead_rows(conn, page)

    model = LeadListModel(rows, show_owner=True)

    def show() -> list[Any]:
        model.set_ids(ids)
        return [model.index(r, c).data() for r in range(30) for c in range(model.columnCount())]

    show()
    measured, _ = timed(show)
    floor, _ = timed(lambda: rows(ids[:SCREEN]))
    _ = app
    return Result(
        f"model: {len(ids)} ids in, first screen painted",
        measured,
        floor,
        "lead_rows for one page alone",
        {"pages_read": model.pages_read},
    )


def run(leads: int = 100_000) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        shared = make_engine(f"sqlite:///{Path(tmp) / 'shared.sqlite3'}")
        migrate.upgrade_to_head(shared)
        seed_demo(shared, leads=leads, seed=7, now=NOW)
        lead = find_operator(shared, "zhaomin")
        assert lead is not None
        cache_path = Path(tmp) / "cache.sqlite3"
        cache = make_engine(f"sqlite:///{cache_path}")
        prepare_cache(cache)
        load_scope(shared, cache, lead)
        raw = sqlite3.connect(cache_path)
        cases = [
            ("ids by name", LeadFilter(), SortKey.NAME),
            ("ids, phone tail '5678'", LeadFilter(search="5678"), SortKey.NAME),
            ("ids, the pool", LeadFilter(pool=True), SortKey.NAME),
            ("ids, stage 'new'", LeadFilter(stage="new"), SortKey.FOLLOW_UP),
            ("ids by last contact", LeadFilter(), SortKey.LAST_CONTACT),
        ]
        results = [
            _measure(
                f"{name} ({leads} leads)",
                cache,
                raw,
                lambda flt=flt, key=key: _ids(cache, lead, flt, key),  # type: ignore[misc]
            )
            for name, flt, key in cases
        ]
        ids = _ids(cache, lead, LeadFilter(), SortKey.NAME)

        def first_rows() -> list[Any]:
            with cache.connect() as conn:
                return ll.lead_rows(conn, ids[:SCREEN])

        results.append(_measure(f"rows of one page ({SCREEN})", cache, raw, first_rows))
        results.append(_model_result(cache, ids))
        raw.close()
        cache.dispose()
        shared.dispose()
    return results


if __name__ == "__main__":
    import sys

    for result in run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000):
        print(result.line(), flush=True)
