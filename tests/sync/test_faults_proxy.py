"""Connections to PostgreSQL cut mid-push and mid-pull, by a TCP proxy on loopback.

The app's shared URL points at tests/sync/faults_proxy.py, which forwards to
the real server and breaks connections on command. Each test proves that the
cycle fails as "server unavailable" (never another kind of error), that the
server holds either all of a batch or none of it, that the cache and its
cursor are untouched by a pull that did not finish, that the workspace goes
on working offline, and that the next cycle after the network is back leaves
server and cache equal, every note once. Checks read the server directly,
not through the proxy.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from operator_app.core.domain import EventKind
from operator_app.data.db import make_engine
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.errors import DatabaseUnavailable
from operator_app.sync.engine import SyncSummary, consecutive_failures, sync_once
from operator_app.sync.pull import read_cursor
from operator_app.sync.push import pending_count
from tests.conftest import PG_HOST, PG_PORT, truncate_all
from tests.sync.conftest import NOW, open_workspace
from tests.sync.faults_oracle import (
    EVENT,
    OTHER_PC,
    all_event_ids,
    assert_in_step,
    bodies,
    event_row,
    insert_events,
    lead_states,
    outbox_rows,
    own_xid,
    receipts,
    settle,
    wait_for_horizon,
)
from tests.sync.faults_proxy import DOWN, UP, FaultProxy, simple_query

pytestmark = pytest.mark.postgres

LOGIN = "wangfang"
MINE = EVENT.c.device_id == f"device-{LOGIN}"
COMMIT = simple_query("COMMIT")
ENTRY = simple_query("SAVEPOINT sync_entry")  # the push starts applying one outbox entry


@pytest.fixture
def direct(pg_session_url: str) -> Iterator[Engine]:
    """The seeded shared database, reached without the proxy (for setup and checks)."""
    engine = make_engine(pg_session_url)
    truncate_all(engine)
    seed_demo(engine, leads=120, days=10, seed=11, now=NOW)
    yield engine
    engine.dispose()


@pytest.fixture
def proxy() -> Iterator[FaultProxy]:
    p = FaultProxy((PG_HOST, PG_PORT))
    yield p
    p.close()


@pytest.fixture
def shared(pg_session_url: str, direct: Engine, proxy: FaultProxy) -> Iterator[Engine]:
    """The app's engine for the same database, through the proxy, unencrypted."""
    url = make_url(pg_session_url).set(port=proxy.port, query={"sslmode": "disable"})
    engine = make_engine(url.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


class Client:
    """One PC: its cache and workspace, syncing through the proxy."""

    def __init__(self, shared: Engine, direct: Engine, cache: Engine) -> None:
        self.shared, self.direct, self.cache = shared, direct, cache
        self.ws: Workspace = open_workspace(shared, cache, LOGIN)
        self.person = self.ws.person
        self.leads = [r.lead_id for r in self.ws.queue().rows[:5]]
        self.markers: list[str] = []

    def note(self, n: int) -> list[str]:
        """Record ``n`` notes, each with a body no other note has."""
        made = []
        for _ in range(n):
            marker = f"note-{len(self.markers)}"
            self.ws.record_outcome(self.leads[len(self.markers) % 5], EventKind.NOTE, note=marker)
            self.markers.append(marker)
            made.append(marker)
        return made

    def sync(self) -> SyncSummary:
        return sync_once(self.shared, self.cache, self.person, clock=lambda: NOW)

    def settle(self) -> None:
        settle(self.shared, self.cache, self.person, clock=lambda: NOW)

    def elsewhere(self, n: int) -> list[uuid.UUID]:
        """``n`` notes committed on the server by another PC, visible to pulls once returned."""
        rows = [event_row(self.person, self.leads[i % 5], f"elsewhere-{i}", NOW) for i in range(n)]
        with self.direct.begin() as conn:
            ids = insert_events(conn, rows)
        wait_for_horizon(self.direct)
        return ids

    def check(self) -> None:
        """Settled: every note recorded here is on the server once; server and cache agree."""
        assert bodies(self.direct, MINE) == Counter(self.markers)
        assert bodies(self.cache, MINE) == Counter(self.markers)
        assert_in_step(self.direct, self.cache, self.person)


@pytest.fixture
def client(shared: Engine, direct: Engine, make_cache: Callable[[str], Engine]) -> Client:
    return Client(shared, direct, make_cache("proxied"))


def test_cut_mid_push_applies_nothing_and_the_pc_keeps_working_offline(
    client: Client, proxy: FaultProxy
) -> None:
    client.note(40)  # one batch of 40 entries, about 1 kB each on the wire
    proxy.count(COMMIT)
    proxy.cut_on(ENTRY, then_bytes=12_000)  # some entries into the batch

    with pytest.raises(DatabaseUnavailable):
        client.sync()

    assert proxy.disarm()
    assert proxy.seen(COMMIT) == 0  # the cut fell inside the batch's transaction
    assert bodies(client.direct, MINE) == Counter()  # the batch's transaction is gone whole
    assert receipts(client.direct, [r.mutation_id for r in outbox_rows(client.cache)]) == Counter()
    assert (pending_count(client.cache), consecutive_failures(client.cache)) == (40, 1)

    proxy.refuse()  # the server is unreachable for a while
    client.note(5)
    client.ws.set_follow_up(client.leads[0], NOW.replace(hour=9))
    with pytest.raises(DatabaseUnavailable):
        client.sync()
    assert proxy.refused >= 1
    assert (pending_count(client.cache), consecutive_failures(client.cache)) == (46, 2)
    assert client.leads[0] in {r.lead_id for r in client.ws.queue().rows}

    proxy.refuse(False)
    client.settle()
    assert consecutive_failures(client.cache) == 0
    client.check()
    assert len(client.markers) == 45


def test_commit_whose_answer_is_lost_is_replayed_without_doubling(
    client: Client, proxy: FaultProxy
) -> None:
    markers = client.note(10)
    client.ws.set_follow_up(client.leads[1], NOW.replace(hour=11))
    proxy.cut_on(COMMIT, swallow_reply=True)  # the push's commit runs; its answer is lost

    with pytest.raises(DatabaseUnavailable):
        client.sync()

    assert proxy.disarm()
    # The server has the batch; the PC does not know and still has it pending.
    assert bodies(client.direct, MINE) == Counter(markers)
    assert pending_count(client.cache) == 11
    edited = lead_states(client.direct, client.person)[client.leads[1]]
    again = client.sync()
    assert (again.pushed, again.rejected, again.pending) == (11, 0, 0)  # receipts recognised
    client.settle()
    client.check()
    assert lead_states(client.direct, client.person)[client.leads[1]] == edited  # not re-applied


def test_cut_mid_pull_leaves_cache_and_cursor_as_they_were(
    client: Client, proxy: FaultProxy
) -> None:
    client.note(3)
    arriving = client.elsewhere(1500)  # a large answer, so the cut falls inside it
    cursor = read_cursor(client.cache)
    proxy.cut_on(b'"contact_event".change_xid >=', reply_bytes=32_000)

    with pytest.raises(DatabaseUnavailable):
        client.sync()

    assert proxy.disarm()
    assert pending_count(client.cache) == 0  # the push before it went through
    assert read_cursor(client.cache) == cursor
    assert all_event_ids(client.cache, EVENT.c.device_id == OTHER_PC) == []
    client.settle()
    assert all_event_ids(client.cache, EVENT.c.device_id == OTHER_PC) == sorted(arriving)
    client.check()


def test_cut_after_any_number_of_bytes_then_the_next_cycle_catches_up(
    client: Client, proxy: FaultProxy
) -> None:
    rng = random.Random(4242)
    before = dict(proxy.forwarded)
    client.note(8)
    client.ws.set_follow_up(client.leads[0], NOW.replace(minute=30))
    client.elsewhere(60)
    client.sync()  # a clean cycle of the same size, to know how many bytes one moves
    size = {d: proxy.forwarded[d] - before[d] for d in (UP, DOWN)}
    outcomes: Counter[str] = Counter()
    for trial in range(8):
        client.note(8)
        client.ws.set_follow_up(client.leads[trial % 5], NOW.replace(minute=trial))
        client.elsewhere(60)
        direction = UP if trial % 2 else DOWN
        proxy.cut_after(rng.randrange(200, size[direction] * 3 // 4), direction)
        try:
            client.sync()
            outcome = "completed"
        except DatabaseUnavailable:
            outcome = "cut"
        outcomes[outcome] += 1
        fired = proxy.disarm()
        assert fired or outcome == "completed"  # "unavailable" only ever because of the cut
        client.settle()
        client.check()
    assert outcomes["cut"] >= 5, outcomes  # most cuts fell inside a cycle


def test_cut_from_another_thread_while_a_large_batch_is_in_flight(
    client: Client, proxy: FaultProxy
) -> None:
    client.note(100)
    proxy.count(ENTRY)
    proxy.count(COMMIT)

    def cut_midway() -> None:
        if proxy.wait_seen(ENTRY, 1):  # the batch's transaction is applying entries
            proxy.wait_forwarded(UP, proxy.forwarded[UP] + 30_000)
            proxy.cut_all()

    cutter = threading.Thread(target=cut_midway)
    cutter.start()
    with pytest.raises(DatabaseUnavailable):
        client.sync()
    cutter.join()

    assert proxy.cuts >= 1 and proxy.seen(COMMIT) == 0
    assert bodies(client.direct, MINE) == Counter()
    assert pending_count(client.cache) == 100
    client.settle()
    client.check()


def test_commit_late_in_the_network_while_the_pc_pushes_again(
    client: Client, proxy: FaultProxy
) -> None:
    """The PC lost its connection while its COMMIT was still on the way to the server.

    It reconnects at once and pushes the same entries; the first transaction
    commits while the second is applying them. The second must recognise
    what the first delivered (or fail as "unavailable"), never crash.
    """
    markers = client.note(3)
    proxy.cut_on(COMMIT, hold=True)
    with pytest.raises(DatabaseUnavailable):
        client.sync()
    assert proxy.disarm()
    outcome: list[object] = []

    def push_again() -> None:
        try:
            outcome.append(client.sync())
        except Exception as exc:  # the outcome is what the test checks
            outcome.append(exc)

    second = threading.Thread(target=push_again)
    second.start()
    _wait_for_lock_wait(client.direct)  # the second push waits on the first's rows
    assert proxy.release_held() == 1  # the first COMMIT arrives and commits
    second.join(30)

    assert bodies(client.direct, MINE) == Counter(markers)
    result = outcome[0]
    assert isinstance(result, SyncSummary | DatabaseUnavailable), repr(result)
    client.settle()
    client.check()


def test_long_open_transaction_stalls_pulls_only_until_it_ends(
    client: Client, direct: Engine
) -> None:
    lead = client.leads[0]
    holder = direct.connect()
    holder.execute(text("SET idle_in_transaction_session_timeout = '1500ms'"))
    holder.commit()
    held = event_row(client.person, lead, "held-open", NOW)
    holder.begin()
    insert_events(holder, [held])
    holder_xid = own_xid(holder)
    # Meanwhile: another PC's note commits, and this PC records and syncs.
    later = event_row(client.person, lead, "committed-meanwhile", NOW)
    with direct.begin() as conn:
        insert_events(conn, [later])
    markers = client.note(3)

    for _ in range(2):
        summary = client.sync()
        assert (summary.pushed, summary.pending) in ((3, 0), (0, 0))  # pushes are not stalled
        assert bodies(client.direct, MINE) == Counter(markers)
        assert later["id"] not in all_event_ids(client.cache)  # the pull is held back...

    # ...until the server ends the idle transaction (its timeout), rolling it back.
    wait_for_horizon(direct, past=holder_xid)
    client.sync()
    cached = all_event_ids(client.cache)
    assert later["id"] in cached
    assert held["id"] not in cached and held["id"] not in all_event_ids(direct)
    with contextlib.suppress(Exception):
        holder.close()
    client.check()


def _wait_for_lock_wait(engine: Engine, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the second push never waited on the first one's rows")
