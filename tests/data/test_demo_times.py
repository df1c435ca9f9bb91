"""The demo never dates anything in the future: no order, event or coupon after "now"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from operator_app.data import migrate
from operator_app.data.db import make_engine
from operator_app.data.seed import seed_demo

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'shared.sqlite3'}")
    migrate.upgrade_to_head(engine)
    seed_demo(engine, leads=1500, seed=7, now=NOW)
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("sales_order", "ordered_at"),
        ("sales_order", "shipped_at"),
        ("sales_order", "arrived_city_at"),
        ("sales_order", "signed_at"),
        ("contact_event", "occurred_at"),
        ("coupon", "issued_at"),
        ("lead", "friend_added_at"),
        ("lead", "friend_requested_at"),
        ("lead", "created_at"),
    ],
)
def test_nothing_in_the_demo_happens_after_now(demo: Engine, table: str, column: str) -> None:
    with demo.connect() as conn:
        times = conn.execute(text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"))
        late = [t for (t,) in times if _aware(t) > NOW]
    assert late == []


def test_every_demo_first_order_in_the_window_was_logged_as_ordered(demo: Engine) -> None:
    """A first order placed in the demo's window has its 已下单 event (the older
    buying history of win-back customers has none): none is left half-made."""
    sql = """SELECT COUNT(*) FROM sales_order s JOIN lead l ON l.id = s.lead_id
             WHERE s.is_first_order AND l.created_at > :start AND NOT EXISTS (
               SELECT 1 FROM contact_event e WHERE e.lead_id = s.lead_id AND e.kind = 'ordered')"""
    with demo.connect() as conn:
        start = NOW - timedelta(days=100)  # history customers were created 200 days ago
        assert conn.execute(text(sql), {"start": start}).scalar_one() == 0


def _aware(value: object) -> datetime:
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
