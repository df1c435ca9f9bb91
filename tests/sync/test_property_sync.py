"""Property test of sync (issue "Sync"): many PCs, random work, moves and faults, then convergence.

Eleven clients — the four demo operators and the team lead, two or three
PCs each, every PC with its own cache and device id — log outcomes and sent
lines and change follow-ups, stages and tags on a handful of shared "hot"
customers, interleaved with sync cycles of random PCs; some cycles are cut
short by an injected fault, in some the operator writes between push and
pull. Meanwhile the team lead moves hot customers between operators, to
herself and to the pool — sometimes holding the move's transaction open
while everything else goes on — and one operator may leave.

After settling (every PC syncs until its outbox is empty, then one more
round) each cache must equal what the server shows its person; every event
any PC logged must be on the server exactly once; the owners must be the
ones the team lead chose; and nothing may be refused except edits of a
customer who was moved away.

Engine bugs this test found are pinned by tests at the end of this file:
regression tests once fixed, strict xfails while open (when one starts to
pass, remove its marker and its switch, e.g. ``LEAVING_BREAKS_PULL``).
The run prints which situations it exercised and fails if one it must cover
never came up. ``OPERATOR_DESK_SYNC_EXAMPLES=200`` searches longer than CI.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, currently_in_test_context, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError

from operator_app.core.domain import EventKind
from operator_app.data.cache import outbox
from operator_app.data.lead_moves import operator_leaves, reassign_leads
from operator_app.data.workspace import OUTCOME_KINDS
from operator_app.errors import DatabaseUnavailable
from operator_app.sync.engine import sync_once
from operator_app.sync.push import pending_count
from tests.sync.conftest import NOW
from tests.sync.property_support import (
    FAULTS,
    HOT_PER_OPERATOR,
    LEAD,
    LEAD_TAG,
    OPERATORS,
    PCS,
    TAG,
    TEAM_LEAD,
    Client,
    HeldMove,
    InjectedFault,
    Ledger,
    Pristine,
    PristineWorlds,
    World,
    client_divergences,
    describe,
    example_world,
    injected,
    server_divergences,
    tamper,
    unexpected_refusals,
    wait_for_horizon,
)

CLIENTS = sum(count for _, count in PCS)
# Per backend: about 25-35 s each on two idle cores. PostgreSQL examples cost more
# (a database per example, slower round trips).
EXAMPLES = {"sqlite": 8, "postgresql": 5}
STEPS = 50
SCALE = os.environ.get("OPERATOR_DESK_SYNC_EXAMPLES")
OUTCOMES = tuple(sorted(OUTCOME_KINDS))  # every outcome key: replied, no reply, ordered…
EDITS = ("follow_up", "clear_follow_up", "stage", "tag_on", "tag_off")
clients = st.integers(0, CLIENTS - 1)
picks = st.integers(0, 63)
# 0-3: an operator, 4: the team lead herself, 5: the pool.
targets = st.integers(0, len(OPERATORS) + 1)
# What every run must have exercised at least once, or the examples are too few.
MUST_SEE = (
    "wrote on a customer already moved away (stale cache)",
    "moved a customer with unsent work on the old owner's PC",
    "pulled while a move was held open",
    *(f"sync cut short: {fault}" for fault in FAULTS if fault != "write_during_sync"),
    "wrote between push and pull",
)
MUST_SEE_ON = {
    # SQLite has one writer at a time: every push waits on an open move.
    "sqlite": ("push gave up on the lock of the open move",),
    # PostgreSQL: other moves commit while one is open (newer transaction ids first).
    "postgresql": ("moved while another move was held open",),
}


# -- a fixed engine bug (test_a_teammate_leaving_keeps_everyones_sync_working) ----------------
# pull.py once failed every pull of the team after someone left; people leave again now.
LEAVING_BREAKS_PULL = False


class SyncMachine(RuleBasedStateMachine):
    """One example: a fresh copy of the world, random steps, then settle and compare."""

    pristine: ClassVar[Pristine]
    examples: ClassVar[itertools.count[int]]
    seen: ClassVar[Counter[str]]

    def __init__(self) -> None:
        super().__init__()
        self.minutes = 0
        self._stack = ExitStack()
        folder = self.pristine.folder / f"example-{next(self.examples)}"
        self.world: World = self._stack.enter_context(
            example_world(self.pristine, folder, self.now)
        )
        self.clients: list[Client] = self.world.clients
        p = self.pristine
        self.boss = p.people[TEAM_LEAD]
        self.ledger = Ledger(
            owners=dict(p.owners),
            active={who.id: True for who in p.people.values()},
            events_at_start=p.events_at_start,
            moves_at_start=p.moves_at_start,
        )
        self.held: HeldMove | None = None
        self.held_target: uuid.UUID | None = None
        self.steps = 0

    def now(self) -> datetime:
        return NOW + timedelta(minutes=self.minutes)

    @invariant()
    def count_steps(self) -> None:
        self.steps += 1

    def _saw(self, situation: str) -> None:
        self.seen[situation] += 1
        if currently_in_test_context():
            note(situation)

    # -- what operators do on their PCs ----------------------------------------------------
    def workable(self, client: Client) -> list[uuid.UUID]:
        """The PC's own customers as its cache shows them, hot ones first."""
        with client.cache.connect() as conn:
            owned = (
                conn.execute(
                    select(LEAD.c.id)
                    .where(LEAD.c.owner_id == client.person.id, LEAD.c.deleted_at.is_(None))
                    .order_by(LEAD.c.phone)
                )
                .scalars()
                .all()
            )
        hot = [i for i in owned if i in self.pristine.hot]
        return hot or list(owned)

    def _act(self, client: Client, pick: int, action: Callable[[uuid.UUID], Any]) -> None:
        self.minutes += 1
        leads = self.workable(client)
        if not leads:
            return
        lead_id = leads[pick % len(leads)]
        with client.cache.connect() as conn:
            before = conn.execute(select(func.max(outbox.c.seq))).scalar() or 0
        action(lead_id)
        o = outbox.c
        with client.cache.connect() as conn:
            entries = conn.execute(
                select(o.mutation_id, o.table_name, o.op, o.row_id).where(o.seq > before)
            ).all()
        for mutation_id, table_name, op, row_id in entries:
            self.ledger.entry_leads[mutation_id] = lead_id
            if (op, table_name) == ("insert", "contact_event"):
                self.ledger.logged[row_id] = client.name
        if entries and self.ledger.owners[lead_id] != client.person.id:
            self._saw("wrote on a customer already moved away (stale cache)")

    @rule(c=clients, pick=picks, kind=st.sampled_from((*OUTCOMES, "sent_line")), line=picks)
    def log_event(self, c: int, pick: int, kind: EventKind | str, line: int) -> None:
        """An outcome key, or a copied script line."""
        ws = self.clients[c].workspace
        if kind == "sent_line":
            template_id, line_no = self.pristine.template_lines[
                line % len(self.pristine.template_lines)
            ]
            self._act(
                self.clients[c], pick, lambda lead: ws.record_sent_line(lead, template_id, line_no)
            )
            return
        text = f"备注 {line} 😀" if kind == EventKind.NOTE else ""
        self._act(
            self.clients[c], pick, lambda lead: ws.record_outcome(lead, EventKind(kind), note=text)
        )

    @rule(c=clients, pick=picks, edit=st.sampled_from(EDITS), value=picks)
    def edit_lead(self, c: int, pick: int, edit: str, value: int) -> None:
        """A follow-up time, a stage or a manual tag (a stage change also logs an event)."""
        self._act(self.clients[c], pick, self._edit(self.clients[c], edit, value))

    def _edit(self, client: Client, edit: str, value: int) -> Callable[[uuid.UUID], Any]:
        ws, p = client.workspace, self.pristine
        tag = p.manual_tags[value % len(p.manual_tags)]
        return {
            "follow_up": lambda lead: ws.set_follow_up(lead, NOW + timedelta(hours=value + 1)),
            "clear_follow_up": lambda lead: ws.set_follow_up(lead, None),
            "stage": lambda lead: ws.set_stage(lead, p.stage_keys[value % len(p.stage_keys)]),
            "tag_on": lambda lead: ws.set_tag(lead, tag, True),
            "tag_off": lambda lead: ws.set_tag(lead, tag, False),
        }[edit]

    # -- sync cycles -----------------------------------------------------------------------
    @rule(c=clients)
    def sync(self, c: int) -> None:
        self._sync(self.clients[c])

    @rule(person=st.integers(0, len(PCS) - 1))
    def sync_every_pc_of(self, person: int) -> None:
        for client in self.clients:
            if client.person.login == PCS[person][0]:
                self._sync(client)

    @rule(c=clients, fault=st.sampled_from(FAULTS), pick=picks, edit=st.sampled_from(EDITS))
    def sync_with_fault(self, c: int, fault: str, pick: int, edit: str) -> None:
        """A cycle cut short (the process survives), or the operator writes mid-cycle.

        A push-side fault goes to a PC with unsent work when there is one.
        """
        unsent = [cl for cl in self.clients if pending_count(cl.cache)]
        pushing = fault in ("push_apply", "ack_lost") and unsent
        client = unsent[c % len(unsent)] if pushing else self.clients[c]

        def write() -> None:
            self._act(client, pick, self._edit(client, edit, pick))
            self._saw("wrote between push and pull")

        self._sync(client, fault, write)

    def _sync(
        self, client: Client, fault: str | None = None, write: Callable[[], None] | None = None
    ) -> None:
        self.minutes += 1
        try:
            with injected(fault, write):
                sync_once(self.world.shared, client.cache, client.person, clock=self.now)
        except InjectedFault:
            self._saw(f"sync cut short: {fault}")
        except DatabaseUnavailable:
            if fault in ("push_apply", "connection_lost"):
                self._saw(f"sync cut short: {fault}")
            elif self.held is not None:
                self._saw("push gave up on the lock of the open move")
            else:
                raise
        else:
            if self.held is not None:
                self._saw("pulled while a move was held open")

    # -- the team lead's moves on the shared database ----------------------------------------
    def _target(self, to: int) -> uuid.UUID | None:
        logins = (*OPERATORS, TEAM_LEAD)
        return self.pristine.people[logins[to]].id if to < len(logins) else None

    def _may_receive(self, to: uuid.UUID | None) -> bool:
        return to is None or self.ledger.active[to]

    def _hot(self, leads: list[int]) -> list[uuid.UUID]:
        return [self.pristine.hot[i % len(self.pristine.hot)] for i in leads]

    def _moved(self, moved: list[uuid.UUID], to: uuid.UUID | None) -> None:
        for lead_id in moved:
            old = self.ledger.owners[lead_id]
            if old is not None and self._unsent_work(old, lead_id):
                self._saw("moved a customer with unsent work on the old owner's PC")
            self.ledger.owners[lead_id] = to
            self.ledger.ever_moved.add(lead_id)
        self.ledger.moves += len(moved)

    def _unsent_work(self, owner: uuid.UUID, lead_id: uuid.UUID) -> bool:
        entries = [m for m, lead in self.ledger.entry_leads.items() if lead == lead_id]
        for client in self.clients:
            if client.person.id != owner or not entries:
                continue
            with client.cache.connect() as conn:
                stmt = (
                    select(func.count())
                    .select_from(outbox)
                    .where(outbox.c.status == "pending", outbox.c.mutation_id.in_(entries))
                )
                if conn.execute(stmt).scalar_one():
                    return True
        return False

    @rule(leads=st.lists(picks, min_size=1, max_size=3), to=targets, receiver_syncs=st.booleans())
    def reassign(self, leads: list[int], to: int, receiver_syncs: bool) -> None:
        """A move; often the receiver's PCs sync right away, as after a notification."""
        self.minutes += 1
        target = self._target(to)
        if not self._may_receive(target):
            return
        try:
            moved = reassign_leads(
                self.world.shared, self._hot(leads), target, actor_id=self.boss.id, now=self.now()
            )
        except OperationalError:
            if self.held is None:
                raise
            return  # waited on the open move's lock and gave up: nothing moved
        if moved and self.held is not None:
            self._saw("moved while another move was held open")
        self._moved(moved, target)
        for client in self.clients:
            if receiver_syncs and client.person.id == target:
                self._sync(client)

    @precondition(lambda self: not LEAVING_BREAKS_PULL and all(self.ledger.active.values()))
    @rule(who=st.integers(0, len(OPERATORS) - 1), to=targets)
    def operator_leaves(self, who: int, to: int) -> None:
        self.minutes += 1
        leaver = self.pristine.people[OPERATORS[who]].id
        target = self._target(to)
        target = None if target == leaver else target
        theirs = sorted((i for i, owner in self.ledger.owners.items() if owner == leaver), key=str)
        try:
            moved = operator_leaves(
                self.world.shared, leaver, target, actor_id=self.boss.id, now=self.now()
            )
        except OperationalError:
            if self.held is None:
                raise
            return
        assert sorted(moved, key=str) == theirs
        self.ledger.active[leaver] = False
        self._moved(moved, target)

    @precondition(lambda self: self.held is None)
    @rule(leads=st.lists(picks, min_size=1, max_size=3), to=targets)
    def begin_held_move(self, leads: list[int], to: int) -> None:
        """The team lead's move is applied but not committed while the next steps run."""
        self.minutes += 1
        target = self._target(to)
        if not self._may_receive(target):
            return
        ids, at, boss = self._hot(leads), self.now(), self.boss.id
        self.held = HeldMove(
            self.world.held_engine,
            lambda engine: reassign_leads(engine, ids, target, actor_id=boss, now=at),
        )
        self.held_target = target

    @precondition(lambda self: self.held is not None)
    @rule()
    def commit_held_move(self) -> None:
        self.minutes += 1
        assert self.held is not None
        held, self.held = self.held, None
        self._moved(held.finish(), self.held_target)

    # -- the end of an example -------------------------------------------------------------
    def teardown(self) -> None:
        self.seen["examples"] += 1
        self.seen["steps"] += self.steps
        try:
            if self.held is not None:
                self.commit_held_move()
            self.settle()
            assert not (problems := self.problems()), "\n".join(problems[:20])
        finally:
            self.close()

    def close(self) -> None:
        """Release an open move and remove this example's databases and caches."""
        try:
            if self.held is not None:
                held, self.held = self.held, None
                held.finish()
        finally:
            self._stack.close()

    def settle(self) -> None:
        """Every PC syncs until its outbox is empty, then one more full round."""
        for _ in range(5):
            for client in self.clients:
                self._sync(client)
            if not any(pending_count(c.cache) for c in self.clients):
                break
        else:
            raise AssertionError("the outboxes never emptied")
        wait_for_horizon(self.world.shared)
        for client in self.clients:
            self.minutes += 1
            sync_once(self.world.shared, client.cache, client.person, clock=self.now)

    def problems(self) -> list[str]:
        found = server_divergences(self.world.shared, self.clients, self.ledger)
        found += [describe(refusal) for refusal in unexpected_refusals(self.clients, self.ledger)]
        for client in self.clients:
            found += client_divergences(self.world.shared, client)
        return found


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PristineWorlds]:
    with ExitStack() as stack:
        yield PristineWorlds(tmp_path_factory.mktemp("sync-property"), stack)


@pytest.fixture
def machine(shared_engine: Engine, worlds: PristineWorlds) -> type[SyncMachine]:
    """The state machine over the pristine world of ``shared_engine``'s backend."""
    pristine, examples = worlds.get(shared_engine)
    attrs = {"pristine": pristine, "examples": examples, "seen": Counter()}
    return type(f"SyncMachine_{pristine.backend}", (SyncMachine,), attrs)


def test_clients_converge_with_the_server(machine: type[SyncMachine]) -> None:
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=int(SCALE or EXAMPLES[machine.pristine.backend]),
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
    print("situations:", dict(machine.seen))
    must = (*MUST_SEE, *MUST_SEE_ON[machine.pristine.backend])
    unseen = [s for s in must if not machine.seen[s]]
    assert not unseen, f"the examples never exercised: {unseen}; raise EXAMPLES"


# -- the check notices a divergence -------------------------------------------------
@pytest.fixture
def example(machine: type[SyncMachine]) -> Iterator[SyncMachine]:
    """One example's world, for hand-written scenarios; removed afterwards."""
    state = machine()
    try:
        yield state
    finally:
        state.close()


def _pc(state: SyncMachine, name: str) -> tuple[int, Client]:
    index = next(i for i, c in enumerate(state.clients) if c.name == name)
    return index, state.clients[index]


def test_the_check_notices_a_divergence(example: SyncMachine) -> None:
    pc, client = _pc(example, "wangfang#1")
    hot = example.workable(client)
    example.log_event(pc, 0, EventKind.REPLIED, 0)
    example.edit_lead(pc, 0, "stage", 1)
    example.edit_lead(pc, 1, "tag_on", 0)
    example.settle()
    assert example.problems() == []

    expected = tamper(example.world, hot)
    example.settle()

    problems = example.problems()
    missed = [what for what, says in expected.items() if not any(says in p for p in problems)]
    assert not missed, (missed, problems)


# -- regression tests for engine bugs the property test found ----------------------------------
def _sync(state: SyncMachine, client: Client) -> None:
    sync_once(state.world.shared, client.cache, client.person, clock=state.now)


def _postgres_only(state: SyncMachine) -> None:
    if state.pristine.backend == "sqlite":
        pytest.skip("SQLite serialises writers: nothing commits while a move is open")


def test_pull_with_an_older_transaction_open_keeps_events_with_their_lead(
    example: SyncMachine,
) -> None:
    _postgres_only(example)
    pc, old_pc = _pc(example, "wangfang#1")
    _, new_pc = _pc(example, "lijing#1")
    lead_id = example.workable(old_pc)[0]
    example.log_event(pc, 0, EventKind.REPLIED, 0)
    _sync(example, old_pc)
    wait_for_horizon(example.world.shared)  # the event is below every open transaction
    # Any older write transaction left open: here the team lead's move of another customer.
    example.begin_held_move([HOT_PER_OPERATOR * 2], 5)  # zhouhao's first hot customer
    reassign_leads(example.world.shared, [lead_id], new_pc.person.id, now=NOW)

    # Found by the property test: the event arrived without its lead (FOREIGN KEY failure
    # in the cache), as the window ends at xmin but scope is judged in the whole snapshot.
    _sync(example, new_pc)

    example.commit_held_move()
    wait_for_horizon(example.world.shared)
    _sync(example, new_pc)
    assert client_divergences(example.world.shared, new_pc) == []


def test_a_tag_removed_offline_after_another_pc_added_it_stays_removed(
    example: SyncMachine,
) -> None:
    _, pc1 = _pc(example, "wangfang#1")
    _, pc2 = _pc(example, "wangfang#2")
    lead_id, tag = example.workable(pc1)[0], example.pristine.manual_tags[0]
    pc1.workspace.set_tag(lead_id, tag, True)
    _sync(example, pc1)
    pc2.workspace.set_tag(lead_id, tag, True)  # offline on the second PC: added, then removed
    pc2.workspace.set_tag(lead_id, tag, False)

    summary = sync_once(example.world.shared, pc2.cache, pc2.person, clock=example.now)

    # Found by the property test: the merged row's later edit was refused as "moved
    # to a colleague or deleted" and the removal lost (fixed by one id per tag and lead).
    assert summary.rejections == []
    with example.world.shared.connect() as conn:
        removed = conn.execute(
            select(LEAD_TAG.c.deleted_at)
            .join(TAG, TAG.c.id == LEAD_TAG.c.tag_id)
            .where(LEAD_TAG.c.lead_id == lead_id, TAG.c.name == tag)
        ).scalar_one()
    assert removed is not None, "the tag the operator removed is still on"


def test_a_move_racing_an_operator_leaving_never_gives_them_a_customer(
    example: SyncMachine,
) -> None:
    _postgres_only(example)
    leaver = example.pristine.people["wangfang"].id
    # The team lead gives a pool customer to wangfang; before that commits, wangfang leaves:
    # the leaving waits for the move in flight (and gives up at the lock timeout), ...
    example.begin_held_move([len(example.pristine.hot) - 1], 0)
    with pytest.raises(OperationalError):
        operator_leaves(example.world.shared, leaver, None, now=NOW)
    example.commit_held_move()
    # ... and once it has landed, leaving takes that customer along with the rest.
    operator_leaves(example.world.shared, leaver, None, now=NOW)

    with example.world.shared.connect() as conn:
        kept = conn.execute(
            select(func.count()).select_from(LEAD).where(LEAD.c.owner_id == leaver)
        ).scalar_one()
    assert kept == 0, "a customer belongs to an operator who left"


def test_a_teammate_leaving_keeps_everyones_sync_working(example: SyncMachine) -> None:
    leaver = example.pristine.people["lijing"].id
    operator_leaves(example.world.shared, leaver, None, now=NOW)
    for name in ("wangfang#1", "zhaomin#1", "lijing#1"):
        _, pc = _pc(example, name)
        _sync(example, pc)
        assert client_divergences(example.world.shared, pc) == []
