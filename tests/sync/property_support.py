"""Support for the sync property test: per-example worlds, injected faults, the convergence check.

A *pristine world* is built once per backend: the demo team seeded into a
shared database, plus one loaded cache per person. Every Hypothesis example
then runs on exact copies of it (SQLite: the backup API; PostgreSQL: CREATE
DATABASE … TEMPLATE), so examples are independent and replayable, and the
ids in the world are the same in every example of a run.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import psycopg
from sqlalchemy import Engine, Table, event, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from operator_app.core.domain import EventKind
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.cache import lead_queue, outbox, prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.sync import engine as sync_engine
from operator_app.sync import pull as sync_pull
from operator_app.sync import push as sync_push
from operator_app.sync.snapshot import lead_scope, load_scope
from tests.conftest import throwaway_pg_database
from tests.sync.conftest import NOW

LEAD: Table = m.Lead.__table__  # type: ignore[attr-defined]
EVENT: Table = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD_TAG: Table = m.LeadTag.__table__  # type: ignore[attr-defined]
OPERATOR: Table = m.Operator.__table__  # type: ignore[attr-defined]
TAG: Table = m.Tag.__table__  # type: ignore[attr-defined]
STAGE: Table = m.LifecycleStage.__table__  # type: ignore[attr-defined]
TEMPLATE: Table = m.Template.__table__  # type: ignore[attr-defined]
TEMPLATE_LINE: Table = m.TemplateLine.__table__  # type: ignore[attr-defined]

OPERATORS = ("wangfang", "lijing", "zhouhao", "liuyang")
TEAM_LEAD = "zhaomin"
# Two or three PCs per person, each with its own cache file and device id: 11 clients.
PCS = (("wangfang", 3), ("lijing", 2), ("zhouhao", 2), ("liuyang", 2), ("zhaomin", 2))
HOT_PER_OPERATOR = 3  # the leads the random operations concentrate on, so they collide
HOT_FROM_POOL = 2
# While a team lead's move holds its transaction open, other writers give up quickly
# (a push then fails as "server unavailable" and is retried later) instead of waiting.
LOCK_WAIT_MS = 100


# -- the pristine world ------------------------------------------------------------------
@dataclass(frozen=True)
class Pristine:
    """The seeded shared database and one loaded cache per person, copied for every example."""

    backend: str  # "sqlite" | "postgresql"
    url: str
    folder: Path
    caches: dict[str, Path]
    people: dict[str, OperatorInfo]
    owners: dict[uuid.UUID, uuid.UUID | None]  # every lead's owner at the start
    hot: tuple[uuid.UUID, ...]
    stage_keys: tuple[str, ...]
    manual_tags: tuple[str, ...]
    template_lines: tuple[tuple[uuid.UUID, int], ...]
    events_at_start: int
    moves_at_start: int  # reassigned events in the seed


def build_pristine(shared_engine: Engine, folder: Path, stack: ExitStack) -> Pristine:
    """Seed the demo team on the backend of ``shared_engine`` and load every person's cache.

    ``stack`` owns what must outlive the call (PostgreSQL: the template database).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if shared_engine.dialect.name == "sqlite":
        shared = shared_engine
    else:
        # The session database cannot be a template while other tests' pools hold
        # connections to it: the pristine world gets a database of its own.
        url = stack.enter_context(throwaway_pg_database("opdesk_prop"))
        shared = make_engine(url)
        migrate.upgrade_to_head(shared)
    try:
        seed_demo(shared, leads=120, days=10, seed=11, now=NOW)
        people = {login: _person(shared, login) for login in (*OPERATORS, TEAM_LEAD)}
        caches = {
            login: _load_cache(shared, folder / f"pristine-{login}.sqlite3", who)
            for login, who in people.items()
        }
        if shared.dialect.name == "sqlite":  # kept beside the caches, outliving its test
            url = f"sqlite:///{folder / 'pristine-shared.sqlite3'}"
            _copy_sqlite(Path(shared.url.database or ""), Path(make_url(url).database or ""))
        pristine = _describe(shared, url, folder, caches, people)
    finally:
        shared.dispose()  # a template database must have no connections
    return pristine


@dataclass
class PristineWorlds:
    """Pristine worlds, built once per backend for a module's tests, then only copied."""

    folder: Path
    stack: ExitStack
    built: dict[str, tuple[Pristine, itertools.count[int]]] = field(default_factory=dict)

    def get(self, shared_engine: Engine) -> tuple[Pristine, itertools.count[int]]:
        """This backend's pristine world and its example counter (for folder names)."""
        backend = shared_engine.dialect.name
        if backend not in self.built:
            pristine = build_pristine(shared_engine, self.folder / backend, self.stack)
            self.built[backend] = (pristine, itertools.count())
        return self.built[backend]


def _person(shared: Engine, login: str) -> OperatorInfo:
    found = find_operator(shared, login)
    assert found is not None, login
    return found


def _load_cache(shared: Engine, path: Path, who: OperatorInfo) -> Path:
    cache = make_engine(f"sqlite:///{path}")
    try:
        prepare_cache(cache)
        load_scope(shared, cache, who)
        Workspace(cache, who, "pristine", clock=lambda: NOW).refresh_suggestions()
    finally:
        cache.dispose()
    return path


def _describe(
    shared: Engine,
    url: str,
    folder: Path,
    caches: dict[str, Path],
    people: dict[str, OperatorInfo],
) -> Pristine:
    team = people[TEAM_LEAD].team_id
    with shared.connect() as conn:
        # Ordered by phone, not id: the seed fixes phones, while ids are random per run.
        leads = conn.execute(select(LEAD.c.id, LEAD.c.owner_id).order_by(LEAD.c.phone)).all()
        stage_keys = conn.execute(
            select(STAGE.c.key).where(STAGE.c.team_id == team).order_by(STAGE.c.key)
        ).scalars()
        manual_tags = conn.execute(
            select(TAG.c.name)
            .where(TAG.c.team_id == team, TAG.c.rule.is_(None))
            .order_by(TAG.c.name)
        ).scalars()
        lines = conn.execute(
            select(TEMPLATE_LINE.c.template_id, TEMPLATE_LINE.c.line_no)
            .join(TEMPLATE, TEMPLATE.c.id == TEMPLATE_LINE.c.template_id)
            .where(TEMPLATE.c.team_id == team)
            .order_by(TEMPLATE.c.key, TEMPLATE_LINE.c.line_no)
        ).all()
        events, moves = _event_counts(conn)
        stage_list, tag_list = tuple(stage_keys), tuple(manual_tags)
    hot: list[uuid.UUID] = []
    for login in OPERATORS:
        hot += [i for i, owner in leads if owner == people[login].id][:HOT_PER_OPERATOR]
    hot += [i for i, owner in leads if owner is None][:HOT_FROM_POOL]
    return Pristine(
        backend=shared.dialect.name,
        url=url,
        folder=folder,
        caches=caches,
        people=people,
        owners=dict(leads),
        hot=tuple(hot),
        stage_keys=stage_list,
        manual_tags=tag_list,
        template_lines=tuple((t, int(n)) for t, n in lines),
        events_at_start=events,
        moves_at_start=moves,
    )


def _event_counts(conn: Any) -> tuple[int, int]:
    """(all events, reassigned events) on the server."""
    kind = EVENT.c.kind == EventKind.REASSIGNED.value
    total, moves = conn.execute(
        select(func.count(), func.count().filter(kind)).select_from(EVENT)
    ).one()
    return int(total), int(moves)


# -- one example's world -----------------------------------------------------------------
@dataclass
class Client:
    """One PC: a person, their cache file and a workspace with this PC's device id."""

    name: str
    person: OperatorInfo
    cache: Engine
    workspace: Workspace

    @property
    def device_id(self) -> str:
        return self.workspace.device_id


@dataclass
class World:
    shared: Engine  # what the clients and the team lead's quick moves use
    held_engine: Engine  # a second engine for the team lead's long-open move
    clients: list[Client]
    pristine: Pristine


@contextmanager
def example_world(pristine: Pristine, folder: Path, clock: Callable[[], Any]) -> Iterator[World]:
    """Fresh copies of the pristine shared database and caches; dropped afterwards."""
    folder.mkdir(parents=True)
    with ExitStack() as stack:
        url = stack.enter_context(_copy_shared(pristine, folder))
        shared = make_engine(url)
        stack.callback(shared.dispose)
        _short_lock_waits(shared)
        held = make_engine(url)
        stack.callback(held.dispose)
        clients: list[Client] = []
        for login, count in PCS:
            for pc in range(1, count + 1):
                path = folder / f"cache-{login}-{pc}.sqlite3"
                _copy_sqlite(pristine.caches[login], path)
                cache = make_engine(f"sqlite:///{path}")
                stack.callback(cache.dispose)
                who = pristine.people[login]
                workspace = Workspace(cache, who, f"pc-{login}-{pc}", clock=clock)
                clients.append(Client(f"{login}#{pc}", who, cache, workspace))
        yield World(shared, held, clients, pristine)


@contextmanager
def _copy_shared(pristine: Pristine, folder: Path) -> Iterator[str]:
    if pristine.backend == "sqlite":
        path = folder / "shared.sqlite3"
        _copy_sqlite(Path(make_url(pristine.url).database or ""), path)
        yield f"sqlite:///{path}"
        return
    source = make_url(pristine.url)
    name = f"{source.database}_{folder.name}"[:63]
    with _pg_admin(pristine.url) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"')
    try:
        yield source.set(database=name).render_as_string(hide_password=False)
    finally:
        with _pg_admin(pristine.url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_admin(url: str) -> psycopg.Connection[Any]:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port or 5432, user=u.username, dbname="postgres", autocommit=True
    )


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy (WAL included) through SQLite's backup API."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _short_lock_waits(engine: Engine) -> None:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if engine.dialect.name == "sqlite":
            cur.execute(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
        else:
            cur.execute(f"SET lock_timeout = '{LOCK_WAIT_MS}ms'")
            cur.execute("SET statement_timeout = '30s'")
        cur.close()
        if engine.dialect.name != "sqlite":
            dbapi_conn.commit()

    event.listen(engine, "connect", on_connect)


# -- a team lead's move whose transaction stays open -------------------------------------
class HeldMove:
    """Runs a move on another thread and holds its COMMIT until ``finish()``.

    Meanwhile the test's thread syncs, writes and moves other leads: the
    situation where a plain sequence cursor skips rows (sync-notes.md).
    """

    def __init__(self, engine: Engine, move: Callable[[Engine], list[uuid.UUID]]) -> None:
        self._reached = threading.Event()
        self._release = threading.Event()
        self._result: list[uuid.UUID] = []
        self._error: BaseException | None = None
        self._engine = engine
        event.listen(engine, "commit", self._before_commit)
        self._thread = threading.Thread(target=self._run, args=(move,), daemon=True)
        self._thread.start()
        while not self._reached.wait(0.01):
            if not self._thread.is_alive():
                break

    def _before_commit(self, _conn: Any) -> None:
        self._reached.set()
        self._release.wait(60)

    def _run(self, move: Callable[[Engine], list[uuid.UUID]]) -> None:
        try:
            self._result = move(self._engine)
        except BaseException as exc:  # handed to the test's thread by finish()
            self._error = exc

    def finish(self) -> list[uuid.UUID]:
        self._release.set()
        self._thread.join(60)
        event.remove(self._engine, "commit", self._before_commit)
        assert not self._thread.is_alive(), "the held move never finished"
        if self._error is not None:
            raise self._error
        return self._result


# -- injected faults ---------------------------------------------------------------------
class InjectedFault(Exception):
    """Raised inside a sync cycle by the test: the process survives, the cycle aborts."""


# Where a sync cycle is cut short:
FAULT_POINTS = {
    # the connection drops mid-batch, after the first entry was applied (all rolled back)
    "push_apply": (sync_push, "apply_entry"),
    # after the server committed the batch, before the cache marks it sent
    "ack_lost": (sync_push, "_acknowledge"),
    # in the pull's local transaction, after every row was written (rolled back)
    "pull_apply": (sync_pull, "set_meta"),
    # the connection drops after the push, before the pull reads anything
    "connection_lost": (sync_pull, "_fetch"),
    # not a fault: the operator records something between push and pull
    "write_during_sync": (sync_engine, "_pull"),
}
FAULTS = tuple(FAULT_POINTS)


@contextmanager
def injected(fault: str | None, local_write: Callable[[], None] | None = None) -> Iterator[None]:
    """Inside the block, sync cycles meet ``fault`` (None: none)."""
    if fault is None:
        yield
        return
    module, name = FAULT_POINTS[fault]
    original = getattr(module, name)

    def run(*args: Any, **kwargs: Any) -> Any:
        if fault == "write_during_sync":
            assert local_write is not None
            local_write()
            return original(*args, **kwargs)
        if fault == "push_apply":
            original(*args, **kwargs)
        if fault in ("push_apply", "connection_lost"):
            raise OperationalError("…", {}, Exception("server closed the connection unexpectedly"))
        raise InjectedFault(fault)

    with mock.patch.object(module, name, run):
        yield


# -- settling and the check --------------------------------------------------------------
def wait_for_horizon(shared: Engine, timeout: float = 120.0) -> None:
    """PostgreSQL: wait until every transaction that started before now has ended.

    A pull only takes changes below the oldest running transaction of the
    whole cluster; a long transaction of some other program (another test
    run) would otherwise look like a sync bug in the final comparison.
    """
    if shared.dialect.name != "postgresql":
        return
    query = "SELECT pg_snapshot_{}(pg_current_snapshot())::text::bigint"
    with shared.connect() as conn:
        target = int(conn.execute(text(query.format("xmax"))).scalar_one())
    deadline = time.monotonic() + timeout
    while True:
        with shared.connect() as conn:
            if int(conn.execute(text(query.format("xmin"))).scalar_one()) >= target:
                return
        if time.monotonic() > deadline:
            raise AssertionError("a transaction elsewhere on the PostgreSQL cluster stayed open")
        time.sleep(0.05)


def _rows(conn: Any, table: Table, *where: Any) -> dict[uuid.UUID, dict[str, Any]]:
    return {r["id"]: dict(r) for r in conn.execute(select(table).where(*where)).mappings()}


def _compare(
    what: str,
    server: dict[Any, dict[str, Any]],
    cache: dict[Any, dict[str, Any]],
    fields: tuple[str, ...] | None = None,
) -> list[str]:
    problems = []
    missing, extra = server.keys() - cache.keys(), cache.keys() - server.keys()
    if missing:
        problems.append(
            f"{what}: {len(missing)} on the server but not in the cache, e.g. {_few(missing)}"
        )
    if extra:
        problems.append(
            f"{what}: {len(extra)} in the cache but not on the server, e.g. {_few(extra)}"
        )
    for key in sorted(server.keys() & cache.keys(), key=str):
        names = fields or tuple(server[key])
        differ = {
            n: (server[key][n], cache[key][n]) for n in names if server[key][n] != cache[key][n]
        }
        if differ:
            shown = ", ".join(f"{n}: server {s!r} / cache {c!r}" for n, (s, c) in differ.items())
            problems.append(f"{what} {key}: {shown}")
    return problems


def _few(ids: Any) -> str:
    return ", ".join(sorted(str(i) for i in ids)[:3])


# The lead fields the brief names, plus the rest of the row the operator sees.
LEAD_FIELDS = tuple(c.name for c in LEAD.columns)
EVENT_FIELDS = tuple(c.name for c in EVENT.columns)
LEAD_TAG_FIELDS = tuple(c.name for c in LEAD_TAG.columns)
OPERATOR_FIELDS = ("id", "active", "version", "role")


def client_divergences(shared: Engine, client: Client) -> list[str]:
    """Where this PC's cache differs from what the server shows its person (empty: none)."""
    who = client.person
    in_scope = select(LEAD.c.id).where(lead_scope(who))
    with shared.connect() as conn:
        server = {
            "lead": _rows(conn, LEAD, lead_scope(who)),
            "contact_event": _rows(conn, EVENT, EVENT.c.lead_id.in_(in_scope)),
            "lead_tag": _rows(conn, LEAD_TAG, LEAD_TAG.c.lead_id.in_(in_scope)),
            "operator": _rows(conn, OPERATOR, OPERATOR.c.team_id == who.team_id),
        }
    with client.cache.connect() as conn:
        cache = {
            name: _rows(conn, table)
            for name, table in (
                ("lead", LEAD),
                ("contact_event", EVENT),
                ("lead_tag", LEAD_TAG),
                ("operator", OPERATOR),
            )
        }
        pending = conn.execute(
            select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
        ).scalar_one()
        queued = set(conn.execute(select(lead_queue.c.lead_id)).scalars())
    problems = [f"{pending} outbox entries still pending"] if pending else []
    problems += _compare("lead", server["lead"], cache["lead"], LEAD_FIELDS)
    problems += _compare(
        "contact_event", server["contact_event"], cache["contact_event"], EVENT_FIELDS
    )
    problems += _compare("lead_tag", server["lead_tag"], cache["lead_tag"], LEAD_TAG_FIELDS)
    problems += _compare("operator", server["operator"], cache["operator"], OPERATOR_FIELDS)
    # The Today list shows exactly the customers this person owns.
    owned = {
        i for i, r in cache["lead"].items() if r["owner_id"] == who.id and r["deleted_at"] is None
    }
    if queued != owned:
        problems.append(
            f"lead_queue: {len(queued - owned)} rows for leads not owned, "
            f"{len(owned - queued)} owned leads without a row"
        )
    return [f"{client.name}: {p}" for p in problems]


@dataclass
class Ledger:
    """What the test did, to hold the server to: the oracle of the example."""

    owners: dict[uuid.UUID, uuid.UUID | None]
    active: dict[uuid.UUID, bool]
    events_at_start: int
    moves_at_start: int
    logged: dict[uuid.UUID, str] = field(default_factory=dict)  # event id -> client name
    entry_leads: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # mutation -> lead
    moves: int = 0
    ever_moved: set[uuid.UUID] = field(default_factory=set)


def server_divergences(shared: Engine, clients: list[Client], ledger: Ledger) -> list[str]:
    """Where the server differs from the ledger: lost, doubled or unexplained rows, owners."""
    devices = [c.device_id for c in clients]
    with shared.connect() as conn:
        ours = (
            conn.execute(select(EVENT.c.id).where(EVENT.c.device_id.in_(devices))).scalars().all()
        )
        total, moves = _event_counts(conn)
        notes = int(
            conn.execute(
                select(func.count()).select_from(EVENT).where(EVENT.c.device_id == "sync")
            ).scalar_one()
        )
        owners = dict(conn.execute(select(LEAD.c.id, LEAD.c.owner_id)).all())
        active = dict(conn.execute(select(OPERATOR.c.id, OPERATOR.c.active)).all())
    problems = []
    lost = ledger.logged.keys() - set(ours)
    if lost:
        problems.append(
            f"{len(lost)} logged events never reached the server, e.g. "
            + ", ".join(f"{e} by {ledger.logged[e]}" for e in sorted(lost, key=str)[:3])
        )
    if len(ours) != len(set(ours)) or set(ours) - ledger.logged.keys():
        problems.append(
            f"the server holds {len(ours)} events from the test's PCs, "
            f"{len(ledger.logged)} were logged"
        )
    expected = ledger.events_at_start + len(ledger.logged) + ledger.moves + notes
    if total != expected:
        problems.append(f"the server holds {total} events, expected {expected}")
    if moves != ledger.moves_at_start + ledger.moves:
        problems.append(
            f"{moves} reassigned events on the server, expected "
            f"{ledger.moves_at_start} + {ledger.moves} moves"
        )
    wrong = {i for i, owner in ledger.owners.items() if owners.get(i) != owner}
    if wrong:
        problems.append(f"{len(wrong)} leads have another owner than the team lead gave them")
    if {i: a for i, a in active.items() if i in ledger.active} != ledger.active:
        problems.append("operator.active differs from the moves made")
    return problems


@dataclass(frozen=True)
class Refusal:
    """An outbox entry the server rejected for good."""

    client: Client
    op: str
    table_name: str
    row_id: uuid.UUID
    lead_id: uuid.UUID | None
    reason: str


def unexpected_refusals(clients: list[Client], ledger: Ledger) -> list[Refusal]:
    """Rejected entries other than edits of a customer the team lead moved (events: never)."""
    found = []
    o = outbox.c
    for client in clients:
        with client.cache.connect() as conn:
            rejected = conn.execute(
                select(o.mutation_id, o.op, o.table_name, o.row_id, o.last_error).where(
                    o.status == "rejected"
                )
            ).all()
        for mutation_id, op, table_name, row_id, reason in rejected:
            lead_id = ledger.entry_leads.get(mutation_id)
            if table_name == "contact_event" or lead_id not in ledger.ever_moved:
                found.append(Refusal(client, op, table_name, row_id, lead_id, reason or ""))
    return found


def describe(refusal: Refusal) -> str:
    r = refusal
    return (
        f"{r.client.name}: {r.op} {r.table_name} {r.row_id} on lead {r.lead_id} "
        f"rejected although the lead was never moved: {r.reason}"
    )


# -- showing that the check notices a divergence ------------------------------------------
def tamper(world: World, hot: list[uuid.UUID]) -> dict[str, str]:
    """Hand-made divergences, to show the check notices them: what it must say about each."""
    pc = next(c for c in world.clients if c.name == "wangfang#1")
    with pc.cache.begin() as conn:  # a cache drifts from the server
        conn.execute(update(LEAD).where(LEAD.c.id == hot[0]).values(stage_id=None))
    with world.shared.begin() as conn:
        ours = select(EVENT).where(EVENT.c.device_id == pc.device_id).order_by(EVENT.c.kind)
        lost, doubled = conn.execute(ours).mappings().all()[:2]
        conn.execute(EVENT.delete().where(EVENT.c.id == lost["id"]))
        conn.execute(EVENT.insert(), [dict(doubled) | {"id": uuid.uuid4()}])
        # To the pool without a trace in the scope log: the old owner's cache keeps it.
        conn.execute(update(LEAD).where(LEAD.c.id == hot[1]).values(owner_id=None))
        conn.exec_driver_sql("DELETE FROM lead_scope_change")
    return {
        "a cache's stage": f"wangfang#1: lead {hot[0]}: stage_id",
        "an event lost": f"never reached the server, e.g. {lost['id']}",
        "an event doubled": "events from the test's PCs",
        "a lead left in the old owner's cache": "wangfang#1: lead: 1 in the cache but not on",
        "an owner the team lead did not choose": "another owner than the team lead gave them",
    }
