"""Sync through real per-person PostgreSQL logins: everything the app does, under row security."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.lead_moves import list_recycle_countdowns, reassign_leads
from operator_app.data.queries import OperatorInfo, find_operator, hook_counts
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.sync.roles import add_person
from operator_app.sync.snapshot import load_scope
from operator_app.sync.team_counts import team_hook_counts
from tests.sync.conftest import NOW, not_sent_lead, synced, taggings_named
from tests.sync.pg_people import PgDatabase, migrated_pg, unique_login

pytestmark = pytest.mark.postgres
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
TAG = m.Tag.__table__  # type: ignore[attr-defined]
LEAD_TAG = m.LeadTag.__table__  # type: ignore[attr-defined]


@dataclass
class Team:
    db: PgDatabase
    a: OperatorInfo  # two operators with their own logins
    b: OperatorInfo
    boss: OperatorInfo  # the team lead, with a login of their own too


@pytest.fixture
def team(pg_available: None) -> Iterator[Team]:
    with migrated_pg("opdesk_sync_as") as db:
        seed_demo(db.admin, leads=90, days=10, seed=5, now=NOW)
        people = {}
        for key, role in (("a", "operator"), ("b", "operator"), ("boss", "team_lead")):
            login = db.track(unique_login(f"sync_{key}"))
            add_person(db.admin, login, key, role, "华东一组")
            found = find_operator(db.admin, login)
            assert found is not None
            people[key] = found
        # The demo's leads of two demo operators become a's and b's.
        for demo, key in (("wangfang", "a"), ("lijing", "b")):
            owner = find_operator(db.admin, demo)
            assert owner is not None
            with db.admin.connect() as conn:
                ids = list(
                    conn.execute(select(LEAD.c.id).where(LEAD.c.owner_id == owner.id)).scalars()
                )
            reassign_leads(db.admin, ids, people[key].id, now=NOW)
        yield Team(db, people["a"], people["b"], people["boss"])


def _workspace(db: PgDatabase, who: OperatorInfo, folder: Path) -> tuple[Engine, Engine, Workspace]:
    shared = db.engine_as(who.login)
    cache = make_engine(f"sqlite:///{folder / f'{who.login}.sqlite3'}")
    prepare_cache(cache)
    load_scope(shared, cache, who)
    ws = Workspace(cache, who, f"pc-{who.login}", clock=lambda: NOW)
    ws.refresh_suggestions()
    return shared, cache, ws


def _lead_ids(engine: Engine, owner: OperatorInfo) -> set[object]:
    with engine.connect() as conn:
        return set(conn.execute(select(LEAD.c.id).where(LEAD.c.owner_id == owner.id)).scalars())


def test_an_operators_own_login_loads_pushes_and_pulls_only_their_customers(
    team: Team, tmp_path: Path
) -> None:
    shared, cache, ws = _workspace(team.db, team.a, tmp_path)
    with shared.connect() as conn:  # the login sees exactly a's customers
        visible = set(conn.execute(select(LEAD.c.id)).scalars())
    assert visible == _lead_ids(team.db.admin, team.a) == {r.lead_id for r in ws.queue().rows}
    lead_id = ws.queue().rows[0].lead_id
    ws.record_outcome(lead_id, EventKind.REPLIED)
    ws.set_follow_up(lead_id, NOW.replace(hour=7))

    summary = synced(shared, cache, team.a, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected, summary.pending) == (2, 0, 0)
    with team.db.admin.connect() as conn:
        mine = EVENT.c.device_id == f"pc-{team.a.login}"
        assert conn.execute(select(func.count()).where(mine)).scalar_one() == 1


def test_reassignment_by_the_team_leads_login_reaches_both_operators(
    team: Team, tmp_path: Path
) -> None:
    a_shared, a_cache, a_ws = _workspace(team.db, team.a, tmp_path)
    b_shared, b_cache, b_ws = _workspace(team.db, team.b, tmp_path)
    moving = a_ws.queue().rows[0].lead_id
    a_ws.record_outcome(moving, EventKind.NOTE, note="离线时记下的")
    boss = team.db.engine_as(team.boss.login)
    assert reassign_leads(boss, [moving], team.b.id, actor_id=team.boss.id, now=NOW) == [moving]

    gone = synced(a_shared, a_cache, team.a, clock=lambda: NOW)
    came = synced(b_shared, b_cache, team.b, clock=lambda: NOW)

    assert (gone.pushed, gone.rejected, gone.removed_from_scope) == (1, 0, 1), gone.rejections
    assert came.removed_from_scope == 0
    assert moving in {r.lead_id for r in b_ws.queue().rows}
    with b_cache.connect() as conn:
        bodies = conn.execute(select(EVENT.c.body).where(EVENT.c.lead_id == moving)).scalars()
        assert "离线时记下的" in set(bodies)


def test_a_stage_change_on_a_lead_taken_away_is_refused_and_the_lead_leaves(
    team: Team, tmp_path: Path
) -> None:
    shared, cache, ws = _workspace(team.db, team.a, tmp_path)
    lead_id = ws.queue().rows[0].lead_id
    ws.set_follow_up(lead_id, NOW.replace(hour=8))  # offline edit
    reassign_leads(team.db.admin, [lead_id], team.b.id, now=NOW)

    summary = synced(shared, cache, team.a, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected, summary.removed_from_scope) == (0, 1, 1)
    assert "转给其他同事" in summary.rejections[0].reason
    with team.db.admin.connect() as conn:
        due = conn.execute(select(LEAD.c.next_follow_up_at).where(LEAD.c.id == lead_id))
        assert due.scalar_one() != NOW.replace(hour=8)


def test_operators_learn_the_teams_reply_rates_without_reading_its_events(team: Team) -> None:
    shared = team.db.engine_as(team.a.login)
    with team.db.admin.connect() as conn:
        expected = hook_counts(conn, team.a.team_id)
    with shared.connect() as conn:
        own_only = hook_counts(conn, team.a.team_id)
        assert team_hook_counts(conn, team.a.team_id) == expected
    assert expected and own_only != expected


def _friend_state(engine: Engine, lead_id: object) -> tuple[object, ...]:
    cols = (LEAD.c.friend_status, LEAD.c.friend_requested_at, LEAD.c.version)
    with engine.connect() as conn:
        return tuple(conn.execute(select(*cols).where(LEAD.c.id == lead_id)).one())


def test_an_operators_friend_request_starts_the_countdown_for_the_whole_team(
    team: Team, tmp_path: Path
) -> None:
    boss_shared, boss_cache, _ = _workspace(team.db, team.boss, tmp_path)
    shared, cache, ws = _workspace(team.db, team.a, tmp_path)
    lead_id = not_sent_lead(cache, team.a.id)
    version = _friend_state(team.db.admin, lead_id)[2]

    ws.record_friend_request_sent(lead_id)
    summary = synced(shared, cache, team.a, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (1, 0), summary.rejections
    server = _friend_state(team.db.admin, lead_id)
    assert server == ("pending", NOW, version + 1)
    assert _friend_state(cache, lead_id) == server  # the a's own pull carried the stamp
    synced(boss_shared, boss_cache, team.boss, clock=lambda: NOW)
    assert _friend_state(boss_cache, lead_id) == server
    countdown = list_recycle_countdowns(boss_shared, team.a.team_id, now=NOW)
    mine = [c for c in countdown if c.lead_id == lead_id]
    assert [(c.owner_id, c.friend_requested_at, c.due_at) for c in mine] == [
        (team.a.id, NOW, NOW + timedelta(days=7))  # the team's default recycle days
    ]

    ws.clock = lambda: NOW + timedelta(hours=2)  # a resend changes nothing on the lead
    ws.record_friend_request_sent(lead_id)
    again = synced(shared, cache, team.a, clock=lambda: NOW + timedelta(hours=2))
    assert (again.pushed, again.rejected) == (1, 0), again.rejections
    assert _friend_state(team.db.admin, lead_id) == server


def test_an_operators_new_manual_tag_is_accepted_and_reaches_the_team_lead(
    team: Team, tmp_path: Path
) -> None:
    boss_shared, boss_cache, _ = _workspace(team.db, team.boss, tmp_path)
    shared, cache, ws = _workspace(team.db, team.a, tmp_path)
    lead_id = ws.queue().rows[0].lead_id

    ws.set_tag(lead_id, "要发票", True)
    summary = synced(shared, cache, team.a, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (2, 0), summary.rejections
    tagged = taggings_named(lead_id, "要发票", TAG.c.name, TAG.c.team_id, TAG.c.rule).where(
        LEAD_TAG.c.deleted_at.is_(None)
    )
    expected = [("要发票", team.a.team_id, None)]
    with team.db.admin.connect() as conn:
        assert conn.execute(tagged).all() == expected
    with shared.connect() as conn:  # the operator's login reads it back
        assert conn.execute(tagged).all() == expected
    synced(boss_shared, boss_cache, team.boss, clock=lambda: NOW)
    with boss_cache.connect() as conn:
        assert conn.execute(tagged).all() == expected


def test_a_refused_new_tag_leaves_the_cache_cleanly(team: Team, tmp_path: Path) -> None:
    """The server refuses the tag (here: its admin took the right away), so the
    lead_tag that used it is refused too; the next pull must drop both from the
    cache, the tagging before the tag it points at (foreign keys are on)."""
    from sqlalchemy import text

    from operator_app.sync.server_sql import ROLE_OPERATOR

    shared, cache, ws = _workspace(team.db, team.a, tmp_path)
    lead_id = ws.queue().rows[0].lead_id
    with team.db.admin.begin() as conn:
        conn.execute(text(f"REVOKE INSERT ON tag FROM {ROLE_OPERATOR}"))
    try:
        ws.set_tag(lead_id, "要发票", True)
        refused = synced(shared, cache, team.a, clock=lambda: NOW)
        again = synced(shared, cache, team.a, clock=lambda: NOW)
    finally:
        with team.db.admin.begin() as conn:
            conn.execute(text(f"GRANT INSERT ON tag TO {ROLE_OPERATOR}"))

    assert refused.rejected == 2 and again.rejected == 0
    with cache.connect() as conn:
        assert conn.execute(select(func.count()).where(TAG.c.name == "要发票")).scalar() == 0
        assert "要发票" not in {t.name for t in ws.lead_detail(lead_id).tags}


def test_a_name_the_team_already_has_under_an_older_id_tags_with_that_tag(
    team: Team, tmp_path: Path
) -> None:
    """Under the operator's own login: the team's tag of that name came from an
    earlier version (a random id) and is not in this cache yet. The push tags
    the lead with it, and the pull merges this PC's tag of that name into it."""
    import uuid

    shared, cache, ws = _workspace(team.db, team.a, tmp_path)
    lead_id = ws.queue().rows[0].lead_id
    older = uuid.uuid4()
    with team.db.admin.begin() as conn:
        conn.execute(
            TAG.insert().values(
                id=older, version=1, updated_at=NOW, team_id=team.a.team_id, name="老客户"
            )
        )

    ws.set_tag(lead_id, "老客户", True)
    summary = synced(shared, cache, team.a, clock=lambda: NOW)
    again = synced(shared, cache, team.a, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (2, 0), summary.rejections
    assert (again.pushed, again.rejected) == (0, 0)
    tagged = taggings_named(lead_id, "老客户", TAG.c.id).where(LEAD_TAG.c.deleted_at.is_(None))
    named = select(TAG.c.id).where(TAG.c.name == "老客户")
    for engine in (team.db.admin, cache):
        with engine.connect() as conn:
            assert list(conn.execute(tagged).scalars()) == [older]
            assert list(conn.execute(named).scalars()) == [older]
