"""The first load's COPY fast path stores exactly what the SQLAlchemy Core path stores.

Every column type the synced tables use (UUID, nullable UUID, UTC datetimes
with microseconds, dates, JSON documents and JSON NULL, Numeric amounts,
floats, booleans, text with emoji, quotes, backslashes, tabs and newlines)
is loaded from a real shared database twice — once by ``load_scope`` as it
runs (COPY on PostgreSQL, Core on SQLite) and once forced through Core —
and the two caches must hold the same values byte for byte and read back
identically through SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Engine, func, insert, select, text

from operator_app.core.progress import Cancelled, TaskState
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.data.queries import find_operator
from operator_app.sync import bulk_copy
from operator_app.sync.snapshot import load_scope
from tests.conftest import truncate_all

NS = uuid.UUID("6b1d8a52-3c1e-4d53-9a55-0f3c2b7f0e10")
AT = datetime(2026, 3, 1, 12, 34, 56, 1, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))
TRICKY = "Emoji 😀 \"double\" 'single' \\ back\\slash\nnew line\ttab\r\x01 é 中文 \x7f end"
# fmt: off
TABLES = [
    m.Team, m.Operator, m.LifecycleStage, m.Hook, m.Template, m.TemplateLine, m.Tag,
    m.Setting, m.Lead, m.SalesOrder, m.Coupon, m.LeadTag, m.ContactEvent,
]
# fmt: on


def uid(name: str) -> uuid.UUID:
    return uuid.uuid5(NS, name)


def synced(ref: str, /, **values: Any) -> dict[str, Any]:
    return {"id": uid(ref), "version": 3, "updated_at": AT, "deleted_at": None, **values}


# fmt: off
def _people() -> dict[type, list[dict[str, Any]]]:
    team, other = uid("team"), uid("team-2")
    return {
        m.Team: [synced("team", name=TRICKY), synced("team-2", name="别的团队")],
        m.Operator: [
            synced("lead", team_id=team, login="lead", name="赵敏", role="team_lead",
                   capacity=0, active=True),
            synced("op", team_id=team, login="op", name="王芳 😀", role="operator",
                   capacity=500, active=False),
            synced("op-2", team_id=other, login="op2", name="x", role="operator",
                   capacity=1, active=True),
        ],
        m.LifecycleStage: [synced("stage", team_id=team, key="new", name="新客户", position=1)],
        m.Hook: [
            synced("hook", key="h1", name=TRICKY, description="", priority=-5,
                   prior_reply_rate=0.1234567890123456789, position=1,
                   params={"days": 3, "rate": 0.25, "名字": "中文",
                           "deep": {"a": [1, 2.5, None, True]}}),
            synced("hook-2", key="h2", name="h2", description="d", priority=50,
                   prior_reply_rate=1e-300, position=2, params={}),
        ],
        m.Template: [
            synced("tpl", team_id=team, hook_id=uid("hook"), key="t1", title=TRICKY,
                   purpose="目的\n二", customer_thinks="", desired_reply='"回复"', active=False),
        ],
        m.TemplateLine: [synced("line", template_id=uid("tpl"), line_no=1, text=TRICKY)],
        m.Tag: [
            synced("tag", team_id=team, name="爱水果", color="#ff0000", rule=None),
            synced("tag-2", team_id=team, name="复购", color="#00ff00",
                   rule={"match": "all", "conditions": [{"field": "amount", "op": ">=",
                                                         "value": 99.5}], "名": "复购"}),
        ],
        m.Setting: [
            synced("s-text", team_id=team, key="timezone", value="Asia/Shanghai", description=""),
            synced("s-int", team_id=team, key="cap", value=3, description="次数"),
            synced("s-float", team_id=team, key="rate", value=0.5, description=""),
            synced("s-none", team_id=team, key="none", value=None, description=""),
            synced("s-null", team_id=team, key="null", value=JSON.NULL, description=""),
            synced("s-list", team_id=team, key="list", value=[1, "二", {"x": None}],
                   description=""),
            synced("s-bool", team_id=team, key="bool", value=True, description=""),
            synced("s-ctrl", team_id=team, key="ctrl", value={"k": TRICKY}, description=TRICKY),
        ],
    }


def _leads() -> dict[type, list[dict[str, Any]]]:
    team = uid("team")
    lead = {"team_id": team, "channel": None, "friend_requested_at": None,
            "friend_added_at": None, "birthday": None, "city": None, "notes": "",
            "next_follow_up_at": None, "opted_out_at": None, "created_at": AT}
    return {
        m.Lead: [
            synced("lead-1", **lead | {
                "owner_id": uid("op"), "name": TRICKY, "phone": "+8613800000001",
                "channel": "包裹卡", "stage_id": uid("stage"), "friend_status": "accepted",
                "friend_requested_at": datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=SHANGHAI),
                "friend_added_at": datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
                "birthday": date(1990, 2, 28), "city": "上海", "notes": TRICKY,
                "next_follow_up_at": AT + timedelta(microseconds=123456)}),
            synced("lead-pool", **lead | {"owner_id": None, "name": "", "phone": "+8613800000002",
                                          "stage_id": None, "friend_status": "not_sent",
                                          "birthday": date(1900, 1, 1)}),
            synced("lead-gone", **lead | {"owner_id": uid("op"), "name": "gone",
                                          "phone": "+8613800000003", "stage_id": None,
                                          "friend_status": "pending", "deleted_at": AT}),
            synced("lead-other", **lead | {"team_id": uid("team-2"), "owner_id": uid("op-2"),
                                           "name": "other", "phone": "+8613800000004",
                                           "stage_id": None, "friend_status": "pending"}),
        ],
        m.SalesOrder: [
            synced(f"order-{i}", team_id=team, lead_id=uid(lead_name), order_no=f"XD{i}",
                   product=product, amount=amount, status=status, is_first_order=first,
                   ordered_at=AT, shipped_at=AT if i else None, arrived_city_at=None,
                   signed_at=None, refunded_at=None, closed_at=None)
            for i, (lead_name, product, amount, status, first) in enumerate([
                ("lead-1", "牛排 😀", 12.34, "signed", True),
                ("lead-1", None, 9999999999.99, "refunded", False),
                ("lead-pool", "x", 0.1, "pending_shipment", False),
                ("lead-pool", "y", 0.0, "closed", True),
                ("lead-gone", "z", 5.0, "closed", True),
            ])
        ],
        m.Coupon: [
            synced("coupon", lead_id=uid("lead-1"), amount=10.0, reason="invite_wechat",
                   issued_at=AT, expires_at=AT + timedelta(days=7), used_at=None),
            synced("coupon-2", lead_id=uid("lead-pool"), amount=0.01, reason="",
                   issued_at=AT, expires_at=AT, used_at=AT),
        ],
        m.LeadTag: [synced("lt", lead_id=uid("lead-1"), tag_id=uid("tag"), source="manual")],
        m.ContactEvent: [
            synced(f"event-{i}", team_id=team, lead_id=uid(lead_name), operator_id=operator,
                   kind=kind, occurred_at=AT + timedelta(microseconds=i), hook_key=hook_key,
                   template_id=template, line_no=line_no, body=body, payload=payload,
                   device_id="设备-1")
            for i, (lead_name, operator, kind, hook_key, template, line_no, body, payload) in
            enumerate([
                ("lead-1", uid("op"), "note", None, None, None, TRICKY, {}),
                ("lead-1", uid("op"), "sent_line", "h1", uid("tpl"), 1, "",
                 {"order_no": "XD1", "amount": 12.5, "备注": "中文", "ctrl": "\x01\x7f\n",
                  "nested": [1, 2, {"a": None}]}),
                ("lead-pool", None, "ordered", None, None, None, "",
                 {"big": 12345678901234567890, "neg": -1, "exp": 1e-7, "t": True, "f": False}),
                ("lead-pool", uid("lead"), "stage_change", None, None, None, "",
                 {"from": None, "to": "new"}),
                ("lead-pool", uid("lead"), "replied", None, None, None, "", {"s": "a/b"}),
            ])
        ],
    }


# fmt: on


# jsonb keeps the spelling of numbers and escapes differently from json.dumps:
# written as raw SQL, these documents exist only on PostgreSQL.
ODD_JSONB = {
    "event-0": r'{"del": "\u007f", "n": 10}',  # ASCII, yet json.dumps escapes DEL
    "event-3": r'{"v": 1.50, "w": 1e2, "z": -0, "s": "caf\u00e9 \u2028"}',
    "event-4": r'[0.10, 1E-7, 123456789012345678901234567890.5, "\/", "\"\\"]',
}


def fill(shared: Engine) -> None:
    """The edge-case rows, written through SQLAlchemy Core (as the app writes them)."""
    rows = _people() | _leads()
    with shared.begin() as conn:
        for model in TABLES:
            conn.execute(insert(model.__table__), rows[model])  # type: ignore[attr-defined]


def add_odd_jsonb(shared: Engine) -> None:
    with shared.begin() as conn:
        for name, doc in ODD_JSONB.items():
            conn.execute(
                text("UPDATE contact_event SET payload = CAST(:doc AS jsonb) WHERE id = :id"),
                {"doc": doc, "id": uid(name)},
            )


@contextmanager
def plain_path() -> Iterator[None]:
    """Force the SQLAlchemy Core path whatever the source is."""
    original = bulk_copy.supported
    bulk_copy.supported = lambda source: False
    try:
        yield
    finally:
        bulk_copy.supported = original


def stored(path: Path) -> dict[str, list[tuple[tuple[str, Any], ...]]]:
    """Every value as SQLite holds it: its storage class and its value, per table."""
    db = sqlite3.connect(path)
    try:
        out = {}
        for model in TABLES:
            name = model.__tablename__  # type: ignore[attr-defined]
            rows = db.execute(f'SELECT * FROM "{name}" ORDER BY id').fetchall()
            out[name] = [tuple((type(v).__name__, v) for v in row) for row in rows]
        return out
    finally:
        db.close()


def read_back(cache: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row as the app reads it through SQLAlchemy."""
    with cache.connect() as conn:
        out = {}
        for model in TABLES:
            table = model.__table__  # type: ignore[attr-defined]
            rows = conn.execute(select(table).order_by(table.c.id)).all()
            out[table.name] = [tuple(r) for r in rows]
        return out


@pytest.fixture
def edge_shared(shared_engine: Engine) -> Engine:
    fill(shared_engine)
    if shared_engine.dialect.name == "postgresql":
        add_odd_jsonb(shared_engine)
    return shared_engine


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables the fast path copied (to prove which path ran)."""
    seen: list[str] = []
    original = bulk_copy.copy_rows

    def spy(source: Any, target: Any, query: Any, table: Any, on_chunk: Any = None) -> int:
        seen.append(table.name)
        return original(source, target, query, table, on_chunk)

    monkeypatch.setattr(bulk_copy, "copy_rows", spy)
    return seen


@pytest.mark.parametrize("login", ["lead", "op"])
def test_fast_path_stores_what_the_core_path_stores(
    edge_shared: Engine,
    make_cache: Callable[[str], Engine],
    copies: list[str],
    login: str,
) -> None:
    person = find_operator(edge_shared, login)
    assert person is not None
    fast, plain = make_cache("fast"), make_cache("plain")

    loaded = load_scope(edge_shared, fast, person)
    with plain_path():
        loaded_plain = load_scope(edge_shared, plain, person)

    on_pg = edge_shared.dialect.name == "postgresql"
    every_table = {t.__tablename__ for t in TABLES}  # type: ignore[attr-defined]
    assert sorted(copies) == (sorted(every_table) if on_pg else [])
    assert loaded == loaded_plain
    assert stored(Path(str(fast.url.database))) == stored(Path(str(plain.url.database)))
    assert read_back(fast) == read_back(plain)
    # The scope held: the deleted lead and the other team's lead never arrive.
    leads = {r[0] for r in read_back(fast)["lead"]}
    mine = {uid("lead-1")} | ({uid("lead-pool")} if login == "lead" else set())
    assert leads == mine


def test_values_read_back_as_they_were_written(
    edge_shared: Engine, make_cache: Callable[[str], Engine]
) -> None:
    person = find_operator(edge_shared, "lead")
    assert person is not None
    cache = make_cache("fast")
    load_scope(edge_shared, cache, person)
    got = read_back(cache)
    written = _people() | _leads()
    odd = edge_shared.dialect.name == "postgresql"
    for model in TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        for row in got[table.name]:
            want = next(r for r in written[model] if r["id"] == row[0])
            for col, value in zip(table.columns, row, strict=True):
                expected = want[col.name]
                if expected is JSON.NULL:
                    expected = None
                if odd and col.name == "payload" and row[0] in {uid(n) for n in ODD_JSONB}:
                    continue  # rewritten by raw SQL above
                assert value == expected, (table.name, col.name)
                if isinstance(value, datetime):
                    assert value.tzinfo is not None and value.utcoffset() == timedelta(0)


@pytest.mark.postgres
def test_postgres_fast_path_matches_an_sqlite_shared_database(
    pg_session_url: str, tmp_path: Path, make_cache: Callable[[str], Engine]
) -> None:
    """The same rows, one shared database of each kind: the caches read back the same."""
    pg = make_engine(pg_session_url)
    lite = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    try:
        from operator_app.data import migrate

        migrate.upgrade_to_head(lite)
        truncate_all(pg)
        caches = []
        for shared in (pg, lite):
            fill(shared)
            person = find_operator(shared, "lead")
            assert person is not None
            cache = make_cache(shared.dialect.name)
            load_scope(shared, cache, person)
            caches.append(cache)
        # Stored JSON text may differ in key order (jsonb sorts keys); the documents don't.
        assert read_back(caches[0]) == read_back(caches[1])
    finally:
        pg.dispose()
        lite.dispose()


class _CancelAfter(TaskState):
    """Cancels once ``checks`` progress checks have passed."""

    def __init__(self, checks: int) -> None:
        super().__init__()
        self.left = checks

    def check(self) -> None:
        self.left -= 1
        if self.left < 0:
            self.cancel()
        super().check()


def test_cancelling_mid_copy_leaves_the_cache_as_it_was(
    seeded: Engine, make_cache: Callable[[str], Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_copy, "CHUNK", 7)  # many chunks: cancel inside a COPY
    monkeypatch.setattr("operator_app.sync.snapshot.CHUNK", 7)
    person = find_operator(seeded, "zhaomin")
    assert person is not None
    cache = make_cache("zm")

    with pytest.raises(Cancelled):
        load_scope(seeded, cache, person, _CancelAfter(60))

    with cache.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Lead)).scalar_one() == 0
    # The shared engine's connection is usable again, and a new load completes.
    summary = load_scope(seeded, cache, person)
    assert summary.rows > 0 and not summary.skipped
    with cache.connect() as conn:
        events = conn.execute(select(func.count()).select_from(m.ContactEvent)).scalar_one()
    with seeded.connect() as conn:
        assert events == conn.execute(select(func.count()).select_from(m.ContactEvent)).scalar_one()


def test_every_synced_table_has_the_fast_path() -> None:
    """A new column type must get its spelling here, not silently slow the first load."""
    for model in m.SYNCED_TABLES:
        assert bulk_copy.handles(model.__table__), model  # type: ignore[union-attr]


def test_a_column_type_without_a_spelling_is_refused() -> None:
    from sqlalchemy import Column, Interval, MetaData, Numeric, Table

    # Decimal's text; json (not jsonb) keeps its own key order; no spelling for intervals.
    for col_type in (Numeric(10, 2), JSON(), Interval()):
        table = Table("odd", MetaData(), Column("x", col_type))
        assert not bulk_copy.handles(table)
        with pytest.raises(bulk_copy.UnsupportedColumn):
            bulk_copy.copy_statement(select(table), table)
