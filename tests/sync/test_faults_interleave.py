"""Transactions on PostgreSQL that commit out of order: no pull ever skips a row.

Each scenario runs steps on real connections: open transactions insert
notes (or edit a lead) on this person's customers and stay open, commit or
roll back in some order, while this PC records notes and pulls in between.
Whatever a pull delivers early, after the last transaction has ended every
committed row is in the cache, no rolled-back row is, nothing is doubled,
and server and cache agree. A cursor that moved past a transaction still
open when it was read (a plain sequence cursor) fails these scenarios.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Connection, Engine, select, update

from operator_app.core.domain import EventKind
from operator_app.data.db import make_engine
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.sync.engine import sync_once
from tests.conftest import truncate_all
from tests.sync.conftest import NOW, open_workspace
from tests.sync.faults_oracle import (
    EVENT,
    LEAD,
    OVERWRITE_NOTE,
    all_event_ids,
    assert_in_step,
    bodies,
    event_row,
    insert_events,
    own_xid,
    wait_for_horizon,
)

pytestmark = pytest.mark.postgres

LOGIN = "wangfang"

# Steps: "<T> insert" (a note in open transaction T), "<T> edit" (T changes a
# lead's notes), "<T> commit", "<T> rollback", "note" (this PC records one),
# "pull" (this PC syncs). Transactions open at their first step.
SCENARIOS = {
    "t1 open, t2 commits, pull, t1 commits": [
        "T1 insert", "T2 insert", "T2 commit", "pull", "T1 commit", "pull",
    ],
    "t1 commits first while t2 is open": [
        "T1 insert", "T2 insert", "T1 commit", "pull", "T2 commit", "pull",
    ],
    "t1 rolls back after t2 committed": [
        "T1 insert", "T2 insert", "T2 commit", "pull", "T1 rollback", "pull",
    ],
    "three transactions commit in reverse": [
        "T1 insert", "T2 insert", "T3 insert", "T3 commit", "pull",
        "T2 commit", "pull", "T1 commit", "pull",
    ],
    "three, the middle one rolls back, pushes between": [
        "T1 insert", "T2 insert", "note", "pull", "T3 insert", "T3 commit", "note", "pull",
        "T2 rollback", "pull", "T1 insert", "T1 commit", "pull",
    ],
    "an edited lead committed after a later note": [
        "T1 edit", "T2 insert", "T2 commit", "pull", "T1 commit", "pull",
    ],
    "a transaction open across several pulls": [
        "T1 insert", "pull", "T2 insert", "T2 commit", "pull", "T3 insert", "T3 commit",
        "pull", "T1 commit", "pull",
    ],
}


@pytest.fixture
def seeded_pg(pg_session_url: str) -> Iterator[Engine]:
    """The demo team, freshly seeded for each scenario (which brings its own cache)."""
    engine = make_engine(pg_session_url)
    truncate_all(engine)
    seed_demo(engine, leads=120, days=10, seed=11, now=NOW)
    yield engine
    engine.dispose()


@dataclass
class Run:
    """A scenario's state: open transactions and what each one wrote."""

    shared: Engine
    cache: Engine
    ws: Workspace
    leads: list[uuid.UUID]
    open: dict[str, Connection] = field(default_factory=dict)
    written: dict[str, list[uuid.UUID]] = field(default_factory=dict)  # events per transaction
    edits: dict[str, tuple[uuid.UUID, str]] = field(default_factory=dict)  # lead, notes
    xids: list[int] = field(default_factory=list)
    committed: set[uuid.UUID] = field(default_factory=set)
    rolled_back: set[uuid.UUID] = field(default_factory=set)
    delivered: set[uuid.UUID] = field(default_factory=set)
    notes: int = 0

    def step(self, step: str) -> None:
        if step == "note":
            self.notes += 1
            self.ws.record_outcome(self.leads[0], EventKind.NOTE, note=f"local-{self.notes}")
            return
        if step == "pull":
            self.pull()
            return
        name, action = step.split()
        if action in ("insert", "edit"):
            conn = self.open.get(name) or self._begin(name)
            if action == "insert":
                row = event_row(self.ws.person, self.leads[len(self.written) % 3],
                                f"{name}-{uuid.uuid4().hex[:6]}", NOW)
                self.written.setdefault(name, []).extend(insert_events(conn, [row]))
            else:
                lead, notes = self.leads[3], f"edited in {name}"
                conn.execute(
                    update(LEAD).where(LEAD.c.id == lead)
                    .values(notes=notes, version=LEAD.c.version + 1)
                )
                self.edits[name] = (lead, notes)
            return
        conn = self.open.pop(name)
        ids = set(self.written.pop(name, []))
        if action == "commit":
            conn.commit()
            self.committed |= ids
        else:
            conn.rollback()
            self.rolled_back |= ids
            self.edits.pop(name, None)
        conn.close()

    def _begin(self, name: str) -> Connection:
        conn = self.shared.connect()
        self.xids.append(own_xid(conn))  # the transaction has its id from here on
        self.open[name] = conn
        return conn

    def pull(self) -> None:
        sync_once(self.shared, self.cache, self.ws.person, clock=lambda: NOW)
        cached = set(all_event_ids(self.cache))
        # Never a row that is not committed, never one taken back once delivered.
        assert not (cached & self.rolled_back)
        assert not (cached & {i for ids in self.written.values() for i in ids})
        theirs = self.committed | self.rolled_back
        assert self.delivered <= cached
        self.delivered = cached & theirs

    def close(self) -> None:
        for conn in self.open.values():
            conn.rollback()
            conn.close()


@pytest.fixture
def run(seeded_pg: Engine, make_cache: Callable[[str], Engine]) -> Iterator[Run]:
    cache = make_cache("interleave")
    ws = open_workspace(seeded_pg, cache, LOGIN)
    leads = [r.lead_id for r in ws.queue().rows[:4]]
    r = Run(seeded_pg, cache, ws, leads)
    yield r
    r.close()


@pytest.mark.parametrize("steps", list(SCENARIOS.values()), ids=list(SCENARIOS))
def test_no_row_is_skipped_whatever_the_commit_order(run: Run, steps: list[str]) -> None:
    for step in steps:
        run.step(step)
    assert not run.open
    # Once every transaction of the scenario has ended (and any other on the
    # server that could hold the horizon), one more pull brings the rest.
    wait_for_horizon(run.shared, past=max(run.xids))
    run.pull()

    cached = all_event_ids(run.cache)
    assert len(cached) == len(set(cached))
    skipped = run.committed - set(cached)
    assert not skipped, f"{len(skipped)} committed rows never arrived"
    assert not (run.rolled_back & set(cached))
    assert not (run.rolled_back & set(all_event_ids(run.shared)))
    _check_edits(run)
    assert_in_step(run.shared, run.cache, run.ws.person)


def _check_edits(run: Run) -> None:
    with run.cache.connect() as conn:
        for lead, notes in run.edits.values():
            got = conn.execute(select(LEAD.c.notes).where(LEAD.c.id == lead)).scalar_one()
            assert got == notes


def test_transaction_open_during_a_pull_is_not_lost_behind_the_cursor(run: Run) -> None:
    """The classic loss, step by step: T1 holds an earlier stamp than T2 and commits last."""
    run.step("T1 insert")
    (t1_row,) = run.written["T1"]
    run.step("T2 insert")
    (t2_row,) = run.written["T2"]
    run.step("T2 commit")
    run.pull()
    early = set(all_event_ids(run.cache))
    run.step("T1 commit")
    wait_for_horizon(run.shared, past=max(run.xids))
    run.pull()

    cached = set(all_event_ids(run.cache))
    assert {t1_row, t2_row} <= cached, {
        "t1 arrived": t1_row in cached, "t2 arrived": t2_row in cached,
        "t2 early": t2_row in early,
    }
    assert t1_row not in early  # it was not committed then


def test_edit_on_an_older_version_records_only_values_someone_else_changed(run: Run) -> None:
    """A team lead's edit of one column commits while this PC edits another, offline.

    Both edits stand. No "overwrote a change made elsewhere" note may claim
    the follow-up time was someone else's value: nobody else changed it.
    """
    lead = run.leads[3]
    with run.shared.begin() as conn:
        conn.execute(
            update(LEAD).where(LEAD.c.id == lead)
            .values(notes="the team lead's note", version=LEAD.c.version + 1)
        )
    follow_up = NOW.replace(hour=9)
    run.ws.set_follow_up(lead, follow_up)  # based on the version before the team lead's edit
    run.pull()

    with run.shared.connect() as conn:
        notes, when = conn.execute(
            select(LEAD.c.notes, LEAD.c.next_follow_up_at).where(LEAD.c.id == lead)
        ).one()
    assert (notes, when) == ("the team lead's note", follow_up)
    assert bodies(run.shared, EVENT.c.lead_id == lead, EVENT.c.body.like(OVERWRITE_NOTE)) == (
        Counter()
    )
