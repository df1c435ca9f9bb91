"""Edges found in review: tags set on two PCs, soft-deleted leads, a server missing a column,
and a team lead's view of moves inside the team."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, text, update

from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.cache import outbox
from operator_app.data.lead_moves import reassign_leads
from operator_app.errors import KnownError
from tests.sync.conftest import NOW, open_workspace, person, synced

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
TAG = m.Tag.__table__  # type: ignore[attr-defined]
LEAD_TAG = m.LeadTag.__table__  # type: ignore[attr-defined]


def _manual_tag(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(select(TAG.c.name).where(TAG.c.rule.is_(None))).scalars().first())


def test_a_tag_removed_on_one_pc_after_another_pc_added_it_stays_removed(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    pc1, pc2 = make_cache("pc1"), make_cache("pc2")
    ws1 = open_workspace(seeded, pc1, "wangfang")
    ws2 = open_workspace(seeded, pc2, "wangfang")
    lead_id, tag = ws1.queue().rows[0].lead_id, _manual_tag(seeded)
    ws2.set_tag(lead_id, tag, True)
    synced(seeded, pc2, ws2.person, clock=lambda: NOW)
    ws1.set_tag(lead_id, tag, True)  # offline on PC1: added, then taken off again
    ws1.set_tag(lead_id, tag, False)

    summary = synced(seeded, pc1, ws1.person, clock=lambda: NOW)
    synced(seeded, pc2, ws2.person, clock=lambda: NOW)

    assert summary.rejected == 0, summary.rejections
    names = {t.name for t in ws2.lead_detail(lead_id).tags if t.source == "manual"}
    assert tag not in names
    with seeded.connect() as conn:
        tag_id = conn.execute(select(TAG.c.id).where(TAG.c.name == tag)).scalar_one()
        states = (
            conn.execute(
                select(LEAD_TAG.c.deleted_at).where(
                    LEAD_TAG.c.lead_id == lead_id, LEAD_TAG.c.tag_id == tag_id
                )
            )
            .scalars()
            .all()
        )
    assert len(states) == 1 and states[0] is not None


def test_a_soft_deleted_lead_leaves_the_cache_and_is_named(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    row = ws.queue().rows[0]
    with seeded.begin() as conn:
        conn.execute(update(LEAD).where(LEAD.c.id == row.lead_id).values(deleted_at=NOW, version=9))

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert [name for _, name in summary.removed_leads] == [row.name]
    with cache.connect() as conn:
        assert conn.execute(select(LEAD.c.id).where(LEAD.c.id == row.lead_id)).first() is None


def test_team_lead_sees_moves_inside_the_team_without_reloading_histories(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("boss")
    boss = open_workspace(seeded, cache, "zhaomin")
    a, b = person(seeded, "wangfang"), person(seeded, "lijing")
    with seeded.connect() as conn:
        ids = list(conn.execute(select(LEAD.c.id).where(LEAD.c.owner_id == a.id)).scalars())[:5]
    reassign_leads(seeded, ids, b.id, now=NOW)

    summary = synced(seeded, cache, boss.person, clock=lambda: NOW)

    assert summary.removed_from_scope == 0
    # The 5 lead rows and the 5 "reassigned" events: not their whole histories again.
    assert summary.pulled == 10
    with cache.connect() as conn:
        owners = set(conn.execute(select(LEAD.c.owner_id).where(LEAD.c.id.in_(ids))).scalars())
    assert owners == {b.id}


@pytest.mark.postgres
def test_a_server_missing_a_column_stops_sync_and_rejects_nothing(
    pg_available: None, make_cache: Callable[[str], Engine]
) -> None:
    from operator_app.data import migrate
    from operator_app.data.db import make_engine
    from operator_app.data.seed import seed_demo
    from tests.conftest import throwaway_pg_database

    with throwaway_pg_database("opdesk_mismatch") as url:
        shared = make_engine(url)
        migrate.upgrade_to_head(shared)
        seed_demo(shared, leads=40, days=5, seed=3, now=NOW)
        cache = make_cache("wf")
        ws = open_workspace(shared, cache, "wangfang")
        ws.record_outcome(ws.queue().rows[0].lead_id, EventKind.REPLIED)
        with shared.begin() as conn:  # as if a migration had not been run yet
            conn.execute(text("ALTER TABLE contact_event DROP COLUMN device_id"))

        with pytest.raises(KnownError, match="operator-app migrate"):
            synced(shared, cache, ws.person, clock=lambda: NOW)

        with cache.connect() as conn:
            assert conn.execute(select(outbox.c.status)).scalars().all() == ["pending"]
        shared.dispose()
