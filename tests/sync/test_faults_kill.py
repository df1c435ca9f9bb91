"""kill -9 of a syncing process, at chosen points and at random moments.

Each trial forks a real process (tests/sync/faults_child.py) that records
notes and a follow-up time through ``Workspace`` and runs ``sync_once`` on
the test's cache and shared database, and dies by SIGKILL: before a push
batch, inside the server transaction, after the server's commit but before
the local acknowledgement, inside the acknowledgement, inside a pull's local
apply, or whenever the timer fires. Meanwhile "another PC" keeps writing to
the server. After each death the test process syncs until settled and checks
the oracle written by the child itself: every note it saw recorded is on the
server and in the cache exactly once with the same id, a note cut off
mid-write is in both or in neither, the follow-up times are the last ones
set, the outbox holds no pending entry and every entry has one "applied"
receipt, and server and cache hold the same events and lead states.
"""

from __future__ import annotations

import os
import random
import signal
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from operator_app.data import migrate
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.queries import OperatorInfo
from operator_app.data.seed import seed_demo
from tests.conftest import truncate_all
from tests.sync.conftest import NOW, open_workspace
from tests.sync.faults_child import ForkServer
from tests.sync.faults_oracle import (
    EVENT,
    LEAD,
    OTHER_PC,
    all_event_ids,
    assert_in_step,
    event_row,
    ids_by_body,
    insert_events,
    settle,
    wait_for_horizon,
)

# The PostgreSQL half of each test is marked `postgres` by the `rig` fixture below.
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")

LOGIN = "wangfang"
DEVICE = "device-killed"
# Per kill point, the n-th call of the wrapped engine function that dies. A
# round is 5 notes + 1 follow-up = 6 outbox entries, pushed in batches of 3.
TARGETED = {
    "before_push": (1, 2, 1, 3),  # 1: nothing sent; 2: after batch 1 was acknowledged
    "mid_push": (1, 3, 5),  # the 5th entry: batch 1 committed, batch 2 half applied
    "after_commit": (1, 2, 1),
    "during_ack": (1, 2, 1),
    "pull_upsert": (1, 2),  # after the lead rows; after the events
    "pull_commit": (1, 1),
}
RANDOM_TRIALS = 12
RANDOM_SEED = 20261120


@pytest.fixture(scope="module")
def fork_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    server = ForkServer(tmp_path_factory.mktemp("faults-kill") / "child-stderr.log")
    yield server
    server.close()


class Rig:
    """One seeded shared database, one cache, one log: trials run one after another."""

    def __init__(self, shared: Engine, cache: Engine, server: ForkServer, log: Path) -> None:
        self.shared, self.cache, self.server, self.log = shared, cache, server, log
        workspace = open_workspace(shared, cache, LOGIN)
        self.person: OperatorInfo = workspace.person
        rows = workspace.queue().rows
        self.leads = [r.lead_id for r in rows[:4]]  # the child writes on these
        self.edited_lead = rows[4].lead_id  # "another PC" edits this one
        self.other_pc: list[uuid.UUID] = []
        self.trials = 0
        with cache.connect() as conn:
            stmt = select(LEAD.c.id, LEAD.c.next_follow_up_at, LEAD.c.version).where(
                LEAD.c.id.in_(self.leads)
            )
            start = conn.execute(stmt).all()
        self.start_follow_ups = {i: value for i, value, _ in start}
        self.start_versions = {i: version for i, _, version in start}

    def write_elsewhere(self) -> None:
        """Two notes and a lead edit committed on the server by someone else."""
        n = self.trials
        rows = [event_row(self.person, lead, f"elsewhere-{n}-{i}", NOW)
                for i, lead in enumerate(self.leads[:2])]
        with self.shared.begin() as conn:
            self.other_pc += insert_events(conn, rows)
            conn.execute(
                update(LEAD)
                .where(LEAD.c.id == self.edited_lead)
                .values(notes=f"edited elsewhere {n}", version=LEAD.c.version + 1)
            )

    def run(self, point: str, **options: Any) -> dict[str, Any]:
        self.trials += 1
        self.write_elsewhere()
        if point.startswith("pull_"):
            # The pull must find rows in its window, so the kill point is reached.
            wait_for_horizon(self.shared)
        tag = f"t{self.trials}-{point}"
        self.append(f"trial {tag}")
        config = {
            "shared": self.shared.url.render_as_string(hide_password=False),
            "cache": self.cache.url.render_as_string(hide_password=False),
            "login": LOGIN,
            "device": DEVICE,
            "now": NOW.isoformat(),
            "leads": [str(i) for i in self.leads],
            "log": str(self.log),
            "tag": tag,
            "point": point,
            "seed": self.trials,
            **options,
        }
        reply = self.server.run(config)
        assert reply["signal"] == signal.SIGKILL, (reply, self.server.stderr_tail())
        return reply

    def append(self, line: str) -> None:
        with self.log.open("a") as f:
            f.write(line + "\n")

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines()

    def settle_and_check(self) -> None:
        settle(self.shared, self.cache, self.person, clock=lambda: NOW)
        assert_in_step(self.shared, self.cache, self.person)
        self.check_child_log()
        # What "another PC" wrote arrived, once each.
        assert all_event_ids(self.cache, EVENT.c.device_id == OTHER_PC) == sorted(self.other_pc)

    def check_child_log(self) -> None:
        """What the child saw recorded is there once; a write cut off, once or not at all."""
        told = ChildLog.read(self.lines(), self.start_follow_ups)
        mine = EVENT.c.device_id == DEVICE
        on_server, in_cache = ids_by_body(self.shared, mine), ids_by_body(self.cache, mine)
        assert on_server == in_cache
        for marker, event_id in told.done.items():
            assert on_server.get(marker) == [event_id], marker
        for marker in told.cut_off:
            assert len(on_server.get(marker, [])) <= 1, marker
        assert set(on_server) <= set(told.done) | told.cut_off
        with self.shared.connect() as conn:
            stmt = select(LEAD.c.id, LEAD.c.next_follow_up_at, LEAD.c.version).where(
                LEAD.c.id.in_(self.leads)
            )
            for lead_id, value, version in conn.execute(stmt):
                assert value in told.follow_ups[lead_id], (lead_id, value)
                # Each edit applied once: a replay that was not recognised bumps the version.
                least = self.start_versions[lead_id] + told.edits[lead_id]
                assert least <= version <= least + told.maybe[lead_id], (lead_id, version, least)


@dataclass
class ChildLog:
    """What the children's log says must now hold (see faults_child.py for its lines)."""

    done: dict[str, uuid.UUID] = field(default_factory=dict)  # note -> event id
    cut_off: set[str] = field(default_factory=set)  # notes whose write was cut off
    follow_ups: dict[uuid.UUID, set[Any]] = field(default_factory=dict)  # lead -> possible
    edits: Counter[uuid.UUID] = field(default_factory=Counter)  # follow-ups surely set
    maybe: Counter[uuid.UUID] = field(default_factory=Counter)  # follow-ups cut off

    @classmethod
    def read(cls, lines: list[str], start: dict[uuid.UUID, Any]) -> ChildLog:
        told = cls(follow_ups={lead: {value} for lead, value in start.items()})
        note: str | None = None
        follow_up: tuple[uuid.UUID, datetime] | None = None
        for line in [*lines, "trial end"]:
            kind, *rest = line.split()
            if kind == "trial":  # the previous child is dead: what it had begun was cut off
                if note:
                    told.cut_off.add(note)
                if follow_up:
                    told.follow_ups[follow_up[0]].add(follow_up[1])
                    told.maybe[follow_up[0]] += 1
                note, follow_up = None, None
            elif kind == "intent":
                note = rest[0]
            elif kind == "done":
                told.done[rest[0]], note = uuid.UUID(rest[1]), None
            elif kind == "intent-fu":
                follow_up = (uuid.UUID(rest[0]), datetime.fromisoformat(rest[1]))
            elif kind == "done-fu":
                lead = uuid.UUID(rest[0])
                told.follow_ups[lead] = {datetime.fromisoformat(rest[1])}
                told.edits[lead] += 1
                follow_up = None
        return told


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def rig(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
    fork_server: ForkServer,
) -> Iterator[Rig]:
    """Per backend, one seeded shared database and one cache that every trial reuses."""
    folder = tmp_path_factory.mktemp(f"kill-{request.param}")
    if request.param == "sqlite":
        shared = make_engine(f"sqlite:///{folder / 'shared.sqlite3'}")
        migrate.upgrade_to_head(shared)
    else:
        shared = make_engine(request.getfixturevalue("pg_session_url"))
        truncate_all(shared)
    seed_demo(shared, leads=120, days=10, seed=11, now=NOW)
    cache = make_engine(f"sqlite:///{folder / 'cache.sqlite3'}")
    prepare_cache(cache)
    yield Rig(shared, cache, fork_server, folder / "child.log")
    cache.dispose()
    shared.dispose()


@pytest.mark.parametrize("point", list(TARGETED))
def test_kill_at_point_then_settle_matches_oracle(rig: Rig, point: str) -> None:
    for at in TARGETED[point]:
        rig.run(point, at=at, events=5, batch=3)
        assert rig.lines()[-1] == f"kill {point} {at}"  # died where it was told, not elsewhere
        rig.settle_and_check()


def test_kill_at_random_moments_then_settle_matches_oracle(rig: Rig) -> None:
    rng = random.Random(RANDOM_SEED)
    landed: Counter[str] = Counter()
    for _ in range(RANDOM_TRIALS):
        rig.run("random", kill_after=rng.uniform(0.0, 0.5), rounds=500, events=3,
                batch=rng.choice((2, 3, 50)))
        last = rig.lines()[-1].split()[0]
        landed["syncing" if last == "sync" else "writing or between"] += 1
        rig.settle_and_check()
    # The timer must actually have hit the engine at work, not only start-up.
    assert landed["syncing"] >= 1, landed
    assert len([ln for ln in rig.lines() if ln.startswith("done ")]) >= RANDOM_TRIALS
